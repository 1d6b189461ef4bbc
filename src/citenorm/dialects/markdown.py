"""Markdown footnotes: `[^label]` markers, `[^label]: text` definitions, `^[inline]` notes.

Definitions may span several indented paragraphs, lists and code blocks; the
footnote plugin parses them, and this dialect lifts its tokens out of the body.
"""

from __future__ import annotations

import re
from collections import deque

from markdown_it.token import Token

from . import shortcodes
from ._state import NOTE_REF, LiftState, RawDefinition, joined_text

NAME = "markdown"


def detect(text: str) -> bool:
    """A chapter may use Markdown footnotes if it has `[^` or `^[` anywhere, or
    footnote shortcodes, which the shortcodes dialect rewrites as inline notes."""
    return "[^" in text or "^[" in text or shortcodes.detect(text)


def lift(state: LiftState) -> None:
    """Lift definitions out of the block stream, then markers out of every inline.

    An inline note becomes a definition whose text is lifted in turn, so that
    markers inside it (`^[see [^1]]`) are found too.
    """
    state.tokens = _lift_definitions(state, state.tokens)
    state.definitions = _split_glued(state, state.definitions)
    for block in state.inline_blocks():
        for child in block.children or []:
            if child.type == "image" and child.children:
                child.children = [_as_text(state, c) for c in child.children]
    pending = deque(state.inline_blocks())
    while pending:
        block = pending.popleft()
        if block.children and any(c.type == "footnote_ref" for c in block.children):
            block.children = _lift_markers(state, block, pending)


_WIDE_COLON = "\uff1a"
"""The full-width colon a CJK input method types after `[^1]` in a definition."""
_WORD = re.compile(r"[^\W\d_]{2}")


def _code_like(content: str) -> bool:
    """An inline note's text that reads as code: short, one piece, and no two letters
    in a row (`^[a-z]+$`, `[r2]^[r3]`; `^[Id.]`, `^[同上]` and a link are words)."""
    return len(content) <= 20 and content.split() == [content] and not _WORD.search(content)


def _lift_markers(state: LiftState, block: Token, pending: deque[Token]) -> list[Token]:
    scanner = state.locator.scanner(block)
    children: list[Token] = []
    original = block.children or []
    for index, child in enumerate(original):
        scanner.skip(child)
        if child.type != "footnote_ref":
            children.append(child)
            continue
        label = child.meta.get("label")
        if label is not None:
            raw = f"[^{label}]"
            position = scanner.find(raw)
            if index == 0 and original[1:2] and original[1].content.startswith(_WIDE_COLON):
                state.warn(
                    "suspected-footnote",
                    *position,
                    f"{raw}{_WIDE_COLON} reads as a definition with a full-width colon; it is read "
                    f"as a marker of [^{label}] (write {raw}: to make it a definition)",
                )
            children.append(state.add_marker(label, label, raw, position))
            continue
        key = f"^inline-{len(state.definitions)}"
        content, note_children = _inline_note(state, child.meta["id"])
        if not content.strip():
            # An empty inline note has no text to lift, and `[^n]:` with nothing
            # after it is no definition to other readers: it stays as written.
            children.append(Token(NOTE_REF, "", 0, meta={"key": "", "raw": f"^[{content}]"}))
            continue
        raw = f"^[{content}]"
        position = scanner.find(raw)
        if _code_like(content):
            state.warn(
                "code-like-note",
                *position,
                f"inline note {raw} holds no words; if it is code (a regular expression, "
                "an expression), write it in backticks or escape the caret (\\^[)",
            )
        children.append(state.add_marker(key, "", raw, position))
        tokens = paragraph(content, note_children)
        state.definitions.append(RawDefinition(key, "", tokens, *position, inline=True))
        pending.append(tokens[1])
    return children


def _as_text(state: LiftState, child: Token) -> Token:
    """A marker or inline note in an image description, as the text it was written as.

    An image description is plain text in every output format, so a note there
    cannot be a note; its words stay in the description instead of vanishing.
    """
    if child.type != "footnote_ref":
        return child
    label = child.meta.get("label")
    if label is not None:
        return Token("text", "", 0, content=f"[^{label}]")
    content, _ = _inline_note(state, child.meta["id"])
    return Token("text", "", 0, content=f"^[{content}]")


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


