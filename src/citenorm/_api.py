"""The public Python API: load a corpus, then render it the ways the CLI does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ._model import Chapter, Diagnostic, Numbering, Source
from ._parse import make_parser
from ._pipeline import load_chapter, process
from ._read import decode, discover
from .emit.json import corpus_dict, dumps
from .emit.markdown import chapter_markdown


@dataclass
class Corpus:
    """Chapters reconciled together, with the corpus-wide bibliography and findings."""

    chapters: list[Chapter]
    references: list[dict[str, Any]] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every chapter's diagnostics, in chapter order."""
        return [d for chapter in self.chapters for d in chapter.diagnostics]

    def to_markdown(self) -> dict[str, str]:
        """Each chapter's normal-form Markdown, by chapter path."""
        return {chapter.path: chapter_markdown(chapter) for chapter in self.chapters}

    def to_dict(self) -> dict[str, Any]:
        """The JSON export as Python data."""
        return corpus_dict(self.chapters, self.references, self.diagnostics)

    def to_json(self) -> str:
        """The JSON export as text (deterministic)."""
        return dumps(self.to_dict())


def load(paths: Iterable[str], *, numbering: Numbering | str = Numbering.RENUMBER) -> Corpus:
    """Read every chapter under `paths` (files or directories) and reconcile it.

    Raises `InputError` for a path that does not exist or a file that is not text.
    """
    md = make_parser()
    policy = Numbering(numbering)
    return Corpus([load_chapter(md, file, policy) for file in discover(list(paths))])


def normalize(
    text: str | bytes,
    *,
    path: str = "<string>",
    numbering: Numbering | str = Numbering.RENUMBER,
) -> str:
    """Normalise one chapter given as text or bytes, without touching any file."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    source: Source = decode(path, data)
    return chapter_markdown(process(make_parser(), source, Numbering(numbering)))
