"""The pseudo dialect: `[^n] text` paragraphs, usually after an `<hr>`."""

from __future__ import annotations

import pytest

from citenorm.dialects import pseudo
from tests.dialects.helpers import Outcome, normal, outcome


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A.[^1]\n\n<hr>\n[^1] One.\n\n[^2] Two.\n", Outcome(1, 2, ("2",), ())),
        ("A.[^1]\n\n<hr>\n\n[^1] One.\n", Outcome(1, 1, (), ())),
        ("A.[^1]\n\n---\n\n[^1] One.\n", Outcome(1, 1, (), ())),
        ("A.[^1][^2]\n\n[^1] One.\n", Outcome(2, 1, (), ("[^2]",))),
        ("> [^1] In a quote, not a definition.\n", Outcome(1, 0, (), ("[^1]",))),
    ],
)
def test_counts(text: str, expected: Outcome) -> None:
    assert outcome(text) == expected


def test_detect() -> None:
    assert pseudo.detect("text\n[^1] A note.")
    assert not pseudo.detect("text[^1] inline\n[^1]: real definition")


def test_separator_and_definitions_become_footnotes() -> None:
    out = normal("Claim.[^1] Other.[^2]\n\n\n<hr>\n[^1] First, 2010\\. \n\n[^2] *Second*.\n")
    assert out == "Claim.[^1] Other.[^2]\n\n[^1]: First, 2010.\n\n[^2]: *Second*.\n"


def test_a_rule_that_separates_body_text_is_kept() -> None:
    out = normal("Claim.[^1]\n\n<hr>\n\nMore body.\n\n[^1] Note.\n")
    assert "<hr>" in out
    assert "More body." in out


def test_pseudo_definitions_on_consecutive_lines_are_notes_of_their_own() -> None:
    out = normal("One[^1] two[^2].\n\n---\n\n[^1] First note.\n[^2] Second note\ncontinued.\n")
    assert out == "One[^1] two[^2].\n\n[^1]: First note.\n\n[^2]: Second note\n    continued.\n"


@pytest.mark.parametrize(
    "text", ["[^1]  [^1]\n", "[^1] is cited here but never defined.\n", "A.\n\n[^1] Not cited.\n"]
)
def test_pseudo_definitions_need_a_consistent_block(text: str) -> None:
    assert outcome(text).definitions == 0
