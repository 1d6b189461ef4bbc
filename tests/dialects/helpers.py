"""Run the pipeline on a text and summarise what the dialects lifted."""

from __future__ import annotations

from dataclasses import dataclass

import citenorm
from citenorm._model import Chapter
from citenorm._parse import make_parser
from citenorm._pipeline import process
from citenorm._read import decode


@dataclass(frozen=True)
class Outcome:
    """Counts a fixture asserts: markers (resolved or not), definitions, and the labels
    of unreferenced definitions and of unresolved markers."""

    markers: int
    definitions: int
    unreferenced: tuple[str, ...]
    unresolved: tuple[str, ...]


def chapter_of(text: str) -> Chapter:
    return process(make_parser(), decode("t.md", text.encode("utf-8")))


def outcome(text: str) -> Outcome:
    chapter = chapter_of(text)
    unresolved = tuple(
        d.message.split()[2] for d in chapter.diagnostics if d.code == "missing-definition"
    )
    return Outcome(
        markers=sum(len(note.markers) for note in chapter.notes) + len(unresolved),
        definitions=len(chapter.notes),
        unreferenced=tuple(n.source_label for n in chapter.notes if not n.markers),
        unresolved=unresolved,
    )


def normal(text: str) -> str:
    out = citenorm.normalize(text)
    assert citenorm.normalize(out) == out, "output is not a fixed point"
    return out
