"""Anchors stage: the ids a `#fragment` may name in a chapter, read from its tokens.

Computed in the chapter's worker, where the token trees are, so that the link check
(which runs over finished chapters) never needs them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from markdown_it.token import Token

_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_NOT_SLUG = re.compile(r"[^\w\- ]")


def anchors(blocks: Sequence[Token]) -> frozenset[str]:
    """Heading ids, GitHub slugs of headings (`-1`, `-2` for repeats) and HTML ids."""
    found = heading_ids(blocks)
    for token in _html_tokens(blocks):
        found.update(_HTML_ID.findall(token.content))
    return frozenset(found)


def heading_ids(blocks: Sequence[Token]) -> set[str]:
    """Explicit heading ids and the GitHub slugs of heading texts (`-1`, `-2` for repeats).

    One rule for the link check and for the dialects, which must not take a link
    to the second `## Note` heading (`#note-1`) for a footnote marker.
    """
    found: set[str] = set()
    slugs: dict[str, int] = {}
    for opening, inline in itertools.pairwise(blocks):
        if opening.type == "heading_open":
            if opening.attrGet("id"):
                found.add(str(opening.attrGet("id")))
            slug = github_slug(inline.content)
            count = slugs.get(slug, 0)
            slugs[slug] = count + 1
            found.add(slug if count == 0 else f"{slug}-{count}")
    return found


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
