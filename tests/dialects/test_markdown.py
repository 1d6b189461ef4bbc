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
