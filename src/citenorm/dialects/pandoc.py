"""Footnotes as pandoc, kramdown and Python-Markdown render them to HTML.

Markers: `<sup id="fnref:1"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup>`
(kramdown, Python-Markdown) or `<a href="#fn1" class="footnote-ref" id="fnref1"
role="doc-noteref"><sup>1</sup></a>` (pandoc).  Definitions: list items
`<li id="fn:1"><p>Text <a href="#fnref:1" class="reversefootnote">↩</a></p></li>`
inside `<div class="footnotes" role="doc-endnotes">`, back-links removed.
"""

from __future__ import annotations

import re

from ._html import add_definition, lift_markers, take_notes
from ._state import LiftState

NAME = "pandoc"

_ID = r"(?P<id>fn[:-]?(?!ref)[^\"'\s]+)"
_MARKER = re.compile(
    r"(?:<sup\b[^<>]*>)?\s*<a\b(?=[^<>]*\bhref=[\"']#" + _ID + r"[\"'])[^<>]*>"
    r"\s*(?:<sup>)?\s*\[?(?P<label>[^\]<>\s]+?)\]?\s*(?:</sup>)?\s*</a>\s*(?:</sup>)?",
    re.IGNORECASE,
)
_ITEM = re.compile(r"<li\b[^<>]*\bid=[\"']" + _ID + r"[\"'][^<>]*>", re.IGNORECASE)
_BACKLINK = re.compile(r"<a\b[^<>]*\bhref=[\"']#fnref[^\"']*[\"'][^<>]*>.*?</a>", re.I | re.S)


def detect(text: str) -> bool:
    """A chapter may hold rendered footnotes if `fnref` appears in it."""
    return "fnref" in text


def lift(state: LiftState) -> None:
    """Lift the footnote lists (a note's label is its number in the list), then the markers."""
    for number, note in enumerate(take_notes(state, _ITEM, _ITEM), start=1):
        key = f"pandoc:{note.match.group('id')}"
        add_definition(state, key, str(number), note, _BACKLINK.sub("", note.html))
    lift_markers(state, _MARKER, _key, "#fn")


def _key(match: re.Match[str]) -> tuple[str, str]:
    return f"pandoc:{match.group('id')}", match.group("label")
