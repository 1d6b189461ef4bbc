"""Render markdown-it token trees back to Markdown with mdformat's renderer.

mdformat knows CommonMark; this module adds what citenorm's output needs on
top: note markers and definitions, heading attributes and compact pipe tables.
(mdformat-tables would do the tables, but it pins mdformat below 1.0 and keeps
its compact setting in a module global, so the twenty lines live here.)
"""

from __future__ import annotations

import itertools
import re
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any, ClassVar, cast

import mdurl
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.token import Token
from mdformat.codepoints import ASCII_CTRL, UNICODE_PUNCTUATION, UNICODE_WHITESPACE
from mdformat.renderer import DEFAULT_RENDERERS, MDRenderer, RenderContext, RenderTreeNode
from mdformat.renderer._util import (
    escape_asterisk_emphasis,
    escape_square_brackets,
    escape_underscore_emphasis,
    is_tight_list,
    re_char_reference,
)
from mdformat.renderer.typing import Postprocess, Render

from ._inline_rules import ESCAPED_DOLLAR, MATH
from .dialects import NOTE_REF

_MASK = "\ue000"
_TEX_MASK = "\ue002"
_TEX_COMMAND = re.compile(r"\\(?=[A-Za-z])")
_BAD_NEIGHBOURS = UNICODE_WHITESPACE | UNICODE_PUNCTUATION | frozenset({None})
# `^[` reads as an inline note; `^[1]^` is pandoc's superscript (`_inline_rules`), but
# markdown-it's footnote plugin reads a note there too.
_CARET_BRACKET = re.compile(r"(?<!\\)((?:\\\\)*)\^\[(?:([^\s\[\]]*)\](?=\^))?")
_BRACKET_CARET = re.compile(r"(?<!\\)((?:\\\\)*)\[\^")
_DEFINITION_LOOKALIKE = re.compile(r"^(\s*\[\^[^\]\s]+\]):")
SLOT_OPEN, SLOT_CLOSE = "\ue100", "\ue101"
"""Private-use characters around a marker's slot in a layout (see `emit.markdown`)."""
_SLOT_LOOKALIKE = re.compile(r"^(\s*\ue100+\d+\ue101+):")
_EDGE_NBSP = re.compile(r"^\u00a0+|\u00a0+$")
"""No-break spaces at a cell edge, which the table parser strips: written as entities."""
_OPTIONS_MDFORMAT = {"wrap": "keep", "number": True}
_ESCAPED_BY_MDFORMAT = re.compile(r"[\\*_\[\]<`&\t]|  |\n\n|!\Z")
"""What mdformat's text renderer changes; text without any of it comes out as it is."""


def render(
    tokens: Sequence[Token],
    markers: Mapping[str, str],
    references: Mapping[str, Any] | None = None,
    *,
    finalize: bool = True,
    used_references: Collection[str] = (),
) -> str:
    """Render block tokens to Markdown; `markers` maps marker keys to what replaces them.

    A marker whose key is not in `markers` is unresolved and is written as it stood.
    `used_references` are the link labels the whole chapter uses: text that reads
    `[label]` is escaped so it does not become a link, even when this part of the
    chapter (a block rendered on its own) holds no link with that label.
    """
    options = {"parser_extension": [_Extension], "mdformat": _OPTIONS_MDFORMAT}
    env = {
        "citenorm_markers": markers,
        "references": dict(references or {}),
        "citenorm_used_refs": used_references,
    }
    return MDRenderer().render_tree(_Node(_texts_joined(tokens)), options, env, finalize=finalize)


def _texts_joined(tokens: Sequence[Token]) -> Sequence[Token]:
    """`tokens` with adjacent text children of each inline made one, as the parser
    makes them (`text_join`).  A dialect that took a back-link out of a note leaves
    its neighbours apart, and mdformat escapes brackets one text at a time: `[[]`
    split in three came out `\\[\\[\\]`, and `\\[[]` when read again."""
    joined = [
        token.copy(children=_join_texts(token.children or [])) if _split_texts(token) else token
        for token in tokens
    ]
    return tokens if all(a is b for a, b in zip(joined, tokens, strict=True)) else joined


