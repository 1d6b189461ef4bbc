"""Footnote shortcodes (`[ref]…[/ref]` and kin) become notes; code and odd ones stay."""

from __future__ import annotations

import pytest

import citenorm
from citenorm.dialects.shortcodes import as_inline_notes
from tests.dialects.helpers import chapter_of


@pytest.mark.parametrize("name", ["ref", "efn_note", "mfn"])
def test_each_shortcode_is_a_note(name: str) -> None:
    text = f"A claim.[{name}]Smith, *Power* (2001), 3.[/{name}] More.\n"
    out = citenorm.normalize(text)
    assert out == "A claim.[^1] More.\n\n[^1]: Smith, *Power* (2001), 3.\n"
    assert citenorm.normalize(out) == out


def test_entities_and_escapes_around_a_shortcode() -> None:
    text = "Tom &amp; Jerry \\*x.[ref]A &mdash; note \\$5.[/ref]\n"
    out = citenorm.normalize(text)
    assert out == "Tom & Jerry \\*x.[^1]\n\n[^1]: A — note \\$5.\n"
    assert citenorm.normalize(out) == out


def test_notes_number_in_order_with_markdown_notes() -> None:
    text = (
        "One.[^a] Two.[ref]See [the site](https://x.org).[/ref] Three.[^b]\n\n"
        "[^a]: First.\n\n[^b]: Third.\n"
    )
    out = citenorm.normalize(text)
    assert out.startswith("One.[^1] Two.[^2] Three.[^3]\n\n[^1]: First.\n\n")
    assert "[^2]: See [the site](https://x.org).\n\n[^3]: Third.\n" in out


def test_shortcodes_in_code_are_code() -> None:
    text = "Write `[ref]a note[/ref]` in the editor.\n"
    assert citenorm.normalize(text) == text


@pytest.mark.parametrize("body", ["a ] b", "", "  "])
def test_a_shortcode_that_cannot_be_a_note_stays_and_is_reported(body: str) -> None:
    text = f"Odd [ref]{body}[/ref] here.\n"
    chapter = chapter_of(text)
    assert chapter.notes == ()
    assert [d.code for d in chapter.diagnostics] == ["suspected-footnote"]
    assert (chapter.diagnostics[0].line, chapter.diagnostics[0].column) == (1, 5)


def test_rewriting_finds_each_pair_in_one_pass() -> None:
    content = "a[ref]x[/ref]b[mfn]y [z](u)[/mfn]c[ref]]bad[/ref]d[mfn]open e[ref]z[/ref]"
    rewritten, refused = as_inline_notes(content)
    assert rewritten == "a^[x]b^[y [z](u)]c[ref]]bad[/ref]d[mfn]open e^[z]"
    assert refused == [content.index("[ref]]")]
