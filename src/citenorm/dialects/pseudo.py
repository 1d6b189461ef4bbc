"""Pseudo definitions: paragraphs that start with `[^n] ` (no colon), usually after `<hr>`.

A label that also has a real `[^n]:` definition is a marker at the start of a
paragraph, not a pseudo definition.

Some CMS exports write their notes this way; CommonMark reads them as plain
paragraphs, and an `<hr>` written right above the first one swallows it into
an HTML block.  This dialect splits such a block and lifts each paragraph.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ._state import LiftState, RawDefinition

NAME = "pseudo"

_DEFINITION_LINE = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\][ \t]", re.MULTILINE)
_SEPARATOR = re.compile(r"[ ]{0,3}<hr\s*/?>[ \t]*", re.IGNORECASE)


def detect(text: str) -> bool:
    """A chapter may use pseudo definitions if a line starts with `[^label] `."""
    return _DEFINITION_LINE.search(text) is not None


def lift(state: LiftState) -> None:
    """Split separator HTML blocks that swallowed a definition, then lift the definitions."""
    state.tokens = _split_separators(state, state.tokens)
    defined = {
        str(token.meta["label"])
        for token in state.tokens
        if token.type == "footnote_reference_open"
    }
    tokens = state.tokens
    candidates = {
        index: label
        for index in range(len(tokens))
        if (label := _definition_label(tokens, index)) is not None and label not in defined
    }
    if not candidates or not _consistent(tokens, candidates):
        return
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        label = candidates.get(index)
        if label is None:
            kept.append(tokens[index])
            index += 1
            continue
        opening, inline, closing = tokens[index : index + 3]
        line = opening.map[0] if opening.map else 0
        cursor = state.locator.offset_of_line(line)
        for line_label, children in _line_definitions(inline.children or [], defined):
            found = state.text.find(f"[^{line_label}]", cursor)
            cursor = max(found, cursor)
            position = state.locator.position(cursor)
            body = Token("inline", "", 0, content=inline.content, children=children)
            body.map = inline.map
            state.definitions.append(
                RawDefinition(line_label, line_label, [opening, body, closing], *position)
            )
        index += 3
    state.tokens = kept


def _line_definitions(children: list[Token], defined: set[str]) -> list[tuple[str, list[Token]]]:
    """The `[^n] text` definitions of one paragraph: one per line that opens with a marker
    (`[^1] one` and `[^2] two` on consecutive lines are two notes)."""
    pieces: list[tuple[str, list[Token]]] = []
    index = 0
    while index < len(children):
        child = children[index]
        starts_line = index == 0 or children[index - 1].type in ("softbreak", "hardbreak")
        follows = children[index + 1] if index + 1 < len(children) else None
        label = child.meta.get("label") if child.type == "footnote_ref" else None
        opens = (
            starts_line
            and label is not None
            and str(label) not in defined
            and follows is not None
            and follows.type == "text"
            and follows.content[:1].isspace()
            and not any(str(label) == seen for seen, _ in pieces)
        )
        if opens:
            if pieces and pieces[-1][1] and pieces[-1][1][-1].type in ("softbreak", "hardbreak"):
                pieces[-1][1].pop()
            assert follows is not None
            text = Token("text", "", 0, content=follows.content.lstrip())
            pieces.append((str(label), [text] if text.content else []))
            index += 2
            continue
        if pieces:
            pieces[-1][1].append(child)
        index += 1
    return pieces


def _consistent(tokens: list[Token], candidates: dict[int, str]) -> bool:
    """Whether the `[^n] text` paragraphs read as a notes block, not as prose.

    They must carry distinct labels and stand together after a rule, or at the
    end of the chapter with at least half of them (one at least) cited by a
    marker before the block.  `[^1] is cited here but never defined.`
    and `[^1]  [^1]` are then prose with undefined markers, not notes.
    """
    labels = list(candidates.values())
    if len(set(labels)) != len(labels):
        return False
    first = min(candidates)
    after_rule = first > 0 and _is_rule(tokens[first - 1])
    cited = {
        str(child.meta.get("label"))
        for token in tokens[:first]
        if token.type == "inline"
        for child in token.children or []
        if child.type == "footnote_ref"
    }
    if not after_rule and (2 * len(cited & set(labels)) < len(labels) or not cited & set(labels)):
        return False
    index = first
    while index < len(tokens):
        if index in candidates:
            index += 3
        elif _is_rule(tokens[index]):
            index += 1
        else:
            return after_rule
    return True


def _is_rule(token: Token) -> bool:
    return token.type == "hr" or (
        token.type == "html_block" and _SEPARATOR.fullmatch(token.content.strip()) is not None
    )


def _definition_label(tokens: list[Token], index: int) -> str | None:
    """The label if tokens[index:] is a top-level paragraph `[^label] text`."""
    if index + 2 >= len(tokens) or tokens[index].type != "paragraph_open":
        return None
    if tokens[index].level != 0:
        return None
    children = tokens[index + 1].children or []
    if len(children) < 2 or children[0].type != "footnote_ref":
        return None
    label = children[0].meta.get("label")
    follows = children[1]
    if label is None or follows.type != "text" or not follows.content[:1].isspace():
        return None
    return str(label)


def _split_separators(state: LiftState, tokens: list[Token]) -> list[Token]:
    result: list[Token] = []
    for token in tokens:
        first_line, _, rest = token.content.partition("\n")
        if (
            token.type == "html_block"
            and token.map is not None
            and _SEPARATOR.fullmatch(first_line)
            and _DEFINITION_LINE.match(rest)
        ):
            start = token.map[0]
            separator = Token("html_block", "", 0, content=first_line + "\n", block=True)
            separator.map = [start, start + 1]
            result.append(separator)
            result.extend(state.parse_fragment(rest, start + 1))
        else:
            result.append(token)
    return result
