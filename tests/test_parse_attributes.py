"""Trailing heading attributes (`{#id .class key=value}`), split off in linear time."""

from __future__ import annotations

import pytest

from citenorm._parse import heading_attributes
from tests.deadline import run_in_child


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Title {#intro}", ("Title", [("id", "intro")])),
        (
            "Title { #intro .wide lang=fr }",
            ("Title", [("id", "intro"), ("lang", "fr"), ("class", "wide")]),
        ),
        ("Title {#a} {#b}", ("Title {#a}", [("id", "b")])),
        ("Set {1, 2} here", ("Set {1, 2} here", [])),
        ("No attributes", ("No attributes", [])),
    ],
)
def test_heading_attributes(content: str, expected: tuple[str, list[tuple[str, str]]]) -> None:
    assert heading_attributes(content) == expected


_RUNNER = """
from citenorm._parse import heading_attributes
for text in ["{" + "#a" * 50_000 + " x", "{#a" + " " * 200_000 + "x", " " * 200_000 + "x",
             "{" * 200_000, "{#a " * 50_000 + "{"]:
    heading_attributes(text)
print("done")
"""


def test_adversarial_headings_finish() -> None:
    """Inputs that took exponential or quadratic time with the former pattern."""
    result = run_in_child(_RUNNER)
    assert result.stdout.strip() == "done", result.stderr
