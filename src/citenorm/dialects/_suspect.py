"""Never silent: footnote-like markup that no dialect resolved gets a diagnostic.

After every dialect ran, what is left in the body is searched for the signs of
a note: a link inside the document whose text is a label (`[3](#n3)`), a
back-link arrow, an anchor whose id exporters give notes (`_ftn3`, `fnref:2`),
a bracketed superscript label (`<sup>[4]</sup>`), a symbol superscript, or
superscript numbers that count 1, 2, … the way notes do.  Not flagged: links to
headings, ordinals (`1<sup>st</sup>`), exponents (`2<sup>128</sup>`, `m²`,
`x<sup>2</sup>`, `(a+b)<sup>2</sup>`, `mc<sup>2</sup>` in a text whose
superscripts do not count up from 1).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from markdown_it.token import Token

from .._anchors import heading_ids
from .._locate import Scanner
from ._spellings import (
    HTML_HREF,
    HTML_ID,
    HTML_LINK,
    HTML_TAG,
    SYMBOLS,
    UNICODE_SUPERSCRIPTS,
    id_words,
    is_arrow,
    is_cross_reference,
    is_notes_heading,
    label_of,
    looks_like_note_id,
    names_citing_side,
    reads_as_exponent,
)
from ._state import LiftState

CODE = "suspected-footnote"

_ID = HTML_ID
_TAG = HTML_TAG
_SUP = re.compile(r"<sup\b[^<>]*>([^<\n]{1,12})</sup\s*>", re.IGNORECASE)
_UNICODE = re.compile(f"(?<![\\w{UNICODE_SUPERSCRIPTS}])[{UNICODE_SUPERSCRIPTS}]+")
_ANY_SIGN = re.compile(r"<sup\b|\b(?:id|name)\s*=|href\s*=\s*[\"']#", re.IGNORECASE)
_ELEMENT_ID = re.compile(
    r"<(figure|table|img|svg|video|audio|canvas|caption|figcaption|h[1-6])\b[^>]{0,400}?"
    r"\b(?:id|name)\s*=\s*[\"']([^\"'\s>]+)[\"']",
    re.IGNORECASE,
)
_IMAGE_ID = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)\{#([^\s{}]+)")
_INLINE_SIGN = re.compile(r"\]\(#|<(?:a|sup)\b|\]\^|\]\[|://[^\s)]{0,200}#", re.IGNORECASE)
_TEX_FOOTNOTE = "\\footnote{"
_FOOTNOTE_WORDS = frozenset({"fn", "footnote", "footnotes", "fnref"})
_NOTE_FRAGMENT = re.compile(r"#[\w:-]{0,40}?(?:fn|footnote|note|citation)", re.IGNORECASE)
# pandoc's superscript of a bracketed label, `^[1]^`: a citation number.
_CARET_SUP = re.compile(r"\^\[([^\s\[\]]{1,8})\]\^")
# Tufte CSS (and the themes built on it) writes each note in place, as a sidenote.
_CLASSED = re.compile(r"<(?:span|aside|small|div)\b[^<>]*?\bclass\s*=\s*[\"']([^\"']*)[\"']", re.I)
_SIDENOTE_CLASSES = frozenset({"sidenote", "marginnote"})


def report(state: LiftState) -> None:
    """Add a `suspected-footnote` warning for each unresolved footnote sign in the body."""
    if not _worth_looking(state.text):
        return
    headings = _heading_ids(state.tokens) | _figure_ids(state.text)
    counting = _superscripts_count_up(state.text)
    unicode_counting = "¹" in state.text and "²" in state.text and _unicode_counts_up(state.text)
    notes_heading = any(
        is_notes_heading(state.tokens, i)
        for i, t in enumerate(state.tokens)
        if t.type in ("heading_open", "paragraph_open")
    )
    if any(d.code == "superscript-mismatch" for d in state.diagnostics):
        counting = False
    signs = list(_signs(state, headings, counting))
    if "sidenote" in state.text or "marginnote" in state.text:
        signs.extend(_sidenote_signs(state))
    if unicode_counting or notes_heading:
        signs.extend(_unicode_signs(state))
    for offset, what in sorted(set(signs)):
        line, column = state.locator.position(offset)
        state.warn(
            CODE,
            line,
            column,
            f"{what} looks like a footnote but no note was found for it; left as written",
        )


def _worth_looking(text: str) -> bool:
    """Whether the chapter has any sign at all (one pass over the text each)."""
    return (
        "](#" in text
        or "]: #" in text  # a reference definition to a fragment (`[10]: #cite_note-2`)
        or ("://" in text and _NOTE_FRAGMENT.search(text) is not None)
        or _TEX_FOOTNOTE in text
        or (("<" in text or "=" in text) and _ANY_SIGN.search(text) is not None)
        or any(c in text for c in UNICODE_SUPERSCRIPTS)
        or "sidenote" in text
        or "marginnote" in text
        or "]^" in text
    )


def _heading_ids(tokens: list[Token]) -> set[str]:
    """Heading ids and slugs (`_anchors.heading_ids`), HTML ids just before or in headings."""
    ids = heading_ids(tokens)
    for index, token in enumerate(tokens[:-1]):
        if token.type == "html_block" and tokens[index + 1].type == "heading_open":
            ids.update(_ID.findall(token.content))
        before_heading = index + 2 < len(tokens) and tokens[index + 2].type == "heading_open"
        if token.type == "inline" and before_heading:
            ids.update(_ID.findall(token.content))
        if token.type == "heading_open":
            # `## <a id="setup"></a>Setup`: an anchor written inside the heading.
            ids.update(_ID.findall(tokens[index + 1].content))
    return ids


def _figure_ids(text: str) -> set[str]:
    """Ids of figures, tables, images and headings: a link to them is a cross-reference."""
    ids = {match.group(2) for match in _ELEMENT_ID.finditer(text)}
    ids.update(match.group(1) for match in _IMAGE_ID.finditer(text))
    return ids


def _superscripts_count_up(text: str) -> bool:
    """Whether plain superscript numbers first appear as 1, 2 (notes do; exponents do not)."""
    first: dict[str, int] = {}
    for match in _SUP.finditer(text):
        inner = match.group(1).strip()
        if inner in ("1", "2"):
            first.setdefault(inner, match.start())
            if len(first) == 2:
                break
    return len(first) == 2 and first["1"] < first["2"]


def _unicode_counts_up(text: str) -> bool:
    first: dict[str, int] = {}
    for match in _UNICODE.finditer(text):
        if match.group(0) in ("¹", "²"):
            first.setdefault(match.group(0), match.start())
            if len(first) == 2:
                break
    return len(first) == 2 and first["¹"] < first["²"]


def _unicode_signs(state: LiftState) -> Iterator[tuple[int, str]]:
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        scanner = state.locator.scanner(token)
        for child in token.children:
            scanner.skip(child)
            if child.type != "text":
                continue
            for match in _UNICODE.finditer(child.content):
                yield (
                    _offset(state, scanner.find(match.group(0))),
                    f"superscript {match.group(0)!r}",
                )


def _signs(state: LiftState, headings: set[str], counting: bool) -> Iterator[tuple[int, str]]:
    for token in state.tokens:
        if token.map is None:
            continue
        start = state.locator.offset_of_line(token.map[0])
        if token.type == "html_block" and _ANY_SIGN.search(token.content):
            yield from _html_signs(token.content, start, headings, counting)
        elif token.type == "inline" and _INLINE_SIGN.search(token.content):
            yield from _inline_signs(state, token, headings, counting)
        if token.type == "inline" and _TEX_FOOTNOTE in token.content:
            yield from _tex_footnotes(state, token)


def _tex_footnotes(state: LiftState, inline: Token) -> Iterator[tuple[int, str]]:
    """LaTeX's `\\footnote{…}` left in the text (outside code and math): pandoc's HTML
    would drop it, and no dialect lifts it."""
    scanner = state.locator.scanner(inline)
    for child in inline.children or []:
        scanner.skip(child)
        if child.type == "text":
            for _ in range(child.content.count(_TEX_FOOTNOTE)):
                offset = _offset(state, scanner.find(_TEX_FOOTNOTE))
                if not _escaped(state.text, offset):  # `\\\\footnote{` is text, written so
                    yield offset, "LaTeX \\footnote{…}"


def _html_signs(
    html: str, base: int, headings: set[str], counting: bool
) -> Iterator[tuple[int, str]]:
    linked: set[int] = set()
    for match, target in _fragment_links(html):
        text = _TAG.sub("", match.group(2))
        linked.update(range(match.start(), match.end()))
        if target in headings:
            continue
        if _note_link(text, target):
            yield base + match.start(), f"link {match.group(0)[:60]!r}"
    for match in _ID.finditer(html):
        if looks_like_note_id(match.group(1)) and match.start() not in linked:
            yield base + match.start(), f"anchor id {match.group(1)!r}"
    for match in _SUP.finditer(html):
        if match.start() not in linked and _superscript_label(html, match, counting):
            yield base + match.start(), f"superscript {match.group(0)!r}"


def _fragment_links(html: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each `<a>` element whose href names an id in the document, with that id."""
    for match in HTML_LINK.finditer(html):
        href = HTML_HREF.search(match.group(1))
        if href is not None:
            yield match, href.group(1)


