"""Note HTML to Markdown without a parse tree library, for the HTML exporters write.

Word, Google Docs and LibreOffice notes are short runs of `<p>`, `<span>`,
`<a>`, `<i>`/`<em>`, `<b>`/`<strong>`, `<sup>`, `<sub>` and `<br>`.  Building a
BeautifulSoup tree and walking it with markdownify cost about 0.2-0.4 ms a
note, more than parsing the note's Markdown afterwards, and most of it is the
set-up of objects built again for every note.  This module gives the same
output for that subset: a linear scan into a small tree that follows
BeautifulSoup's rules (stray end tags ignored, open tags closed at the end,
text split at every tag, blank text collapsed), converted by markdownify's own
rules for those tags.  Anything outside the subset (another tag, a comment, an
entity it does not know, a `<` that opens no tag, spaces around `=`) gives
None, and the caller falls back to BeautifulSoup and markdownify: the output
never depends on which path ran (a property test compares them).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_PIECES = re.compile(r"<[^<>]*>|[^<]+|<")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*?)(/?)>")
_ATTRIBUTE = re.compile(
    r"[ \t\n]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=(?:\"([^\"&]*)\"|'([^'&]*)'|([^\s\"'=<>`&]+)))?"
)
_TRAILING_BLANK = re.compile(r"[ \t\n]*")
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{0,31}));")
_STYLED_SPAN = (
    ("em", re.compile(r"font-style:\s*italic", re.IGNORECASE)),
    ("strong", re.compile(r"font-weight:\s*(?:bold|[6-9]00)", re.IGNORECASE)),
)
_NEWLINE_WHITESPACE = re.compile(r"[\t \r\n]*[\r\n][\t \r\n]*")
_WHITESPACE = re.compile(r"[\t ]+")
_EDGE_NEWLINES = re.compile(r"^(\n*)((?:.*[^\n])?)(\n*)$", re.DOTALL)

_SUBSET = frozenset({"a", "b", "strong", "i", "em", "span", "p", "div", "br", "sup", "sub"})
_BLOCKS = frozenset({"p", "div"})
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
_SAFE_NAMED = frozenset(
    {"nbsp", "amp", "lt", "gt", "quot", "apos", "mdash", "ndash", "hellip", "lsquo", "rsquo"}
    | {"ldquo", "rdquo", "laquo", "raquo", "copy", "reg", "middot", "bull", "shy", "thinsp"}
)


@dataclass(eq=False)
class _Element:
    """A tag as written (`tag`, which end tags close) and as converted (`name`)."""

    tag: str
    name: str
    attributes: dict[str, str]
    parent: _Element | None = None
    children: list[_Element | str] = field(default_factory=list)


def convert(source: str) -> str | None:
    """markdownify's Markdown for `source`, or None when it is outside the subset."""
    root = _tree(source)
    if root is None:
        return None
    return _element(root, frozenset()).strip("\n")


def _tree(source: str) -> _Element | None:
    root = _Element("[document]", "[document]", {})
    current = root
    text: list[str] = []

    def flush() -> None:
        if text:
            data = "".join(text)
            text.clear()
            if not data.strip(_ASCII_SPACES):
                data = "\n" if "\n" in data else " "
            current.children.append(data)

    for piece in _PIECES.findall(source):
        if piece[0] != "<":
            decoded = _text(piece)
            if decoded is None:
                return None
            text.append(decoded)
            continue
        tag = _TAG.fullmatch(piece)
        if tag is None:
            return None
        closing, name, rest, empty = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
        attributes = _attributes(rest)
        if name not in _SUBSET or attributes is None or (empty and name != "br"):
            return None
        flush()
        if closing:
            if attributes or name == "br":
                return None
            current = _close(current, name)
        else:
            element = _Element(name, _styled(name, attributes), attributes, current)
            current.children.append(element)
            if name != "br":
                current = element
    flush()
    return root


def _text(piece: str) -> str | None:
    if "\r" in piece or "\x00" in piece:
        return None
    if "&" not in piece:
        return piece
    decoded = []
    start = 0
    for entity in _ENTITY.finditer(piece):
        decimal, hexadecimal, named = entity.groups()
        if named is not None and named not in _SAFE_NAMED:
            return None
        if named is None:
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if not (32 <= code < 127 or 160 <= code < 0xD800 or 0xE000 <= code < 0xFFFE):
                return None
        decoded.append(piece[start : entity.start()])
        decoded.append(html.unescape(entity.group(0)))
        start = entity.end()
    rest = piece[start:]
    if "&" in rest or any("&" in part for part in decoded[::2]):
        return None
    decoded.append(rest)
    return "".join(decoded)


