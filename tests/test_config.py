"""Settings values: each check accepts what it documents and refuses the rest with a reason."""

from __future__ import annotations

from typing import Any

import pytest

from citenorm._config import KEYS, LINK_KEYS, BadValue, parse_accept


@pytest.mark.parametrize(
    ("spec", "codes"),
    [
        ("200..299", set(range(200, 300))),
        ("200..299, 403,", {*range(200, 300), 403}),
        ("404", {404}),
    ],
)
def test_parse_accept(spec: str, codes: set[int]) -> None:
    assert parse_accept(spec) == codes


@pytest.mark.parametrize("spec", ["", ",", "2xx", "299..200", "99", "600", "1..99999999999"])
def test_parse_accept_refuses(spec: str) -> None:
    with pytest.raises(BadValue):
        parse_accept(spec)


@pytest.mark.parametrize(
    ("table", "key", "value", "expected"),
    [
        (KEYS, "jobs", 4, 4),
        (KEYS, "jobs", "4", 4),
        (KEYS, "max_chapter_size", 2, 2.0),
        (KEYS, "exclude", "drafts", ["drafts"]),
        (KEYS, "bib", False, False),
        (LINK_KEYS, "retries", 0, 0),
        (LINK_KEYS, "headers", {"a.org": {"X": "1"}}, {"a.org": {"X": "1"}}),
        (LINK_KEYS, "block", ["10.0.0.0/8"], ["10.0.0.0/8"]),
    ],
)
def test_values_accepted(table: dict[str, Any], key: str, value: Any, expected: Any) -> None:
    assert table[key](value) == expected


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [
        (KEYS, "jobs", True),
        (KEYS, "jobs", 1.5),
        (KEYS, "max_chapter_size", float("inf")),
        (KEYS, "max_chapter_size", -1),
        (KEYS, "exclude", 3),
        (KEYS, "exclude", ["ok", 3]),
        (KEYS, "bib", True),
        (KEYS, "numbering", 1),
        (LINK_KEYS, "retries", -1),
        (LINK_KEYS, "timeout", 0),
        (LINK_KEYS, "exclude", ["(unclosed"]),
        (LINK_KEYS, "headers", {"a.org": "X"}),
        (LINK_KEYS, "user_agent", "a\nb"),
        (LINK_KEYS, "archive_endpoint", "ftp://x"),
        (LINK_KEYS, "offline", "yes"),
    ],
)
def test_values_refused(table: dict[str, Any], key: str, value: Any) -> None:
    with pytest.raises(BadValue):
        table[key](value)
