"""The HTML patterns every dialect shares, defined once in `_spellings` (review finding 15)."""

from __future__ import annotations

import pytest

from citenorm.dialects import _html, _open, _spellings, _suspect, anchors
from citenorm.dialects._spellings import NOTES_HEADING_WORDS, NOTES_HEADINGS


def test_each_module_uses_the_one_definition() -> None:
    for tag in (anchors._TAG, _open._TAG, _suspect._TAG, _html._TAGS):
        assert tag is _spellings.HTML_TAG
    assert anchors._ID is _suspect._ID is _spellings.HTML_ID
    assert anchors._HREF is _open._HREF is _spellings.HTML_HREF
    assert anchors._HTML_BACKLINK is _open._LINK is _spellings.HTML_LINK


@pytest.mark.parametrize(
    ("html", "attributes", "text"),
    [
        ('<a href="#fn1" id="r1"><sup>1</sup></a>', ' href="#fn1" id="r1"', "<sup>1</sup>"),
        ("<A HREF='#x'>↩</A >", " HREF='#x'", "↩"),
        ("<a <a href='#x'>1</a>", " href='#x'", "1"),
    ],
)
def test_html_link(html: str, attributes: str, text: str) -> None:
    match = _spellings.HTML_LINK.search(html)
    assert match is not None
    assert (match.group(1), match.group(2)) == (attributes, text)


@pytest.mark.parametrize(
    ("html", "bare"),
    [("<p class='x'>a</p>", "a"), ("a < b <i>c</i>", "a < b c"), ("<<b>x", "<x")],
)
def test_html_tag(html: str, bare: str) -> None:
    assert _spellings.HTML_TAG.sub("", html) == bare


@pytest.mark.parametrize(
    "heading",
    [
        "Notes", "NOTE", "Endnotes", "Footnote", "References", "REFERENCE", "Sources",
        "Citations", "参考", "参考文献", "参考资料", "脚注", "注", "注释", "Anmerkungen",
        "Fußnoten", "FUẞNOTEN", "Notas", "Referencias", "Références",
        "Notes de bas de page", "Примечания",
    ],
)  # fmt: skip
def test_every_notes_heading_holds_a_heading_word(heading: str) -> None:
    """The cheap prefilter never rules out a heading the full pattern accepts."""
    assert NOTES_HEADINGS.fullmatch(heading)
    assert any(word in heading.lower() for word in NOTES_HEADING_WORDS)