def _split_texts(token: Token) -> bool:
    """Whether an inline token has two text children side by side."""
    children = token.children or []
    return token.type == "inline" and any(
        a.type == b.type == "text" for a, b in itertools.pairwise(children)
    )


def _join_texts(children: list[Token]) -> list[Token]:
    """`children` with each run of text tokens made one (copies; the tokens stay)."""
    joined: list[Token] = []
    for child in children:
        if child.type == "text" and joined and joined[-1].type == "text":
            joined[-1] = joined[-1].copy(content=joined[-1].content + child.content)
        else:
            joined.append(child)
    return joined


class _Node(RenderTreeNode):
    """mdformat's tree node with siblings found in constant time.

    markdown-it finds a node's sibling by searching its parent's children, and
    mdformat's renderers (and ours) ask for siblings of every text and list, so a
    paragraph of n inline nodes cost n² steps (100,000 `<sup>1</sup>`: over 45 s).
    """

    _positions: dict[int, int] | None = None
    _wikilinks: frozenset[str] | None = None
    _escaped_at: frozenset[str] | None = None

    @property
    def parent(self) -> _Node | None:
        # Held weakly, so that a rendered tree is freed at once rather than left
        # as cyclic garbage the size of the chapter for the collector to find.
        reference = self._parent
        return cast(_Node | None, reference()) if reference is not None else None

    @parent.setter
    def parent(self, value: _Node | None) -> None:
        self._parent = weakref.ref(value) if value is not None else None

    def _sibling(self, step: int) -> _Node | None:
        parent = self.parent
        if parent is None:
            return None
        if parent._positions is None:
            parent._positions = {id(child): i for i, child in enumerate(parent.children)}
        index = parent._positions[id(self)] + step
        return parent.children[index] if 0 <= index < len(parent.children) else None

    def wikilinks(self) -> frozenset[str]:
        """The pages this inline's source links as `[[Page]]` and never writes escaped
        (`\\[\\[Page\\]\\]` renders the same text, so such a page stays escaped
        everywhere), found once however many of its texts ask."""
        if self._wikilinks is None:
            source = self.content if self.type == "inline" else ""
            found: dict[str, bool] = {}
            if "[[" in source or "\\[" in source:
                for match in _WIKILINK_SOURCE.finditer(source):
                    plain = "\\" not in match.group(0)
                    found[match.group(1)] = found.get(match.group(1), True) and plain
            self._wikilinks = frozenset(page for page, plain in found.items() if plain)
        return self._wikilinks

    def escaped_at(self) -> frozenset[str]:
        """The words this inline's source writes `\\@word`: bookdown's `\\@ref(fig:x)`,
        which without its backslash is a pandoc citation of `ref`."""
        if self._escaped_at is None:
            source = self.content if self.type == "inline" else ""
            found = _ESCAPED_AT.findall(source) if "\\@" in source else ()
            self._escaped_at = frozenset(found)
        return self._escaped_at

    def inline(self) -> _Node | None:
        """The inline this node stands in (its parent, or further up inside emphasis
        or a link's text), whose source the text renderer consults."""
        node: _Node | None = self
        while node is not None and node.type != "inline":
            node = node.parent
        return node

    @property
    def next_sibling(self) -> _Node | None:
        return self._sibling(1)

    @property
    def previous_sibling(self) -> _Node | None:
        return self._sibling(-1)


def footnote_markers(labels: Mapping[str, str]) -> dict[str, str]:
    """Marker texts `[^label]` for a key-to-label map."""
    return {key: f"[^{label}]" for key, label in labels.items()}


def _note_ref(node: RenderTreeNode, context: RenderContext) -> str:
    return str(context.env["citenorm_markers"].get(node.meta["key"], node.meta["raw"]))


def format_definition(label: str, text: str, first_block: str) -> str:
    """`[^label]: …` around a note's rendered Markdown, continuation lines indented.

    `first_block` is the type of the note's first block (`paragraph`, `fence`…),
    which decides how the first line may stand after `[^label]:`.
    """
    if first_block in ("fence", "code_block", "bullet_list", "ordered_list"):
        # On the `[^n]:` line, the space after the colon would count as the fence's
        # indent, and a list item's content would start at the column after `[^n]: - `,
        # deeper than its continuation lines are written: both start on the next line.
        text = "\n" + text
    first, *rest = text.split("\n")
    if first_block == "paragraph":
        # mdformat indents a paragraph line that would open an HTML block; after
        # `[^n]:` that block opens anyway, so write it as it will be read back.
        first = first.lstrip()
    head = f"[^{label}]:" + (f" {first}" if first else "")
    return "\n".join([head, *(f"    {line}" if line else "" for line in rest)])


def first_block_type(tokens: Sequence[Token]) -> str:
    """The type of the first block of a token stream, as the render tree names it."""
    return tokens[0].type.removesuffix("_open") if tokens else ""


def _mdformat_text(content: str, node: RenderTreeNode, context: RenderContext) -> str:
    """mdformat's `text` renderer step for step (citenorm never wraps), with its two
    template substitutions done by a function instead.

    Given a template string, `re` looks the template up in a cache keyed by the
    compiled pattern, and hashing a pattern hashes its compiled code: for mdformat's
    pattern of 2,200 character references, on every text node, a twentieth of a build.
    """
    text = content.replace("\t", " ")
    if "  " in text:
        text = _SPACES.sub(" ", text)
    text = text.replace("\\", "\\\\")
    text = escape_asterisk_emphasis(text)
    text = escape_underscore_emphasis(text)
    text = escape_square_brackets(text, context.env["used_refs"])
    if "<" in text:
        text = _LESS_THAN.sub(_backslash_before, text)
    text = text.replace("`", "\\`")
    if "&" in text:
        text = re_char_reference().sub(_backslash_before, text)
    text = text.replace("\n\n", "&#10;&#10;")
    following = node.next_sibling
    if text.endswith("!") and following is not None and following.type == "link":
        text = text[:-1] + "\\!"
    return text


def _backslash_before(match: re.Match[str]) -> str:
    return "\\" + match.group(0)


_SPACES = re.compile(" {2,}")
_LESS_THAN = re.compile("<(?:[^ ]|$)")
"""mdformat's rule: `<` is escaped unless a space follows (neither HTML nor an autolink can)."""


def _escape_underscores(text: str) -> str:
    """mdformat's rule for `_`: escaped unless both neighbours are white space, or
    neither is white space, punctuation or the edge of the text."""
    out = []
    for index, char in enumerate(text):
        if char == "_":
            before = text[index - 1] if index else None
            after = text[index + 1] if index + 1 < len(text) else None
            spaced = before in UNICODE_WHITESPACE and after in UNICODE_WHITESPACE
            if not spaced and (before in _BAD_NEIGHBOURS or after in _BAD_NEIGHBOURS):
                char = "\\_"
        out.append(char)
    return "".join(out)


