"""Ragged table repair: the header is padded so markdown-it keeps every body cell."""

from __future__ import annotations

from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

import citenorm
from citenorm._model import Source
from citenorm._parse import make_parser, parse
from citenorm._tables import split_cells


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ("| a | b |", [" a ", " b "]),
        ("a | b", ["a ", " b"]),
        ("| a \\| b | c |", [" a \\| b ", " c "]),
        ("| one |", [" one "]),
        ("| a |  |", [" a ", "  "]),
        ("| `b\\\\|` | c |", [" `b\\\\|` ", " c "]),
    ],
)
def test_split_cells(row: str, cells: list[str]) -> None:
    assert split_cells(row) == cells


@pytest.mark.parametrize(
    "table",
    [
        "| H |\n| --- |\n| a | b |\n| c | d | e |\n",
        "H |\n--- |\na | b | c\n",
        "| H | I |\n|:--|--:|\n| a | b | c |\n",
    ],
)
def test_every_cell_survives(table: str, md: MarkdownIt) -> None:
    out = citenorm.normalize(table)
    html = md.render(out)
    for cell in "abcde":
        if f" {cell} " in f" {table} ".replace("|", " "):
            assert f">{cell}</td>" in html
    assert citenorm.normalize(out) == out


def test_alignment_is_kept() -> None:
    out = citenorm.normalize("| H | I |\n|:--|--:|\n| a | b | c |\n")
    assert out.splitlines()[1] == "| :-- | --: | --- |"


def test_a_regular_table_gets_no_diagnostic() -> None:
    corpus_text = "| H | I |\n| --- | --- |\n| a | b |\n"
    assert citenorm.normalize(corpus_text) == corpus_text


def test_a_cell_holding_an_escaped_pipe_is_stable() -> None:
    table = "| H | I\n| - | -\n| `b\\\\|` | c\n"
    once = citenorm.normalize(table)
    assert once.splitlines()[0] == "| H | I |"
    assert citenorm.normalize(once) == once


def _shape(tokens: list[Token], env: dict[str, Any]) -> list[object]:
    """Tokens as comparable data; a note reference by what it refers to, not its
    position in the parser's list of notes (`subId` counts references, which no
    stage reads)."""
    notes = env.get("footnotes", {}).get("list", {})
    return [
        (
            t.type,
            t.map,
            t.level,
            t.content,
            t.attrs,
            t.meta.get("label") or notes[t.meta["id"]]["content"]
            if t.type == "footnote_ref"
            else t.meta,
            _shape(t.children or [], env),
        )
        for t in tokens
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Intro.\n\n| H |\n| --- |\n| a | b |\n\nAfter.\n",
        "Intro line\n| H |\n| --- |\n| a [^1] | ^[inline] |\n\n[^1]: Note.\n",
        "[x]: https://example.org\n\n| H |\n|---|\n| [l][x] | *b* |\n\n"
        "| K | L |\n|---|---|\n| c | d |\n",
        "| A |\n|---|\n| 1 | 2 |\n\n> | B |\n> |---|\n> | 3 | 4 |\n",
        "- item\n\n  | C |\n  |---|\n  | 5 | 6 |\n\n| D |\n|---|\n| 7 | 8 |\n",
    ],
)
def test_repaired_tables_parse_as_the_whole_text_would(text: str) -> None:
    """Parsing only a repaired table's lines gives the tokens a second full parse gave."""
    md = make_parser()
    parsed = parse(md, Source("t.md", text, "utf-8"))
    env: dict[str, Any] = {}
    again = md.parse(parsed.text, env)
    assert _shape(parsed.tokens, parsed.env) == _shape(again, env)


@pytest.mark.parametrize("caption", [": Sizes of things. {#tbl:sizes}", "Table: Sizes."])
def test_a_pandoc_caption_under_a_table_stays_a_caption_line(caption: str) -> None:
    """GFM reads the line as a row of one cell, pandoc as the table's caption: written
    without pipes it is both again (as `| : Sizes … |  |` pandoc lost the caption)."""
    text = f"| a | b |\n|---|---|\n| 1 | 2 |\n{caption}\n\nSee it.[^1]\n\n[^1]: Note.\n"
    out = citenorm.normalize(text)
    assert out == f"| a | b |\n| --- | --- |\n| 1 | 2 |\n{caption}\n\nSee it.[^1]\n\n[^1]: Note.\n"
    assert citenorm.normalize(out) == out
