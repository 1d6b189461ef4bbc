"""WordPress Easy Footnotes: a note only in its marker's tooltip becomes a note."""

from __future__ import annotations

import pytest

import citenorm
from tests.dialects.helpers import chapter_of

SPAN = '<span class="easy-footnote">{marker}</span>'


@pytest.mark.parametrize(
    "marker",
    [
        '[<sup>1</sup>](https://ex.com/post/#easy-footnote-bottom-1-9 "The note *text*.")',
        '<a href="#easy-footnote-bottom-1-9" title="The note *text*."><sup>1</sup></a>',
    ],
)
def test_a_tooltip_is_the_note_when_no_list_holds_it(marker: str) -> None:
    text = "A claim" + SPAN.format(marker=marker) + " here.\n"
    out = citenorm.normalize(text)
    assert out.endswith(" here.\n\n[^1]: The note *text*.\n")
    assert "easy-footnote-bottom" not in out
    assert citenorm.normalize(out) == out


def test_the_bottom_list_wins_over_the_tooltip() -> None:
    marker = '<a href="#easy-footnote-bottom-1-9" title="Short."><sup>1</sup></a>'
    text = (
        "A claim" + SPAN.format(marker=marker) + " here.\n\n"
        '<ol class="easy-footnotes-wrapper"><li class="easy-footnote-single">'
        '<span id="easy-footnote-bottom-1-9" class="easy-footnote-margin-adjust"></span>'
        'The full note.<a class="easy-footnote-to-top" href="#easy-footnote-1-9"></a></li></ol>\n'
    )
    [note] = chapter_of(text).notes
    assert note.text == "The full note."


def test_a_marker_without_a_tooltip_stays_and_is_reported() -> None:
    marker = '<a href="#easy-footnote-bottom-1-9"><sup>1</sup></a>'
    chapter = chapter_of("A claim" + SPAN.format(marker=marker) + " here.\n")
    assert chapter.notes == ()
    assert [d.code for d in chapter.diagnostics] == ["suspected-footnote"]
