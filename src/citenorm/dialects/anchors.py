"""The structural resolver: footnotes found by their in-document links and anchors.

The general case behind every exporter's spelling.  Every in-document anchor
(`id=`, `name=`, `{#id}`, fenced-div ids) and every in-document link
(`](#x)`, `href="#x"`) is collected.  A link whose text is a label
(`1`, `[1]`, `<sup>1</sup>`, `iv`, `*`) and that points forward is a marker; a
link that points back (an arrow, or an id naming the citing side such as
`fnref`, `ftnt_ref`, `footnote-anchor`) is a back-link.  A marker's note is the
block (paragraph, list item, fenced div, HTML element) that holds its target
anchor, or that carries a back-link to the marker's own id, or to an id with
the same stem (`fn:1` / `fnref:1`).  The note's text is lifted without its
back-links, arrows and wrappers, and the navigation leaves the body.

How the spellings differ (which words mean "back", what a label looks like) is
the table in `_spellings`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from markdown_it.token import Token

from .._locate import Locator
from ._html import html_to_markdown, top_level_blocks, unmatched_tags
from ._spellings import (
    HTML_HREF,
    HTML_ID,
    HTML_LINK,
    HTML_TAG,
    NOTES_HEADINGS,
    UNICODE_SUPERSCRIPTS,
    is_arrow,
    is_cross_reference,
    is_notes_heading,
    label_of,
    names_citing_side,
    stem,
)
from ._state import NOTE_REF, LiftState, RawDefinition

NAME = "anchors"

_HREF = HTML_HREF
_ID = HTML_ID
_A_OPEN = re.compile(r"<a\b[^<>]*>", re.IGNORECASE)
_A_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_SUP_OPEN = re.compile(r"<sup\b[^<>]*>", re.IGNORECASE)
_SUP_CLOSE = re.compile(r"</sup\s*>", re.IGNORECASE)
_TAG = HTML_TAG
_NON_SPACE = re.compile(r"\S")
_HTML_NOTES_HEADING = re.compile(r"<h([1-6])\b[^<>]*>([^<]{0,80})</h\1\s*>", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s,;\u2013\u2014-]*")
_BACK = "back "
"""Prefix (a space: no id holds one) of a raw HTML note found by its link back to the marker."""
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_ATTRS = re.compile(r"^\{[^{}\n]*\}")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s{}]+)")
_FENCE = re.compile(r"^[ \t]*:{3,}")
_FENCE_OPEN = re.compile(r"^[ \t]*:{3,}(?!:)[ \t]*\S")
_FENCE_ID = re.compile(r"^[ \t]*:{3,}[ \t]*\{([^{}\n]*)\}", re.MULTILINE)
_HTML_BACKLINK = HTML_LINK
_ELEMENT_OPEN = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_SOUP = re.compile(r"</?(?:span|font)\b[^<>]*>", re.IGNORECASE)
_TAG_EVENT = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_TO_SUPERSCRIPT = str.maketrans("0123456789", UNICODE_SUPERSCRIPTS)
_INLINE_ELEMENTS = frozenset({"a", "sup", "span", "font", "b", "i", "em", "strong", "small"})
_BLOCK_ELEMENTS = frozenset(
    {
        "div",
        "p",
        "li",
        "section",
        "aside",
        "article",
        "footer",
        "dd",
        "dt",
        "td",
        "th",
        "blockquote",
        "figure",
        "figcaption",
    }
)
_NOTE_ELEMENTS = _BLOCK_ELEMENTS - {"figure", "figcaption", "th"} | {"span", "small", "a"}
"""Elements a note may be: not a figure, heading or table (a link to those is a cross-reference)."""
_MEDIA = re.compile(r"<(?:img|table|figure|video|audio|svg|iframe|h[1-6])\b", re.IGNORECASE)
_NOT_NOTES = frozenset({"table_open", "fence", "code_block", "hr"})
_WINDOW = 12
"""Most inline children one marker spans (`<sup>`, link, text, `</a>`, `</sup>`)."""


def detect(text: str) -> bool:
    """A chapter may hold anchored notes if it links inside itself."""
    return (
        "](#" in text
        or re.search(r"href\s*=\s*[\"']#", text, re.IGNORECASE) is not None
        or re.search(r"\]:[ \t]*<?#", text) is not None
    )


@dataclass(eq=False)
class _Link:
    """An in-document link inside an inline token: its children span, target and own id."""

    unit: int
    inline: Token
    start: int
    end: int
    target: str
    own: str
    text: str
    attrs: int = 0
    attrs_child: int = 0
    note_ref: Token | None = None
    first: Token | None = None
    """`inline.children[start]` when the link was read: a note body is cleaned into a
    new list later (`_clean`), and a marker inside it is found again by this token."""


@dataclass(eq=False)
class _Unit:
    """A block that can be a note: a top-level block, or one item of a top-level list."""

    start: int
    end: int
    item: bool
    anchors: list[str] = field(default_factory=list)
    backlinks: list[_Link] = field(default_factory=list)


@dataclass
class _Notes:
    """What the resolver gathered over the chapter."""

    units: list[_Unit]
    anchors: dict[str, int]
    links: list[_Link]
    html_ids: dict[int, _HtmlIds] = field(default_factory=dict)
    html_backs: dict[str, int] = field(default_factory=dict)


def lift(state: LiftState) -> None:
    """Pair label links with the blocks their anchors or back-links name, and lift them."""
    found = _gather(state)
    markers = [link for link in found.links if _is_marker(link, found)]
    if not markers:
        return
    if _split_line_notes(state, {marker.target for marker in markers}):
        found = _gather(state)
        markers = [link for link in found.links if _is_marker(link, found)]
    chosen = {id(marker) for marker in markers}
    for link in found.links:
        if id(link) not in chosen and _is_backlink(link, found):
            found.units[link.unit].backlinks.append(link)
    by_own: dict[str, int] = {}
    by_stem: dict[str, set[int]] = {}
    for index, unit in enumerate(found.units):
        for back in unit.backlinks:
            by_own.setdefault(back.target, index)
            by_stem.setdefault(stem(back.target), set()).add(index)
    pairs: dict[tuple[int, str], list[_Link]] = {}
    for marker in markers:
        note = _note_of(state, marker, found, by_own, by_stem)
        if note is not None and note[0] != marker.unit:
            pairs.setdefault(note, []).append(marker)
    if pairs:
        _apply(state, found, pairs)


def _split_line_notes(state: LiftState, targets: set[str]) -> bool:
    """Cut a paragraph whose lines are notes (`<a name="fn1">[1]</a> text<br>`) at its lines.

    Only a top-level paragraph in which two or more lines open with an anchor
    some marker points at is cut: each such line starts a paragraph of its
    own (lines after it without an anchor stay with it), so that each note is
    its own block.  Returns whether anything was cut.
    """
    tokens = state.tokens
    result: list[Token] = []
    changed = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (
            token.type == "paragraph_open"
            and token.level == 0
            and index + 2 < len(tokens)
            and tokens[index + 1].children
        ):
            pieces = _line_pieces(tokens[index + 1], targets)
            if pieces is not None:
                for first_line, children in pieces:
                    result.extend(_paragraph_of(tokens[index : index + 3], first_line, children))
                changed = True
                index += 3
                continue
        result.append(token)
        index += 1
    state.tokens = result
    return changed


def _line_pieces(inline: Token, targets: set[str]) -> list[tuple[int, list[Token]]] | None:
    """The inline's children cut before each line opening with a targeted anchor (≥ 2 such)."""
    lines: list[list[Token]] = [[]]
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    starts = [number for number, line in enumerate(lines) if _opens_with_target(line, targets)]
    if len(starts) < 2:
        return None
    cuts = [0, *starts] if starts[0] else starts
    pieces = []
    for first, following in zip(cuts, [*cuts[1:], len(lines)], strict=True):
        children: list[Token] = []
        for number in range(first, following):
            line = lines[number]
            while line and line[-1].type == "html_inline" and _BREAK.fullmatch(line[-1].content):
                line = line[:-1]
            if children:
                children.append(Token("softbreak", "br", 0))
            children.extend(line)
        pieces.append((first, children))
    return pieces


