"""Anchors stage: the ids a `#fragment` may name in a chapter, read from its tokens.

Computed in the chapter's worker, where the token trees are, so that the link check
(which runs over finished chapters) never needs them.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from markdown_it.common.html_re import attr_name, attr_value
from markdown_it.token import Token

from ._inline_rules import MATH

_ATTRIBUTE = rf"\s+({attr_name})(?:\s*=\s*({attr_value}))?"
_TAG = re.compile(rf"<([A-Za-z][A-Za-z0-9-]*)((?:{_ATTRIBUTE})*)\s*/?>")
"""An HTML open tag as CommonMark reads one (markdown-it's `open_tag`, grouped)."""
_ATTRIBUTES = re.compile(_ATTRIBUTE)
_ATTRIBUTE_ID = re.compile(r"(?:^:{3,}[ \t]*\{|\]\{|^\{:)[^{}\n]*?#([^\s{}#]+)", re.MULTILINE)
"""An id in attributes outside headings: a pandoc fenced div (`::: {#id}`), a span,
link or image (`[text]{#id}`), a kramdown or attr_list block IAL (`{: #id}`)."""
_NOT_SLUG = re.compile(r"[^\w\- ]")
_NOT_PANDOC = re.compile(r"[^\w\-. \n]")
_NOT_MKDOCS = re.compile(r"[^\w\s-]")
_SPACES_AND_HYPHENS = re.compile(r"[-\s]+")
_HEADING_TEXT = frozenset({"text", "code_inline", MATH})


def anchors(blocks: Sequence[Token]) -> frozenset[str]:
    """Heading ids, GitHub slugs of headings (`-1`, `-2` for repeats), HTML ids (and
    `<a name>`), and ids in pandoc and kramdown attributes."""
    found = heading_ids(blocks)
    for token in _html_tokens(blocks):
        found.update(html_ids(token.content))
    for token in blocks:
        if token.type == "inline" and "{" in token.content:
            found.update(_ATTRIBUTE_ID.findall(_attribute_text(token)))
    return frozenset(found)


def _attribute_text(inline: Token) -> str:
    """An inline's text where attributes can stand: its texts, `]` where a link or
    image ends, line breaks; no code spans (`` `[x]{#id}` `` is code)."""
    if inline.children is None:
        return inline.content
    return "".join(
        child.content if child.type == "text" else _ATTRIBUTE_TEXT.get(child.type, "")
        for child in inline.children
    )


_ATTRIBUTE_TEXT = {"link_close": "]", "image": "]", "softbreak": "\n", "hardbreak": "\n"}
"""What an inline child other than text stands for in `_attribute_text` (else nothing)."""


def html_ids(html: str) -> set[str]:
    """The ids of HTML's elements, and the names of its `<a>` elements, outside comments
    (`data-id=`, `<input name=>` and `<meta name=>` name no place to go)."""
    if "<!--" in html:
        html = _without_comments(html)
    found: set[str] = set()
    for tag in _TAG.finditer(html):
        anchor = tag.group(1).lower() == "a"
        for attribute in _ATTRIBUTES.finditer(tag.group(2)):
            name, value = attribute.group(1).lower(), attribute.group(2)
            if value and (name == "id" or (anchor and name == "name")):
                found.add(value[1:-1] if value[:1] in "\"'" else value)
    return found


def _without_comments(html: str) -> str:
    """`html` without its comments (one left open runs to the end), in one pass."""
    kept: list[str] = []
    cursor = 0
    while (start := html.find("<!--", cursor)) >= 0:
        kept.append(html[cursor:start])
        end = html.find("-->", start + 4)
        cursor = len(html) if end < 0 else end + 3
    kept.append(html[cursor:])
    return "".join(kept)


def heading_ids(blocks: Sequence[Token]) -> set[str]:
    """Explicit heading ids and the ids generators give heading texts: GitHub's slug,
    pandoc's identifier and MkDocs' (`-1`, `-2` for repeats; `_1` in MkDocs).

    One rule for the link check and for the dialects, which must not take a link
    to the second `## Note` heading (`#note-1`) for a footnote marker.
    """
    found: set[str] = set()
    seen: dict[tuple[str, str], int] = {}
    for opening, inline in itertools.pairwise(blocks):
        if opening.type == "heading_open":
            if opening.attrGet("id"):
                found.add(str(opening.attrGet("id")))
            text = heading_text(inline)
            for convention, slug, repeat in (
                ("github", github_slug(text), "-"),
                ("pandoc", pandoc_identifier(text), "-"),
                ("mkdocs", mkdocs_slug(text), "_"),
            ):
                count = seen.get((convention, slug), 0)
                seen[convention, slug] = count + 1
                found.add(slug if count == 0 else f"{slug}{repeat}{count}")
    return found


def heading_text(inline: Token) -> str:
    """A heading's text as a browser shows it, which GitHub slugs: no markup, HTML tags,
    link targets or images; entities decoded (`## _Q_ &amp; [A](u) <kbd>x</kbd>`).  A
    permalink (`[#](#setup){.anchor …}`, as docs generators write one into a heading
    pandoc converts) is no part of it, nor are the attributes after a link."""
    if inline.children is None:
        return inline.content
    pieces: list[str] = []
    link: list[str] | None = None
    after_link = False
    for child in inline.children:
        if child.type == "link_open":
            link = []
            continue
        if child.type == "link_close":
            text = "".join(link or [])
            pieces.append("" if text.strip() in _PERMALINKS else text)
            link, after_link = None, True
            continue
        written = child.content if child.type in _HEADING_TEXT else ""
        if child.type.endswith("break"):
            written = " "
        if after_link and child.type == "text":
            written = _LINK_ATTRIBUTES.sub("", written, count=1)
        after_link = False
        (link if link is not None else pieces).append(written)
    return "".join(pieces)


_PERMALINKS = frozenset({"#", "¶", "§", "🔗"})
_LINK_ATTRIBUTES = re.compile(r"^\{[^{}\n]*\}")


def _html_tokens(blocks: Iterable[Token]) -> Iterable[Token]:
    for token in blocks:
        if token.type == "html_block":
            yield token
        for child in token.children or []:
            if child.type == "html_inline":
                yield child


def github_slug(text: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return _NOT_SLUG.sub("", text.strip().lower()).replace(" ", "-")


def pandoc_identifier(text: str) -> str:
    """pandoc's `auto_identifiers`: letters, digits, `_-.` kept, spaces as hyphens, lower
    case, nothing before the first letter (`1. Introduction` is `introduction`)."""
    kept = _NOT_PANDOC.sub("", text.strip()).replace(" ", "-").replace("\n", "-").lower()
    first = next((index for index, char in enumerate(kept) if char.isalpha()), len(kept))
    return kept[first:] or "section"


def mkdocs_slug(text: str) -> str:
    """Python-Markdown's toc `slugify` (MkDocs): accents dropped to ASCII, punctuation
    dropped, runs of spaces and hyphens as one hyphen (`Über uns` is `uber-uns`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SPACES_AND_HYPHENS.sub("-", _NOT_MKDOCS.sub("", ascii_text).strip().lower())
