"""Plain superscript numbers with a notes list at the end.

Markers: `text.<sup>1</sup>`.  Definitions: the ordered list right after a final
heading named Notes, Endnotes, Footnotes, References or the like in another
language (`_spellings.NOTES_HEADINGS`).  Lifted only when the
superscript numbers and the list's numbers match one to one; otherwise the
text stays as it is and a diagnostic says why.
"""

from __future__ import annotations

import itertools
import re

from markdown_it.token import Token

from ._html import top_level_blocks
from ._spellings import NOTES_HEADING_WORDS, is_notes_heading
from ._state import LiftState, RawDefinition

NAME = "superscript"

_OPEN = re.compile(r"<sup>", re.IGNORECASE)
_CLOSE = re.compile(r"</sup>", re.IGNORECASE)


def detect(text: str) -> bool:
    """A chapter may use superscript notes if it has `<sup>` and a notes-like heading."""
    lowered = text.lower()
    return "<sup>" in lowered and any(word in lowered for word in NOTES_HEADING_WORDS)


def lift(state: LiftState) -> None:
    """Lift the notes list and the markers, when they match one to one."""
    found = _notes_list(state.tokens)
    if found is None:
        return
    heading, start, end = found
    numbers = _item_numbers(state.tokens[start:end])
    cited = {
        number
        for block in _body_inlines(state, heading)
        for index in range(len(block.children or []))
        if (number := _superscript(block.children or [], index)) is not None
    }
    if numbers and numbers[0] not in cited:
        # No superscript cites the list's first item: they are exponents
        # (`x<sup>2</sup>`) and the list is the author's, not notes.
        return
    if cited != set(numbers):
        line = (state.tokens[heading].map or [0])[0] + 1 + state.source.line_offset
        state.warn(
            "superscript-mismatch",
            line,
            1,
            f"superscripts {sorted(cited)} do not match the {len(numbers)} notes listed "
            "under this heading one to one; left as written",
        )
        return
    items = _items(state.tokens[start:end])
    for number, item in zip(numbers, items, strict=True):
        opening = item[0]
        line = (opening.map or [0])[0]
        position = state.locator.position(state.locator.offset_of_line(line))
        body = [_dedent(token) for token in item[1:-1]]
        state.definitions.append(
            RawDefinition(f"superscript:{number}", str(number), body, *position)
        )
    for block in _body_inlines(state, heading):
        block.children = _replace_markers(state, block)
    state.tokens = state.tokens[:heading] + state.tokens[end:]


def _notes_list(tokens: list[Token]) -> tuple[int, int, int] | None:
    """(heading index, list start, list end) of a notes heading followed by an ordered list."""
    blocks = list(top_level_blocks(tokens))
    for (h_start, _), (l_start, l_end) in itertools.pairwise(blocks):
        if tokens[l_start].type == "ordered_list_open" and is_notes_heading(tokens, h_start):
            return h_start, l_start, l_end
    return None


def _item_numbers(tokens: list[Token]) -> list[int]:
    start = int(tokens[0].attrGet("start") or 1)
    count = sum(1 for t in tokens if t.type == "list_item_open" and t.level == tokens[0].level + 1)
    return list(range(start, start + count))


def _items(tokens: list[Token]) -> list[list[Token]]:
    items: list[list[Token]] = []
    level = tokens[0].level + 1
    for token in tokens[1:-1]:
        if token.type == "list_item_open" and token.level == level:
            items.append([])
        items[-1].append(token)
    return items


def _dedent(token: Token) -> Token:
    token.level = max(token.level - 2, 0)
    return token


def _body_inlines(state: LiftState, heading: int) -> list[Token]:
    return [t for t in state.tokens[:heading] if t.type == "inline" and t.children]


def _superscript(children: list[Token], index: int) -> int | None:
    """The number of a `<sup>N</sup>` run starting at `index`, if there is one."""
    if index + 2 >= len(children):
        return None
    opening, text, closing = children[index : index + 3]
    if (
        opening.type == "html_inline"
        and _OPEN.fullmatch(opening.content)
        and text.type == "text"
        and text.content.strip().isdigit()
        and closing.type == "html_inline"
        and _CLOSE.fullmatch(closing.content)
    ):
        return int(text.content)
    return None


def _replace_markers(state: LiftState, block: Token) -> list[Token]:
    children = block.children or []
    scanner = state.locator.scanner(block)
    result: list[Token] = []
    index = 0
    while index < len(children):
        scanner.skip(children[index])
        number = _superscript(children, index)
        if number is None:
            result.append(children[index])
            index += 1
            continue
        raw = "".join(child.content for child in children[index : index + 3])
        result.append(
            state.add_marker(f"superscript:{number}", str(number), raw, scanner.find(raw))
        )
        index += 3
    return result