def _opens_with_target(line: list[Token], targets: set[str]) -> bool:
    first = next((c for c in line if c.type != "text" or c.content.strip()), None)
    if first is None or first.type != "html_inline":
        return False
    ident = _ID.search(first.content)
    return ident is not None and ident.group(1) in targets


def _paragraph_of(around: list[Token], first_line: int, children: list[Token]) -> list[Token]:
    opening, inline, _ = around
    line = (inline.map or opening.map or [0, 1])[0] + first_line
    made = [
        Token("paragraph_open", "p", 1, block=True),
        Token("inline", "", 0, content="", children=children),
        Token("paragraph_close", "p", -1, block=True),
    ]
    made[1].content = "".join(c.content if c.type != "softbreak" else "\n" for c in children)
    made[1].level = inline.level
    for token in made:
        token.map = [line, line + 1]
    return made


def _gather(state: LiftState) -> _Notes:
    units: list[_Unit] = []
    anchors: dict[str, int] = {}
    backs: dict[str, int] = {}
    links: list[_Link] = []
    tokens = state.tokens
    for start, end in top_level_blocks(tokens):
        if tokens[start].type in ("bullet_list_open", "ordered_list_open"):
            level = tokens[start].level + 1
            item_start = start
            for index in range(start + 1, end - 1):
                token = tokens[index]
                if token.type == "list_item_open" and token.level == level:
                    item_start = index
                elif token.type == "list_item_close" and token.level == level:
                    units.append(_Unit(item_start, index + 1, True))
        else:
            units.append(_Unit(start, end, False))
    for number, unit in enumerate(units):
        for token in tokens[unit.start : unit.end]:
            if token.type == "heading_open":
                continue
            if token.type == "html_block":
                for match in _ID.finditer(token.content):
                    anchors.setdefault(match.group(1), number)
                for match in _HREF.finditer(token.content):
                    backs.setdefault(match.group(1), number)
            elif token.type == "inline":
                for fence in _FENCE_ID.finditer(token.content):
                    for attr in _ATTR_ID.finditer(fence.group(1)):
                        anchors.setdefault(attr.group(1), number)
                links.extend(_inline_links(number, token, anchors))
    return _Notes(units, anchors, links, html_backs=backs)


def _inline_links(unit: int, inline: Token, anchors: dict[str, int]) -> list[_Link]:
    """Every in-document link of an inline token, with its wrappers; anchors recorded."""
    children = _join_wrapped_attributes(inline)
    found: list[_Link] = []
    index = 0
    while index < len(children):
        child = children[index]
        if child.type == "html_inline":
            for match in _ID.finditer(child.content):
                anchors.setdefault(match.group(1), unit)
        link = _link_at(unit, inline, children, index)
        if link is None:
            index += 1
            continue
        if link.own:
            anchors.setdefault(link.own, unit)
        found.append(link)
        index = link.end
    return found


