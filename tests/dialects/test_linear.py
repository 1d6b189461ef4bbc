"""Hostile markup costs the dialects time in proportion to its size (review findings 4-6, 11, 28).

Each text below made one of the dialects' regular expressions scan to the end
of the text from every start it tried (an `<a` never closed by `>`, an image
never closed by `)`, a line of colons), so its cost grew with its size
squared: at these sizes, minutes.  Each runs in a child process with a
generous timeout, so a regression fails the test instead of hanging the run;
no timing is asserted.
"""

from __future__ import annotations

import pytest

from tests.deadline import run_in_child

WORD_NOTE = '<div id=ftn1><p><a href="#_ftnref1" name="_ftn1">[1]</a> Word note.</p></div>\n'
WORD_MARKER = 'A<a href="#_ftn1" name="_ftnref1"><sup>[1]</sup></a>\n\n'
HTML_MARKER = 'Text<a href="#fn1" id="fnref1"><sup>1</sup></a>.\n\n'

HOSTILE = {
    "unclosed <a after a superscript": "Text<sup>1</sup> " + "<a " * 50_000 + "\n",
    "unclosed <a in an HTML block with a marker": (
        '<div>\n<a href="#x">1</a> ' + "<a " * 50_000 + "\n</div>\n"
    ),
    "unclosed <div in an HTML block with a marker": (
        '<div>\n<a href="#x">1</a> ' + "<div " * 50_000 + "\n"
    ),
    "unclosed <a in an HTML note": (
        HTML_MARKER + '<div id="fn1"><p>Note ' + "<a " * 50_000 + "</p></div>\n"
    ),
    "unclosed <p after an HTML note": (
        HTML_MARKER + '<div id="fn1"><p>Note</p></div> ' + "<p " * 50_000 + "\n"
    ),
    "unclosed [^ in an HTML block": "<div>" + "[^" * 50_000 + "</div>\n",
    "a line of colons before a Word note": WORD_MARKER + ":" * 100_000 + "<br>\n\n" + WORD_NOTE,
    "unclosed conditional comments before a Word note": (
        WORD_MARKER + "<div>" + "<![if" * 50_000 + "</div>\n\n" + WORD_NOTE
    ),
    "escaped full stops on one long line": "Text &amp; " + "a\\. " * 100_000 + "\n",
    "unclosed comments beside an id": '<div id="x">' + "<!--" * 50_000 + "\n",
    "ids with unclosed quotes": "<div " + ' id="' * 50_000 + ">\n",
    "a note of signals": "Text.[^1]\n\n[^1]: " + "Ibid. See x. " * 20_000 + "\n",
    "a heading of markup": "# " + "<kbd>_a_</kbd> &amp; " * 20_000 + "\n",
    "attribute-like text": "A " + "]{ #" * 50_000 + "\n",
    "open tags with quotes in an HTML block": "<div>\n" + '<a b="' * 50_000 + "\n",
    "open tags without an end in an HTML block": "<div>\n" + "<a x y=z " * 50_000 + "\n",
}

CHILD = "import sys, citenorm; citenorm.normalize(sys.stdin.read())"


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_markup_is_normalised_in_bounded_time(name: str) -> None:
    result = run_in_child(CHILD, HOSTILE[name])
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("text", ["![x](" * 200_000, "![" * 200_000])
def test_image_ids_are_found_in_bounded_time(text: str) -> None:
    child = "import sys; from citenorm.dialects._suspect import _figure_ids; " + (
        "_figure_ids(sys.stdin.read())"
    )
    result = run_in_child(child, text)
    assert result.returncode == 0, result.stderr[-2000:]
