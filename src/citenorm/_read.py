"""Read stage: find chapter files, turn their bytes into `Source` text.

UTF-8 (with or without BOM) first, Windows-1252 only when the bytes are not
UTF-8; newlines normalised to LF; YAML front matter kept aside verbatim.
"""

from __future__ import annotations

import os
import re
import stat

from ._discover import CHAPTER_SUFFIXES, ChapterFile, discover
from ._errors import InputError
from ._model import Diagnostic, Source

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_CONTROL_CHARACTERS = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]]
"""Control characters other than tab and newlines (counted without building a list)."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""One of them: one pass over the text, where counting each takes thirty."""

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
proportion (about 2 s of CPU and 40 MB per MB), and real chapters are far smaller."""


def read_source(chapter: ChapterFile, max_bytes: int = MAX_CHAPTER_BYTES) -> Source:
    """Read one chapter file into a `Source`; raise `InputError` if it is not text.

    Only a regular file is read (a FIFO or a device is refused without blocking),
    and at most `max_bytes` + 1 bytes of it, whatever its size says.
    """
    if chapter.refused:
        raise InputError(chapter.path, chapter.refused)
    try:
        data = _read_regular(chapter.path, max_bytes + 1)
    except OSError as error:
        raise InputError(chapter.path, f"cannot be read ({error.strerror or error})") from None
    if data is None:
        raise InputError(chapter.path, "not a regular file; only regular files are read")
    if len(data) > max_bytes:
        raise InputError(
            chapter.path,
            f"is over {max_bytes / 1e6:g} MB; chapters over {max_bytes / 1e6:g} MB are refused "
            "(raise --max-chapter-size to process it)",
        )
    return decode(chapter.path, data)


def _read_regular(path: str, limit: int) -> bytes | None:
    """At most `limit` bytes of a regular file; None if it is anything else.

    Opened non-blocking so that opening a FIFO does not wait for a writer.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None
        # Reads sized by the file, not by the limit: a read allocates its whole size
        # first (10 MB for every chapter), and a file may grow while it is read.
        step = max(status.st_size + 1, 65_536)
        chunks: list[bytes] = []
        remaining = limit
        while remaining > 0:
            chunk = os.read(descriptor, min(step, remaining))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


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
    if _CONTROL.search(text) and sum(map(text.count, _CONTROL_CHARACTERS)) * 3 > len(text):
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
