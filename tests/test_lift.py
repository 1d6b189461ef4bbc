"""The lift stage: markers and notes lifted by different dialects meet by label."""

from __future__ import annotations

import pytest

import citenorm


def test_a_marker_and_a_note_of_two_dialects_pair_by_label() -> None:
    text = 'Text.<sup id="fnref:1"><a href="#fn:1">1</a></sup>\n\n[^1]: The note.\n'
    assert citenorm.normalize(text) == "Text.[^1]\n\n[^1]: The note.\n"


def test_a_note_does_not_cite_itself() -> None:
    """A marker inside the only note with its label is not that note's citation:
    pairing them made `[^1]: [^1]` of a rebuild (found by tests/test_fuzz.py)."""
    text = '[^x]: <a href="#_ftn1" name="_ftnref1">[1]</a>\n'
    once = citenorm.normalize(text)
    assert citenorm.normalize(once) == once
    assert "_ftnref1" in once


def test_an_uncited_note_takes_no_label_a_dangling_marker_holds() -> None:
    """Renumbered `1`, the uncited note below would be paired with the dangling
    marker labelled `[1]` on a rebuild (found by tests/test_fuzz.py)."""
    text = '[^x]: \n\n<a href="#_ftn1" name="_ftnref1">[1]</a>\n'
    once = citenorm.normalize(text)
    assert citenorm.normalize(once) == once
    assert "_ftnref1" in once


@pytest.mark.parametrize(
    "text",
    [
        "^[x]: more\n",  # an inline note's marker at a line start, before a colon
        '^[^<a href="#_ftn1" name="_ftnref1">[1]</a>]\n',  # ^ before an HTML marker
        "[^x]: | a | b |\n| - |\n<hr>\n",  # an HTML rule after the notes
        "^[[^1]^[^1]\n",  # brackets around markers pair differently once they are slots
        '<li id="fn1"><a href="#_ftn1" name="_ftnref1">[1]</a><li>    \n',  # spaces at the end
        "^[[^x]: ]\n",  # a dangling marker before a colon, inside a note
        "Text[^1]\n\n[^1]: a note [^2]\\: b\n",  # the colon escaped: no glued definition
        "[^x]: *        a\n",  # a note opening with a list item that holds code
    ],
)
def test_rebuilds_change_nothing(text: str) -> None:
    """Cases tests/test_fuzz.py found (its long profile)."""
    once = citenorm.normalize(text)
    assert citenorm.normalize(once) == once


def test_a_glued_definition_with_no_text_is_a_note() -> None:
    """`… [^x]:` ending a note's line glues an empty definition on: it raised
    IndexError (found by tests/test_fuzz.py)."""
    out = citenorm.normalize("Text[^1]\n\n[^1]: a note [^2]:\n")
    assert out == "Text[^1]\n\n[^1]: a note\n\n[^2]:\n"
    assert citenorm.normalize(out) == out
