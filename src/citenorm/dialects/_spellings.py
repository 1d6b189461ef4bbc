"""The declarative table of how exporters and authors spell footnote navigation.

The structural resolver (`anchors`) needs to know only a few things about a
spelling: what a label looks like, which link texts are "go back" arrows, and
which words in an id name the citing side of a pair (`fnref`, `ftnt_ref`,
`footnote-anchor`, `sdfootnote1anc`) rather than the note (`fn`, `ftnt`,
`footnote`, `sdfootnote1sym`).  Adding a spelling is adding a word here and a
fixture in tests/dialects/fixtures.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

BACK_WORDS = frozenset({"ref", "anc", "anchor", "back", "backref", "return", "rev", "reverse"})
"""Id words that name the citing side: a link to such an id goes back to the text."""

NOTE_WORDS = frozenset({"sym", "note", "target"})
"""Id words that name the note side and carry no number (dropped from a pairing stem)."""

ARROWS = frozenset({"↑", "↩", "⤴", "⤶", "↵", "⏎", "^", "back", "return", "top", "up"})
"""Link texts that mean 'back to the text' (compared after dropping variation selectors)."""

NOTE_ID_WORDS = frozenset(
    {
        "fn",
        "ftn",
        "edn",
        "ftnt",
        "footnote",
        "endnote",
        "sdfootnote",
        "sdendnote",
        "note",
        "refer",
        "fnref",
        "ftnref",
        "ednref",
        "cite",
    }
)
"""First words of ids exporters give notes and markers (`fn3`, `_ftnref2`, `sdendnote1sym`)."""

CROSS_REFERENCE_WORDS = frozenset(
    {"fig", "figure", "tab", "table", "eq", "equation", "sec", "section", "lst", "listing"}
)
"""First words of ids of figures, tables, equations and sections (`fig-1`, `eq:2`): a
numbered link to one is a cross-reference, not a note."""

SYMBOLS = frozenset("*†‡§¶#")
"""Symbol labels, alone or repeated (`*`, `**`, `†`, `‡‡`)."""

UNICODE_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
"""Superscript digits some authors type instead of `<sup>`."""

NOTES_HEADINGS = re.compile(
    r"(?:end|foot)?notes?|references?|sources|citations|参考(?:文献|资料)?|脚注|注释?|"
    r"anmerkungen|fußnoten|notas|referencias|références|notes de bas de page|примечания",
    re.IGNORECASE,
)
"""Headings of a section that holds only notes, removed once its notes are lifted."""
NOTES_HEADING_WORDS = (
    "note", "reference", "sources", "citations", "参考", "脚注", "注", "anmerkungen",
    "fußnoten", "notas", "referencias", "références", "примечания",
)  # fmt: skip
"""A substring of every heading `NOTES_HEADINGS` matches, lower-cased: a cheap test
that a text may hold one (the regular expression tries every alternative at every
character of a chapter)."""

_EMPHASIS_ONLY = (["strong_open", "text", "strong_close"], ["em_open", "text", "em_close"])


def is_notes_heading(tokens: list[Token], start: int) -> bool:
    """Whether the block opening at `tokens[start]` heads a notes section.

    A heading (`## Notes`, `### Notas:`) or, as word processors' Markdown has
    it, a top-level paragraph that is only emphasised words (`**Notes**`).
    """
    if start < 0 or start + 1 >= len(tokens):
        return False
    opening, inline = tokens[start], tokens[start + 1]
    if opening.type == "heading_open":
        text = inline.content
    elif opening.type == "paragraph_open" and opening.level == 0:
        children = [c for c in inline.children or [] if c.type != "text" or c.content.strip()]
        if [child.type for child in children] not in _EMPHASIS_ONLY:
            return False
        text = children[1].content
    else:
        return False
    return NOTES_HEADINGS.fullmatch(text.strip(" :#")) is not None


HTML_TAG = re.compile(r"<[^<>]*>")
"""Any tag.  `[^<>]`, not `[^>]`: a `<` never closed stops at the next `<`, so it
is read once, not once per `<` before it (which made hostile HTML quadratic)."""

HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"'\s>]+)["']""", re.IGNORECASE)
"""An `id=` or `name=` attribute: group 1 is the anchor."""