def _text(node: RenderTreeNode, context: RenderContext) -> str:
    """mdformat's text, escaped where a note marker makes new syntax of it: `^` before
    `[` (an inline note) and `(` or `[` right after a marker (a link).

    mdformat rebuilds the union of two large Unicode sets for every text that holds
    an underscore (a fifth of a build's time), so underscores are masked from it and
    escaped here by the same rule with the set built once.
    """
    content = node.content
    tex = "\\" in content and _TEX_MASK not in content and _TEX_COMMAND.search(content)
    if tex:
        # `\newpage`, `\begin{align*}`: a backslash before a letter escapes nothing,
        # and pandoc reads it as TeX; mdformat would double it.
        content = _TEX_COMMAND.sub(_TEX_MASK, content)
    if not _ESCAPED_BY_MDFORMAT.search(content):
        # mdformat would return it unchanged, after a dozen regex passes.
        text = content
    elif "_" in content:
        masked = _mdformat_text(content.replace("_", _MASK), node, context)
        text = _escape_underscores(masked.replace(_MASK, "_").replace(_TEX_MASK, "\\"))
    else:
        text = _mdformat_text(content, node, context)
    if tex:
        text = text.replace(_TEX_MASK, "\\")
    inline = node.inline() if isinstance(node, _Node) else None
    if "\\[[" in text and inline is not None:
        written = inline.wikilinks()
        text = _ESCAPED_WIKILINK.sub(
            lambda match: f"[[{match[1]}]]" if match[1] in written else match[0], text
        )
    if "@" in text and inline is not None and inline.escaped_at():
        escaped = inline.escaped_at()
        text = _PANDOC_AT.sub(lambda m: "\\" + m[0] if m[1] in escaped else m[0], text)
    if "^[" in text:
        text = _CARET_BRACKET.sub(_escape_caret, text)
    if "[^" in text:
        # Every `[^x]` reads as a note marker, so text that holds one was escaped.
        text = _BRACKET_CARET.sub(_escape_bracket, text)
    previous = node.previous_sibling
    if previous is not None and previous.type == NOTE_REF and text[:1] in ("(", "["):
        text = "\\" + text
    elif previous is not None and previous.type == NOTE_REF and _glues(previous, text, context):
        text = "\\" + text  # `[^x]: ` would read as a definition glued onto the line
    following = node.next_sibling
    before_bracket = following is not None and (
        following.type == "link"
        or (following.type == NOTE_REF and _opens_bracket(following, context))
    )
    if before_bracket and text.endswith("^") and not text.endswith("\\^"):
        text = text[:-1] + "\\^"
    if text[-1:].isalnum() and _held_by_its_neighbour(following, first=True):
        text = text[:-1] + f"&#{ord(text[-1])};"  # `&#97;__x__` decoded to `a__x__` is text
    if text[:1].isalnum() and _held_by_its_neighbour(previous, first=False):
        text = f"&#{ord(text[0])};" + text[1:]
    parent = node.parent
    if (
        parent is not None
        and parent.type == "inline"
        and (text[:1].isspace() or text[-1:].isspace())
    ):
        text = _keep_edge_spaces(text, previous, following)
    return text


_ESCAPED_WIKILINK = re.compile(r"\\\[\[([^\[\]\\\n]{1,300})\]\\\](?![(\[:])")
"""`\\[[Page]\\]` as mdformat escapes a wikilink (Obsidian, MediaWiki, Foam): written
`[[Page]]` as in the source, CommonMark reads the same text (a label holds no
brackets, so `[[Page]]` is no link unless `(`, `[` or `:` follows), and the wiki
still reads its link."""
_ESCAPED_AT = re.compile(r"\\@(\w+)")
"""`\\@word` in a source: an `@` its author kept from reading as a citation."""
_PANDOC_AT = re.compile(r"(?<![\w\\])@(\w+)")
"""`@word` where pandoc reads a citation (no word character or backslash before it)."""
_WIKILINK_SOURCE = re.compile(r"\\?\[\\?\[([^\[\]\\\n]{1,300})\\?\]\\?\]")
"""A wikilink in the source, its brackets escaped or not."""


def _held_by_its_neighbour(node: RenderTreeNode | None, *, first: bool) -> bool:
    """Whether emphasis `node` opens (`first`) or closes only because the character
    outside it is no letter or digit: `_` never beside one, `*` when its inner edge
    is punctuation.  The source had a character reference there (`&#97;__x__`,
    `*$*&#97;lpha`), which a letter written plainly would undo."""
    if node is None or node.type not in ("em", "strong"):
        return False
    if node.markup.startswith("_"):
        return True
    edge = node
    while edge.type in ("em", "strong") and edge.children:
        edge = edge.children[0 if first else -1]
    if edge.type != "text" or not edge.content:
        return True  # code, a link, HTML: punctuation at the edge
    char = edge.content[0 if first else -1]
    return unicodedata.category(char)[0] in "PS"


def _glues(marker: RenderTreeNode, text: str, context: RenderContext) -> bool:
    """Whether an unresolved `[^x]` followed by `text` reads as a glued definition."""
    return (
        text[:1] == ":"
        and text[1:2] in (" ", "")
        and marker.meta["key"] not in context.env["citenorm_markers"]
        and str(marker.meta["raw"]).startswith("[^")
    )