_OPEN_ATTRS = re.compile(r"\{[^{}\n]*")
_CLOSE_ATTRS = re.compile(r"[^{}\n]*\}")


def _join_wrapped_attributes(inline: Token) -> list[Token]:
    """The inline's children with each attribute block that a line break split after
    a link (`[1](#fn1){#fnref1⏎.footnote-ref}`: pandoc wraps at 72 columns) made one
    text again, so that the block goes with its link; false images split first."""
    children = _split_false_images(inline.children or [])
    if "{" not in inline.content or "\n" not in inline.content:
        return children
    index = 1
    while index + 2 < len(children):
        opened, wrap, closed = children[index : index + 3]
        if (
            children[index - 1].type == "link_close"
            and opened.type == "text"
            and _OPEN_ATTRS.fullmatch(opened.content)
            and wrap.type == "softbreak"
            and closed.type == "text"
            and _CLOSE_ATTRS.match(closed.content)
        ):
            opened.content += " " + closed.content
            del children[index + 1 : index + 3]
        index += 1
    return children


def _split_false_images(children: list[Token]) -> list[Token]:
    """`errors![↩](#fnref3)`: a note ending in `!` before its back-link reads as an
    image of an arrow.  An "image" whose source is an anchor in the document and
    whose description is an arrow or a label is the `!` and a link (in place)."""
    for index in range(len(children) - 1, -1, -1):
        child = children[index]
        source = str(child.attrs.get("src", "")) if child.type == "image" else ""
        if not source.startswith("#") or len(source) < 2:
            continue
        text = "".join(c.content for c in child.children or [])
        if not (is_arrow(text) or label_of(text)):
            continue
        opening = Token("link_open", "a", 1, attrs={"href": source}, markup="")
        children[index : index + 1] = [
            Token("text", "", 0, content="!"),
            opening,
            Token("text", "", 0, content=text),
            Token("link_close", "a", -1),
        ]
    return children


def _link_at(unit: int, inline: Token, children: list[Token], index: int) -> _Link | None:
    """The in-document link starting at children[index] (a `<sup>` around it included)."""
    start = index
    own = ""
    child = children[index]
    if child.type == NOTE_REF:
        raw = str(child.meta.get("raw", ""))
        pointed = _HREF.search(raw) or re.search(r"\]\(#([^)\s]+)\)", raw)
        if pointed is None:
            return None
        ident = _ID.search(raw)
        return _Link(
            unit,
            inline,
            index,
            index + 1,
            pointed.group(1),
            ident.group(1) if ident else "",
            "",
            note_ref=child,
        )
    if child.type == "html_inline" and _SUP_OPEN.fullmatch(child.content.strip()):
        ident = _ID.search(child.content)
        own = ident.group(1) if ident else ""
        index += 1
        if index >= len(children):
            return None
        child = children[index]
    if child.type == "link_open":
        href = str(child.attrs.get("href", ""))
        if not href.startswith("#") or len(href) < 2:
            return None
        close = next(
            (
                i
                for i in range(index + 1, min(index + _WINDOW, len(children)))
                if children[i].type == "link_close"
            ),
            None,
        )
        if close is None:
            return None
        text = _visible(children[index + 1 : close])
        end = close + 1
        target = unquote(href[1:])
    elif child.type == "html_inline" and _A_OPEN.fullmatch(child.content.strip()):
        target_match = _HREF.search(child.content)
        if target_match is None:
            return None
        close = next(
            (
                i
                for i in range(index + 1, min(index + _WINDOW, len(children)))
                if children[i].type == "html_inline"
                and _A_CLOSE.fullmatch(children[i].content.strip())
            ),
            None,
        )
        if close is None:
            return None
        ident = _ID.search(child.content)
        own = own or (ident.group(1) if ident else "")
        text = _visible(children[index + 1 : close])
        end = close + 1
        target = target_match.group(1)
    else:
        return None
    attrs = 0
    attrs_child = end
    if end < len(children) and children[end].type == "text":
        attributes = _ATTRS.match(children[end].content)
        if attributes:
            attrs = attributes.end()
            ident = _ATTR_ID.search(attributes.group(0)[1:-1])
            own = own or (ident.group(1) if ident else "")
    if start != index:
        if (
            end < len(children)
            and children[end].type == "html_inline"
            and _SUP_CLOSE.fullmatch(children[end].content.strip())
        ):
            end += 1
        else:
            start = index
    return _Link(
        unit, inline, start, end, target, own, text, attrs, attrs_child, first=children[start]
    )


def _visible(children: list[Token]) -> str:
    return "".join(
        child.content for child in children if child.type in ("text", "code_inline")
    ) + "".join(_TAG.sub("", c.content) for c in children if c.type == "html_inline")


def _is_backlink(link: _Link, found: _Notes) -> bool:
    if link.note_ref is not None:
        return False
    if is_arrow(link.text):
        return True
    if not link.text.strip():
        # An empty link goes back only to an id that names the citing side
        # (`[](#_ftnref1)1 Text`, Word via some converters), not to any earlier
        # anchor: `[](#top)` is navigation, not a note's way back.
        return names_citing_side(link.target)
    if label_of(link.text) is None:
        return False
    where = found.anchors.get(link.target)
    if where is not None:
        return where < link.unit
    return names_citing_side(link.target)