HTML_HREF = re.compile(r"""\bhref\s*=\s*["']#([^"'\s>]+)["']""", re.IGNORECASE)
"""An in-document `href="#…"`: group 1 is the target."""

HTML_LINK = re.compile(r"<a\b([^<>]*)>((?:(?!</?a\b).){0,400})</a\s*>", re.IGNORECASE | re.DOTALL)
"""An `<a …>…</a>` element: group 1 its attributes, group 2 its (bounded) content."""

_ROMAN = re.compile(
    r"(?=.)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})|(?=.)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
)
"""Roman numerals up to 399 in one case (`iv`, `XII`), not words made of their letters."""
_WORDS = re.compile(r"[^\W\d_]+|\d+")
_WRAP = "[]()^ \t\u00a0"
_SELECTORS = "\ufe0e\ufe0f \t\u00a0"


def reads_as_exponent(before: str) -> bool:
    """Whether a superscript after `before` (the one or two characters before it) is
    an exponent: after a digit, a closing bracket or a one-letter variable (`10²`,
    `(a+b)²`, `n³`), not after a word."""
    if not before:
        return False
    variable = before[-1].isalpha() and (len(before) == 1 or not before[0].isalnum())
    return before[-1].isdigit() or before[-1] in ")]}" or variable


def label_of(text: str) -> str | None:
    """The note label `text` spells (`1`, `[1]`, `^2^`, `iv`, `a`, `*`, `٣`), else None."""
    core = text.strip(_WRAP).rstrip(".")
    if not core or len(core) > 6:
        return None
    if core.isdecimal() or _ROMAN.fullmatch(core):
        return core
    if len(core) == 1 and core.isalpha():
        return core
    if set(core) <= SYMBOLS and len(set(core)) == 1:
        return core
    if all(ch in UNICODE_SUPERSCRIPTS for ch in core):
        return core.translate(_FROM_SUPERSCRIPT)
    return None


_FROM_SUPERSCRIPT = str.maketrans(UNICODE_SUPERSCRIPTS, "0123456789")


def is_arrow(text: str) -> bool:
    """Whether a link text means 'back to where the note is cited'.

    An arrow may carry the number of the citation it goes back to when a note
    is cited more than once (`↩2`, `↩²`, `↑ 3`).
    """
    core = text.strip(_SELECTORS).lower()
    if core in ARROWS:
        return True
    bare = core.rstrip("0123456789" + UNICODE_SUPERSCRIPTS).strip(_SELECTORS)
    return bare != core and bare in ARROWS and not bare.isalpha()


def id_words(identifier: str) -> list[str]:
    """The words and numbers of an id, lower case: `ftnt_ref12` → ftnt, ref, 12."""
    return _WORDS.findall(identifier.lower())


def names_citing_side(identifier: str) -> bool:
    """Whether an id names the citing side of a pair (`fnref:1`, `_ftnref1`, `…anc`)."""
    return any(w in BACK_WORDS or (len(w) > 3 and w.endswith("ref")) for w in id_words(identifier))


def stem(identifier: str) -> str:
    """What a note's id and its back-link's id share: `fnref:1` and `fn:1` are both `fn1`."""
    words = []
    for word in id_words(identifier):
        if word in BACK_WORDS or word in NOTE_WORDS:
            continue
        if len(word) > 3 and word.endswith("ref"):
            word = word[:-3]
        words.append(word)
    return "".join(words)


def is_cross_reference(identifier: str) -> bool:
    """Whether an id names a figure, table, equation or section (`fig-1`, `tab:2`)."""
    words = id_words(identifier)
    return bool(words) and words[0] in CROSS_REFERENCE_WORDS


def looks_like_note_id(identifier: str) -> bool:
    """Whether an id is one exporters give notes or markers: a note word and a number."""
    words = id_words(identifier)
    return len(words) >= 2 and words[0] in NOTE_ID_WORDS and any(w.isdecimal() for w in words)
