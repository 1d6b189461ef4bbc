"""Tokens and their layout, and the parser's time on hostile input (run, never timed)."""

from __future__ import annotations

import pytest

from citenorm import parse_reference
from citenorm.bibliography import parse_note
from citenorm.bibliography._names import parse_authors
from citenorm.bibliography._tokens import tokenize


def test_layout_of_tokens() -> None:
    tokens = tokenize("Heer, J. “A Title,” _Journal Name_, _23_(1), 1–5. https://doi.org/10.1/x.")
    by_text = {t.text: t for t in tokens}
    assert by_text["Title"].quoted
    assert not by_text["Title"].italic
    assert by_text["Journal"].italic
    assert by_text["23"].italic
    assert [t.bracketed for t in tokens if t.text == "1"] == [1, 0]
    assert by_text["https://doi.org/10.1/x"].kind == "url"
    assert tokens[-1].text == "."


def test_snake_case_and_lone_marks_are_not_italics() -> None:
    tokens = tokenize("file_name and 3 * 4 and _unclosed")
    assert not any(t.italic for t in tokens)


HOSTILE = {
    "sixty names": ", ".join(f"Family{n}, A. B." for n in range(60)) + " (2020). Title. _J_, 1.",
    "ten thousand initials": "Smith, " + "A. " * 10_000 + "(2020). Title.",
    "a hundred thousand commas": "Smith" + "," * 100_000 + " 2020.",
    "unclosed quotes and italics": "“" * 5_000 + "_" * 5_000 + "*" * 5_000 + " 2020",
    "long URL": "Title. https://example.org/" + "a/" * 20_000,
    "many semicolons": "Smith, Title, 2020; " * 2_000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_strings_finish(text: str) -> None:
    assert isinstance(parse_reference(text), dict)
    parse_note(text)
    parse_authors(text[:200_000])
