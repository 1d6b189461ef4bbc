"""Shared machinery of the HTML-based dialects (Word, Google Docs, LibreOffice…).

Exporters that write HTML put a marker in a few inline tokens (`<a …><sup>[1]
</sup></a>`) and their notes in a trailing section of HTML blocks.  Markers are
matched as a window of inline tokens against one regular expression per
dialect; a notes section is cut out of the block stream, rendered to one HTML
string (Markdown blocks inside it included) and split into notes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from ._html_subset import convert as convert_subset
from ._html_subset import styled_span
from ._spellings import HTML_TAG
from ._state import LiftState, RawDefinition

_WINDOW = 24
"""Most inline tokens one marker can span (Word wraps its label in many spans)."""

_DIV_OPEN = re.compile(r"<div\b", re.IGNORECASE)
_DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
_TAGS = HTML_TAG
_MEDIA = re.compile(r"<(?:img|iframe|video|audio|object|embed)\b", re.IGNORECASE)
_NOISE = re.compile(
    r"(?:<|&lt;)!\[(?:end)?if[^<>&]*(?:>|&gt;)|<hr\b[^<>]*>"
    r"|(?:^|(?<=<p>))[ \t]*:{3,}(?!:)[^\n<]*(?:\n|(?=</p>))",
    re.IGNORECASE | re.MULTILINE,
)
"""Exporter scaffolding in notes sections: Word's conditional comments, rules
between notes, pandoc's `:::` fenced-div lines.  (Line breaks stay: markdownify
turns them into line breaks, and deleting them would run words together.)"""
_ARROWS = re.compile(r"^[\s\u2191\u21a9\ufe0e]+$")
_BLANK = re.compile(r"[ \t\u00a0]+")


def lift_markers(
    state: LiftState,
    pattern: re.Pattern[str],
    key: Callable[[re.Match[str]], tuple[str, str]],
    hint: str,
) -> list[tuple[re.Match[str], tuple[int, int]]]:
    """Replace every token run that fully matches `pattern` with a marker.

    `key(match)` gives the marker's (key, source label); `hint` is a substring
    every marker holds, to skip inline tokens cheaply.  Returns each match
    with its position.
    """
    found: list[tuple[re.Match[str], tuple[int, int]]] = []
    for block in state.inline_blocks():
        children = block.children or []
        if not any(hint in child.content for child in children if child.type == "html_inline"):
            continue
        scanner = state.locator.scanner(block)
        result: list[Token] = []
        index = 0
        while index < len(children):
            scanner.skip(children[index])
            window = _match_window(children, index, pattern)
            if window is None:
                result.append(children[index])
                index += 1
                continue
            end, match = window
            marker_key, label = key(match)
            position = scanner.find(match.group(0))
            result.append(state.add_marker(marker_key, label, match.group(0), position))
            found.append((match, position))
            index = end
        block.children = result
    return found


def _match_window(
    children: list[Token], start: int, pattern: re.Pattern[str]
) -> tuple[int, re.Match[str]] | None:
    """The longest run of HTML and text children from `start` that `pattern` fully matches."""
    first = children[start]
    if first.type != "html_inline" or not first.content[:4].lower().startswith(("<a ", "<sup")):
        return None
    raw = ""
    best: tuple[int, re.Match[str]] | None = None
    for end in range(start, min(start + _WINDOW, len(children))):
        child = children[end]
        if child.type not in ("html_inline", "text"):
            break
        raw += child.content
        match = pattern.fullmatch(raw)
        if match:
            best = (end + 1, match)
    return best


@dataclass(frozen=True)
class NoteHtml:
    """One note cut out of a notes section: the match of its start, its HTML, where it is."""

    match: re.Match[str]
    html: str
    offset: int


def take_notes(
    state: LiftState, holds_note: re.Pattern[str], note_start: re.Pattern[str]
) -> list[NoteHtml]:
    """Cut every notes section out of the body and split it into notes.

    A section starts at a top-level block whose source `holds_note` (or at an
    empty wrapper or rule right above it) and runs on over blocks that hold
    notes, blocks inside an open `<div>`, and blocks with nothing visible.  It
    is rendered to HTML and split where `note_start` matches.  Visible content
    before the first note of a section stays in the body.
    """
    tokens = state.tokens
    blocks = list(top_level_blocks(tokens))
    texts = [_source(state, tokens[start:end]) for start, end in blocks]
    kept: list[Token] = []
    notes: list[NoteHtml] = []
    index = 0
    while index < len(blocks):
        if not holds_note.search(texts[index]):
            kept.extend(tokens[slice(*blocks[index])])
            index += 1
            continue
        first = index
        while first > 0 and _is_wrapper(texts[first - 1]) and kept:
            first -= 1
            del kept[len(kept) - (blocks[first][1] - blocks[first][0]) :]
        depth, last = 0, first
        while last < len(blocks):
            if last > index and not (
                depth > 0 or holds_note.search(texts[last]) or _is_wrapper(texts[last])
            ):
                break
            depth += len(_DIV_OPEN.findall(texts[last])) - len(_DIV_CLOSE.findall(texts[last]))
            last += 1
        section = tokens[blocks[first][0] : blocks[last - 1][1]]
        html = _NOISE.sub("", state.md.renderer.render(section, state.md.options, state.env))
        offset = state.locator.offset_of_line(section[0].map[0] if section[0].map else 0)
        matches = list(note_start.finditer(html))
        if not matches:
            kept.extend(section)
            index = last
            continue
        closing = unmatched_tags(html[: matches[0].start()], opened=False)
        if closing:
            kept.append(_html_block(closing, section[0].map))
        preamble = html_to_markdown(html[: matches[0].start()])
        if preamble:
            kept.extend(state.parse_fragment(preamble, section[0].map[0] if section[0].map else 0))
        for match, following in zip(matches, [*matches[1:], None], strict=True):
            body = html[match.end() : following.start() if following else len(html)]
            notes.append(NoteHtml(match, body, offset))
        index = last
    state.tokens = kept
    return notes


def _html_block(content: str, where: list[int] | None) -> Token:
    token = Token("html_block", "", 0, content=content, block=True)
    token.map = list(where) if where else None
    return token


def _is_wrapper(text: str) -> bool:
    """A block with nothing to read or see: a wrapper `<div>` or fence, a rule, a closing tag."""
    bare = _TAGS.sub("", _NOISE.sub("", text)).strip()
    return text.lstrip().startswith(("<", ":::")) and not bare and not _MEDIA.search(text)


def top_level_blocks(tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """(start, end) index pairs of each top-level block in a token stream."""
    start = 0
    depth = 0
    for index, token in enumerate(tokens):
        depth += token.nesting
        if depth == 0:
            yield start, index + 1
            start = index + 1


def _source(state: LiftState, tokens: list[Token]) -> str:
    lines = [token.map for token in tokens if token.map]
    if not lines:
        return "".join(token.content for token in tokens)
    start = state.locator.offset_of_line(lines[0][0])
    end = state.locator.offset_of_line(max(line[1] for line in lines))
    return state.text[start:end] if end > start else state.text[start:]


_TAG_EVENT = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_VOID = frozenset({"hr", "br", "img", "wbr", "meta", "link", "input", "col", "area", "source"})


def unmatched_tags(html: str, opened: bool = True) -> str:
    """The tags of HTML with nothing to read that close or open elements outside it.

    Once its notes are cut out, a block such as `</p>` + `<hr><div></div>` is
    wrappers around nothing, except the `</p>` that closes a paragraph above:
    that one stays, or the paragraph would be left open.  `opened=False` keeps
    only such closing tags, not the tags opening elements closed further on.
    """
    stack: list[tuple[str, str]] = []
    outside: list[str] = []
    for tag in _TAG_EVENT.finditer(html):
        name = tag.group(2).lower()
        if name in _VOID or tag.group(0).endswith("/>"):
            continue
        if not tag.group(1):
            stack.append((name, tag.group(0)))
        elif stack and stack[-1][0] == name:
            stack.pop()
        elif not stack:
            outside.append(tag.group(0))
    tags = [*outside, *(text for _, text in stack if opened)]
    return "\n".join(tags) + "\n" if tags else ""


def html_to_markdown(html: str) -> str:
    """Note HTML as Markdown: emphasis and links kept; spans, arrows and blank space gone.

    The HTML exporters write takes the subset converter; anything else, BeautifulSoup
    and markdownify (the same output where both apply).
    """
    text = convert_subset(html)
    if text is None:
        text = markdownify(html)
    lines = [_BLANK.sub(" ", line).strip() for line in text.strip().splitlines()]
    paragraphs = "\n".join(lines)
    return "" if _ARROWS.match(paragraphs or " ") else re.sub(r"\n{3,}", "\n\n", paragraphs)


def markdownify(html: str) -> str:
    """Note HTML as markdownify writes it, spans styled italic or bold taken as `em`/`strong`.

    BeautifulSoup and markdownify are imported on first use: most notes never need
    them, and they take a tenth of a second to import.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for span in soup.find_all("span"):
        span.name = styled_span(str(span.get("style", ""))) or span.name
    return str(_converter().convert_soup(soup))


