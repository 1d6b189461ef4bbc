"""One bibliography for the whole corpus.

Notes are read in order, chapter by chapter: full citations are merged into
works (the curated bibliography's entries win), short forms are matched to the
earlier full citation they abbreviate, and *Ibid.* to the work of the previous
citing note of the same chapter.  Anything that matches nothing is a diagnostic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .._model import Chapter, Citation, Diagnostic, Note
from ._match import (
    assign_keys,
    fold,
    last_word,
    merge,
    short_form_matches,
    work_key,
    years_agree,
)
from ._model import (
    FullCitation,
    IbidCitation,
    ParsedCitation,
    ParsedNote,
    Reference,
    ShortCitation,
)
from ._parse import parse_note


@dataclass(frozen=True)
class Bibliography:
    """The corpus's works (CSL-shaped, each with its key) and what each note cites."""

    references: list[Reference]
    notes: list[list[tuple[Citation, ...]]]
    diagnostics: list[Diagnostic]


@dataclass
class _Work:
    reference: Reference
    curated: bool
    key: tuple[str, str]
    """`work_key(reference)`, kept with the reference it was computed from."""


class _Works:
    """The works found so far, indexed on the keys they are matched by.

    Merging compares a citation only with works of the same first author and
    main title, and a short form only with works of its first author, so a
    corpus of thousands of citations is not compared pair by pair.
    """

    def __init__(self, curated: Sequence[Reference]) -> None:
        self.items: list[_Work] = []
        self._cited: dict[int, int] = {}
        self._clock = 0
        self._by_work: dict[tuple[str, str], list[int]] = {}
        self._by_author: dict[str, list[int]] = {}
        for reference in curated:
            self._append(reference, work_key(reference), curated=True)

    def _append(self, reference: Reference, key: tuple[str, str], *, curated: bool) -> int:
        index = len(self.items)
        self.items.append(_Work(reference, curated, key))
        self._by_work.setdefault(key, []).append(index)
        self._by_author.setdefault(key[0], []).append(index)
        return index

    def add(self, reference: Reference) -> int:
        """The index of the work `reference` cites, merged into a known work when it is one.

        `same_work` with each work's key computed once per version of the work,
        not again for every citation compared with it.
        """
        key = work_key(reference)
        for index in self._by_work.get(key, []):
            work = self.items[index]
            if work.key == key and years_agree(work.reference, reference):
                if not work.curated:
                    work.reference = merge(work.reference, reference)
                    work.key = work_key(work.reference)
                return index
        return self._append(reference, key, curated=False)

    def short_form(self, citation: ShortCitation) -> int | None:
        """The latest work a short citation abbreviates; for `op. cit.` (no title, no
        year), the work of its authors cited last."""
        first = fold(citation.families[0]) if citation.families else ""
        candidates = self._by_author.get(first) or self._by_author.get(last_word(first), [])
        if not citation.title and citation.year is None:
            candidates = sorted(candidates, key=lambda index: self._cited.get(index, -1))
        for index in reversed(candidates):
            reference = self.items[index].reference
            if short_form_matches(citation.families, citation.title, reference, citation.year):
                return index
        return None

    def cite(self, index: int) -> None:
        """Record that a note has just cited work `index` (for `op. cit.`)."""
        self._clock += 1
        self._cited[index] = self._clock


def parse_notes(chapter: Chapter) -> list[ParsedNote]:
    """What each note of a chapter cites, as written (no cross-chapter work: parallel-safe)."""
    return [parse_note(note.text) for note in chapter.notes]


def build_bibliography(
    chapters: Sequence[Chapter],
    curated: Sequence[Reference] = (),
    parsed: Sequence[Sequence[ParsedNote]] | None = None,
) -> Bibliography:
    """Resolve short forms and *Ibid.*, merge works and give them keys.

    `parsed` holds `parse_notes` of each chapter when it was computed elsewhere
    (in build workers); otherwise notes are parsed here.
    """
    known = _Works(curated)
    works = known.items
    pending: list[list[list[tuple[int, str, int, int]]]] = []
    diagnostics: list[Diagnostic] = []
    for position, chapter in enumerate(chapters):
        chapter_notes: list[list[tuple[int, str, int, int]]] = []
        previous: list[int] | None = []
        as_written = parsed[position] if parsed is not None else parse_notes(chapter)
        for note, parsed_note in zip(chapter.notes, as_written, strict=True):
            cites: list[tuple[int, str, int, int]] = []
            for segment in parsed_note.segments:
                work, problem = _resolve(known, segment.citation, previous)
                if work is None:
                    diagnostics.append(_diagnostic(chapter, note, *problem))
                    continue
                cites.append((work, segment.citation.locator, segment.start, segment.end))
                known.cite(work)
            if cites:
                previous = list(dict.fromkeys(work for work, *_ in cites))
            elif parsed_note.segments:
                # An Ibid. after a citation that matched nothing cites that unknown
                # work, not the one before it.
                previous = None
            chapter_notes.append(cites)
        pending.append(chapter_notes)

    generated = [i for i, work in enumerate(works) if not work.curated]
    taken = [work.reference.id for work in works if work.curated]
    for index, key in zip(
        generated, assign_keys([works[i].reference for i in generated], taken), strict=True
    ):
        works[index].reference = works[index].reference.keyed(key)
    used = {work for chapter_notes in pending for cites in chapter_notes for work, *_ in cites}
    references = sorted(
        (works[i].reference for i in range(len(works)) if i in used or works[i].curated),
        key=lambda reference: reference.id,
    )
    notes = [
        [
            tuple(
                Citation(works[work].reference.id, locator, start, end)
                for work, locator, start, end in cites
            )
            for cites in chapter_notes
        ]
        for chapter_notes in pending
    ]
    return Bibliography(references, notes, diagnostics)


def _resolve(
    works: _Works, citation: ParsedCitation, previous: list[int] | None
) -> tuple[int | None, tuple[str, str]]:
    """The work a citation cites, or why none: (work index, (diagnostic code, message))."""
    if isinstance(citation, FullCitation):
        return works.add(citation.reference), ("", "")
    if isinstance(citation, IbidCitation):
        if previous is not None and len(previous) == 1:
            return previous[0], ("", "")
        return None, ("unresolved-ibid", _ibid_problem(previous))
    work = works.short_form(citation)
    if work is None:
        names = ", ".join(citation.families)
        cited = str(citation.year) if citation.year is not None else citation.title or "op. cit."
        message = f"short citation “{names}, {cited}” matches no earlier full citation"
        return None, ("unresolved-short-form", message)
    return work, ("", "")


def _ibid_problem(previous: list[int] | None) -> str:
    if previous is None:
        return "Ibid. follows a citation that matched no work"
    if not previous:
        return "Ibid. follows no earlier citing note in this chapter"
    return f"Ibid. follows a note that cites {len(previous)} works; cite the work in full"


def _diagnostic(chapter: Chapter, note: Note, code: str, message: str) -> Diagnostic:
    return Diagnostic("warning", code, chapter.path, note.line or 1, note.column or 1, message)


def cite_notes(chapter: Chapter, citations: Sequence[tuple[Citation, ...]]) -> list[Note]:
    """The chapter's notes with what each cites filled in."""
    return [
        note if note.references == cites else replace(note, references=cites)
        for note, cites in zip(chapter.notes, citations, strict=True)
    ]
