"""The markdown dialect: `[^x]` markers, `[^x]:` definitions, `^[inline]` notes."""

from __future__ import annotations

import pytest

from citenorm.dialects import markdown
from tests.dialects.helpers import Outcome, chapter_of, normal, outcome


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A.[^1]\n\n[^1]: One.\n", Outcome(1, 1, (), ())),
        ("A.[^smith] B.[^smith]\n\n[^smith]: Smith.\n", Outcome(2, 1, (), ())),
        ("A.[^1]\n", Outcome(1, 0, (), ("[^1]",))),
        ("A.\n\n[^1]: Orphan.\n", Outcome(0, 1, ("1",), ())),
        ("A.^[Inline.]\n", Outcome(1, 1, (), ())),
        ("`[^1]` and\n\n    [^1]: code\n", Outcome(0, 0, (), ())),
        ("A.[^1]\n\n[^1]: One.\n\n[^1]: Again.\n", Outcome(1, 2, ("1",), ())),
    ],
)
def test_counts(text: str, expected: Outcome) -> None:
    assert outcome(text) == expected


def test_detect() -> None:
    assert markdown.detect("a[^1]")
    assert markdown.detect("a^[note]")
    assert not markdown.detect("plain [link](x)")


def test_multi_paragraph_definition_with_list_and_code() -> None:
    text = (
        "Text.[^long]\n\n[^long]: First paragraph.\n\n    Second paragraph.\n\n"
        "    - item one\n    - item two\n\n    ```\n    code\n    ```\n"
    )
    out = normal(text)
    assert out.endswith(
        "[^1]: First paragraph.\n\n    Second paragraph.\n\n    - item one\n    - item two\n\n"
        "    ```\n    code\n    ```\n"
    )
    [note] = chapter_of(text).notes
    assert (
        note.text
        == "First paragraph.\n\nSecond paragraph.\n\n- item one\n- item two\n\n```\ncode\n```"
    )


def test_inline_note_becomes_a_numbered_footnote() -> None:
    out = normal("A[^a] and B.^[Inline *note*.]\n\n[^a]: Named.\n")
    assert out == "A[^1] and B.[^2]\n\n[^1]: Named.\n\n[^2]: Inline *note*.\n"
    notes = chapter_of("B.^[Inline.]\n").notes
    assert [(n.source_label, n.inline) for n in notes] == [("", True)]


def test_numbering_follows_first_citation_not_definition_order() -> None:
    out = normal("A[^b] B[^a] C[^b]\n\n[^a]: Alpha.\n\n[^b]: Beta.\n")
    assert out == "A[^1] B[^2] C[^1]\n\n[^1]: Beta.\n\n[^2]: Alpha.\n"


def test_marker_positions_are_file_positions() -> None:
    chapter = chapter_of("---\ntitle: x\n---\nab[^1] `[^1]` cd[^1]\n\n[^1]: One.\n")
    [note] = chapter.notes
    assert [(m.line, m.column) for m in note.markers] == [(4, 3), (4, 17)]
    assert (note.line, note.column) == (6, 1)


@pytest.mark.parametrize(
    ("text", "out", "missing"),
    [
        ("[^1]  [^1]\n", "[^1]  [^1]\n", 2),
        ("[^1] is cited here but never defined.\n", "[^1] is cited here but never defined.\n", 1),
        ("![moon^[the moon]](m.jpg)\n", "![moon^[the moon]](m.jpg)\n", 0),
        ("Zozime^[],\nSynésius^[]\n", "Zozime^[],\nSynésius^[]\n", 0),
    ],
)
def test_what_is_not_a_note_stays_as_written(text: str, out: str, missing: int) -> None:
    """Undefined markers are not pseudo definitions; notes in an image description and
    empty inline notes have nothing to lift (issue 14, item 4)."""
    assert normal(text) == out
    chapter = chapter_of(text)
    assert not chapter.notes
    assert sum(d.code == "missing-definition" for d in chapter.diagnostics) == missing


def test_a_rule_after_the_notes_is_kept() -> None:
    out = normal("[^a] [^b]\n\n[^a]: foo\n\n[^b]: bar\n\n---\n")
    assert out == "[^1] [^2]\n\n---\n\n[^1]: foo\n\n[^2]: bar\n"


def test_definitions_glued_onto_a_note_are_split_back_apart() -> None:
    text = "A[^1] B[^2] C[^3]\n\n[^1]: One.\n    More of one. [^2]: Two. [^3]: Three.\n"
    chapter = chapter_of(text)
    assert [(n.source_label, n.text) for n in chapter.notes] == [
        ("1", "One.\nMore of one."),
        ("2", "Two."),
        ("3", "Three."),
    ]


def test_a_marker_followed_by_a_colon_inside_a_note_stays_a_marker() -> None:
    chapter = chapter_of("A[^1] B[^2]\n\n[^1]: See [^2]: it says more.\n\n[^2]: Two.\n")
    assert [n.source_label for n in chapter.notes] == ["1", "2"]
    assert "[^2]" in chapter.notes[0].text


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("Match names with ^[a-z]+$ only.\n", True),
        ("Set r1 to [r2]^[r3] now.\n", True),
        ("A claim.^[Ibid.]\n", False),
        ("A claim.^[https://example.org/page]\n", False),
        ("A claim.^[See p. 4.]\n", False),
        ("A claim.^[Id.]\n", False),
        ("一个说法。^[同上]\n", False),
    ],
)
def test_an_inline_note_that_reads_as_code_is_reported(text: str, warned: bool) -> None:
    """pandoc and markdown-it both read `^[a-z]` as an inline note, so it is lifted;
    a regular expression in prose was turned into a note without a word."""
    codes = [d.code for d in chapter_of(text).diagnostics]
    assert ("code-like-note" in codes) is warned


def test_a_definition_with_a_full_width_colon_is_reported() -> None:
    """`[^1]` and a full-width colon (a CJK input method's) is no definition to any reader; it was
    read as a second citation of note 1 without a word."""
    text = "Text[^1].\n\n[^1]: English note.\n\n> [^1]\uff1a中文注释。\n"
    codes = [(d.code, d.line) for d in chapter_of(text).diagnostics]
    assert codes == [("suspected-footnote", 5)]
