"""Read stage: find chapter files, turn their bytes into `Source` text.

UTF-8 (with or without BOM) first, Windows-1252 only when the bytes are not
UTF-8; newlines normalised to LF; YAML front matter kept aside verbatim.
"""

from __future__ import annotations

import re
from pathlib import Path

from ._discover import CHAPTER_SUFFIXES, ChapterFile, discover
from ._errors import InputError
from ._model import Diagnostic, Source

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

__all__ = [
    "CHAPTER_SUFFIXES",
    "MAX_CHAPTER_BYTES",
    "ChapterFile",
    "decode",
    "discover",
    "read_source",
]


MAX_CHAPTER_BYTES = 10_000_000
"""Chapters larger than this are refused: processing one takes time and memory in
proportion (about 1.4 s and 40 MB per MB), and real chapters are far smaller."""


def read_source(chapter: ChapterFile, max_bytes: int = MAX_CHAPTER_BYTES) -> Source:
    """Read one chapter file into a `Source`; raise `InputError` if it is not text."""
    path = Path(chapter.path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                chapter.path,
                f"is {size / 1e6:.1f} MB; chapters over {max_bytes / 1e6:g} MB are refused "
                "(raise --max-chapter-size to process it)",
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(chapter.path, error.strerror or "cannot be read") from error
    return decode(chapter.path, data)


def decode(path: str, data: bytes) -> Source:
    """Decode a chapter's bytes, split off front matter, and normalise newlines."""
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not a text chapter")
    diagnostics: list[Diagnostic] = []
    canonical = b"\r" not in data
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        canonical = False
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
            canonical = False
        except UnicodeDecodeError:
            raise InputError(
                path, f"not UTF-8 (invalid byte at offset {error.start}) and not Windows-1252"
            ) from None
        diagnostics.append(
            Diagnostic(
                "info",
                "encoding-cp1252",
                path,
                1,
                1,
                "file is not UTF-8; read as Windows-1252 and written as UTF-8",
            )
        )
    if text and len(_CONTROL.findall(text)) * 3 > len(text):
        raise InputError(path, "largely control characters, not a text chapter")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front_matter = ""
    match = _FRONT_MATTER.match(text)
    if match:
        front_matter = match.group(0)
        if not front_matter.endswith("\n"):
            front_matter += "\n"
        text = text[match.end() :]
    return Source(
        path=path,
        text=text,
        encoding=encoding,
        front_matter=front_matter,
        line_offset=front_matter.count("\n"),
        diagnostics=tuple(diagnostics),
        canonical=canonical,
    )
