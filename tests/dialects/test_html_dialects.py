"""Small cases for the HTML-based dialects and their shared helpers."""

from __future__ import annotations

import pytest

from citenorm.dialects import google, libreoffice, pandoc, superscript, word
from citenorm.dialects._html import html_to_markdown
from tests.dialects.helpers import Outcome, normal, outcome


@pytest.mark.parametrize(
    ("dialect", "text", "expected"),
    [
        (word, '<a href="#_ftn1" name="_ftnref1">[1]</a>', True),
        (word, '<a href="#_edn1" name="_ednref1">[i]</a>', True),
        (google, '<a href="#ftnt1" id="ftnt_ref1">[1]</a>', True),
        (libreoffice, '<a href="#sdfootnote1sym">1</a>', True),
        (pandoc, '<a href="#fn1" id="fnref1">1</a>', True),
        (superscript, "a<sup>1</sup>\n\n## Notes\n\n1. n\n", True),
        (word, "plain text", False),
        (google, "plain text", False),
        (libreoffice, "plain text", False),
        (pandoc, "plain text", False),
        (superscript, "E = mc<sup>2</sup>", False),
    ],
)
def test_detect(dialect: object, text: str, expected: bool) -> None:
    assert dialect.detect(text) is expected  # type: ignore[attr-defined]


WORD_NOTE = '<div id=ftn1><p><a href="#_ftnref1" name="_ftn1">[1]</a> Word note.</p></div>\n'
GOOGLE_NOTE = '<div><p><a href="#ftnt_ref1" id="ftnt1">[1]</a><span>&nbsp;G.</span></p></div>\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f'A<a href="#_ftn1" name="_ftnref1"><sup>[1]</sup></a>\n\n{WORD_NOTE}',
            Outcome(1, 1, (), ()),
        ),
        (f"A\n\n{WORD_NOTE}", Outcome(0, 1, ("1",), ())),
        ('A<a href="#_edn2" name="_ednref2"><sup>[ii]</sup></a>\n', Outcome(1, 0, (), ("<a",))),
        (
            f'A<sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup> B'
            f'<sup><a href="#ftnt1" id="ftnt_ref2">[2]</a></sup>\n\n{GOOGLE_NOTE}',
            Outcome(2, 1, (), ()),
        ),
        (
            'A<a href="#fn1" class="footnote-ref" id="fnref1"><sup>1</sup></a>\n\n'
            '<ol><li id="fn1"><p>P.<a href="#fnref1">↩︎</a></p></li></ol>\n',
            Outcome(1, 1, (), ()),
        ),
        ("a<sup>3</sup> b<sup>4</sup>\n\n# Endnotes\n\n3. three\n4. four\n", Outcome(2, 2, (), ())),
    ],
)
def test_counts(text: str, expected: Outcome) -> None:
    assert outcome(text) == expected


def test_visible_text_before_the_first_note_stays_in_the_body() -> None:
    out = normal(
        f'A<a href="#_ftn1" name="_ftnref1">[1]</a>\n\n<div><p>Kept.</p>{WORD_NOTE}</div>\n'
    )
    assert "Kept." in out.split("[^1]:")[0]
    assert out.endswith("[^1]: Word note.\n")


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p><i>a</i> and <b>b</b></p>", "*a* and **b**"),
        (
            '<span style="font-style:italic">it</span> <span style="font-weight:700">bo</span>',
            "*it* **bo**",
        ),
        ('<a href="https://x.org/a">x</a>&nbsp;&amp; y', "[x](https://x.org/a) & y"),
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("m<sup>2</sup>", "m<sup>2</sup>"),
        (" ↩ ", ""),
    ],
)
def test_html_to_markdown(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown
