"""The JSON writer: orjson's bytes are exactly the standard library's indent=2 text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citenorm import load
from citenorm.emit.json import dumps, dumps_items, dumps_sections

_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",))),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=12,
)


def _standard(document: Any, sort_keys: bool) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"


@given(_VALUES, st.booleans())
@settings(max_examples=300, deadline=None)
def test_same_text_as_the_standard_library(document: Any, sort_keys: bool) -> None:
    assert dumps(document, sort_keys=sort_keys) == _standard(document, sort_keys)


@pytest.mark.parametrize(
    "document",
    [
        {"z": '\x00\x1f\x7f\u2028\u2029"\\/\t\n é 😀', "a": [], "m": {}, "n": [[{}]]},
        [],
        {},
        "text",
        {"b": {"y": 1, "x": [True, False, None, -5]}},
    ],
)
@pytest.mark.parametrize("sort_keys", [True, False])
def test_escapes_empties_and_key_order(document: Any, sort_keys: bool) -> None:
    assert dumps(document, sort_keys=sort_keys) == _standard(document, sort_keys)


@pytest.mark.parametrize(
    "document",
    [{"lone surrogate": "\ud800"}, {"big": 2**70}, {1: "integer key"}],
    ids=["surrogate", "integer past 64 bits", "integer key"],
)
def test_what_orjson_refuses_is_written_by_the_standard_library(document: Any) -> None:
    assert dumps(document, sort_keys=False) == _standard(document, False)


@given(st.lists(_VALUES, max_size=4), st.booleans())
@settings(max_examples=150, deadline=None)
def test_items_written_one_at_a_time_read_as_one_list(items: list[Any], sort_keys: bool) -> None:
    assert dumps_items(iter(items), sort_keys=sort_keys) == _standard(items, sort_keys)


@given(st.dictionaries(st.text(max_size=4), st.lists(_VALUES, max_size=3), max_size=3))
@settings(max_examples=150, deadline=None)
def test_sections_written_one_item_at_a_time_read_as_one_dict(
    sections: dict[str, list[Any]],
) -> None:
    lazy = {key: iter(items) for key, items in sections.items()}
    assert dumps_sections(lazy) == _standard(sections, True)
    lazy = {key: iter(items) for key, items in sections.items()}
    assert dumps_sections(lazy, sort_keys=False) == _standard(sections, False)


def test_the_corpus_export_is_its_dict_dumped(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# A\n\nText.[^1] See [b](b.md#x).\n\n[^1]: Jane Doe, *A Book* (Paris: P, 2001), 4.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text("# B\n\nNone[^1]\n\n[^2]: Ibid.\n", encoding="utf-8")
    corpus = load([str(tmp_path)])
    assert corpus.bibliography
    assert corpus.diagnostics
    assert corpus.to_json() == dumps(corpus.to_dict())
    assert corpus.to_csl_json() == _standard(corpus.references, False)