def _is_marker(link: _Link, found: _Notes) -> bool:
    if link.note_ref is not None:
        return True
    if label_of(link.text) is None or is_arrow(link.text) or is_cross_reference(link.target):
        return False
    where = found.anchors.get(link.target)
    if where is not None:
        return where > link.unit
    return not names_citing_side(link.target)


def _note_of(
    state: LiftState,
    marker: _Link,
    found: _Notes,
    by_own: dict[str, int],
    by_stem: dict[str, set[int]],
) -> tuple[int, str] | None:
    """(unit, HTML element id or "") of the marker's note, if the structure names one."""
    where = found.anchors.get(marker.target)
    if where is not None and _is_heading(state, found, where):
        return None
    if where is not None and state.tokens[found.units[where].start].type in _NOT_NOTES:
        return None
    if where is not None:
        unit = found.units[where]
        if _html_note(state, unit, marker.target, found.html_ids) is not None:
            return where, marker.target
        empty = _empty_html(state, unit)
        if not empty and (unit.backlinks or _starts_with_anchor(state, unit, marker.target)):
            return where, ""
        if empty and where + 1 < len(found.units):
            return None if _is_heading(state, found, where + 1) else (where + 1, "")
    if marker.own and marker.own in by_own:
        return by_own[marker.own], ""
    back = found.html_backs.get(marker.own) if marker.own else None
    if back is not None and back > marker.unit and where is None:
        # A note in raw HTML with no id, only a link back to the marker.
        unit = found.units[back]
        if _html_note(state, unit, _BACK + marker.own, found.html_ids) is not None:
            return back, _BACK + marker.own
    candidates = by_stem.get(stem(marker.target), set())
    return (next(iter(candidates)), "") if len(candidates) == 1 else None


def _is_heading(state: LiftState, found: _Notes, index: int) -> bool:
    """Whether a unit is a heading: a link to it is navigation, not a note."""
    return state.tokens[found.units[index].start].type == "heading_open"


def _starts_with_anchor(state: LiftState, unit: _Unit, target: str) -> bool:
    """Whether the unit's first inline or HTML opens with the anchor (`<a id=x></a> text`)."""
    for token in state.tokens[unit.start : unit.end]:
        if token.type == "inline":
            children = token.children or []
            first = children[0] if children else None
            return (
                first is not None
                and first.type == "html_inline"
                and any(m.group(1) == target for m in _ID.finditer(first.content))
            )
        if token.type == "html_block":
            return False
    return False


def _empty_html(state: LiftState, unit: _Unit) -> bool:
    """Whether a unit is only HTML with nothing to read (`<div id=…></div>`, `<a name=…></a>`)."""
    tokens = state.tokens[unit.start : unit.end]
    if unit.item:
        return False
    if all(t.type == "html_block" for t in tokens):
        return not any(_TAG.sub("", t.content).strip() for t in tokens)
    return [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"] and all(
        c.type == "html_inline" or (c.type in ("text", "softbreak") and not c.content.strip())
        for c in tokens[1].children or []
    )


def _html_note(
    state: LiftState, unit: _Unit, target: str, cache: dict[int, _HtmlIds]
) -> tuple[Token, int, int, int, int] | None:
    """(token, element start, inner start, inner end, element end) of the note element.

    The element is the one with id `target`; when that is an inline anchor
    (`<a id="footnote-1" href="#footnote-anchor-1">1</a>`), the note is the
    block element around it.
    """
    for token in state.tokens[unit.start : unit.end]:
        if token.type != "html_block":
            continue
        ids = cache.get(id(token))
        if ids is None:
            ids = cache[id(token)] = _html_ids(token.content)
        if target not in ids.starts:
            continue
        html = token.content
        opening = ids.starts[target]
        element = _ELEMENT_OPEN.match(html, opening)
        if element is None:
            continue
        if element.group(1).lower() in _INLINE_ELEMENTS and target in ids.parents:
            opening = ids.parents[target]
            element = _ELEMENT_OPEN.match(html, opening)
            if element is None:
                continue
        if element.group(1).lower() not in _NOTE_ELEMENTS:
            continue
        span = _element_span(html, element)
        if span is None:
            continue
        inner_start, inner_end, end = span
        if _MEDIA.search(html, inner_start, inner_end):
            continue
        if _TAG.sub("", html[inner_start:inner_end]).strip():
            return token, opening, inner_start, inner_end, end
        following = _trailing_text(html, end, ids)
        if following is not None:
            # `<div id="ref-1"></div>` with its note's Markdown right below it,
            # no blank line between: the text up to the next anchor is the note.
            return token, opening, end, following, following
    return None


def _markdown_note(state: LiftState, text: str, label: str) -> list[Token]:
    """Note tokens from Markdown text (`- [1] Author. Title.`): one list item is unwrapped."""
    tokens = state.md.parse(text.strip(), state.env)
    kinds = [t.type for t in tokens]
    if (
        kinds[:1] in (["bullet_list_open"], ["ordered_list_open"])
        and kinds.count("list_item_open") == 1
    ):
        tokens = tokens[2:-2]
        for token in tokens:
            token.level = max(token.level - 2, 0)
    for token in tokens:
        if token.type == "inline" and token.children and token.children[0].type == "text":
            first = token.children[0]
            first.content = strip_label(first.content, label)
            break
    return tokens


