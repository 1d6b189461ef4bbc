"""Adversarial note text: every note parses in bounded time, whatever its shape.

A regex with nested quantifiers over overlapping classes takes time exponential in the
number of repeated units (22 names: 9 s, 24 names: 31 s).  The strings below repeat the
units real notes repeat (names, initials, years, commas) far past that point, so an
exponential pattern cannot finish; they run in a child process with a deadline so that a
regression fails the test instead of hanging the suite.  Speed itself is measured in the
benchmarks, not here.
"""

from __future__ import annotations

import pytest

from tests.deadline import run_in_child

FAMILIES = ["Smith", "Jones", "Van Noorden", "O'Brien", "García-López", "de la Cruz", "Lee"]


def _names(count: int) -> list[str]:
    return [FAMILIES[index % len(FAMILIES)] for index in range(count)]


ADVERSARIAL = {
    "interviews with many names": "Interviews with " + ", ".join(_names(60)) + ".",
    "names then an unclosed quote": ", ".join(_names(60)) + " “Title",
    "family, initial lists": ", ".join(f"{name}, A." for name in _names(60))
    + " (2014) 'Title', Journal, 505(7481), pp. 1-2.",
    "family, two initials": ", ".join(f"{name}, A. B." for name in _names(60)) + " 2014. Title.",
    "vancouver names": ", ".join(f"{name} AB" for name in _names(60)) + ". T. 2015 Oct 1;13(1).",
    "ieee names": ", ".join(f"A. {name}" for name in _names(60)) + ", and M. Brook, “Title,”",
    "years and commas": "2001, " * 60,
    "10,000 initials": "Smith " + "A. " * 10_000 + "Title.",
    "100,000 commas": "a" + "," * 100_000,
    "unclosed emphasis": "_a " * 2_000,
    "parentheses": "Smith (" * 2_000,
    "place colons": "New York: " * 2_000,
}

_RUNNER = """
import sys
from citenorm.bibliography import parse_note
for text in sys.stdin.read().split("\\x00"):
    parse_note(text)
print("done")
"""


@pytest.mark.parametrize("text", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_adversarial_note_parses_in_bounded_time(text: str) -> None:
    result = run_in_child(_RUNNER, text)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "done"
