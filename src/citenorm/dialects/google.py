"""Google Docs "Download as HTML" footnotes.

Markers: `<sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup>`; a note cited twice
has a second marker with its own id pointing at the same `#ftntN`.
Definitions: `<div><p><a href="#ftnt_ref1" id="ftnt1">[1]</a><span>&nbsp;text</span></p></div>`,
with `<span>` styling (italic and bold as inline CSS) and `&nbsp;` noise.
"""

from __future__ import annotations

import re

from ._html import add_definition, lift_markers, take_notes
from ._state import LiftState

NAME = "google"

_MARKER = re.compile(
    r"(?:<sup\b[^<>]*>)?\s*<a\b(?=[^<>]*\bhref=[\"']#ftnt(?P<id>\d+)[\"'])[^<>]*>"
    r"\s*\[(?P<label>[^\]<>\s]+)\]\s*</a>\s*(?:</sup>)?",
    re.IGNORECASE,
)
_HOLDS_NOTE = re.compile(r"href=[\"']#ftnt_ref\d+[\"']", re.IGNORECASE)
_NOTE_START = re.compile(
    r"<a\b(?=[^<>]*\bid=[\"']ftnt(?P<id>\d+)[\"'])(?=[^<>]*\bhref=[\"']#ftnt_ref\d+[\"'])[^<>]*>"
    r"\s*\[?(?P<label>[^\]<>\s]+)\]?\s*</a>",
    re.IGNORECASE,
)


def detect(text: str) -> bool:
    """A chapter may hold Google Docs notes if `#ftnt` appears in it."""
    return "#ftnt" in text


def lift(state: LiftState) -> None:
    """Lift the notes sections, then the markers (keyed by the note they point at)."""
    for note in take_notes(state, _HOLDS_NOTE, _NOTE_START):
        add_definition(
            state, f"google:{note.match.group('id')}", note.match.group("label"), note, note.html
        )
    lift_markers(state, _MARKER, _key, "#ftnt")


def _key(match: re.Match[str]) -> tuple[str, str]:
    return f"google:{match.group('id')}", match.group("label")
