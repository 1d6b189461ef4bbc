"""Lift stage: run every dialect the chapter uses over its token stream."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ._locate import Locator
from ._model import Source
from ._parse import Parsed
from .dialects import DIALECTS, LiftState, RawDefinition, RawMarker
from .dialects._open import open_html_blocks
from .dialects._suspect import report

_SEPARATOR_HTML = re.compile(r"\s*<hr\s*/?>\s*", re.IGNORECASE)


def lift(md: MarkdownIt, source: Source, parsed: Parsed) -> LiftState:
    """Lift every dialect's notes out of a parsed chapter.

    The caller pauses the collector (`_pipeline.process`, see `_collector`).
    """
    state = LiftState(
        md=md,
        source=source,
        text=parsed.text,
        tokens=parsed.tokens,
        env=parsed.env,
        locator=Locator(parsed.text, source.line_offset),
        diagnostics=list(parsed.diagnostics),
    )
    open_html_blocks(state)
    for dialect in DIALECTS:
        if dialect.detect(parsed.text):
            dialect.lift(state)
    _pair_by_label(state)
    _pair_repeated_labels(state)
    report(state)
    state.tokens = _drop_trailing_separator(state)
    return state


def _is_separator(token: Token) -> bool:
    return token.type == "hr" or (
        token.type == "html_block" and _SEPARATOR_HTML.fullmatch(token.content) is not None
    )


def _drop_trailing_separator(state: LiftState) -> list[Token]:
    """Drop the rule that only separated the body from notes that now live elsewhere."""
    tokens = state.tokens
    if not tokens or not _is_separator(tokens[-1]) or not tokens[-1].map:
        return tokens
    separator_line = tokens[-1].map[0] + 1 + state.source.line_offset
    below = [d for d in state.definitions if d.line > separator_line and not d.inline]
    if below and not all(_is_markdown(state, d) for d in below):
        return tokens[:-1]
    return tokens


def _is_markdown(state: LiftState, definition: RawDefinition) -> bool:
    """Whether a definition is written `[^label]:`, the form the output itself uses.

    A Markdown rule above such definitions is the author's and stays, so that a
    rule written after the notes survives a second build (the notes move to the end).
    """
    line = definition.line - 1 - state.source.line_offset
    offset = state.locator.offset_of_line(line) + definition.column - 1
    return state.text.startswith(f"[^{definition.source_label}]:", offset)


def _pair_by_label(state: LiftState) -> None:
    """A marker one dialect lifted and a note another lifted meet by their visible label.

    Rendered markers (`<sup id="fnref:1"><a href="#fn:1">1</a></sup>`) may have
    Markdown definitions (`[^1]: …`): when a marker's key has no definition and
    exactly one uncited definition carries its label, the marker cites it.
    """
    keys = {definition.key for definition in state.definitions}
    cited = {marker.key for marker in state.markers}
    spare: dict[str, list[RawDefinition]] = {}
    for definition in state.definitions:
        if definition.key not in cited and not definition.inline:
            spare.setdefault(definition.source_label, []).append(definition)
    # A note cannot cite itself: where each marker inside a spare note stands.
    inside = {
        id(child): definition.key
        for notes in spare.values()
        for definition in notes
        for block in definition.tokens
        for child in block.children or ()
    }
    for marker in state.markers:
        if marker.key in keys:
            continue
        candidates = spare.get(marker.source_label, [])
        if len(candidates) == 1 and inside.get(id(marker.token)) != candidates[0].key:
            marker.key = candidates[0].key
            marker.token.meta["key"] = candidates[0].key


def _pair_repeated_labels(state: LiftState) -> None:
    """A label defined k times (k ≥ 2) and cited exactly k times names k notes, paired
    in order, where that is what the writer meant: Ghost numbers every `[^n]` itself,
    and chapters joined into one file each bring their own `[^1]` (each citation
    then stands before its definition and after the previous one).  Anything else
    (a note cited twice and defined again by mistake) stays a duplicate."""
    definitions: dict[str, list[RawDefinition]] = {}
    for definition in state.definitions:
        if not definition.inline:
            definitions.setdefault(definition.key, []).append(definition)
    repeated = {key: found for key, found in definitions.items() if len(found) > 1}
    if not repeated:
        return
    markers: dict[str, list[RawMarker]] = {}
    for marker in sorted(state.markers, key=lambda m: (m.line, m.column)):
        if marker.key in repeated:
            markers.setdefault(marker.key, []).append(marker)
    for key, found in repeated.items():
        cites = markers.get(key, [])
        ordered = sorted(found, key=lambda d: (d.line, d.column))
        if len(cites) != len(found) or not (key == "n" or _interleaved(cites, ordered)):
            continue
        for number, (marker, definition) in enumerate(zip(cites, ordered, strict=True)):
            paired = f"{key}\x00{number}"
            marker.key = definition.key = paired
            marker.token.meta["key"] = paired
        first = ordered[0]
        state.warn(
            "repeated-label",
            first.line,
            first.column,
            f"note label [^{first.source_label}] is defined {len(found)} times and cited "
            f"{len(found)} times; each citation takes the definition in the same place "
            "in order",
        )


def _interleaved(markers: list[RawMarker], definitions: list[RawDefinition]) -> bool:
    """Citation, its definition, next citation, its definition, …, in that order."""
    places: list[tuple[int, int]] = []
    for marker, definition in zip(markers, definitions, strict=True):
        places += [(marker.line, marker.column), (definition.line, definition.column)]
    return places == sorted(places)
