"""Clean Markdown: the body as mdformat renderers it, then every note as `[^n]: …`.

With `citations="pandoc"`, a note that only cites works becomes a pandoc
citation (`[@key]`, `[@key, 12]`, `[@a; @b]`) where its marker stood, and a
note with commentary stays a footnote with its citations converted.
"""

from __future__ import annotations

import re
from typing import Literal

from markdown_it.token import Token

from .._model import Chapter, Citation, Note
from .._parse import make_parser
from .._render import (
    definition_tokens,
    first_block_type,
    footnote_markers,
    format_definition,
    render,
)

CitationMode = Literal["footnotes", "pandoc"]
_SEPARATORS_ONLY = re.compile(r"[\s;.,]*")


def chapter_markdown(chapter: Chapter, citations: CitationMode = "footnotes") -> str:
    """The chapter in normal form; rendering its output again gives the same bytes."""
    if citations == "pandoc":
        markers, notes = _pandoc_notes(chapter)
    elif not chapter.link_references:
        # Every note's text is already rendered (by reconcile): reuse it.
        body = render(chapter.tokens, footnote_markers(chapter.labels), finalize=False)
        parts = [body] if body else []
        for note, tokens in zip(chapter.notes, chapter.note_tokens, strict=True):
            parts.append(format_definition(note.label, note.text, first_block_type(tokens)))
        text = "\n\n".join(parts) + "\n" if parts else ""
        return _with_front_matter(chapter, text)
    else:
        # Notes may use the chapter's link reference definitions, which are written
        # once at the end: render body and notes in one pass.
        markers = footnote_markers(chapter.labels)
        notes = [
            (note.label, tokens)
            for note, tokens in zip(chapter.notes, chapter.note_tokens, strict=True)
        ]
    blocks = list(chapter.tokens)
    for label, tokens in notes:
        blocks.extend(definition_tokens(label, tokens))
    return _with_front_matter(chapter, render(blocks, markers, chapter.link_references))


def _with_front_matter(chapter: Chapter, body: str) -> str:
    front_matter = chapter.source.front_matter
    return front_matter + ("\n" if front_matter and body else "") + body


def pandoc_citation(citations: tuple[Citation, ...]) -> str:
    """`[@a; @b, 12]`: pandoc's syntax for the works one place cites."""
    parts = [f"@{c.id}, {c.locator}" if c.locator else f"@{c.id}" for c in citations]
    return "[" + "; ".join(parts) + "]"


def is_pure_citation(note: Note) -> bool:
    """A note that says nothing but its citations."""
    if not note.references:
        return False
    text = note.text
    for citation in sorted(note.references, key=lambda c: c.start, reverse=True):
        text = text[: citation.start] + text[citation.end :]
    return _SEPARATORS_ONLY.fullmatch(text) is not None


def _pandoc_notes(chapter: Chapter) -> tuple[dict[str, str], list[tuple[str, list[Token]]]]:
    """Marker texts by key, and the footnotes that remain (renumbered 1..n)."""
    by_label = {note.label: note for note in chapter.notes}
    markers: dict[str, str] = {}
    notes: list[tuple[str, list[Token]]] = []
    new_labels: dict[str, str] = {}
    md = make_parser()
    for note, tokens in zip(chapter.notes, chapter.note_tokens, strict=True):
        if note.markers and is_pure_citation(note):
            continue
        label = str(len(notes) + 1)
        new_labels[note.label] = label
        if note.references:
            text = note.text
            for citation in sorted(note.references, key=lambda c: c.start, reverse=True):
                text = text[: citation.start] + pandoc_citation((citation,)) + text[citation.end :]
            tokens = md.parse(text)
        notes.append((label, tokens))
    for key, label in chapter.labels.items():
        note = by_label[label]
        if label in new_labels:
            markers[key] = f"[^{new_labels[label]}]"
        else:
            markers[key] = pandoc_citation(note.references)
    return markers, notes