def _attributes(rest: str) -> dict[str, str] | None:
    attributes: dict[str, str] = {}
    position = 0
    while True:
        found = _ATTRIBUTE.match(rest, position)
        if found is None:
            break
        name = found.group(1).lower()
        if name in attributes:
            return None
        value = found.group(2) if found.group(2) is not None else found.group(3)
        attributes[name] = value if value is not None else found.group(4) or ""
        position = found.end()
    blank = _TRAILING_BLANK.match(rest, position)
    return attributes if blank is not None and blank.end() == len(rest) else None


def _styled(name: str, attributes: dict[str, str]) -> str:
    if name == "span":
        return styled_span(attributes.get("style", "")) or name
    return name


def styled_span(style: str) -> str | None:
    """`em` or `strong` for a `<span>` whose style is italic or bold: exporters write
    emphasis so.  None for any other style."""
    for tag, styled in _STYLED_SPAN:
        if styled.search(style):
            return tag
    return None


def _close(current: _Element, name: str) -> _Element:
    """The element left open after `</name>`: nothing closes when no `name` is open."""
    opened = current
    while opened.parent is not None and opened.tag != name:
        opened = opened.parent
    if opened.parent is None:
        return current
    return opened.parent


def _removes_inside(node: _Element | str | None) -> bool:
    return isinstance(node, _Element) and node.name in _BLOCKS


def _element(node: _Element, parents: frozenset[str]) -> str:
    inside = node.name in _BLOCKS
    children = node.children
    parts: list[str] = []
    below = parents | {node.name}
    for index, child in enumerate(children):
        before = children[index - 1] if index > 0 else None
        after = children[index + 1] if index + 1 < len(children) else None
        if isinstance(child, str):
            if not child.strip() and (
                (inside and (before is None or after is None))
                or _removes_inside(before)
                or _removes_inside(after)
            ):
                continue
            converted = _string(child, node, before, after)
        else:
            converted = _element(child, below)
        if converted:
            parts.append(converted)
    joined = [""]
    for part in parts:
        edges = _EDGE_NEWLINES.match(part)
        assert edges is not None
        leading, content, trailing = edges.groups()
        if joined[-1] and leading:
            previous = joined.pop()
            leading = "\n" * min(2, max(len(previous), len(leading)))
        joined.extend((leading, content, trailing))
    return _finish(node, "".join(joined))


def _string(
    text: str, parent: _Element, before: _Element | str | None, after: _Element | str | None
) -> str:
    text = _WHITESPACE.sub(" ", _NEWLINE_WHITESPACE.sub("\n", text))
    text = text.replace("*", r"\*").replace("_", r"\_")
    if _removes_inside(before) or (parent.name in _BLOCKS and before is None):
        text = text.lstrip(" \t\r\n")
    if _removes_inside(after) or (parent.name in _BLOCKS and after is None):
        text = text.rstrip()
    return text


def _chomp(text: str) -> tuple[str, str, str]:
    prefix = " " if text[:1] == " " else ""
    suffix = " " if text[-1:] == " " else ""
    return prefix, suffix, text.strip()


def _finish(node: _Element, text: str) -> str:
    name = node.name
    if name in ("em", "i", "strong", "b"):
        prefix, suffix, text = _chomp(text)
        mark = "*" if name in ("em", "i") else "**"
        return f"{prefix}{mark}{text}{mark}{suffix}" if text else ""
    if name == "a":
        prefix, suffix, text = _chomp(text)
        if not text:
            return ""
        href = node.attributes.get("href")
        title = node.attributes.get("title")
        if text.replace(r"\_", "_") == href and not title:
            return f"<{href}>"
        title_part = ' "{}"'.format(title.replace('"', r"\"")) if title else ""
        return f"{prefix}[{text}]({href}{title_part}){suffix}" if href else text
    if name in ("sup", "sub"):
        return f"<{name}>{text}</{name}>" if text.strip() else ""
    if name == "br":
        return "  \n" + text
    if name == "p":
        text = text.strip(" \t\r\n")
        return f"\n\n{text}\n\n" if text else ""
    if name == "div":
        text = text.strip()
        return f"\n\n{text}\n\n" if text else ""
    return text
