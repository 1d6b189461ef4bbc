"""GitBook annotations: a word linked to a Markdown footnote by its HTML id.

GitBook exports an annotated word as `<a data-footnote-ref
href="#user-content-fn-2">term</a>` and its note as a Markdown definition,
`[^2]: …`; `user-content-fn-` is the prefix GitHub's HTML gives the notes of
`[^2]`.  The link is a marker of that note: it becomes the word followed by
`[^2]`.  A link whose label has no `[^label]:` definition (as the parser read
them: none in code) is left to the structural resolver, which reports it.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ._state import LiftState

NAME = "gitbook"

_PREFIX = "#user-content-fn-"
_OPEN = re.compile(
    r"<a\b[^<>]*\bhref\s*=\s*[\"']#user-content-fn-([^\"'<>\s]{1,100})[\"'][^<>]*>", re.IGNORECASE
)
_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_WINDOW = 8
_WORD_TYPES = frozenset(
    {"text", "html_inline", "em_open", "em_close", "strong_open", "strong_close"}
)


def detect(text: str) -> bool:
    """A chapter may hold annotation links if their target's prefix is in it."""
    return _PREFIX in text


def lift(state: LiftState) -> None:
    """Replace each annotation link whose note is a Markdown definition by its text
    and a marker of that note."""
    defined: set[str] | None = None
    for block in list(state.inline_blocks()):
        children = block.children or []
        if not any(c.type == "html_inline" and _PREFIX in c.content for c in children):
            continue
        if defined is None:
            defined = _markdown_labels(state.env)
        scanner = state.locator.scanner(block)
        kept: list[Token] = []
        index = 0
        while index < len(children):
            child = children[index]
            scanner.skip(child)
            found = _annotation_at(children, index, defined)
            if found is None:
                kept.append(child)
                index += 1
                continue
            end, label = found
            kept.extend(children[index + 1 : end - 1])
            kept.append(state.add_marker(label, label, child.content, scanner.find(child.content)))
            index = end
        block.children = kept
    _report_in_html(state)


def _report_in_html(state: LiftState) -> None:
    """An annotation inside raw HTML (GitBook annotates code in `<pre>` and table
    cells) cannot become a marker there: say so where it stands, since its note may
    be renumbered under it."""
    for token in state.tokens:
        if token.type != "html_block" or _PREFIX not in token.content or token.map is None:
            continue
        base = state.locator.offset_of_line(token.map[0])
        for match in _OPEN.finditer(token.content):
            line, column = state.locator.position(base + match.start())
            state.warn(
                "suspected-footnote",
                line,
                column,
                f"annotation of note [^{match.group(1)}] inside HTML is left as written; "
                "its link may name another note once notes are renumbered",
            )


def _markdown_labels(env: dict[str, object]) -> set[str]:
    """The labels of the chapter's `[^label]:` definitions, as the parser read them
    (none in code): markdown-it's footnote plugin keeps them as `:label`."""
    footnotes = env.get("footnotes")
    refs = footnotes.get("refs", {}) if isinstance(footnotes, dict) else {}
    return {str(key)[1:] for key in refs}


def _annotation_at(children: list[Token], index: int, defined: set[str]) -> tuple[int, str] | None:
    """(end, label) of an annotation link opening at `children[index]` whose label
    is in `defined`."""
    child = children[index]
    match = _OPEN.fullmatch(child.content.strip()) if child.type == "html_inline" else None
    if match is None or match.group(1) not in defined:
        return None
    for end in range(index + 1, min(index + _WINDOW, len(children))):
        token = children[end]
        if token.type == "html_inline" and _CLOSE.fullmatch(token.content.strip()):
            return end + 1, match.group(1)
        if token.type not in _WORD_TYPES or token.content.lower().startswith("<a"):
            return None  # not a word's markup (a link, an image, a note)
    return None
