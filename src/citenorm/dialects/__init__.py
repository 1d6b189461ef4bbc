"""The dialects: one module per exporter's footnote markup.

Each module has a `NAME`, a cheap `detect(text)` and a `lift(state)` that
replaces its markers with `note_ref` tokens and moves its definitions out of
the body into `state.definitions`.  They run in the order of `DIALECTS`, like
the rules of a markdown-it ruler: pseudo definitions must be lifted before the
markdown dialect turns their leading `[^n]` into a marker, shortcodes rewritten
as inline notes before it lifts those, and the specific HTML styles before
plain superscripts.
"""

from __future__ import annotations

from typing import Protocol

from . import (
    anchors,
    gitbook,
    google,
    labelled,
    libreoffice,
    mammoth,
    markdown,
    pandoc,
    pseudo,
    shortcodes,
    superscript,
    tooltips,
    word,
)
from ._state import NOTE_REF, LiftState, RawDefinition, RawMarker


class Dialect(Protocol):
    """What every dialect module provides."""

    NAME: str

    def detect(self, text: str) -> bool:
        """Whether the chapter text may use this dialect (cheap; may say yes wrongly)."""
        ...

    def lift(self, state: LiftState) -> None:
        """Replace this dialect's markers and move its definitions into `state`."""
        ...


DIALECTS: tuple[Dialect, ...] = (
    pseudo,
    mammoth,
    word,
    google,
    libreoffice,
    pandoc,
    gitbook,
    anchors,
    tooltips,
    superscript,
    labelled,
    shortcodes,
    markdown,
)

__all__ = ["DIALECTS", "NOTE_REF", "Dialect", "LiftState", "RawDefinition", "RawMarker"]
