"""Ragged table repair: the header is padded so markdown-it keeps every body cell."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

import citenorm
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
