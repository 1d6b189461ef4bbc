"""Footnote shortcodes: `[ref]…[/ref]` and their kin, written where the note stands.

Pelican's simple_footnotes and WordPress's Simple Footnotes write a note as
`[ref]text[/ref]`, Easy Footnotes as `[efn_note]…[/efn_note]`, Modern Footnotes
as `[mfn]…[/mfn]`; exports to Markdown keep the shortcodes as text.  Each is an
inline note, so this dialect rewrites it as one (`^[text]`) and parses the
paragraph again; the markdown dialect lifts it from there.  A shortcode whose
text has unbalanced brackets cannot be an inline note: it stays as written, with
a diagnostic.  Shortcodes in code spans are code.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ._state import LiftState

NAME = "shortcodes"

_NAMES = ("ref", "efn_note", "mfn")
_OPEN = re.compile(r"\[(ref|efn_note|mfn)\]")
CODE = "suspected-footnote"


def detect(text: str) -> bool:
    """A chapter may hold footnote shortcodes if one of their closing tags is in it."""
    return any(f"[/{name}]" in text for name in _NAMES)


def lift(state: LiftState) -> None:
    """Rewrite each paragraph's shortcodes as inline notes and parse it again."""
    for block in list(state.inline_blocks()):
        content = block.content
        if "[/" not in content or not _OPEN.search(content):
            continue
        if any(
            child.type == "code_inline" and _OPEN.search(child.content)
            for child in block.children or []
        ):
            continue
        rewritten, refused = as_inline_notes(content)
        for offset in refused:
            line, column = state.locator.position(_offset_in_source(state, block, offset))
            state.warn(
                CODE,
                line,
                column,
                "a footnote shortcode that is empty or whose brackets do not balance "
                "cannot be lifted; left as written",
            )
        if rewritten != content:
            block.children = state.parse_inline(rewritten)


def as_inline_notes(content: str) -> tuple[str, list[int]]:
    """`content` with every `[ref]text[/ref]` (and kin) as `^[text]`, and the offsets
    of the shortcodes left alone: empty, or their text's brackets do not balance.

    One pass: each opening tag looks for its own closing tag after it, and a name
    whose closing tag is not found is not looked for again.
    """
    parts: list[str] = []
    refused: list[int] = []
    unclosed: set[str] = set()  # names with no closing tag left: not searched again
    position = 0
    while (opening := _OPEN.search(content, position)) is not None:
        name = opening.group(1)
        closing = -1 if name in unclosed else content.find(f"[/{name}]", opening.end())
        if closing < 0:
            unclosed.add(name)
            parts.append(content[position : opening.end()])
            position = opening.end()
            continue
        text = content[opening.end() : closing]
        end = closing + len(name) + 3
        parts.append(content[position : opening.start()])
        if _balanced(text) and text.strip():
            parts.append(f"^[{text}]")
        else:
            parts.append(content[opening.start() : end])
            refused.append(opening.start())
        position = end
    parts.append(content[position:])
    return "".join(parts), refused


def _balanced(text: str) -> bool:
    depth = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _offset_in_source(state: LiftState, block: Token, offset: int) -> int:
    """Where a shortcode stands in the chapter: found from its block's first line."""
    start = state.locator.offset_of_line(block.map[0]) if block.map else 0
    tag = _OPEN.match(block.content, offset)
    found = state.text.find(tag.group(0), start) if tag else -1
    return found if found >= 0 else start
