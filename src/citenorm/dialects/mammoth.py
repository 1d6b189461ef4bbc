"""Word-processor anchors as mammoth (docx to HTML) writes them.

Markers: `<sup><sup id="P-footnote-ref-42"><a href="#P-footnote-42">[43]</a></sup></sup>`
(the outer `<sup>` and the id prefix `P-` optional).  The id counts from 0 (or
from wherever the export started) while the reader saw the bracketed label, so
the visible label is the note's key.  Definitions are `[^43]:` footnotes (the
markdown dialect lifts them) or mammoth's own list,
`<li id="P-footnote-42"><p>Text <a href="#P-footnote-ref-42">↑</a></p></li>`.
"""

from __future__ import annotations

import re

from ._html import add_definition, lift_markers, take_notes
from ._state import LiftState

NAME = "mammoth"

_MARKER = re.compile(
    r"(?:<sup>)?<sup\b[^<>]*\bid=[\"'](?P<prefix>[^\"']*?)footnote-ref-(?P<id>\d+)[\"'][^<>]*>"
    r"<a\b[^<>]*\bhref=[\"']#(?P=prefix)footnote-(?P=id)[\"'][^<>]*>"
    r"\s*\[?(?P<label>[^\]<>\s]+)\]?\s*</a></sup>(?:</sup>)?",
    re.IGNORECASE,
)
_ITEM = re.compile(r"<li\b[^<>]*\bid=[\"'][^\"']*?footnote-(?P<id>\d+)[\"'][^<>]*>", re.IGNORECASE)
_BACKLINK = re.compile(r"<a\b[^<>]*\bhref=[\"']#[^\"']*footnote-ref-\d+[\"'][^<>]*>.*?</a>", re.S)


def detect(text: str) -> bool:
    """A chapter may use mammoth anchors if `footnote-ref-` appears in it."""
    return "footnote-ref-" in text


def lift(state: LiftState) -> None:
    """Replace each anchor group with a marker keyed by its visible label; lift list notes."""
    labels: dict[int, str] = {}
    offsets: dict[int, tuple[int, int]] = {}
    for match, position in lift_markers(state, _MARKER, _key, "footnote-ref-"):
        label, note_id = match.group("label"), int(match.group("id"))
        labels[note_id] = label
        if label.isdigit():
            offsets.setdefault(int(label) - note_id, position)
    for note in take_notes(state, _ITEM, _ITEM):
        note_id = int(note.match.group("id"))
        offset = next(iter(offsets), 1)
        label = labels.get(note_id, str(note_id + offset))
        add_definition(state, label, label, note, _BACKLINK.sub("", note.html))
    if len(offsets) > 1:
        line, column = list(offsets.values())[1]
        state.warn(
            "mammoth-offset",
            line,
            column,
            "anchor ids and visible labels differ by "
            + ", ".join(str(offset) for offset in offsets)
            + " in one chapter; notes are keyed by the visible label",
        )


def _key(match: re.Match[str]) -> tuple[str, str]:
    label = match.group("label")
    return label, label
