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
    """Lift definitions out of the block stream, then markers out of every inline.

    An inline note becomes a definition whose text is lifted in turn, so that
    markers inside it (`^[see [^1]]`) are found too.
    """
    state.tokens = _lift_definitions(state, state.tokens)
    pending = list(state.inline_blocks())
    while pending:
        block = pending.pop(0)
        if block.children and any(c.type == "footnote_ref" for c in block.children):
            block.children = _lift_markers(state, block, pending)


def _lift_markers(state: LiftState, block: Token, pending: list[Token]) -> list[Token]:
    scanner = state.locator.scanner(block)
    children: list[Token] = []
    for child in block.children or []:
        scanner.skip(child)
        if child.type != "footnote_ref":
            children.append(child)
            continue
        label = child.meta.get("label")
        if label is not None:
            raw = f"[^{label}]"
            children.append(state.add_marker(label, label, raw, scanner.find(raw)))
            continue
        key = f"^inline-{len(state.definitions)}"
        content, note_children = _inline_note(state, child.meta["id"])
        raw = f"^[{content}]"
        position = scanner.find(raw)
        children.append(state.add_marker(key, "", raw, position))
        tokens = paragraph(content, note_children)
        state.definitions.append(RawDefinition(key, "", tokens, *position, inline=True))
        pending.append(tokens[1])
    return children


def _lift_definitions(state: LiftState, tokens: list[Token]) -> list[Token]:
    """Move every definition out of `tokens` (nested ones too, each as its own note)."""
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "footnote_reference_open":
            kept.append(token)
            index += 1
            continue
        end = _matching_close(tokens, index)
        label = token.meta["label"]
        line_start = state.locator.offset_of_line(token.map[0] if token.map else 0)
        line, column = state.locator.position(max(state.text.find("[^", line_start), line_start))
        place = len(state.definitions)
        inner = _lift_definitions(state, tokens[index + 1 : end])
        for inner_token in inner:
            inner_token.level = max(inner_token.level - 1, 0)
        state.definitions.insert(place, RawDefinition(label, label, inner, line, column))
        index = end + 1
    return kept


def _matching_close(tokens: list[Token], start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].type == "footnote_reference_open":
            depth += 1
        elif tokens[index].type == "footnote_reference_close":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1


def _inline_note(state: LiftState, note_id: int) -> tuple[str, list[Token]]:
    """The raw content and inline tokens the footnote plugin stored for `^[...]`."""
    footnotes = state.env.get("footnotes")
    data = footnotes["list"][note_id] if isinstance(footnotes, dict) else {}
    tokens = list(data.get("tokens", []))
    for token in tokens:
        # The plugin parses inline notes outside the core chain, so markdown-it's
        # text_join never turned their escapes and entities into plain text.
        if token.type == "text_special":
            token.type = "text"
    return str(data.get("content", "")), tokens


def paragraph(content: str, children: list[Token]) -> list[Token]:
    """Wrap inline children in a paragraph, the block form of an inline note."""
    inline = Token("inline", "", 0, content=content, children=children)
    return [Token("paragraph_open", "p", 1), inline, Token("paragraph_close", "p", -1)]
