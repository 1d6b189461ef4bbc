"""Collect every link target of a chapter, with where it stands in the source."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

import mdurl
from markdown_it.token import Token

from ._locate import Locator, Scanner
from ._model import Link, LinkKind

_HTML_TARGET = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_BARE_URL = re.compile(r"https?://[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]")
"""A URL written as plain text (not a link): exporters leave many in notes."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def has_scheme(url: str) -> bool:
    """Whether a URL names its scheme (`https:`, `mailto:`…) or is protocol-relative."""
    return _SCHEME.match(url) is not None or url.startswith("//")


def link_kind(url: str, *, image: bool = False) -> LinkKind:
    """`image` for images, `external` for URLs with a scheme, `internal` otherwise."""
    if image:
        return "image"
    return "external" if has_scheme(url) else "internal"


def collect_links(blocks: Iterable[Token], locator: Locator) -> list[Link]:
    """Links, images and HTML `href`/`src` targets, in source order."""
    links: list[Link] = []
    for block in blocks:
        if block.type == "html_block":
            links.extend(_html_targets(block.content, locator.scanner(block)))
        elif block.type == "inline" and block.children:
            links.extend(_inline_targets(block.children, locator.scanner(block)))
    return sorted(links, key=lambda link: (link.line, link.column))


def _inline_targets(children: list[Token], scanner: Scanner) -> Iterator[Link]:
    in_link = False
    for child in children:
        scanner.skip(child)
        if child.type == "link_open":
            in_link = True
            url = str(child.attrs.get("href", ""))
            yield Link(url, *_find(scanner, url), link_kind(url))
        elif child.type == "link_close":
            in_link = False
        elif child.type == "image":
            url = str(child.attrs.get("src", ""))
            yield Link(url, *_find(scanner, url), "image")
        elif child.type == "html_inline":
            yield from _html_targets(child.content, scanner)
        elif child.type == "text" and not in_link:
            for match in _BARE_URL.finditer(child.content):
                yield Link(match.group(0), *scanner.find(match.group(0)), "external")


def _find(scanner: Scanner, url: str) -> tuple[int, int]:
    """Where a link's destination is written: markdown-it percent-encodes what the
    source may hold as it reads (`/docs/Übersicht`, `#快速查询`)."""
    return scanner.find_first(url, mdurl.decode(url), unquote(url))


def _html_targets(html: str, scanner: Scanner) -> Iterator[Link]:
    for match in _HTML_TARGET.finditer(html):
        group = 2 if match.group(2) is not None else 3
        url = match.group(group)
        line, column = scanner.find(match.group(0))
        column += match.start(group) - match.start()
        yield Link(url, line, column, link_kind(url, image=match.group(1).lower() == "src"))
