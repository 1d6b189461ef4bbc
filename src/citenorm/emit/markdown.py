"""Clean Markdown: the body as mdformat renders it, then every note as `[^n]: …`.

Rendering happens once per chapter, in its worker (`layout`): the body is written
with its note markers left open.  Writing the chapter (`chapter_markdown`) is then
plain substitution, in either citation mode, with no token tree in sight.

With `citations="pandoc"`, a note that only cites works becomes a pandoc
citation (`[@key]`, `[@key, 12]`, `[@a; @b]`) where its marker stood, and a
note with commentary stays a footnote with its citations converted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Literal

from markdown_it.token import Token
from mdformat.renderer import MDRenderer

from .._model import Chapter, Citation, Layout, Note
from .._render import SLOT_CLOSE, SLOT_OPEN, first_block_type, format_definition, render
from .._verbatim import Snapshot, plan

CitationMode = Literal["footnotes", "pandoc"]
_SEPARATORS_ONLY = re.compile(r"[\s;.,]*")


def layout(
    text: str,
    body: Sequence[Token],
    pristine: Snapshot,
    labels: Mapping[str, str],
    notes: Sequence[Sequence[Token]],
    references: Mapping[str, Any],
    used_references: set[str],
    pandoc_references: Collection[str],
) -> Layout:
    """Lay out a chapter's body with open marker slots, and what its notes need around them.

    `text` is what `body` was parsed from; blocks the lift stage left untouched and
    that need no normalising are written back from it verbatim (see `_verbatim`).
    The link definitions written are those `used_references` name and those
    only pandoc uses (`pandoc_references`: `[word][^1]` is a link there).
    """
    opening, closing = _absent_run(text, SLOT_OPEN), _absent_run(text, SLOT_CLOSE)
    slots = {key: f"{opening}{index}{closing}" for index, key in enumerate(labels)}
    definitions = ""
    if used_references or pandoc_references:
        # mdformat's own writer, so the definitions read exactly as a one-pass render.
        env = {"references": references, "used_refs": used_references | set(pandoc_references)}
        definitions = MDRenderer._write_references(env)
    return Layout(
        body="\n\n".join(
            part
            for source, tokens in plan(body, pristine, text, slots)
            if (
                part := source
                or render(
                    tokens, slots, references, finalize=False, used_references=used_references
                )
            )
        ),
        open=opening,
        close=closing,
        blocks=tuple(first_block_type(tokens) for tokens in notes),
        link_definitions=definitions,
    )


def _absent_run(text: str, character: str) -> str:
    """`character` repeated once more than its longest run in `text`: a string not in it."""
    if character not in text:
        return character
    runs = re.findall(re.escape(character) + "+", text)
    return character * (max(map(len, runs), default=0) + 1)


def chapter_markdown(chapter: Chapter, citations: CitationMode = "footnotes") -> str:
    """The chapter in normal form; rendering its output again gives the same bytes."""
    if citations == "pandoc":
        markers, definitions = _pandoc_notes(chapter)
    else:
        markers = [f"[^{label}]" for _, label in chapter.labels]
        definitions = [
            format_definition(note.label, note.text, block)
            for note, block in zip(chapter.notes, chapter.layout.blocks, strict=True)
        ]
    parts = [_fill(chapter.layout, markers), *definitions, chapter.layout.link_definitions]
    text = "\n\n".join(part for part in parts if part)
    front_matter = chapter.source.front_matter
    body = text + "\n" if text else ""
    return front_matter + ("\n" if front_matter and body else "") + body


def _fill(layout: Layout, markers: Sequence[str]) -> str:
    """The body with every marker slot replaced by its marker text."""
    if not markers:
        return layout.body
    slot = re.compile(re.escape(layout.open) + r"(\d+)" + re.escape(layout.close))
    return slot.sub(lambda match: markers[int(match.group(1))], layout.body)


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


def _with_citations(note: Note) -> str:
    """The note's text with each citation written as pandoc's `[@key]`."""
    text = note.text
    for citation in sorted(note.references, key=lambda c: c.start, reverse=True):
        text = text[: citation.start] + pandoc_citation((citation,)) + text[citation.end :]
    return text


def _pandoc_notes(chapter: Chapter) -> tuple[list[str], list[str]]:
    """Marker texts in slot order, and the footnotes that remain (renumbered 1..n)."""
    by_label = {note.label: note for note in chapter.notes}
    definitions: list[str] = []
    new_labels: dict[str, str] = {}
    for note, block in zip(chapter.notes, chapter.layout.blocks, strict=True):
        if note.markers and is_pure_citation(note):
            continue
        label = str(len(definitions) + 1)
        new_labels[note.label] = label
        definitions.append(format_definition(label, _with_citations(note), block))
    markers = [
        f"[^{new_labels[label]}]"
        if label in new_labels
        else pandoc_citation(by_label[label].references)
        for _, label in chapter.labels
    ]
    return markers, definitions
