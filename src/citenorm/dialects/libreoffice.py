"""LibreOffice Writer footnotes and endnotes, as exported to HTML and as pandoc makes Markdown.

Endnotes are spelled like footnotes with `sdendnote` (and usually roman labels);
they are notes of their own, keyed apart from the footnotes.

Markers: `[^1^](#sdfootnote1sym){#sdfootnote1anc .sdfootnoteanc}` (pandoc) or
`<a class="sdfootnoteanc" href="#sdfootnote1sym" name="sdfootnote1anc"><sup>1</sup></a>`.
Definitions: `<div id="sdfootnote1">` around `[1](#sdfootnote1anc){.sdfootnotesym} text`,
or bare `[1](#sdfootnote1anc) text` paragraphs, or the HTML
`<a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>`.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ._html import add_definition, lift_markers, take_notes
from ._state import LiftState

NAME = "libreoffice"

_HTML_MARKER = re.compile(
    r"<a\b(?=[^<>]*\bhref=[\"']#sd(?P<kind>foot|end)note(?P<id>\d+)sym[\"'])[^<>]*>"
    r"(?:\s*<[^<>]*>)*\s*(?P<label>[^<\s]+?)\s*(?:<[^<>]*>\s*)*</a>",
    re.IGNORECASE,
)
_LINK_TARGET = re.compile(r"#sd(?P<kind>foot|end)note(?P<id>\d+)sym")
_ATTRIBUTES = re.compile(r"^\{[^{}]*sd(?:foot|end)note[^{}]*\}")
_HOLDS_NOTE = re.compile(r"#sd(?:foot|end)note\d+anc", re.IGNORECASE)
_NOTE_START = re.compile(
    r"<a\b(?=[^<>]*\bhref=[\"']#sd(?P<kind>foot|end)note(?P<id>\d+)anc[\"'])[^<>]*>"
    r"(?:\s*<[^<>]*>)*\s*(?P<label>[^<\s]+?)\s*(?:<[^<>]*>\s*)*</a>(?:\{[^{}]*\})?",
    re.IGNORECASE,
)


def detect(text: str) -> bool:
    """A chapter may hold LibreOffice notes if `sdfootnote` appears in it."""
    return "sdfootnote" in text or "sdendnote" in text


def lift(state: LiftState) -> None:
    """Lift the notes sections, then the HTML markers, then the Markdown-link markers."""
    for note in take_notes(state, _HOLDS_NOTE, _NOTE_START):
        add_definition(
            state,
            f"libreoffice:{note.match.group('kind')}{note.match.group('id')}",
            note.match.group("label"),
            note,
            note.html,
        )
    lift_markers(state, _HTML_MARKER, _key, "sdfootnote")
    lift_markers(state, _HTML_MARKER, _key, "sdendnote")
    for block in state.inline_blocks():
        if block.children and any(c.type == "link_open" for c in block.children):
            block.children = _lift_link_markers(state, block, block.children)


def _key(match: re.Match[str]) -> tuple[str, str]:
    return f"libreoffice:{match.group('kind')}{match.group('id')}", match.group("label")


def _lift_link_markers(state: LiftState, block: Token, children: list[Token]) -> list[Token]:
    """Replace `[^1^](#sdfootnote1sym){…}` (link, text, link close, attributes) with a marker."""
    scanner = state.locator.scanner(block)
    result: list[Token] = []
    index = 0
    while index < len(children):
        child = children[index]
        scanner.skip(child)
        target = _LINK_TARGET.fullmatch(str(child.attrs.get("href", "")))
        closes = index + 2 < len(children) and children[index + 2].type == "link_close"
        if child.type != "link_open" or target is None or not closes:
            result.append(child)
            index += 1
            continue
        text = children[index + 1].content
        raw = f"[{text}]({target.group(0)})"
        following = children[index + 3] if index + 3 < len(children) else None
        if following is not None and following.type == "text":
            attributes = _ATTRIBUTES.match(following.content)
            if attributes:
                raw += attributes.group(0)
                following.content = following.content[attributes.end() :]
        label = text.strip("^ ")
        key = f"libreoffice:{target.group('kind')}{target.group('id')}"
        result.append(state.add_marker(key, label, raw, scanner.find(raw)))
        index += 3
    return result
