"""Tokens and their layout, and the parser's time on hostile input (run, never timed)."""

from __future__ import annotations

import random

import pytest

from citenorm import parse_reference
from citenorm.bibliography import parse_note
from citenorm.bibliography._names import parse_authors
from citenorm.bibliography._tokens import emphasis_spans, tokenize


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


def _reference_emphasis_spans(text: str) -> list[bool]:
    """The first implementation of `emphasis_spans` (a character at a time), kept as its spec."""
    inside = [False] * len(text)
    delimiter = [False] * len(text)
    open_at = -1
    open_char = ""
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char in "*_":
            end = index
            while end < length and text[end] == char:
                end += 1
            before = text[index - 1] if index else " "
            after = text[end] if end < length else " "
            left = not after.isspace() and (not before.isalnum() or char == "*")
            right = not before.isspace() and (not after.isalnum() or char == "*")
            if open_at >= 0 and right and char == open_char:
                for k in range(open_at, index):
                    inside[k] = True
                for k in range(index, end):
                    delimiter[k] = True
                open_at = -1
            elif left and open_at < 0:
                open_at = end
                open_char = char
                for k in range(index, end):
                    delimiter[k] = True
            index = end
            continue
        index += 1
    return [i and not d for i, d in zip(inside, delimiter, strict=True)]


def test_emphasis_spans_as_first_defined() -> None:
    rng = random.Random(3)
    alphabet = ["_", "*", "\\", " ", "a", "B", "1", ".", "(", "“"]
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 24))) for _ in range(3_000)]
    texts += ["_Title_ and *more*", "a_b_c", "**strong** _x_\\_y_", "_open", "x\\"]
    for text in texts:
        assert emphasis_spans(text) == _reference_emphasis_spans(text), text
