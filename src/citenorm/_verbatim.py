"""Which top-level blocks of a chapter are written back from their source lines.

Most of a chapter needs no change: rendering it again costs as much as parsing it
and rewrites the author's spelling of emphasis, lists and headings for nothing.
A block is written verbatim when the lift stage left its tokens exactly as the
parser made them and rendering would change nothing that matters: it holds no
note marker, entity or backslash escape, and is no table (tables are repaired
and written compactly).  An indented block stays indented (MkDocs admonitions
and tabs are such blocks; mdformat would fence them).  A block whose first line
is indented is rendered when a list stands right before it: the renderer
re-indents the list, which could then swallow it.  A list next to another list
is rendered with it, so that the renderer keeps them apart as it does in one
pass.  A top-level fence left open is rendered, which closes it: the notes
written after the body must not fall inside it.

A top-level paragraph or heading whose entities and escapes the renderer would
write the same whatever their neighbours (`&amp;` as `&`, `2010\\.` as `2010.`)
is written from its source with just those edited (`_edited`); any other is
rendered.

A top-level paragraph whose only change is its note markers is written from
its source too, each marker's raw text replaced by its slot: the renderer would
write the rest of it unchanged, except where a marker's neighbours would make
new syntax of the slot's `[^n]` (a `^` before it, `(`, `[` or `:` after it), or
where brackets around it could pair differently once its raw text is gone (any
`[`, `]` or `^` in the rest of the paragraph, unless every marker was written
`[^label]` already), so those paragraphs are rendered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markdown_it.common.entities import entities
from markdown_it.token import Token

from ._inline_rules import MATH
from ._parse import ESCAPES
from .dialects import NOTE_REF

_ALWAYS_RENDERED = frozenset({"table_open", "footnote_block_open"})
_LISTS = frozenset({"bullet_list_open", "ordered_list_open"})
_NEEDS_RENDERING = ("&", "\\")
_EDITABLE = frozenset({"paragraph_open", "heading_open"})


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


def source_text(
    block: list[Token], pristine: Snapshot, source: _Source, slots: Mapping[str, str]
) -> str | None:
    """The block's source text when it can be written back, markers in their slots, else None."""
    first = block[0]
    if first.map is None or first.type in _ALWAYS_RENDERED:
        return None
    if first.type == "fence" and not first.level and not _closed(first, source):
        return None  # the renderer closes it: notes written after it stay notes
    if pristine.block_sizes.get(id(first)) != len(block):
        return None  # a token was taken out of it (a note definition inside a quote)
    markers: list[Token] = []
    escapes: list[tuple[str, str]] = []
    edited = False
    for token in block:
        recorded = pristine.tokens.get(id(token))
        if recorded is None or recorded[0] is not token or recorded[1] != token.content:
            return None
        children = tuple(token.children or ())
        if children != recorded[2]:
            if token.type != "inline" or first.type != "paragraph_open" or first.level:
                return None
            found = _markers_only(children, recorded[2])
            if found is None or _in_link_text(children):
                return None
            markers.extend(found)
        if token.type == "inline" and _needs_rendering(token):
            if first.level or first.type not in _EDITABLE or _reference_link(token):
                return None
            escapes.extend(token.meta.get(ESCAPES, ()))
            edited = True
    start, end = source.offset(first.map[0]), source.offset(first.map[1])
    written = (
        _spliced(source.text, start, end, markers, slots)
        if markers
        else source.text[start:end].rstrip() or None
    )
    return _edited(written, escapes) if edited and written is not None else written


def _reference_link(inline: Token) -> bool:
    """Whether an inline holds a reference link (`[Foo \\. bar]`, `[text][label]`): its
    label matches the definition's as written, so its escapes must stay as they are."""
    return any(
        child.type in ("link_open", "image") and child.meta.get("label")
        for child in inline.children or ()
    )


def _indented(written: str | None) -> bool:
    """Whether a block written from its source opens with a blank (an indented line)."""
    return written is not None and written[:1] in (" ", "\t")


def _closed(fence: Token, source: _Source) -> bool:
    """Whether a fence's last source line closes it (unclosed, it runs to the end)."""
    assert fence.map is not None
    line = source.text[source.offset(fence.map[1] - 1) : source.offset(fence.map[1])].rstrip()
    last = line.lstrip(" ")
    char = fence.markup[:1]
    return (
        fence.map[1] - fence.map[0] > 1
        and len(line) - len(last) <= 3  # four spaces or a tab before it: code, not a close
        and len(last) >= len(fence.markup)
        and last == char * len(last)
    )


def _in_link_text(children: Sequence[Token]) -> bool:
    """Whether a marker stands in a link's text (the renderer writes it after the link)."""
    depth = 0
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif child.type == NOTE_REF and depth:
            return True
    return False


