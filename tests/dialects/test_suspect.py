"""The never-silent net: each unresolved footnote sign reported where it stands, once."""

from __future__ import annotations

import pytest

from citenorm._model import Diagnostic
from tests.dialects.helpers import chapter_of


def suspected(text: str) -> list[tuple[int, int]]:
    diagnostics: tuple[Diagnostic, ...] = chapter_of(text).diagnostics
    return [(d.line, d.column) for d in diagnostics if d.code == "suspected-footnote"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Aa<sup>1</sup> bb<sup>2</sup> cc<sup>2</sup> dd.\n", [(1, 3), (1, 18), (1, 33)]),
        ('A <a href="#fn9">1</a> b <a href="#fn9">1</a>.\n', [(1, 3), (1, 26)]),
        ('A <a id="fnref1"></a>x <a id="fnref1"></a>.\n', [(1, 6), (1, 27)]),
    ],
)
def test_a_repeated_sign_is_reported_at_each_place(text: str, where: list[tuple[int, int]]) -> None:
    assert suspected(text) == where


def test_a_link_to_a_repeated_heading_is_navigation() -> None:
    text = "See [1](#note-1) and [2](#note).\n\n## Note\n\nOne.\n\n## Note\n\nTwo.\n"
    assert suspected(text) == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            'A claim.<label for="sn-1" class="margin-toggle sidenote-number"></label>'
            '<input type="checkbox" id="sn-1" class="margin-toggle"/>'
            '<span class="sidenote">A note in the margin.</span> More.\n',
            [(1, 129)],
        ),
        ('Text.\n\n<span class="marginnote">\nA margin note.\n</span>\n', [(3, 1)]),
        ('A <span class="note-inline">styled</span> word.\n', []),
    ],
)
def test_a_tufte_sidenote_is_reported(text: str, where: list[tuple[int, int]]) -> None:
    assert suspected(text) == where


def test_a_sign_inside_markdown_links_is_quoted_and_placed_as_written() -> None:
    """`<sup>[[1]](#references)</sup>`: the superscript is quoted as the reader wrote
    it (not with the spaces that stand for the link in the searched text), at its column."""
    text = "- `CLAUDE.md` x<sup>2</sup> <sup>[[1]](#references)</sup> is read.\n\n## References\n"
    chapter = chapter_of(text)
    [diagnostic] = [d for d in chapter.diagnostics if d.code == "suspected-footnote"]
    assert (diagnostic.line, diagnostic.column) == (1, 29)
    assert "'<sup>[1]</sup>'" in diagnostic.message


def test_a_pandoc_superscript_of_a_bracketed_label_is_reported() -> None:
    """`^[1]^` is pandoc's superscript "[1]", a citation number, not an inline note."""
    text = "Debugger^[1]^ docs and x^2^ and ^[a note].\n"
    chapter = chapter_of(text)
    assert suspected(text) == [(1, 9)]
    assert len(chapter.notes) == 1
