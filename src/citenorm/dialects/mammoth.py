"""Word-processor anchors as mammoth (docx to HTML) writes them.

`<sup><sup id="P-footnote-ref-42"><a href="#P-footnote-42">[43]</a></sup></sup>`:
the id counts from 0 (or from wherever the export started) while the reader saw
the bracketed label, so the visible label is the note's key.  Definitions are
usually real `[^43]:` footnotes, which the markdown dialect lifts.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ._state import LiftState

NAME = "mammoth"

_MARKER = re.compile(
    r"(?:<sup>)?<sup\b[^>]*\bid=\"(?P<prefix>[^\"]*?)footnote-ref-(?P<id>\d+)\"[^>]*>"
    r"<a\b[^>]*\bhref=\"#(?P=prefix)footnote-(?P=id)\"[^>]*>"
    r"\s*\[?(?P<label>[^\]<>\s]+)\]?\s*</a></sup>(?:</sup>)?",
    re.IGNORECASE,
)
_LONGEST_MARKER = 9
"""Tokens in the longest marker: up to four tags, the label text, three closing tags."""


def detect(text: str) -> bool:
    """A chapter may use mammoth anchors if `footnote-ref-` appears in it."""
    return "footnote-ref-" in text


def lift(state: LiftState) -> None:
    """Replace each anchor group with a marker keyed by its visible label."""
    offsets: dict[int, tuple[int, int]] = {}
    for block in state.inline_blocks():
        children = block.children or []
        if not any(c.type == "html_inline" and "footnote-ref-" in c.content for c in children):
            continue
        scanner = state.locator.scanner(block)
        result: list[Token] = []
        index = 0
        while index < len(children):
            scanner.skip(children[index])
            found = _match_at(children, index)
            if found is None:
                result.append(children[index])
                index += 1
                continue
            end, match = found
            label = match.group("label")
            position = scanner.find(match.group(0))
            result.append(state.add_marker(label, label, match.group(0), position))
            if label.isdigit():
                offsets.setdefault(int(label) - int(match.group("id")), position)
            index = end
        block.children = result
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


def _match_at(children: list[Token], start: int) -> tuple[int, re.Match[str]] | None:
    """The longest run of HTML and text children from `start` that is one marker."""
    if children[start].type != "html_inline" or not children[start].content.startswith("<sup"):
        return None
    raw = ""
    best: tuple[int, re.Match[str]] | None = None
    for end in range(start, min(start + _LONGEST_MARKER, len(children))):
        child = children[end]
        if child.type not in ("html_inline", "text"):
            break
        raw += child.content
        match = _MARKER.fullmatch(raw)
        if match:
            best = (end + 1, match)
    return best
