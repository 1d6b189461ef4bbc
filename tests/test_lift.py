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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One.[^n] Two.[^n]\n\n[^n]: First.\n\n[^n]: Second.\n",
            "One.[^1] Two.[^2]\n\n[^1]: First.\n\n[^2]: Second.\n",
        ),
        (
            "A.[^1]\n\n[^1]: A note.\n\nB.[^1]\n\n[^1]: B note.\n",
            "A.[^1]\n\nB.[^2]\n\n[^1]: A note.\n\n[^2]: B note.\n",
        ),
    ],
)
def test_a_label_defined_and_cited_n_times_names_n_notes(text: str, expected: str) -> None:
    """Ghost numbers every `[^n]` itself; chapters joined into one file each bring their
    own `[^1]`: paired in order, with a warning, instead of one note and a duplicate."""
    out = citenorm.normalize(text)
    assert out == expected
    assert citenorm.normalize(out) == out


@pytest.mark.parametrize(
    "text",
    [
        "A.[^1] B.[^1] C.[^1]\n\n[^1]: One.\n\n[^1]: Two.\n",
        "A note cited twice.[^1] Again.[^1]\n\n[^1]: One.\n\n[^1]: One, pasted again.\n",
    ],
)
def test_a_repeated_label_otherwise_stays_a_duplicate(text: str) -> None:
    from tests.dialects.helpers import chapter_of

    chapter = chapter_of(text)
    assert "duplicate-definition" in [d.code for d in chapter.diagnostics]