def _note_link(text: str, target: str) -> bool:
    """A link that reads as a marker (label text) or as a note's way back (an arrow to a
    note-like id; `[↑](#top)` is page navigation)."""
    if label_of(text) is not None:
        return not is_cross_reference(target)
    return is_arrow(text) and (looks_like_note_id(target) or names_citing_side(target))


def _superscript_label(text: str, match: re.Match[str], counting: bool) -> bool:
    """Whether a `<sup>…</sup>` reads as a note label rather than an ordinal or exponent."""
    inner = match.group(1).strip()
    label = label_of(inner)
    if label is None:
        return False
    if inner.startswith("[") or set(inner) <= SYMBOLS:
        return True
    exponent = reads_as_exponent(text[max(match.start() - 2, 0) : match.start()])
    return counting and label.isdecimal() and not exponent


def _escaped(text: str, offset: int) -> bool:
    """Whether the backslash at `offset` is escaped by an odd run of backslashes."""
    run = 0
    while offset - run > 0 and text[offset - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _note_on_a_page(href: str) -> bool:
    """A web address whose fragment names a footnote as exporters do
    (`…/c/6a3c#user-content-fn-gptq`, `…#fn:3`, `…#footnote-2`: a copied chat or
    article's marker), not a section (`#release-note`, `#how-to-cite`)."""
    page, _, fragment = href.partition("#")
    if not page or "://" not in page:
        return False
    words = id_words(fragment)
    return looks_like_note_id(fragment) or any(w in _FOOTNOTE_WORDS for w in words)


def _inline_signs(
    state: LiftState, inline: Token, headings: set[str], counting: bool
) -> Iterator[tuple[int, str]]:
    children = inline.children or []
    raw = "".join(_source_of(child) for child in children)
    scanner = state.locator.scanner(inline)
    for index, child in enumerate(children):
        scanner.skip(child)
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if href.startswith("#") and href[1:] not in headings:
                text = _link_text(children, index)
                if _note_link(text, href[1:]):
                    # A reference link (`[\\[2\\]][10]`) writes no target where it stands.
                    written = "][" if child.meta.get("label") else href
                    yield _offset(state, scanner.find(written)), f"link [{text}]({href})"
            elif _note_on_a_page(href):
                text = _link_text(children, index)
                if text.strip("[]").isdecimal():
                    yield _offset(state, scanner.find(href)), f"link [{text}]({href})"
    starts, tags = _tag_positions(state, inline, children)
    # One scanner per string searched: its second occurrence is found after its first.
    scanners: dict[str, Scanner] = {}

    def where(match: re.Match[str]) -> int:
        """Where a match in `raw` stands in the chapter: from the HTML tag it starts
        in (written as is), else by searching for its text."""
        child = bisect.bisect_right(starts, match.start()) - 1
        if child in tags:
            return tags[child] + match.start() - starts[child]
        written = match.group(0)
        found = scanners.get(written) or scanners.setdefault(written, state.locator.scanner(inline))
        return _offset(state, found.find(written))

    for match, target in _fragment_links(raw):
        text = _TAG.sub("", match.group(2))
        if target not in headings and _note_link(text, target):
            yield where(match), f"link {_shown(match.group(0))[:60]!r}"
    for match in _ID.finditer(raw):
        if looks_like_note_id(match.group(1)):
            yield where(match), f"anchor id {match.group(1)!r}"
    for match in _SUP.finditer(raw):
        if _superscript_label(raw, match, counting):
            yield where(match), f"superscript {_shown(match.group(0))!r}"
    for match in _CARET_SUP.finditer(raw):
        if label_of(match.group(1)) is not None:
            yield where(match), f"superscript {match.group(0)!r}"


def _tag_positions(
    state: LiftState, inline: Token, children: list[Token]
) -> tuple[list[int], dict[int, int]]:
    """Where each child starts in the inline's `raw` text, and where each HTML tag
    child stands in the chapter (a tag is written as is, so it is found in order)."""
    starts: list[int] = []
    tags: dict[int, int] = {}
    length = 0
    scanner = state.locator.scanner(inline)
    for index, child in enumerate(children):
        starts.append(length)
        length += len(_source_of(child))
        scanner.skip(child)
        if child.type == "html_inline":
            tags[index] = _offset(state, scanner.find(child.content))
    return starts, tags


_PLACEHOLDER_SPACE = re.compile(r"(?<=>) | (?=<)")


def _shown(written: str) -> str:
    """A match in `raw` as the reader wrote it: without the spaces that stand for
    Markdown links' brackets (`<sup> [1] </sup>` is `<sup>[[1]](#r)</sup>`)."""
    return _PLACEHOLDER_SPACE.sub("", written)


def _sidenote_signs(state: LiftState) -> Iterator[tuple[int, str]]:
    """Each element classed `sidenote` or `marginnote`: a note written in place."""
    for token in state.tokens:
        if token.map is None or token.type not in ("html_block", "inline"):
            continue
        scanner = state.locator.scanner(token)
        for match in _CLASSED.finditer(token.content):
            if _SIDENOTE_CLASSES.intersection(match.group(1).split()):
                yield _offset(state, scanner.find(match.group(0))), f"sidenote {match.group(0)!r}"


def _source_of(child: Token) -> str:
    if child.type in ("text", "html_inline"):
        return child.content
    if child.type == "code_inline":
        return " " * len(child.content)
    return " "


def _link_text(children: list[Token], index: int) -> str:
    parts = []
    for child in children[index + 1 : index + 12]:
        if child.type == "link_close":
            break
        parts.append(child.content if child.type == "text" else _TAG.sub("", child.content))
    return "".join(parts)


def _offset(state: LiftState, position: tuple[int, int]) -> int:
    line, column = position
    return state.locator.offset_of_line(line - 1 - state.source.line_offset) + column - 1
