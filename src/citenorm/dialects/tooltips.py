"""WordPress Easy Footnotes whose notes are only in their markers' tooltips.

Easy Footnotes writes each marker as a link whose `title` holds the note's
text, `[<sup>1</sup>](…#easy-footnote-bottom-1-9 "The note text.")` (or the
same in HTML), and a list of the notes at the bottom that exports often drop.
When the list is there, the structural resolver pairs the markers with it
first; a marker still unresolved here takes its note from its tooltip.
"""

from __future__ import annotations

import html
import re

from markdown_it.token import Token

from ._spellings import label_of
from ._state import LiftState, RawDefinition
from .markdown import paragraph

NAME = "tooltips"

_TARGET = "#easy-footnote-bottom-"
_A_OPEN = re.compile(r"<a\b[^<>]*>", re.IGNORECASE)
_A_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
_TITLE = re.compile(r"\btitle\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_WINDOW = 8


def detect(text: str) -> bool:
    """A chapter may hold Easy Footnotes markers if their target's name is in it."""
    return _TARGET in text


def lift(state: LiftState) -> None:
    """Turn each remaining tooltip marker into a marker and a note of its title."""
    for block in list(state.inline_blocks()):
        children = block.children or []
        if not any(_TARGET in _href(child) for child in children):
            continue
        scanner = state.locator.scanner(block)
        kept: list[Token] = []
        index = 0
        while index < len(children):
            found = _marker_at(children, index)
            if found is None:
                kept.append(children[index])
                index += 1
                continue
            end, label, title, raw = found
            position = scanner.find(raw)
            key = f"^tooltip-{len(state.definitions)}"
            kept.append(state.add_marker(key, label, raw, position))
            note = paragraph(title, state.parse_inline(title))
            state.definitions.append(RawDefinition(key, label, note, *position))
            index = end
        block.children = kept


def _href(child: Token) -> str:
    if child.type == "link_open":
        return str(child.attrs.get("href", ""))
    if child.type == "html_inline" and _A_OPEN.fullmatch(child.content.strip()):
        match = _HREF.search(child.content)
        return match.group(1) if match else ""
    return ""


def _marker_at(children: list[Token], index: int) -> tuple[int, str, str, str] | None:
    """(end, label, note text, raw marker) of a tooltip marker at `children[index]`."""
    child = children[index]
    if _TARGET not in _href(child):
        return None
    if child.type == "link_open":
        title = str(child.attrs.get("title", "") or "")
        closing = "link_close"
    else:
        match = _TITLE.search(child.content)
        title = html.unescape((match.group(1) or match.group(2)) if match else "")
        closing = "html_inline"
    for end in range(index + 1, min(index + _WINDOW, len(children))):
        token = children[end]
        if token.type == closing and (closing == "link_close" or _A_CLOSE.fullmatch(token.content)):
            inner = children[index + 1 : end]
            text = "".join(c.content for c in inner if c.type == "text")
            text += "".join(_TAG.sub("", c.content) for c in inner if c.type == "html_inline")
            label = label_of(text.strip())
            if label is None or not title.strip():
                return None
            raw = child.content if child.type == "html_inline" else f"[{text.strip()}]"
            return end + 1, label, title.strip(), raw
    return None