def _trailing_text(html: str, start: int, ids: _HtmlIds) -> int | None:
    """End of the plain text after an empty anchor element, if text (not tags) follows."""
    text_at = _NON_SPACE.search(html, start)
    if text_at is None or html.startswith("<", text_at.start()):
        return None
    later = bisect.bisect_right(ids.ordered, start)
    end = ids.ordered[later] if later < len(ids.ordered) else len(html)
    if end < len(html):
        end = html.rfind("<", start, end + 1)
    return end if html[start:end].strip() else None


@dataclass(frozen=True)
class _HtmlIds:
    """Where each id's element opens in an HTML block, and the block element around it."""

    starts: dict[str, int]
    parents: dict[str, int]
    ordered: list[int] = field(default_factory=list)


def _html_ids(html: str) -> _HtmlIds:
    """One pass over an HTML block's tags: each id's element start and enclosing block start."""
    starts: dict[str, int] = {}
    parents: dict[str, int] = {}
    stack: list[tuple[str, int]] = []
    for tag in _TAG_EVENT.finditer(html):
        closing, name = tag.group(1), tag.group(2).lower()
        if closing:
            if any(open_name == name for open_name, _ in stack):
                while stack and stack.pop()[0] != name:
                    pass
            continue
        ident = _ID.search(tag.group(0))
        href = _HREF.search(tag.group(0)) if name == "a" and not ident else None
        if href and stack:
            starts.setdefault(_BACK + href.group(1), tag.start())
            parents.setdefault(_BACK + href.group(1), stack[-1][1])
        if ident:
            starts.setdefault(ident.group(1), tag.start())
            if stack:
                parents.setdefault(ident.group(1), stack[-1][1])
        if name in _BLOCK_ELEMENTS and not tag.group(0).endswith("/>"):
            stack.append((name, tag.start()))
    return _HtmlIds(starts, parents, sorted(starts.values()))


