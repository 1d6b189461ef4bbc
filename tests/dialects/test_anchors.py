"""The structural resolver's edges: what a lifted note keeps and what the body keeps."""

from __future__ import annotations

import pytest

from citenorm.dialects.anchors import strip_label
from tests.dialects.helpers import normal

MARKER = 'Text<a href="#fn1" id="fnref1"><sup>1</sup></a>.\n\n'


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        ('<a id="fn1"></a>Ibid. p. 4. [↩](#fnref1)\n', "[^1]: Ibid. p. 4.\n"),
        ('<a id="fn1"></a>Cf. Smith 2001. [↩](#fnref1)\n', "[^1]: Cf. Smith 2001.\n"),
        ('<a id="fn1"></a>e.g. this one. [↩](#fnref1)\n', "[^1]: e.g. this one.\n"),
        ('<a id="fn1"></a>1. Ibid. p. 4. [↩](#fnref1)\n', "[^1]: Ibid. p. 4.\n"),
        ('<div id="fn1"><p>[1] Ibid. <a href="#fnref1">↩</a></p></div>\n', "[^1]: Ibid.\n"),
        ('<a name="fn1">1</a>: On UNIX use cp. [↩](#fnref1)\n', "[^1]: On UNIX use cp.\n"),
        ('<a id="fn1">[1]</a>. On UNIX use cp. [↩](#fnref1)\n', "[^1]: On UNIX use cp.\n"),
        ('<a id="fn1"></a>1: On UNIX use cp. [↩](#fnref1)\n', "[^1]: On UNIX use cp.\n"),
        ('<a id="fn1"></a>... and so on. [↩](#fnref1)\n', "[^1]: ... and so on.\n"),
    ],
)
def test_a_note_loses_only_its_own_label(note: str, kept: str) -> None:
    assert normal(MARKER + note).endswith(kept)


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("1. Note.", "1", "Note."),
        ("1) Note.", "1", "Note."),
        ("[1] Note.", "1", "Note."),
        ("(iv) Note.", "iv", "Note."),
        ("¹ Note.", "1", "Note."),
        ("2. Note.", "1", "2. Note."),
        ("Ibid. p. 4.", "1", "Ibid. p. 4."),
        ("Cf. Smith.", "", "Cf. Smith."),
        ("1. Note.", "", "1. Note."),
        ("1: Note.", "1", "Note."),
        ("[1]: Note.", "1", "Note."),
        ("1:2 Note.", "1", "1:2 Note."),
    ],
)
def test_strip_label_knows_only_the_label_spellings(text: str, label: str, expected: str) -> None:
    assert strip_label(text, label) == expected


def test_media_left_beside_a_lifted_html_note_stays() -> None:
    text = (
        MARKER + '<div><img src="chart.png"> <p id="fn1">The note. <a href="#fnref1">↩</a></p>'
        "</div>\n"
    )
    out = normal(text)
    assert '<img src="chart.png">' in out
    assert out.endswith("[^1]: The note.\n")


def test_typora_word_notes_keep_no_stray_bracket() -> None:
    """Typora writes Word's notes `[[1\\]](#_ftn1)`: markdown-it reads a `[` and a link
    whose text is `1]`; the `[` is part of the label, on both sides."""
    text = "An analogy[[1\\]](#_ftn1) here [x].\n\n------\n\n[[1\\]](#_ftnref1) A note.\n"
    assert normal(text) == "An analogy[^1] here [x].\n\n[^1]: A note.\n"


PANDOC_NOTES = (
    "::: {.section .footnotes}\n1.  ::: {#fn1}\n"
    "    {text}[↩](#fnref1){.footnote-back}\n    :::\n:::\n"
)


def test_an_attribute_block_pandoc_wrapped_goes_with_its_marker() -> None:
    """pandoc wraps at 72 columns, inside an attribute block too."""
    text = "Some text.[^1^](#fn1){#fnref1\n.footnote-ref} More text.\n\n" + PANDOC_NOTES.replace(
        "{text}", "A note."
    )
    assert normal(text) == "Some text.[^1] More text.\n\n[^1]: A note.\n"


def test_a_note_ending_in_an_exclamation_mark_keeps_it() -> None:
    """`errors![↩](#fnref1)` reads as an image of an arrow: it is `!` and a back-link."""
    text = "Culprit?[^1^](#fn1){#fnref1 .footnote-ref} More.\n\n" + PANDOC_NOTES.replace(
        "{text}", "Search errors!"
    )
    assert normal(text) == "Culprit?[^1] More.\n\n[^1]: Search errors!\n"


@pytest.mark.parametrize("marker", ["^[9](#fn:9){.footnote-ref}^", "[9](#fn:9){.footnote-ref}"])
def test_a_marker_inside_a_note_with_a_back_link(marker: str) -> None:
    """The note's text is cleaned of its back-link before its own marker is replaced:
    the marker used to be looked up by its old index (IndexError, chapter unreadable)."""
    text = (
        "Costs^[1](#fn:1){.footnote-ref}^ used.\n\n"
        f'1.  ::: {{#fn:1}}\n    A copy in the file {marker}. [↩](#fnref:1 "Back")'
        "{.footnote-backref}\n    :::\n\n"
        '2.  ::: {#fn:9}\n    Nine. [↩](#fnref:9 "Back"){.footnote-backref}\n    :::\n'
    )
    assert normal(text) == ("Costs[^1] used.\n\n[^1]: A copy in the file [^2].\n\n[^2]: Nine.\n")


def test_pandocs_own_writing_of_an_html_note_is_a_marker() -> None:
    """pandoc writes an HTML note's marker `^[1](#fn:1){.footnote-ref}^`: a superscript
    holding a link, not an inline note whose text is "1"."""
    text = "Text.^[1](#fn:1){.footnote-ref}^ more.\n\n" + PANDOC_NOTES.replace(
        "{text}", "The note."
    ).replace("#fn1", "#fn:1").replace("#fnref1", "#fnref:1")
    assert normal(text) == "Text.[^1] more.\n\n[^1]: The note.\n"


def test_a_substack_note_written_with_blank_lines_takes_the_div_after_its_label() -> None:
    """Substack's HTML with blank lines: the anchor's paragraph holds only the label,
    and the note's text is in the `<div class="footnote-content">` after it."""
    text = (
        'Some claim<a href="#footnote-1" id="footnote-anchor-1" class="footnote-anchor">1</a>'
        ' here.\n\n<div class="footnote">\n\n'
        '<a href="#footnote-anchor-1" id="footnote-1" class="footnote-number">1</a>\n\n'
        '<div class="footnote-content">\n\nThe note *text*.\n\n</div>\n\n</div>\n'
    )
    assert normal(text) == "Some claim[^1] here.\n\n[^1]: The note *text*.\n"
