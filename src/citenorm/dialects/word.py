"""Microsoft Word "Save as HTML" footnotes and endnotes.

Markers: `<a href="#_ftn1" name="_ftnref1" title=""><sup>[1]</sup></a>`, often
with `<span class=MsoFootnoteReference>` and `<![if …]>` wrappers inside;
endnotes the same with `_edn`/`_ednref` and roman labels (`[i]`).
Definitions: `<div id="ftn1"><a href="#_ftnref1" name="_ftn1">[1]</a> text</div>`,
inside `<div style="mso-element:footnote-list">` after an `<hr>`.
"""

from __future__ import annotations

import re

from ._html import add_definition, lift_markers, take_notes
from ._state import LiftState

NAME = "word"

_TAGS = r"(?:\s*<[^<>]*>)*\s*"
_MARKER = re.compile(
    r"<a\b(?=[^<>]*\bhref=[\"']#_(?P<kind>ftn|edn)(?P<id>\d+)[\"'])[^<>]*>"
    + _TAGS
    + r"\[(?P<label>[^\]<>\s]+)\]"
    + _TAGS
    + r"</a>",
    re.IGNORECASE,
)
_HOLDS_NOTE = re.compile(r"href=[\"']#_(?:ftn|edn)ref\d+[\"']", re.IGNORECASE)
_NOTE_START = re.compile(
    r"<a\b(?=[^<>]*\bhref=[\"']#_(?P<kind>ftn|edn)ref(?P<id>\d+)[\"'])[^<>]*>"
    + _TAGS
    + r"\[?(?P<label>[^\]<>\s]+)\]?"
    + _TAGS
    + r"</a>",
    re.IGNORECASE,
)


def detect(text: str) -> bool:
    """A chapter may hold Word notes if `#_ftn` or `#_edn` appears in it."""
    return "#_ftn" in text or "#_edn" in text


def lift(state: LiftState) -> None:
    """Lift the notes sections, then the markers."""
    for note in take_notes(state, _HOLDS_NOTE, _NOTE_START):
        match = note.match
        key = f"word:{match.group('kind').lower()}{match.group('id')}"
        add_definition(state, key, match.group("label"), note, note.html)
    lift_markers(state, _MARKER, _key, "_ftn")
    lift_markers(state, _MARKER, _key, "_edn")


def _key(match: re.Match[str]) -> tuple[str, str]:
    return f"word:{match.group('kind').lower()}{match.group('id')}", match.group("label")