def _opens_bracket(marker: RenderTreeNode, context: RenderContext) -> bool:
    """Whether a marker is written starting with `[`: `[^n]` (in its slot, filled later)
    or an unresolved `[^x]`, but not an unresolved HTML marker written as it stood."""
    key = marker.meta["key"]
    return key in context.env["citenorm_markers"] or str(marker.meta["raw"]).startswith("[")


def _keep_edge_spaces(
    text: str, previous: RenderTreeNode | None, following: RenderTreeNode | None
) -> str:
    """A space at the start or end of a line of a paragraph, heading or cell is
    dropped by the parser, and any white space there by mdformat's line strip (a
    no-break space after a hard break too), so one that stands there (it came from
    `&#x20;` or `&nbsp;`) is written as a character reference: `# &#x20;` came back
    as `#`, and a hard break then `&nbsp;&nbsp;text` as `text`."""
    if text[:1].isspace() and (previous is None or previous.type in _LINE_BREAKS):
        text = f"&#{ord(text[0])};" + text[1:]
    if text[-1:].isspace() and (following is None or following.type in _LINE_BREAKS):
        text = text[:-1] + f"&#{ord(text[-1])};"
    return text


_LINE_BREAKS = ("softbreak", "hardbreak")


def _escape_caret(match: re.Match[str]) -> str:
    """`\\^[` where text would read as an inline note; a superscript `^[1]^` as
    `^\\[1\\]^`: pandoc reads the superscript it is, and no reader a note."""
    if match.group(2) is not None:  # its closing `^` may open the next `^[`: left to it
        return f"{match.group(1)}^\\[{match.group(2)}\\]"
    return match.group(1) + "\\^["


def _escape_bracket(match: re.Match[str]) -> str:
    return match.group(1) + "\\[^"


def _heading(node: RenderTreeNode, context: RenderContext) -> str:
    text = DEFAULT_RENDERERS["heading"](node, context)
    attrs = dict(node.attrs)
    parts = [f"#{attrs.pop('id')}"] if "id" in attrs else []
    parts += [f".{name}" for name in str(attrs.pop("class", "")).split()]
    parts += [f"{key}={value}" for key, value in attrs.items()]
    return f"{text} {{{' '.join(parts)}}}" if parts else text


_CAPTION = re.compile(r"(?::|Table:)\s")


def _table(node: RenderTreeNode, context: RenderContext) -> str:
    rows: list[list[str]] = []
    aligns: list[str] = []
    for descendant in node.walk(include_self=False):
        if descendant.type == "tr":
            rows.append([])
        elif descendant.type in ("th", "td"):
            cell = descendant.children[0].render(context).replace("|", "\\|")
            rows[-1].append(_EDGE_NBSP.sub(lambda m: "&nbsp;" * len(m.group(0)), cell))
            if descendant.type == "th":
                style = str(descendant.attrs.get("style", ""))
                aligns.append(style.removeprefix("text-align:"))
    delimiters = {"left": ":--", "right": "--:", "center": ":-:"}
    caption = ""
    last = rows[-1]
    if len(rows) > 1 and len(last) > 1 and _CAPTION.match(last[0]) and not any(last[1:]):
        # pandoc's caption line (`: Sizes {#tbl:sizes}`), a row of one cell to GFM:
        # written without pipes, it is still that row to GFM and a caption to pandoc.
        caption = "\n" + rows.pop()[0]
    lines = [rows[0], [delimiters.get(align, "---") for align in aligns], *rows[1:]]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines) + caption


_CHARACTER_REFERENCE = re.compile(
    r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)"
)


def _escape_destination(text: str) -> str:
    """A link destination or title's text, escaped so that it reads back as itself:
    mdformat escapes neither backslashes nor `&` that starts a character reference,
    so `"\\\\\\""` or `\\&quot;` came back as something else."""
    return _CHARACTER_REFERENCE.sub(r"\\&", text)


def _title(title: str) -> str:
    return _escape_destination(title.replace("\\", "\\\\").replace('"', '\\"'))


