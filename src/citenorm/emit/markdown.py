"""Clean Markdown: the body as mdformat renders it, then every note as `[^n]: …`."""

from __future__ import annotations

from .._model import Chapter
from .._render import definition_tokens, render


def chapter_markdown(chapter: Chapter) -> str:
    """The chapter in normal form; rendering its output again gives the same bytes."""
    blocks = list(chapter.tokens)
    for note, tokens in zip(chapter.notes, chapter.note_tokens, strict=True):
        blocks.extend(definition_tokens(note.label, tokens))
    body = render(blocks, chapter.labels, chapter.link_references)
    front_matter = chapter.source.front_matter
    return front_matter + ("\n" if front_matter and body else "") + body
