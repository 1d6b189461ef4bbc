"""Markdown footnotes: `[^label]` markers, `[^label]: text` definitions, `^[inline]` notes.

Definitions may span several indented paragraphs, lists and code blocks; the
footnote plugin parses them, and this dialect lifts its tokens out of the body.
"""

from __future__ import annotations

from markdown_it.token import Token

from ._state import LiftState, RawDefinition

NAME = "markdown"


def detect(text: str) -> bool:
    """A chapter may use Markdown footnotes if it has `[^` or `^[` anywhere."""
    return "[^" in text or "^[" in text


def lift(state: LiftState) -> None:
    """Lift definitions out of the block stream, then markers out of every inline."""
    state.tokens = _lift_definitions(state, state.tokens)
    inline_count = 0
    for block in list(state.inline_blocks()):
        if not block.children or not any(c.type == "footnote_ref" for c in block.children):
            continue
        scanner = state.locator.scanner(block)
        children: list[Token] = []
        for child in block.children:
            scanner.skip(child)
            if child.type != "footnote_ref":
                children.append(child)
                continue
            label = child.meta.get("label")
            if label is not None:
                raw = f"[^{label}]"
                children.append(state.add_marker(label, label, raw, scanner.find(raw)))
                continue
            inline_count += 1
            key = f"^inline-{inline_count}"
            content, note_children = _inline_note(state, child.meta["id"])
            raw = f"^[{content}]"
            position = scanner.find(raw)
            children.append(state.add_marker(key, "", raw, position))
            state.definitions.append(
                RawDefinition(key, "", paragraph(content, note_children), *position, inline=True)
            )
        block.children = children


def _lift_definitions(state: LiftState, tokens: list[Token]) -> list[Token]:
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "footnote_reference_open":
            kept.append(token)
            index += 1
            continue
        end = next(
            i for i in range(index, len(tokens)) if tokens[i].type == "footnote_reference_close"
        )
        label = token.meta["label"]
        line_start = state.locator.offset_of_line(token.map[0] if token.map else 0)
        line, column = state.locator.position(max(state.text.find("[^", line_start), line_start))
        inner = tokens[index + 1 : end]
        for inner_token in inner:
            inner_token.level = max(inner_token.level - 1, 0)
        state.definitions.append(RawDefinition(label, label, inner, line, column))
        index = end + 1
    return kept


def _inline_note(state: LiftState, note_id: int) -> tuple[str, list[Token]]:
    """The raw content and inline tokens the footnote plugin stored for `^[...]`."""
    footnotes = state.env.get("footnotes")
    data = footnotes["list"][note_id] if isinstance(footnotes, dict) else {}
    return str(data.get("content", "")), list(data.get("tokens", []))


def paragraph(content: str, children: list[Token]) -> list[Token]:
    """Wrap inline children in a paragraph, the block form of an inline note."""
    inline = Token("inline", "", 0, content=content, children=children)
    return [Token("paragraph_open", "p", 1), inline, Token("paragraph_close", "p", -1)]