def _link(node: RenderTreeNode, context: RenderContext) -> str:
    """mdformat's inline link, with its destination and title escaped (see `_title`).

    Note markers in its text are written right after it: `[the report[^1]](u)` is
    no link to markdown-it (and mdformat), `[the report](u)[^1]` is one everywhere.
    """
    if node.info == "auto":
        return _autolink(node, context)
    if node.meta.get("label"):
        return DEFAULT_RENDERERS["link"](node, context)
    text = "".join(child.render(context) for child in node.children if child.type != NOTE_REF)
    markers = "".join(child.render(context) for child in node.children if child.type == NOTE_REF)
    return f"[{text}]({_destination_and_title(node, 'href')}){markers}"


_NOT_IN_AUTOLINK = re.compile(r"[\s<>\x00-\x1f\x7f]")


def _autolink(node: RenderTreeNode, context: RenderContext) -> str:
    """An autolink written as its text (`<http://测.com>`), not as its normalised
    href (`<http://xn--0zw.com>`, which mdformat writes and readers show), when the
    text normalises back to the same href."""
    text = "".join(child.content for child in node.children)
    href = node.attrs["href"]
    same = href in (normalizeLink(text), normalizeLink("mailto:" + text))
    if not same or _NOT_IN_AUTOLINK.search(text):
        return str(DEFAULT_RENDERERS["link"](node, context))
    return f"<{text}>"


def _image(node: RenderTreeNode, context: RenderContext) -> str:
    """mdformat's inline image, with its destination and title escaped (see `_title`)
    and the note markers of its description kept (mdformat drops them, and the
    note's text with them)."""
    description = _alt_text(node, context)
    label = node.meta.get("label")
    if label:
        context.env["used_refs"].add(label)
        if description.lower() == label.lower():
            return f"![{description}]"
        return f"![{description}][{label.lower()}]"
    return f"![{description}]({_destination_and_title(node, 'src')})"


def _math(node: RenderTreeNode, context: RenderContext) -> str:
    """A TeX math span as it stood: nothing in it is Markdown to escape."""
    return node.markup + node.content + node.markup


def _escaped_dollar(node: RenderTreeNode, context: RenderContext) -> str:
    return node.markup


def _alt_text(node: RenderTreeNode, context: RenderContext) -> str:
    """An image description as mdformat writes it (its markup stripped), with note
    markers and nested images kept (their destinations are words of the text)."""
    renderers: dict[str, Render] = defaultdict(
        lambda: _children,
        {
            "text": lambda n, _: n.content,
            "image": _image,
            "link": _link,
            "softbreak": DEFAULT_RENDERERS["softbreak"],
            NOTE_REF: _note_ref,
            MATH: _math,
            ESCAPED_DOLLAR: _escaped_dollar,
        },
    )
    inner = RenderContext(renderers, context.postprocessors, context.options, context.env)
    return _children(node, inner)


def _children(node: RenderTreeNode, context: RenderContext) -> str:
    return "".join(child.render(context) for child in node.children)


_EDGE_SPACE = re.compile(r"^\s|\s$")


def _emphasis(node: RenderTreeNode, context: RenderContext) -> str:
    """mdformat's emphasis, with white space at either end of its text written as a
    character reference: `*&#x20;*` came back as `* *`, which is no emphasis."""
    text = DEFAULT_RENDERERS[node.type](node, context)
    markup = node.markup
    inner = text[len(markup) : len(text) - len(markup)]
    if inner and _EDGE_SPACE.search(inner):
        inner = _EDGE_SPACE.sub(lambda m: f"&#{ord(m.group(0))};", inner)
    if _runs_merge(node, markup):
        markup = markup.replace("*", "_")
    return markup + inner + markup


def _runs_merge(node: RenderTreeNode, markup: str) -> bool:
    """Whether this emphasis's `*` would run into a nested emphasis's `*` (`***`),
    which reads back as other emphasis (`*****Hello*world****` came back changed),
    and `_` may stand instead: no letter or digit just outside."""
    children = [c for c in node.children if c.type != "text" or c.content]
    parent = node.parent
    if "*" not in markup or not children or (parent and parent.type in ("em", "strong")):
        return False  # only the outermost emphasis of a nest changes its markup
    edges = (children[0], children[-1])
    if not any(child.type in ("em", "strong") and "*" in child.markup for child in edges):
        return False
    return _free_edge(node.previous_sibling, -1) and _free_edge(node.next_sibling, 0)


