"""The subset converter gives markdownify's output exactly, or declines."""

from __future__ import annotations

import pytest
from bs4 import MarkupResemblesLocatorWarning
from hypothesis import given, settings
from hypothesis import strategies as st

from citenorm.dialects._html import markdownify
from citenorm.dialects._html_subset import convert

_TAGS = ["a", "b", "strong", "i", "em", "span", "p", "div", "sup", "sub", "I", "P", "u", "li"]
_ATTRIBUTES = [
    "",
    ' href="https://example.org/a_b"',
    " href='#ftnt1' id=\"ftnt_ref1\"",
    " href=https://x.org",
    ' href=""',
    ' title="a &quot;t&quot;"',
    ' style="font-style:italic"',
    ' style="font-weight:700"',
    " class=MsoFootnoteText",
    ' name="_ftn1"',
    " href = 'x'",
    ' id="a" id="b"',
    "\nhref='y'",
]
_TEXTS = [
    "text", " ", "  ", "\n", " \n ", "\t", "\u00a0", "a*b", "_x_", "x_y", "Kay. “T.”",
    "&nbsp;", "&amp;", "&#8212;", "&#x2014;", "&#150;", "&copy", "&bogus;", "AT&T", "<",
    "<3", "a > b", "\r\n", "http://x", "[1]", "1", "<!-- c -->", "<br>", "<br/>", "<BR />",
    "</br>", "<p/>", "<img src=x>",
]  # fmt: skip


def _piece() -> st.SearchStrategy[str]:
    opening = st.builds(
        lambda t, a: f"<{t}{a}>", st.sampled_from(_TAGS), st.sampled_from(_ATTRIBUTES)
    )
    closing = st.builds(lambda t: f"</{t}>", st.sampled_from(_TAGS))
    return st.one_of(opening, closing, st.sampled_from(_TEXTS), st.text(max_size=4))


@settings(max_examples=400, deadline=None)
@given(st.lists(_piece(), max_size=14).map("".join))
@pytest.mark.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
def test_same_as_markdownify_or_declined(source: str) -> None:
    fast = convert(source)
    if fast is not None:
        assert fast == markdownify(source)


@pytest.mark.parametrize(
    "source",
    [
        '<a href="#ftnt_ref1" id="ftnt1">[1]</a><span>&nbsp;Kay, “T.” <i>J</i>, 2001.</span></p>',
        " Note 1, <i>program</i>, 2001.</p></div>\n<div id=ftn2><p class=MsoFootnoteText>",
        '<p>a <span style="font-style:italic">b </span>c<br>d</p><p>e</p>',
        '<a href="http://x">http://x</a> and <a href="y" title=\'t "q"\'>z</a>',
        "<div>  <p> x </p>  </div>",
        "a</b>c<b> d <i> e</i></b>",
        "<sup>1</sup> <sub> </sub>",
    ],
)
def test_exporter_notes_take_the_fast_path(source: str) -> None:
    assert convert(source) == markdownify(source)


@pytest.mark.parametrize("source", ["<!-- c -->x", "<img src=x>", "a < b", "AT&T", "&#150;"])
def test_outside_the_subset_is_declined(source: str) -> None:
    assert convert(source) is None
