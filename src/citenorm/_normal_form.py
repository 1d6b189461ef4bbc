"""`check`: which chapters are not in normal form, as diagnostics of the corpus.

A chapter is in normal form when building it changes no byte.  Each changed run
of lines is one `not-normalized` error at its first line, so editors and CI can
point at it; a chapter whose text is normal but whose bytes are not (a BOM,
CRLF, Windows-1252) gets one at line 1.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from ._model import Chapter, Diagnostic

if TYPE_CHECKING:
    from ._api import Corpus

CODE = "not-normalized"


def check(corpus: Corpus) -> list[Diagnostic]:
    """Every place where a build would change a chapter, in chapter order."""
    findings: list[Diagnostic] = []
    for chapter in corpus.chapters:
        before, after = chapter.source.full_text, corpus.markdown(chapter)
        if before != after or not chapter.source.canonical:
            findings.extend(changes(chapter, before, after))
    return findings


def diff(corpus: Corpus, chapter: Chapter) -> str:
    """A unified diff from the chapter as read to its normal form ("" when equal)."""
    before, after = chapter.source.full_text, corpus.markdown(chapter)
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            chapter.path,
            f"{chapter.path} (normalised)",
        )
    )


def changes(chapter: Chapter, before: str, after: str) -> list[Diagnostic]:
    """One `not-normalized` diagnostic per changed run of lines from `before` to `after`."""
    path = chapter.path
    if before == after:
        return [_finding(path, 1, "file is not UTF-8 with LF line endings")]
    old, new = before.splitlines(), after.splitlines()
    found = []
    # difflib's autojunk treats lines that make up over 1 % of a long chapter (blank
    # lines) as junk: as anchors they let every changed paragraph pair with every
    # other, and the matcher's time grew with the square of the chapter.
    matcher = difflib.SequenceMatcher(a=old, b=new)
    for tag, start, end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        lines_named = f"line {start + 1}" if end - start == 1 else f"lines {start + 1}-{end}"
        what = {
            "replace": f"{lines_named} would change",
            "delete": f"{lines_named} would be removed",
            "insert": f"{new_end - new_start} line(s) would be inserted here",
        }[tag]
        found.append(_finding(path, min(start + 1, max(len(old), 1)), what))
    if not found:
        found.append(_finding(path, max(len(old), 1), "final newline differs"))
    return found


def _finding(path: str, line: int, message: str) -> Diagnostic:
    return Diagnostic("error", CODE, path, line, 1, message)
