"""Notes written as a paragraph that starts with the marker's own superscript.

Markers: Unicode superscript digits typed in the text (`pack ¹`) or
`<sup>1</sup>`.  Definitions: a paragraph that opens with the same label
(`¹ see the FAQ`, `<sup>1</sup> Source: …`).  A marker cites the first such
paragraph after it with its label, so two sections may each have their own
`¹`.  A superscript with no such paragraph after it is not a note (an exponent,
`m²`) and stays as written.
"""

from __future__ import annotations

import bisect
import re

from markdown_it.token import Token

from ._spellings import UNICODE_SUPERSCRIPTS, label_of
from ._state import LiftState, RawDefinition

NAME = "labelled"

_UNICODE = re.compile(f"[{UNICODE_SUPERSCRIPTS}]+")
_UNICODE_START = re.compile(f"^([{UNICODE_SUPERSCRIPTS}]+)[.)]?[ \\t\\u00a0]+")
_SUP_OPEN = re.compile(r"<sup>", re.IGNORECASE)
_SUP_CLOSE = re.compile(r"</sup>", re.IGNORECASE)


def detect(text: str) -> bool:
    """A chapter may hold such notes if it has superscript digits or `<sup>`."""
    return _UNICODE.search(text) is not None or "<sup>" in text.lower()


def lift(state: LiftState) -> None:
    """Pair each superscript with the next paragraph opening with its label; lift both."""
    tokens = state.tokens
    definitions = _definitions(tokens)
    if not definitions:
        return
    places: dict[str, list[int]] = {}
    for index, label in definitions.items():
        places.setdefault(label, []).append(index)
    cited: dict[int, list[tuple[Token, int, int, int]]] = {}
    for index, token in enumerate(tokens):
        if token.type != "inline" or index - 1 in definitions or not token.children:
            continue
        for child_index, start, end, label in _markers(token.children):
            following = places.get(label, [])
            at = bisect.bisect_right(following, index)
            if at < len(following):
                cited.setdefault(following[at], []).append((token, child_index, start, end))
    if not cited:
        return
    _lift(state, definitions, cited)


def _definitions(tokens: list[Token]) -> dict[int, str]:
    """Paragraph-open index → label, for top-level paragraphs opening with a superscript."""
    found: dict[int, str] = {}
    for index, token in enumerate(tokens[:-2]):
        if token.type != "paragraph_open" or token.level != 0:
            continue
        children = tokens[index + 1].children or []
        label = _leading_label(children)
        if label is not None:
            found[index] = label
    return found


def _leading_label(children: list[Token]) -> str | None:
    if not children:
        return None
    first = children[0]
    if first.type == "text":
        match = _UNICODE_START.match(first.content)
        return label_of(match.group(1)) if match else None
    if (
        len(children) > 3
        and first.type == "html_inline"
        and _SUP_OPEN.fullmatch(first.content)
        and children[1].type == "text"
        and children[2].type == "html_inline"
        and _SUP_CLOSE.fullmatch(children[2].content)
    ):
        return label_of(children[1].content)
    return None


def _markers(children: list[Token]) -> list[tuple[int, int, int, str]]:
    """(child index, start, end, label) of every superscript label; start/end in a text
    child for Unicode digits, -1 for a `<sup>` run of three children."""
    found = []
    depth = 0
    for index, child in enumerate(children):
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        if depth:
            continue
        if child.type == "text":
            for match in _UNICODE.finditer(child.content):
                label = label_of(match.group(0))
                if label is not None:
                    found.append((index, match.start(), match.end(), label))
        elif (
            child.type == "html_inline"
            and _SUP_OPEN.fullmatch(child.content)
            and index + 2 < len(children)
            and children[index + 1].type == "text"
            and children[index + 2].type == "html_inline"
            and _SUP_CLOSE.fullmatch(children[index + 2].content)
        ):
            label = label_of(children[index + 1].content)
            if label is not None and label.isdecimal():
                found.append((index, -1, -1, label))
    return found


def _lift(
    state: LiftState,
    definitions: dict[int, str],
    cited: dict[int, list[tuple[Token, int, int, int]]],
) -> None:
    tokens = state.tokens
    replacements: dict[int, list[tuple[int, int, int, str, str]]] = {}
    for index in sorted(cited):
        label = definitions[index]
        key = f"labelled:{index}"
        opening, inline, closing = tokens[index : index + 3]
        children = list(inline.children or [])
        if children[0].type == "text":
            children[0].content = _UNICODE_START.sub("", children[0].content, count=1)
        else:
            children = children[3:]
            if children and children[0].type == "text":
                children[0].content = children[0].content.lstrip(" \t\u00a0.)")
        inline.children = [c for c in children if c.type != "text" or c.content]
        line = opening.map[0] if opening.map else 0
        position = state.locator.position(state.locator.offset_of_line(line))
        state.definitions.append(RawDefinition(key, label, [opening, inline, closing], *position))
        for token, child_index, start, end in cited[index]:
            replacements.setdefault(id(token), []).append((child_index, start, end, key, label))
    for token in tokens:
        if token.type == "inline" and id(token) in replacements:
            _replace(state, token, replacements[id(token)])
    state.tokens = [
        t for i, t in enumerate(tokens) if not any(i - d in (0, 1, 2) for d in _near(cited, i))
    ]


def _near(cited: dict[int, list[tuple[Token, int, int, int]]], index: int) -> list[int]:
    return [d for d in (index, index - 1, index - 2) if d in cited]


def _replace(state: LiftState, token: Token, marks: list[tuple[int, int, int, str, str]]) -> None:
    """Replace the marked superscripts of one inline, right to left."""
    children = list(token.children or [])
    scanner = state.locator.scanner(token)
    positions = {}
    for child_index, start, end, _, _ in sorted(marks):
        child = children[child_index]
        raw = (
            child.content[start:end]
            if start >= 0
            else "".join(c.content for c in children[child_index : child_index + 3])
        )
        positions[(child_index, start)] = (raw, scanner.find(raw))
    for child_index, start, end, key, label in sorted(marks, reverse=True):
        raw, position = positions[(child_index, start)]
        marker = state.add_marker(key, label, raw, position)
        if start < 0:
            children[child_index : child_index + 3] = [marker]
            continue
        text = children[child_index]
        before = Token("text", "", 0, content=text.content[:start])
        after = Token("text", "", 0, content=text.content[end:])
        children[child_index : child_index + 1] = [
            t for t in (before, marker, after) if t.type != "text" or t.content
        ]
    token.children = children
