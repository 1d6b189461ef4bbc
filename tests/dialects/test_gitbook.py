"""GitBook annotations: a linked word whose note is a Markdown definition."""

from __future__ import annotations

import pytest

import citenorm
from tests.dialects.helpers import chapter_of


@pytest.mark.parametrize(
    "link",
    [
        '<a data-footnote-ref href="#user-content-fn-2">term</a>',
        "<a href='#user-content-fn-2' data-footnote-ref>term</a>",
        '<a data-footnote-ref href="#user-content-fn-2"><em>term</em></a>',
    ],
)
def test_an_annotation_link_becomes_its_word_and_a_marker(link: str) -> None:
    text = f"First.[^1] An annotated {link} here.\n\n[^1]: One.\n\n[^2]: On the term.\n"
    chapter = chapter_of(text)
    assert [(n.label, n.text, len(n.markers)) for n in chapter.notes] == [
        ("1", "One.", 1),
        ("2", "On the term.", 1),
    ]
    assert not chapter.diagnostics
    out = citenorm.normalize(text)
    assert "user-content-fn" not in out
    first_line = out.split("\n")[0]
    assert "term" in first_line
    assert first_line.endswith("[^2] here.")
    assert citenorm.normalize(out) == out


def test_renumbering_follows_the_annotation() -> None:
    """Before, the link was left pointing at `#user-content-fn-1` while `[^1]`
    was renumbered: it then named another note."""
    link = '<a data-footnote-ref href="#user-content-fn-1">word</a>'
    text = f"A[^x] and {link}.\n\n[^x]: X.\n\n[^1]: W.\n"
    out = citenorm.normalize(text)
    assert out == "A[^1] and word[^2].\n\n[^1]: X.\n\n[^2]: W.\n"


def test_a_link_to_no_markdown_note_is_left_alone() -> None:
    text = 'An <a data-footnote-ref href="#user-content-fn-9">orphan</a> link.\n'
    assert not chapter_of(text).notes


def test_a_definition_in_code_is_no_note_for_an_annotation() -> None:
    text = (
        'A <a data-footnote-ref href="#user-content-fn-2">term</a> here.\n\n'
        "```\n[^2]: not a note\n```\n"
    )
    assert citenorm.normalize(text) == text


def test_an_annotation_inside_html_is_reported() -> None:
    """GitBook annotates code in `<pre>` too; there it cannot become a marker."""
    text = (
        "Claim.[^x]\n\n"
        '<pre><code><a data-footnote-ref href="#user-content-fn-1">tool</a> --flag\n'
        "</code></pre>\n\n[^x]: First.\n\n[^1]: On the tool.\n"
    )
    found = [(d.code, d.line, d.column) for d in chapter_of(text).diagnostics]
    assert ("suspected-footnote", 3, 12) in found
    assert citenorm.normalize(text).count("user-content-fn-1") == 1