def _split_glued(state: LiftState, definitions: list[RawDefinition]) -> list[RawDefinition]:
    """Split definitions a translation tool glued onto a note's lines (`… text [^2]: next`).

    Only a label no other definition has is split off, so a marker followed by a
    colon inside a note (`see [^6]: …` where 6 is defined) stays a marker.
    """
    defined = {definition.key for definition in definitions}
    result: list[RawDefinition] = []
    for definition in definitions:
        if definition.inline:
            result.append(definition)
            continue
        current = definition
        current.tokens, pieces = [], _glued_pieces(definition.tokens, defined)
        for label, tokens in pieces:
            if label is None:
                current.tokens.extend(tokens)
                continue
            defined.add(label)
            # A glued definition with no text (`… [^x]:` ending the line) has no tokens.
            body_line = definition.line - 1 - state.source.line_offset
            line = tokens[0].map[0] if tokens and tokens[0].map else body_line
            offset = state.text.find(f"[^{label}]:", state.locator.offset_of_line(line))
            position = state.locator.position(max(offset, 0))
            result.append(current)
            current = RawDefinition(label, label, list(tokens), *position)
        result.append(current)
    return result


def _glued_pieces(tokens: list[Token], defined: set[str]) -> list[tuple[str | None, list[Token]]]:
    """The definition's blocks cut at every glued `[^label]:`; None labels the first piece."""
    pieces: list[tuple[str | None, list[Token]]] = [(None, [])]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "paragraph_open" or index + 2 >= len(tokens):
            pieces[-1][1].append(token)
            index += 1
            continue
        inline, closing = tokens[index + 1], tokens[index + 2]
        children = inline.children or []
        start = 0
        for cut in _glued_refs(children, defined, inline.content):
            head = children[start:cut]
            if head and head[-1].type == "text":
                head[-1].content = head[-1].content.rstrip()
            pieces[-1][1].extend(_paragraph_like(token, inline, closing, head))
            label = str(children[cut].meta["label"])
            children[cut + 1].content = children[cut + 1].content[1:].lstrip()
            pieces.append((label, []))
            start = cut + 1
        pieces[-1][1].extend(_paragraph_like(token, inline, closing, children[start:]))
        index += 3
    return [(label, body) for label, body in pieces if label is not None or body]


def _glued_refs(children: list[Token], defined: set[str], written: str) -> list[int]:
    """Indices of `[^label]` children that open a glued definition.

    `written` is the paragraph's source: `[^x]\\:` (the colon escaped, as citenorm
    writes a marker that must not read as a definition) reads as `:` in the tokens.
    """
    cuts = []
    for index, child in enumerate(children[:-1]):
        label = child.meta.get("label") if child.type == "footnote_ref" else None
        after = children[index + 1]
        if label is None or str(label) in defined or after.type != "text":
            continue
        before = children[index - 1] if index else None
        spaced = (
            before is None
            or before.type == "softbreak"
            or (before.type == "text" and before.content[-1:].isspace())
        )
        glued = after.content.startswith(":") and after.content[1:2] in (" ", "")
        if spaced and glued and f"[^{label}]:" in written:
            cuts.append(index)
    return cuts


def _paragraph_like(
    opening: Token, inline: Token, closing: Token, children: list[Token]
) -> list[Token]:
    """A paragraph with the given children (no tokens when they hold nothing)."""
    if not any(c.content.strip() or c.type not in ("text", "softbreak") for c in children):
        return []
    new_inline = Token("inline", "", 0, content=inline.content, children=children)
    new_inline.map, new_inline.level = inline.map, inline.level
    return [opening, new_inline, closing]


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
    # The plugin parses inline notes outside the core chain (see `joined_text`).
    return str(data.get("content", "")), joined_text(list(data.get("tokens", [])))


def paragraph(content: str, children: list[Token]) -> list[Token]:
    """Wrap inline children in a paragraph, the block form of an inline note."""
    inline = Token("inline", "", 0, content=content, children=children)
    return [Token("paragraph_open", "p", 1), inline, Token("paragraph_close", "p", -1)]