def _free_edge(neighbour: RenderTreeNode | None, end: int) -> bool:
    """Whether a `_` may stand next to this neighbour: no letter, digit or `_` there."""
    if neighbour is None:
        return True
    if neighbour.type in ("em", "strong"):
        return False
    if neighbour.type != "text" or not neighbour.content:
        return neighbour.type != "text"
    char = neighbour.content[end]
    return not (char.isalnum() or char == "_")


_KEEP_ENCODED = ";/?:@&=+$,#" + " ()<>\\\"'%|"
"""Characters whose percent-escapes stay: reserved in URLs, or syntax around a
destination or in a table (`|`); the rest markdown-it encodes again to the same
link, see `_link_url`."""


def _link_url(href: str) -> str:
    """A link's destination as its writer could have written it: markdown-it stores
    it percent-encoded (`{attach}img.svg` as `%7Battach%7Dimg.svg`, `中` as
    `%E4%B8%AD`), which breaks Pelican's `{attach}` and hides the words; decoded,
    it reads back as the same link."""
    return mdurl.decode(href, _KEEP_ENCODED) if "%" in href else href


def _destination_and_title(node: RenderTreeNode, attribute: str) -> str:
    uri = _escape_destination(_link_url(str(node.attrs[attribute])))
    if not uri or (ASCII_CTRL | {" ", "(", ")"}).intersection(uri):
        uri = "<" + uri + ">"
    title = node.attrs.get("title")
    return uri if title is None else f'{uri} "{_title(str(title))}"'


def _escape_colon(match: re.Match[str]) -> str:
    return match.group(1) + "\\:"


def _escape_lookalikes(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    """Escape paragraph lines that would read back as something else: a table
    delimiter row, or a note definition (a marker at the start of a line before `:`)."""
    lines = []
    for line in text.split("\n"):
        if line and all(c in "|-: " for c in line):
            line = line.replace("-", "\\-", 1)
        if "[^" in line:
            line = _DEFINITION_LOOKALIKE.sub(_escape_colon, line)
        if SLOT_OPEN in line:
            # A marker's slot, filled with `[^n]` later, reads as a definition too.
            line = _SLOT_LOOKALIKE.sub(_escape_colon, line)
        lines.append(line)
    return "\n".join(lines)


def _root(node: RenderTreeNode, context: RenderContext) -> str:
    """mdformat's document, knowing from the start every link label in use (mdformat
    learns them as it meets the links, so `[x\\]` before the first `[x]` came back a link)."""
    context.env["used_refs"].update(context.env.get("citenorm_used_refs", ()))
    return str(DEFAULT_RENDERERS["root"](node, context))


def _list_item(node: RenderTreeNode, context: RenderContext) -> str:
    """mdformat's list item, with its list's tightness found once per list: mdformat
    walks the whole list again for every item, so a long list cost its length squared."""
    tight: dict[int, bool] = context.env.setdefault("citenorm_tight_lists", {})
    parent = node.parent
    assert parent is not None
    if id(parent) not in tight:
        tight[id(parent)] = is_tight_list(parent)
    separator = "\n" if tight[id(parent)] else "\n\n"
    text = separator.join(out for child in node.children if (out := child.render(context)))
    return text if text.strip() else ""


class _Extension:
    RENDERERS: ClassVar[Mapping[str, Render]] = {
        "root": _root,
        NOTE_REF: _note_ref,
        MATH: _math,
        ESCAPED_DOLLAR: _escaped_dollar,
        "heading": _heading,
        "text": _text,
        "table": _table,
        "link": _link,
        "image": _image,
        "em": _emphasis,
        "strong": _emphasis,
        "list_item": _list_item,
    }
    POSTPROCESSORS: ClassVar[Mapping[str, Postprocess]] = {"paragraph": _escape_lookalikes}
