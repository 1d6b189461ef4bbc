"""Markers inside raw HTML blocks are read like markers anywhere else."""

from __future__ import annotations

from tests.dialects.helpers import chapter_of, normal


def test_a_caret_marker_in_a_table_cell_cites_its_definition() -> None:
    text = "<table><tr><td>Claim[^1]</td></tr></table>\n\n[^1]: The note.\n"
    chapter = chapter_of(text)
    assert [len(note.markers) for note in chapter.notes] == [1]
    assert not chapter.diagnostics
    assert normal(text).endswith("[^1]: The note.\n")


def test_a_caret_marker_in_a_div_without_definition_is_reported() -> None:
    chapter = chapter_of("<div>Claim[^7] here.</div>\n")
    assert [(d.code, d.line, d.column) for d in chapter.diagnostics] == [
        ("missing-definition", 1, 11)
    ]


def test_verbatim_html_is_not_opened() -> None:
    text = "<pre>[^1]</pre>\n"
    assert normal(text) == text
    assert not chapter_of(text).diagnostics
