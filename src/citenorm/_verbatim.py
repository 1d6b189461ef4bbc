"""Which top-level blocks of a chapter are written back from their source lines.

Most of a chapter needs no change: rendering it again costs as much as parsing it
and rewrites the author's spelling of emphasis, lists and headings for nothing.
A block is written verbatim when the lift stage left its tokens exactly as the
parser made them and rendering would change nothing that matters: it holds no
note marker, entity or backslash escape, is no table (tables are repaired and
written compactly) and no indented code block (which a preceding list could
swallow).  A list next to another list is rendered with it, so that the renderer
keeps them apart as it does in one pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

_ALWAYS_RENDERED = frozenset({"table_open", "code_block", "footnote_block_open"})
_LISTS = frozenset({"bullet_list_open", "ordered_list_open"})
_NEEDS_RENDERING = ("&", "\\")


@dataclass(frozen=True)
class Snapshot:
    """Every parsed token with its content and children as the parser left them.

    Holding the objects (not their ids) keeps them alive, so identity comparisons
    after the lift stage cannot be fooled by a recycled id.
    """

    tokens: dict[int, tuple[Token, str, tuple[Token, ...]]]
    block_sizes: dict[int, int]


def snapshot(tokens: Sequence[Token]) -> Snapshot:
    """Record the parser's tokens before any dialect touches them."""
    return Snapshot(
        {id(token): (token, token.content, tuple(token.children or ())) for token in tokens},
        {id(block[0]): len(block) for block in top_level_blocks(tokens)},
    )


def top_level_blocks(tokens: Sequence[Token]) -> list[list[Token]]:
    """The token stream cut into its top-level blocks (an opening token to its close)."""
    blocks: list[list[Token]] = []
    depth = 0
    for token in tokens:
        if depth == 0:
            blocks.append([])
        blocks[-1].append(token)
        depth = max(depth + token.nesting, 0)
    return blocks


def source_lines(block: list[Token], pristine: Snapshot, lines: Sequence[str]) -> str | None:
    """The block's source text when it can be written back as it stands, else None."""
    first = block[0]
    if first.map is None or first.type in _ALWAYS_RENDERED:
        return None
    if pristine.block_sizes.get(id(first)) != len(block):
        return None  # a token was taken out of it (a note definition inside a quote)
    for token in block:
        recorded = pristine.tokens.get(id(token))
        if recorded is None or recorded[0] is not token or recorded[1] != token.content:
            return None
        children = tuple(token.children or ())
        if len(children) != len(recorded[2]) or any(
            now is not then for now, then in zip(children, recorded[2], strict=True)
        ):
            return None
        if token.type == "inline" and any(mark in token.content for mark in _NEEDS_RENDERING):
            return None
    start, end = first.map
    text = "\n".join(lines[start:end]).rstrip()
    return text or None


def plan(
    tokens: Sequence[Token], pristine: Snapshot, text: str
) -> list[tuple[str | None, list[Token]]]:
    """Each run of blocks: (source text, its tokens) when verbatim, (None, tokens) to render.

    Consecutive blocks to render form one run, rendered in one pass.
    """
    lines = text.split("\n")
    blocks = top_level_blocks(tokens)
    verbatim = [source_lines(block, pristine, lines) for block in blocks]
    for index, block in enumerate(blocks):
        if block[0].type in _LISTS:
            neighbours = blocks[max(index - 1, 0) : index] + blocks[index + 1 : index + 2]
            if any(other[0].type in _LISTS for other in neighbours):
                verbatim[index] = None
    runs: list[tuple[str | None, list[Token]]] = []
    for source, block in zip(verbatim, blocks, strict=True):
        if source is None and runs and runs[-1][0] is None:
            runs[-1][1].extend(block)
        else:
            runs.append((source, list(block)))
    return runs