def _element_span(html: str, opening: re.Match[str]) -> tuple[int, int, int] | None:
    """(inner start, inner end, end) of the element opened by `opening`, nesting counted."""
    name = opening.group(1).lower()
    tags = re.compile(rf"<(/?){name}\b[^<>]*>", re.IGNORECASE)
    depth = 1
    for tag in tags.finditer(html, opening.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return opening.end(), tag.start(), tag.end()
    return None


def _apply(state: LiftState, found: _Notes, pairs: dict[tuple[int, str], list[_Link]]) -> None:
    """Lift each paired note and its markers; drop the navigation left in the body."""
    removed: set[int] = set()
    html_cuts: dict[int, list[tuple[int, int]]] = {}
    lifted: list[tuple[_Link, str, str]] = []
    lifted_by_token = {id(raw.token): raw for raw in state.markers}
    lines: dict[int, Locator] = {}
    for (unit_index, element), markers in sorted(pairs.items()):
        unit = found.units[unit_index]
        key = f"anchor:{unit_index}:{element}"
        earlier = lifted_by_token.get(id(markers[0].note_ref))
        label = label_of(markers[0].text) or (earlier.source_label if earlier else "")
        position = _unit_position(state, unit)
        html = _html_note(state, unit, element, found.html_ids) if element else None
        if html is not None:
            token, start, inner_start, inner_end, end = html
            within = lines.get(id(token)) or lines.setdefault(id(token), Locator(token.content))
            line = (token.map or [0])[0] + within.position(start)[0] - 1
            if inner_end == end:
                tokens = _markdown_note(state, token.content[inner_start:inner_end], label)
            else:
                body = _html_body(token.content[inner_start:inner_end], markers, label)
                tokens = state.md.parse(body, state.env) if body else []
            for block in tokens:
                block.map = [line, line + 1]
            html_cuts.setdefault(id(token), []).append((start, end))
            position = state.locator.position(state.locator.offset_of_line(line))
        else:
            members = _members(state, found, unit_index)
            removed.update(members)
            if unit_index > 0 and _is_wrapper(state, found.units[unit_index - 1]):
                removed.add(unit_index - 1)
            tokens = _markdown_body(state, found, members, label)
        state.definitions.append(RawDefinition(key, label, tokens, *position))
        lifted.extend((marker, key, label) for marker in markers)
    _replace_markers(state, lifted)
    _rewrite_body(state, found, removed, html_cuts)


def _unit_position(state: LiftState, unit: _Unit) -> tuple[int, int]:
    first = state.tokens[unit.start]
    line = first.map[0] if first.map else 0
    return state.locator.position(state.locator.offset_of_line(line))


def _members(state: LiftState, found: _Notes, index: int) -> list[int]:
    """The note's unit and the units a fenced div it opens runs on over; or, for a
    unit that holds only its label, the `<div>` that follows it, to its close
    (Substack's `<a id="footnote-1">1</a>` then `<div class="footnote-content">`,
    written with blank lines between them)."""
    members = [index]
    depth = _fence_depth(state, found.units[index])
    following = index + 1
    while depth > 0 and following < len(found.units):
        members.append(following)
        depth += _fence_depth(state, found.units[following])
        following += 1
    if len(members) == 1 and _label_only(state, found.units[index]):
        members.extend(_div_after(state, found, index))
    return members


_DIV_OPEN = re.compile(r"<div\b", re.IGNORECASE)
_DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
_DIV_TAGS_ONLY = re.compile(r"(?:\s*</?div\b[^<>]*>)+\s*", re.IGNORECASE)


def _label_only(state: LiftState, unit: _Unit) -> bool:
    """A paragraph of nothing but HTML tags and a label (`<a id="fn1">1</a>`)."""
    tokens = state.tokens[unit.start : unit.end]
    if unit.item or [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return False
    text = "".join(c.content for c in tokens[1].children or [] if c.type == "text")
    return bool(text.strip()) and label_of(text.strip()) is not None


def _div_after(state: LiftState, found: _Notes, index: int) -> list[int]:
    """The units from a `<div>` opening right after unit `index` to its `</div>`."""
    taken: list[int] = []
    depth = 0
    for following in range(index + 1, len(found.units)):
        unit = found.units[following]
        html = "".join(
            t.content for t in state.tokens[unit.start : unit.end] if t.type == "html_block"
        )
        opened, closed = len(_DIV_OPEN.findall(html)), len(_DIV_CLOSE.findall(html))
        if not taken and not opened:
            return []
        if depth + opened - closed < 0:
            break  # the wrapper around the note closes
        taken.append(following)
        depth += opened - closed
        if depth == 0:
            break
    return taken if depth == 0 else []


def _fence_depth(state: LiftState, unit: _Unit) -> int:
    depth = 0
    for token in state.tokens[unit.start : unit.end]:
        if token.type == "inline":
            for line in token.content.split("\n"):
                if _FENCE.match(line):
                    depth += 1 if _FENCE_OPEN.match(line) else -1
    return depth


def _is_wrapper(state: LiftState, unit: _Unit) -> bool:
    """An empty list item (`1. ` before a Tumblr note), a bare fence or an empty HTML anchor."""
    tokens = state.tokens[unit.start : unit.end]
    if unit.item:
        return all(t.type in ("list_item_open", "list_item_close") for t in tokens)
    if _empty_html(state, unit):
        return bool(_ID.search("".join(t.content for t in tokens)))
    inlines = [t for t in tokens if t.type == "inline"]
    return bool(inlines) and all(
        all(_FENCE.match(line) for line in t.content.split("\n")) for t in inlines
    )


def _markdown_body(state: LiftState, found: _Notes, members: list[int], label: str) -> list[Token]:
    body: list[Token] = []
    for index in members:
        unit = found.units[index]
        tokens = state.tokens[unit.start : unit.end]
        if unit.item:
            tokens = tokens[1:-1]
        for token in tokens:
            if token.type == "html_block" and _DIV_TAGS_ONLY.fullmatch(token.content):
                continue  # the `<div>` around a note's text (see `_div_after`)
            token.level = max(token.level - (2 if unit.item else 0), 0)
            if token.type == "inline":
                token.children = _clean(token.children or [], found, index, label)
            body.append(token)
    return _drop_empty(body)


def _clean(children: list[Token], found: _Notes, unit: int, label: str) -> list[Token]:
    """A note's inline children without back-links, `{…}` attributes, anchors, fences, label."""
    drop: set[int] = set()
    for back in found.units[unit].backlinks:
        if back.inline.children is children:
            drop.update(range(back.start, back.end))
            _absorb_open_bracket(children, back)
            if back.attrs:
                attributes = children[back.attrs_child]
                attributes.content = attributes.content[back.attrs :]
    kept = []
    open_anchors = 0
    for index, child in enumerate(children):
        if index in drop:
            continue
        if _is_anchor(child):
            open_anchors += child.content.lstrip().lower().startswith("<a")
            continue
        if (
            open_anchors
            and child.type == "html_inline"
            and _A_CLOSE.fullmatch(child.content.strip())
        ):
            open_anchors -= 1
            continue
        kept.append(child)
    lines: list[list[Token]] = [[]]
    for child in kept:
        if child.type in ("softbreak", "hardbreak"):
            lines[-1].append(child)
            lines.append([])
        else:
            lines[-1].append(child)
    result: list[Token] = []
    for line in lines:
        text = "".join(c.content for c in line if c.type == "text")
        if _FENCE.match(text) or (
            not text.strip(" \t\u00a0\ufe0e\ufe0f")
            and all(c.type in ("text", "softbreak", "hardbreak") for c in line)
        ):
            continue
        result.extend(line)
    while result and result[-1].type in ("softbreak", "hardbreak"):
        result.pop()
    labelled = False
    if result and result[0].type == "text":
        text = result[0].content
        result[0].content = strip_label(text, label)
        labelled = result[0].content != text
    while result and result[0].type == "text":
        result[0].content = result[0].content.lstrip(" \t\u00a0")
        if result[0].content:
            break
        result.pop(0)
    if labelled and result and result[0].type == "text":
        result[0].content = _without_separator(result[0].content)
    while result and result[-1].type == "text":
        result[-1].content = result[-1].content.rstrip(" \t\u00a0")
        if result[-1].content:
            break
        result.pop()
    return [c for c in result if not (c.type == "text" and not c.content)]


def _is_anchor(child: Token) -> bool:
    """An inline `<a id=…>` with no link, or a `<span>`/`<font>` tag of an exporter's soup."""
    if child.type != "html_inline":
        return False
    content = child.content.strip()
    if _SOUP.fullmatch(content):
        return True
    return bool(_A_OPEN.fullmatch(content) and _ID.search(content) and not _HREF.search(content))


def _drop_empty(tokens: list[Token]) -> list[Token]:
    """The note's blocks without paragraphs its navigation was all of."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.type == "paragraph_open" and following is not None and not following.children:
            index += 3
            continue
        result.append(token)
        index += 1
    return result


def strip_label(text: str, label: str) -> str:
    """`text` without the note's own label in front (`1.`, `[1]`, `(1)`, `¹`, `*`, `†`).

    Only the spellings of `label` go: a generic leading word (`Ibid.`, `Cf.`,
    `e.g.`) is the note's text, and a note without a label keeps its text.
    """
    if not label:
        return text
    rest = text.lstrip(" \t\u00a0")
    raised = label.translate(_TO_SUPERSCRIPT)
    for spelling in (f"[{label}]", f"({label})", f"{label}.", f"{label})", label, raised):
        if not rest.startswith(spelling):
            continue
        end = len(spelling) + (rest[len(spelling) : len(spelling) + 1] == ":")  # `1:`, `[1]:`
        after = rest[end : end + 1]
        if not after or after.isspace():
            return rest[end:].lstrip(" \t\u00a0")
    return text


def _without_separator(text: str) -> str:
    """The text after a label in its own anchor (`<a name="fn1">1</a>: Text`): the
    `:`, `.` or `)` that stood between them goes with the label."""
    rest = text.lstrip(" \t\u00a0")
    if rest[:1] in (":", ".", ")") and rest[1:2].isspace():
        return rest[2:].lstrip(" \t\u00a0")
    return text


def _html_body(inner: str, markers: list[_Link], label: str) -> str:
    owns = {m.own for m in markers if m.own}

    def backlink(match: re.Match[str]) -> str:
        tag = _A_OPEN.match(match.group(0))
        href = _HREF.search(tag.group(0)) if tag else None
        text = _TAG.sub("", match.group(0))
        if href and (is_arrow(text) or href.group(1) in owns or names_citing_side(href.group(1))):
            return ""
        return match.group(0)

    html = _HTML_BACKLINK.sub(backlink, inner)
    text_start = re.match(r"^(?:\s*<[^<>]*>)*", html)
    head = text_start.end() if text_start else 0
    html = html[:head] + strip_label(html[head:], label)
    return html_to_markdown(html)


def _replace_markers(state: LiftState, lifted: list[tuple[_Link, str, str]]) -> None:
    """Put a `note_ref` where each marker stood, right to left within an inline."""
    by_token = {id(raw.token): raw for raw in state.markers}
    references: set[str] = set()
    touched: dict[int, Token] = {}
    for read, key, label in sorted(lifted, key=lambda item: -item[0].start):
        if read.note_ref is not None:
            read.note_ref.meta["key"] = key
            earlier = by_token.get(id(read.note_ref))
            if earlier is not None:
                earlier.key = key
            continue
        children = read.inline.children or []
        marker = _found_again(read, children)
        if marker is None:
            continue  # cleaned out of its note with the note's navigation
        if marker.attrs:
            text = children[marker.attrs_child]
            text.content = text.content[marker.attrs :]
        position = state.locator.scanner(marker.inline).find("#" + marker.target)
        _absorb_open_bracket(children, marker)
        raw = "".join(c.content for c in children[marker.start : marker.end])
        token = state.add_marker(key, label, raw, position)
        references.update(
            str(c.meta["label"])
            for c in children[marker.start : marker.end]
            if c.type == "link_open" and c.meta.get("label")
        )
        children[marker.start : marker.end] = [token]
        touched[id(marker.inline)] = marker.inline
    for inline in touched.values():
        inline.children = _unwrap_caret_superscripts(_unwrap_marker_runs(inline.children or []))
    _drop_navigation_references(state, references)


def _found_again(marker: _Link, children: list[Token]) -> _Link | None:
    """The marker with its span in `children` as they are now: its note (a marker
    inside a note) may have been cleaned since it was read."""
    if marker.start < len(children) and children[marker.start] is marker.first:
        return marker
    start = next((i for i, child in enumerate(children) if child is marker.first), None)
    if start is None:
        return None
    shift = start - marker.start
    return replace(
        marker, start=start, end=marker.end + shift, attrs_child=marker.attrs_child + shift
    )


def _unwrap_caret_superscripts(children: list[Token]) -> list[Token]:
    """`^[1](#fn:1){.footnote-ref}^` (or several such links in one superscript) once
    its links were lifted: pandoc's carets around the markers go (a note marker is
    a superscript already)."""
    index = 1
    while index < len(children) - 1:
        before = children[index - 1]
        end = index
        while end < len(children) and children[end].type == NOTE_REF:
            end += 1
        after = children[end] if end < len(children) else None
        if (
            end > index
            and after is not None
            and before.type == "text"
            and after.type == "text"
            and before.content.endswith("^")
            and not before.content.endswith("\\^")
            and after.content.startswith("^")
        ):
            before.content = before.content[:-1]
            after.content = after.content[1:]
        index = end + 1
    return children


def _absorb_open_bracket(children: list[Token], link: _Link) -> None:
    """`[[1\\]](#_ftn1)` (Typora, from Word): markdown-it reads `[` and then a link
    whose text is `1]`; the `[` before it is part of the label and goes with it."""
    before = children[link.start - 1] if link.start else None
    if (
        before is not None
        and before.type == "text"
        and before.content.endswith("[")
        and link.text.endswith("]")
        and not link.text.startswith("[")
    ):
        before.content = before.content[:-1]


def _unwrap_marker_runs(children: list[Token]) -> list[Token]:
    """`<sup>[^1],[^2]</sup>` once its links were lifted: the superscript tags go.

    Only a `<sup>` holding nothing but lifted markers and separators (`,` `;`
    `–` spaces) is unwrapped; a note marker is a superscript already.
    """
    drop: set[int] = set()
    opened: int | None = None
    markers = 0
    for index, child in enumerate(children):
        if child.type == "html_inline" and _SUP_OPEN.fullmatch(child.content.strip()):
            opened, markers = index, 0
        elif opened is None:
            continue
        elif child.type == NOTE_REF:
            markers += 1
        elif child.type == "html_inline" and _SUP_CLOSE.fullmatch(child.content.strip()):
            if markers:
                drop.update((opened, index))
            opened = None
        elif not (child.type == "text" and _SEPARATORS.fullmatch(child.content)):
            opened = None
    return [c for i, c in enumerate(children) if i not in drop] if drop else children


def _drop_navigation_references(state: LiftState, labels: set[str]) -> None:
    """Forget `[n1]: #note-1` definitions only lifted markers used: they were navigation."""
    known = state.env.get("references")
    if not labels or not isinstance(known, dict):
        return
    blocks = [*state.tokens, *(t for d in state.definitions for t in d.tokens)]
    used = {
        str(child.meta["label"])
        for block in blocks
        for child in block.children or []
        if child.type in ("link_open", "image") and child.meta.get("label")
    }
    for label in labels - used:
        known.pop(label, None)


def _rewrite_body(
    state: LiftState, found: _Notes, removed: set[int], html_cuts: dict[int, list[tuple[int, int]]]
) -> None:
    drop: set[int] = set()
    for index in removed:
        unit = found.units[index]
        drop.update(range(unit.start, unit.end))
    kept: list[Token] = []
    tokens = state.tokens
    where = {id(token): index for index, token in enumerate(tokens)}
    for start, end in top_level_blocks(tokens):
        block = [tokens[i] for i in range(start, end) if i not in drop]
        if tokens[start].type in ("bullet_list_open", "ordered_list_open"):
            if not any(t.type == "list_item_open" for t in block[1:-1]):
                continue
        elif not block:
            continue
        for token in block:
            cuts = html_cuts.get(id(token))
            if cuts:
                content = _without(token.content, cuts)
                shown = _HTML_NOTES_HEADING.sub(_unless_notes_heading, content)
                keep = _TAG.sub("", shown).strip() or _MEDIA.search(shown)
                token.content = content if keep else unmatched_tags(content)
        block = [t for t in block if not (t.type == "html_block" and not t.content.strip())]
        if block:
            kept.extend(block)
    state.tokens = drop_orphan_heading(_drop_emptied_wrappers(kept, where))


def _unless_notes_heading(match: re.Match[str]) -> str:
    """An HTML heading named like a notes section goes with its emptied notes block."""
    return "" if NOTES_HEADINGS.fullmatch(match.group(2).strip(" :")) else match.group(0)


def _without(text: str, cuts: list[tuple[int, int]]) -> str:
    """`text` with the (start, end) spans cut out, in one pass (a block may hold many)."""
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(cuts):
        pieces.append(text[cursor : max(start, cursor)])
        cursor = max(cursor, end)
    pieces.append(text[cursor:])
    return "".join(pieces)


def _drop_emptied_wrappers(tokens: list[Token], where: dict[int, int]) -> list[Token]:
    """Wrapper tags (`<div>` … `</div><div>` … `</div>`) left face to face once the notes
    between them went: a run of such blocks whose tags balance is dropped."""
    result: list[Token] = []
    run: list[Token] = []

    def flush() -> None:
        if len(run) > 1 and _balanced("".join(t.content for t in run)):
            run.clear()
        result.extend(run)
        run.clear()

    for token in tokens:
        joins = bool(run) and where.get(id(token), 0) - where.get(id(run[-1]), 0) > 1
        if _only_tags(token) and (not run or joins):
            run.append(token)
            continue
        flush()
        if _only_tags(token):
            run.append(token)
        else:
            result.append(token)
    flush()
    return result


def _only_tags(token: Token) -> bool:
    """An HTML block of wrapper tags with nothing to read or see."""
    return (
        token.type == "html_block"
        and not _TAG.sub("", token.content).strip()
        and not _MEDIA.search(token.content)
    )


def _balanced(html: str) -> bool:
    stack: list[str] = []
    for tag in _TAG_EVENT.finditer(html):
        name = tag.group(2).lower()
        if not tag.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def drop_orphan_heading(tokens: list[Token]) -> list[Token]:
    """A notes heading with nothing left under it (its notes now live at the end) goes."""
    blocks = list(top_level_blocks(tokens))
    drop: set[int] = set()
    for number, (start, end) in enumerate(blocks):
        if not is_notes_heading(tokens, start):
            continue
        following = blocks[number + 1][0] if number + 1 < len(blocks) else None
        if following is None or (
            tokens[following].type == "heading_open"
            and (tokens[start].type != "heading_open" or tokens[following].tag <= tokens[start].tag)
        ):
            drop.update(range(start, end))
    return [t for i, t in enumerate(tokens) if i not in drop] if drop else tokens
