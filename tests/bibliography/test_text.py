"""From a note's Markdown to the parser's text: splitting, plain text, the model's text."""

from __future__ import annotations

import random

import pytest

from citenorm.bibliography._text import for_model, plain, split_top_level

_OPENERS = {"[": "]", "(": ")", "“": "”", "\x02": "\x03", "\x04": "\x05"}


def _reference_split(text: str, separator: str = ";") -> list[tuple[int, int]]:
    """The first implementation of `split_top_level` (a character at a time), kept as its spec."""
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if stack and char == stack[-1]:
            stack.pop()
        elif char in _OPENERS:
            stack.append(_OPENERS[char])
        elif char == separator and not stack:
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(text)))
    return spans


@pytest.mark.parametrize("separator", [";", ",", "(", "]", ";;"])
def test_split_top_level_as_first_defined(separator: str) -> None:
    rng = random.Random(7)
    alphabet = list("[]()“”;,a \x02\x03\x04\x05")
    for _ in range(2_000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 30)))
        assert split_top_level(text, separator) == _reference_split(text, separator), text


def test_split_keeps_bracketed_and_quoted_separators() -> None:
    text = "Roe, _A; B_ (2001; 2002); “C; D,” 3; Poe 2010"
    parts = [text[a:b].strip() for a, b in split_top_level(text)]
    assert parts == ["Roe, _A", "B_ (2001; 2002)", "“C; D,” 3", "Poe 2010"]


def test_plain_takes_out_links_and_dois() -> None:
    found = plain(
        "Roe, **Ann**. [_Stacks_](https://ex.org/s). doi:10.5555/x.1 \\[2001\\] <https://b.org/>"
    )
    assert found.url == "https://ex.org/s"
    assert found.doi == "10.5555/x.1"
    assert found.text == "Roe, Ann. \x04\x02Stacks\x03\x05. [2001]"


def test_for_model_keeps_link_text_and_italics() -> None:
    text = "Roe,  **Ann** &amp; Bo.\n[_Stacks_](https://ex.org/s) \\[2001\\] <https://b.org/>"
    assert for_model(text) == "Roe, Ann & Bo. _Stacks_ [2001] https://b.org/"
