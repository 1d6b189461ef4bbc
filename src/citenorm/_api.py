"""The public Python API: load a corpus, then render it the ways the CLI does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ._collector import paused_collector
from ._errors import InputError
from ._model import Chapter, Diagnostic, Numbering, Source
from ._parallel import Loaded, process_files
from ._parse import TooDeep, make_parser
from ._pipeline import process
from ._read import MAX_CHAPTER_BYTES, decode, discover
from .bibliography import (
    ParsedNote,
    Reference,
    build_bibliography,
    cite_notes,
    from_bibtex,
    to_bibtex,
)
from .emit.json import corpus_dict, corpus_json, dumps_items
from .emit.markdown import CitationMode, chapter_markdown


@dataclass
class Corpus:
    """Chapters reconciled together, with the corpus-wide bibliography and findings."""

    chapters: list[Chapter]
    bibliography: list[Reference] = field(default_factory=list)
    unreadable: list[Diagnostic] = field(default_factory=list)
    """One `unreadable` error for each chapter file that could not be read."""

    def markdown(self, chapter: Chapter, citations: CitationMode = "footnotes") -> str:
        """One chapter's normal-form Markdown."""
        return chapter_markdown(chapter, citations)

    @property
    def references(self) -> list[dict[str, Any]]:
        """The bibliography as CSL-JSON items, each with its citation key as `id`."""
        return [reference.to_csl() for reference in self.bibliography]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every chapter's diagnostics, in chapter order, then the unreadable files."""
        return [d for chapter in self.chapters for d in chapter.diagnostics] + self.unreadable

    def to_markdown(self, citations: CitationMode = "footnotes") -> dict[str, str]:
        """Each chapter's normal-form Markdown, by chapter path."""
        return {chapter.path: self.markdown(chapter, citations) for chapter in self.chapters}

    def to_dict(self) -> dict[str, Any]:
        """The JSON export as Python data."""
        return corpus_dict(self.chapters, self.references, self.diagnostics)

    def to_json(self) -> str:
        """The JSON export as text (deterministic)."""
        references = (reference.to_csl() for reference in self.bibliography)
        return corpus_json(self.chapters, references, self.diagnostics)

    def to_bibtex(self) -> str:
        """The bibliography as BibLaTeX, entries in key order."""
        return to_bibtex(self.bibliography)

    def to_csl_json(self) -> str:
        """The bibliography as CSL-JSON (for pandoc, Zotero, citeproc)."""
        return dumps_items((reference.to_csl() for reference in self.bibliography), sort_keys=False)


def load(
    paths: Iterable[str],
    *,
    numbering: Numbering | str = Numbering.RENUMBER,
    bibliography: str | Path | None = None,
    max_chapter_bytes: int = MAX_CHAPTER_BYTES,
    jobs: int | None = 1,
    progress: Callable[[], None] | None = None,
    finished: Callable[[Chapter], None] | None = None,
) -> Corpus:
    """Read every chapter under `paths` (files or directories) and reconcile the corpus.

    `bibliography` names a curated BibTeX file whose entries win over what the
    notes say; chapters over `max_chapter_bytes` are refused.  Raises
    `InputError` for a path that does not exist or a bibliography that does not
    parse; a chapter file that is not text, too large or deep, or not a regular
    file is left out, with an error in `Corpus.unreadable`.  `jobs` worker
    processes share the chapters (None: one per core); `progress` is called once
    per chapter read (a progress bar's step).  `finished` is called with each
    chapter in order once it is processed (with worker processes, as it arrives,
    while later chapters are still processed), before the bibliography is built:
    its notes do not yet say what they cite, but its footnote Markdown is final,
    so a build can write it then.
    """
    policy = Numbering(numbering)
    files = discover(list(paths))

    def chapter_finished(item: Loaded) -> None:
        if finished is not None and not isinstance(item, Diagnostic):
            finished(item[0])

    loaded = process_files(
        files,
        policy,
        max_chapter_bytes,
        jobs=jobs,
        cites=True,
        progress=progress,
        finished=None if finished is None else chapter_finished,
    )
    processed = [item for item in loaded if not isinstance(item, Diagnostic)]
    curated = read_bibliography(bibliography) if bibliography is not None else []
    corpus = cite([chapter for chapter, _ in processed], curated, [p for _, p in processed])
    corpus.unreadable = [item for item in loaded if isinstance(item, Diagnostic)]
    return corpus


def load_chapters(
    paths: Iterable[str],
    *,
    numbering: Numbering | str = Numbering.RENUMBER,
    max_chapter_bytes: int = MAX_CHAPTER_BYTES,
    jobs: int | None = 1,
    progress: Callable[[], None] | None = None,
    unreadable: list[Diagnostic] | None = None,
) -> list[Chapter]:
    """The finished chapters under `paths`, with no bibliography work (for the link check).

    Raises `InputError` for a path that does not exist, and for the first chapter
    file that could not be read, unless `unreadable` is given: then such files are
    left out and their errors appended to it (as `load` does); `progress` as for
    `load`.
    """
    files = discover(list(paths))
    loaded = process_files(
        files,
        Numbering(numbering),
        max_chapter_bytes,
        jobs=jobs,
        progress=progress,
    )
    for item in loaded:
        if isinstance(item, Diagnostic):
            if unreadable is None:
                raise InputError(item.path, item.message)
            unreadable.append(item)
    return [item[0] for item in loaded if not isinstance(item, Diagnostic)]


def read_bibliography(path: str | Path) -> list[Reference]:
    """The entries of a curated BibTeX file."""
    try:
        return from_bibtex(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(str(path), error.strerror or "cannot be read") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(str(path), str(error)) from None


def cite(
    chapters: Sequence[Chapter],
    curated: list[Reference],
    parsed: Sequence[Sequence[ParsedNote]] | None = None,
) -> Corpus:
    """Build the corpus bibliography and record in every note what it cites.

    One pass over finished chapters: the bibliography's diagnostics are grouped by
    chapter once, not filtered again for every chapter.  The collector is paused
    meanwhile (see `_collector`): the chapters are many acyclic objects, and every
    full collection the merging set off would walk them all again.
    """
    with paused_collector():
        return _cite(chapters, curated, parsed)


def _cite(
    chapters: Sequence[Chapter],
    curated: list[Reference],
    parsed: Sequence[Sequence[ParsedNote]] | None,
) -> Corpus:
    bibliography = build_bibliography(chapters, curated, parsed)
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in bibliography.diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    cited = [
        replace(
            chapter,
            notes=tuple(cite_notes(chapter, citations)),
            diagnostics=tuple(
                sorted(
                    [*chapter.diagnostics, *by_path.get(chapter.path, [])],
                    key=lambda d: (d.line, d.column, d.code),
                )
            ),
        )
        for chapter, citations in zip(chapters, bibliography.notes, strict=True)
    ]
    return Corpus(cited, bibliography.references)


def normalize(
    text: str | bytes,
    *,
    path: str = "<string>",
    numbering: Numbering | str = Numbering.RENUMBER,
    citations: CitationMode = "footnotes",
) -> str:
    """Normalise one chapter given as text or bytes, without touching any file."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    source: Source = decode(path, data)
    try:
        chapter = process(make_parser(), source, Numbering(numbering))
    except TooDeep as error:
        raise InputError(path, str(error)) from None
    if citations == "pandoc":
        chapter = cite([chapter], []).chapters[0]
    return chapter_markdown(chapter, citations)
