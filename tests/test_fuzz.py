"""Fuzzing the dialect detectors, the citation parser and the whole normaliser.

CI runs a fixed, small number of examples; fuzz for longer on demand with
`CITENORM_PROPERTY_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py`
(profiles are defined in tests/test_properties.py's style: "ci" and "long").
"""

from __future__ import annotations

import contextlib

import mdformat
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import citenorm
from citenorm.bibliography import parse_note
from citenorm.dialects import DIALECTS

PIECES = [
    *"ab 1\n*_`[]()^:#>|-</\"'&;.,!\\{}",
    "\n\n",
    "[^1]",
    "[^x]: ",
    "^[",
    "<sup>",
    "</sup>",
    "<hr>",
    "&amp;",
    "    ",
    "| a | b |\n| - |\n",
    '<a href="#_ftn1" name="_ftnref1">[1]</a>',
    '<li id="fn1">',
    "Ibid., 3.",
    "“",
    "”",
    "2010",
]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@given(st.text(max_size=400))
def test_detectors_and_the_citation_parser_never_raise(text: str) -> None:
    for dialect in DIALECTS:
        dialect.detect(text)
    parse_note(text)


@given(MARKDOWNISH)
def test_normalize_never_raises_and_is_a_fixed_point(text: str) -> None:
    try:
        once = citenorm.normalize(text)
    except citenorm.InputError:
        return
    twice = citenorm.normalize(once)
    if twice != once:
        # mdformat itself is not a fixed point on some emphasis edge cases (`***a*a*`);
        # set those aside, and fail on everything that is ours.
        plain = mdformat.text(text)
        assume(mdformat.text(plain) == plain)
    assert twice == once


@pytest.mark.parametrize("text", ["", "\x00", "[^", "^[", "[^]:", "| |\n|-|\n| | |"])
def test_edge_strings(text: str) -> None:
    with contextlib.suppress(citenorm.InputError):
        citenorm.normalize(text)