@functools.cache
def _converter() -> Any:
    """One converter per process: it holds only its options (set up at a cost per call)."""
    from markdownify import MarkdownConverter

    class Converter(MarkdownConverter):
        """markdownify, with `<sup>`/`<sub>` kept as HTML (Markdown has no syntax for them)."""

        def convert_sup(self, el: object, text: str, *args: object, **kwargs: object) -> str:
            return f"<sup>{text}</sup>" if text.strip() else ""

        def convert_sub(self, el: object, text: str, *args: object, **kwargs: object) -> str:
            return f"<sub>{text}</sub>" if text.strip() else ""

    return Converter(strong_em_symbol="*", bullets="-", heading_style="ATX")


def add_definition(state: LiftState, key: str, label: str, note: NoteHtml, html: str) -> None:
    """Record a note whose body is `html`, positioned where its start is in the source."""
    found = state.text.find(note.match.group(0), note.offset)
    position = state.locator.position(found if found >= 0 else note.offset)
    markdown = html_to_markdown(html)
    tokens = state.md.parse(markdown, state.env) if markdown else []
    body_line = position[0] - 1 - state.source.line_offset
    for token in tokens:
        token.map = [body_line, body_line + 1]
    state.definitions.append(RawDefinition(key, label, tokens, *position))