def _needs_rendering(inline: Token) -> bool:
    """Whether an inline's text has what the normal form rewrites (entities, escapes);
    inside TeX math, `\\` and `&` are TeX's and stay."""
    content = inline.content
    if not any(mark in content for mark in _NEEDS_RENDERING):
        return False
    for child in inline.children or ():
        if child.type == MATH:
            content = content.replace(child.markup + child.content + child.markup, "", 1)
    return any(mark in content for mark in _NEEDS_RENDERING)


def _edited(text: str, escapes: Sequence[tuple[str, str]]) -> str | None:
    """`text` with its escapes and character references written as the renderer
    would write them, or None when one of them needs the renderer's judgement.

    `escapes` is what the parser read, in order; the text's own are found again
    by one scan and must be exactly those (none in code, HTML or a link's
    destination, which the parser reads as they stand).  The rest of the block
    stays as written, so an edit must not complete syntax that its neighbours
    start, which the renderer would have escaped: a block with a `<` (an HTML
    tag or autolink an edit could close) is left to the renderer, and so is a
    quote where a link title could be (`](` or `]:` in the block).
    """
    if "<" in text:
        return None
    found = [
        match
        for match in _ESCAPE_OR_REFERENCE.finditer(text)
        if match.group(1) is None or match.group(1) in entities
    ]
    if [match.group() for match in found] != [markup for markup, _ in escapes]:
        return None
    titles = "](" in text or "]:" in text
    pieces: list[str] = []
    cursor = 0
    for match, (_, meaning) in zip(found, escapes, strict=True):
        written = _written(text, match.start(), match.end(), meaning)
        if written is None or (titles and written in ("'", '"')):
            return None
        pieces += [text[cursor : match.start()], written]
        cursor = match.end()
    pieces.append(text[cursor:])
    return "".join(pieces)


def _written(text: str, start: int, end: int, meaning: str) -> str | None:
    """How the renderer writes the escape or character reference `text[start:end]`
    (`meaning` is what it stands for), or None where that takes the renderer's
    judgement: its neighbours could make syntax of the plain character."""
    markup = text[start:end]
    if markup[0] == "\\":
        char = markup[1]
        if char in "`@":
            return markup  # always escaped; pandoc reads `@word` as a citation
        if char not in _NEEDLESS_ESCAPES:
            return None
        if char == "." and _opens_line_with_digits(text, start):
            return None  # `1\.` at a line's start keeps it from opening a list
        return char
    if meaning == "&":
        after = text[end : end + 1]
        return None if after.isalnum() or after in ("#", "&", "\\") else meaning
    if meaning in ("'", '"'):
        return meaning
    if not all(_written_as_is(char) for char in meaning):
        return None
    before, after = text[start - 1 : start], text[end : end + 1]
    if before in _DELIMITERS or after in _DELIMITERS or _ends_a_reference_start(text, start):
        return None  # a letter beside `*` or `_`, or after `&am`, can make syntax
    return meaning


