"""Open raw HTML blocks around the note markers they hold.

CommonMark reads a raw HTML block (a `<table>`, a `<figure>`) verbatim, so a
marker in a table cell or a `<figcaption>` is invisible to the dialects, and a
`[^1]` written back in its place would not be read as a marker either.  The
cell's text is cut out as a Markdown paragraph between the HTML before and
after it (blank lines around it, as CommonMark asks for Markdown inside HTML),
so the dialects lift the marker like any other and `[^n]` stays a marker.
"""

from __future__ import annotations

import bisect
import re

from markdown_it.token import Token

from .._locate import Locator
from ._spellings import HTML_HREF, HTML_LINK, HTML_TAG, is_arrow, label_of, names_citing_side
from ._state import LiftState

_BLOCK_TAGS = (
    "address|article|aside|blockquote|caption|center|dd|details|dialog|div|dl|dt|fieldset|"
    "figcaption|figure|footer|form|h[1-6]|header|legend|li|main|nav|ol|p|section|summary|"
    "table|tbody|td|tfoot|th|thead|tr|ul"
)
_BOUNDARY = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*>", re.IGNORECASE)
_ANY_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"'\s>]+)["']|\{#([^\s{}]+)""", re.IGNORECASE)
_BLOCK_START = re.compile(rf"</?(?:{_BLOCK_TAGS})\b", re.IGNORECASE)
_LINK = HTML_LINK
_HREF = HTML_HREF
_TAG = HTML_TAG
_CARET = re.compile(r"\[\^[^\[\]\s]+\]")
_VERBATIM = re.compile(r"\s*<(?:pre|script|style|textarea|!--)", re.IGNORECASE)


def open_html_blocks(state: LiftState) -> None:
    """Split every top-level HTML block holding a marker into HTML, paragraph, HTML."""
    if "href" not in state.text and "[^" not in state.text:
        return
    ids = _Ids(state.text)
    result: list[Token] = []
    for token in state.tokens:
        if token.type == "html_block" and token.level == 0 and token.map is not None:
            result.extend(_open(state, token, ids))
        else:
            result.append(token)
    state.tokens = result


class _Ids:
    """Where each id of the chapter is first written, found on first use: most
    chapters have no HTML block with a link in it, and the search reads the whole text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, int] | None = None

    def first(self, name: str, default: int) -> int:
        if self._found is None:
            self._found = {}
            for match in _ANY_ID.finditer(self._text):
                self._found.setdefault(match.group(1) or match.group(2), match.start())
        return self._found.get(name, default)


def _markers(html: str, base: int, ids: _Ids) -> tuple[list[tuple[int, int]], list[int]]:
    """Spans of label links in `html`, and where its back-links (a notes list) start.

    A link to an id written earlier in the chapter goes back (to its marker).
    """
    spans = []
    backs = []
    for match in _LINK.finditer(html):
        href = _HREF.search(match.group(1))
        if href is None:
            continue
        text = _TAG.sub("", match.group(2))
        earlier = ids.first(href.group(1), base + match.start()) < base + match.start()
        if is_arrow(text) or names_citing_side(href.group(1)) or earlier:
            backs.append(match.start())
        elif label_of(text) is not None:
            spans.append((match.start(), match.end()))
    # `[^1]` in raw HTML is a Markdown marker CommonMark would leave as text.
    spans.extend((match.start(), match.end()) for match in _CARET.finditer(html))
    return sorted(spans), backs


def _open(state: LiftState, token: Token, ids: _Ids) -> list[Token]:
    html = token.content
    if _VERBATIM.match(html) or ("href" not in html and "[^" not in html):
        return [token]
    base = state.locator.offset_of_line(token.map[0] if token.map else 0)
    spans, backs = _markers(html, base, ids)
    if not spans:
        return [token]
    bounds = [(m.start(), m.end()) for m in _BOUNDARY.finditer(html)]
    ends = [end for _, end in bounds]
    starts = [start for start, _ in bounds]
    regions: list[tuple[int, int]] = []
    for start, end in spans:
        before = bisect.bisect_right(ends, start) - 1
        after = bisect.bisect_left(starts, end)
        if before < 0 or after >= len(bounds):
            continue
        region = (ends[before], starts[after])
        first_back = bisect.bisect_left(backs, region[0])
        holds_note = first_back < len(backs) and backs[first_back] < region[1]
        if not holds_note and (not regions or regions[-1] != region):
            regions.append(region)
    pieces: list[Token] = []
    cursor = 0
    first_line = token.map[0] if token.map else 0
    lines = Locator(html)

    def line_of(offset: int) -> int:
        return first_line + lines.position(offset)[0] - 1

    for start, end in regions:
        text = "\n".join(line.strip() for line in html[start:end].split("\n")).strip()
        fragment = state.parse_fragment(text, line_of(start)) if text else []
        if [t.type for t in fragment] != ["paragraph_open", "inline", "paragraph_close"]:
            continue
        pieces.append(_html(html[cursor:start], line_of(cursor)))
        pieces.extend(fragment)
        cursor = end
    if not pieces:
        return [token]
    rest = html[cursor:]
    head, newline, tail = rest.partition("\n")
    line = line_of(cursor)
    if newline and _BLOCK_START.match(tail.lstrip(" \t")):
        # The closing tags of the opened element keep their own block, so that a
        # notes section after them can be lifted without taking them along.
        pieces.extend([_html(head, line), _html(tail, line + 1)])
    else:
        pieces.append(_html(rest, line))
    return [piece for piece in pieces if piece.type != "html_block" or piece.content.strip()]


def _html(content: str, line: int) -> Token:
    """An HTML block of `content`, its first line unindented so it is not read as code,
    and no blank space at its end (a rebuild, copying the block, would drop it)."""
    text = content.lstrip(" \t").rstrip() + "\n"
    token = Token("html_block", "", 0, content=text, block=True)
    token.map = [line, line + max(text.count("\n"), 1)]
    return token