_ESCAPE_OR_REFERENCE = re.compile(
    r"\\[^\n]|&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|([A-Za-z][A-Za-z0-9]{1,31}));"
)
"""markdown-it's escapes and character references (a name only when it is one)."""
_NEEDLESS_ESCAPES = frozenset(".,?'\"/%")
"""Characters whose escape the renderer drops and that complete no syntax in a block
without `<` (`;` could end a reference, `&amp\\;`)."""
_DELIMITERS = frozenset("*_~$^[]<>`")
_REFERENCE_CHARACTERS = frozenset("#0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
"""Neighbours beside which a letter instead of `&…;` could change what they do."""


def _ends_a_reference_start(text: str, start: int) -> bool:
    """Whether `text[:start]` ends in `&`, `&#` or `&am`: a decoded letter or digit
    there could complete a character reference (`&&#97;mp;`).  Reads back over
    letters, digits and `#` only (many references in a row cost their length once)."""
    index = start
    while index > 0 and (
        text[index - 1].isascii() and (text[index - 1].isalnum() or text[index - 1] == "#")
    ):
        index -= 1
    return text[index - 1 : index] == "&"


def _opens_line_with_digits(text: str, end: int) -> bool:
    """Whether `text[:end]` ends in a line of 1-9 digits after blanks: read backwards
    over those only, so that many escapes on one long line cost its length once."""
    index = end
    while index > 0 and end - index < 9 and text[index - 1] in _DIGITS:
        index -= 1
    if index == end:
        return False
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    return index == 0 or text[index - 1] == "\n"


def _written_as_is(char: str) -> bool:
    """A letter, mark, number or non-ASCII sign: the renderer writes it as it is, and
    it starts no syntax (no ASCII digit, which could open a list at a line's start;
    no space, control or private-use character)."""
    kind = unicodedata.category(char)[0]
    return char not in _DIGITS and (kind in "LMN" or (kind in "PS" and ord(char) > 127))


_DIGITS = frozenset("0123456789")


def _markers_only(now: tuple[Token, ...], then: tuple[Token, ...]) -> list[Token] | None:
    """The marker tokens of `now` when each run of them stands for a run of `then`
    holding exactly their raw text, and nothing else changed; None otherwise.

    One pass, each list read once.  A dialect that took anything more out with a
    marker (an anchor beside it) makes the run differ from the raw text, and the
    paragraph is rendered.
    """
    markers: list[Token] = []
    group: list[Token] = []
    index = 0
    for child in (*now, None):
        if child is not None and not group and index < len(then) and child is then[index]:
            index += 1
            continue
        if child is not None and child.type == NOTE_REF and "offset" in child.meta:
            group.append(child)
            continue
        if not group:
            if child is None and index == len(then):
                break  # every token read
            return None  # a token changed or was inserted
        start = index
        while index < len(then) and then[index] is not child:
            index += 1
        if child is not None and index == len(then):
            return None  # this token is new
        if not _stands_for(group, then[start:index]):
            return None
        markers += group
        group = []
        index += 1
    return markers or None


def _stands_for(markers: list[Token], run: Sequence[Token]) -> bool:
    """Whether the parser's tokens `run` are exactly what `markers` replaced."""
    if len(run) == len(markers) and all(token.type == "footnote_ref" for token in run):
        return True
    written = "".join("\n" if token.type == "softbreak" else token.content for token in run)
    return bool(run) and written == "".join(str(marker.meta["raw"]) for marker in markers)


def _spliced(
    text: str, start: int, end: int, markers: list[Token], slots: Mapping[str, str]
) -> str | None:
    """`text[start:end]` with each marker's raw text replaced by its slot."""
    pieces: list[str] = []
    cursor = start
    for marker in markers:
        raw, offset = str(marker.meta["raw"]), int(marker.meta["offset"])
        after = offset + len(raw)
        if offset < cursor or after > end or text[offset:after] != raw:
            return None
        if text[offset - 1 : offset] == "^" or text[after : after + 1] in ("(", "[", ":"):
            return None
        slot = slots.get(str(marker.meta["key"]))
        if slot is not None:  # an unresolved marker is written as it stood
            pieces += [text[cursor:offset], slot]
            cursor = after
    pieces.append(text[cursor:end])
    markdown = all(_MARKDOWN_MARKER.fullmatch(str(marker.meta["raw"])) for marker in markers)
    if not markdown and any(_BRACKETS.search(piece) for piece in pieces[::2]):
        return None
    return "".join(pieces).rstrip() or None


_BRACKETS = re.compile(r"[\[\]^]")
"""Text around a marker that may pair with brackets the marker's raw text held (a link
label, an inline note `^[…]`): with the raw text replaced it could read differently."""
_MARKDOWN_MARKER = re.compile(r"\[\^[^\]\s]+\]")
"""A marker written `[^label]` becomes `[^n]`, brackets for brackets: nothing around
it pairs differently (`[text]({{ site.baseurl }}/x)` beside it stays as written)."""


@dataclass(frozen=True)
class _Source:
    """The text a chapter was parsed from, with where each line starts."""

    text: str
    starts: list[int]

    def offset(self, line: int) -> int:
        return self.starts[min(line, len(self.starts) - 1)]


def _source(text: str) -> _Source:
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    starts.append(len(text) + 1)
    return _Source(text, starts)


def plan(
    tokens: Sequence[Token], pristine: Snapshot, text: str, slots: Mapping[str, str]
) -> list[tuple[str | None, list[Token]]]:
    """Each run of blocks: (source text, its tokens) when verbatim, (None, tokens) to render.

    Consecutive blocks to render form one run, rendered in one pass.  `slots` maps
    each resolved marker's key to the slot written in its place.
    """
    lines = _source(text)
    blocks = top_level_blocks(tokens)
    verbatim = [source_text(block, pristine, lines, slots) for block in blocks]
    for index, block in enumerate(blocks):
        if block[0].type in _LISTS:
            neighbours = blocks[max(index - 1, 0) : index] + blocks[index + 1 : index + 2]
            if any(other[0].type in _LISTS for other in neighbours):
                verbatim[index] = None
        elif index and blocks[index - 1][0].type in _LISTS and _indented(verbatim[index]):
            verbatim[index] = None  # after a list the renderer re-indents, it would join it
    runs: list[tuple[str | None, list[Token]]] = []
    for written, block in zip(verbatim, blocks, strict=True):
        if written is None and runs and runs[-1][0] is None:
            runs[-1][1].extend(block)
        else:
            runs.append((written, list(block)))
    return runs
