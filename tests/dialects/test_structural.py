"""Footnotes as real exporters and authors write them, one fixture per form (issue 14).

Each fixture in tests/dialects/fixtures/ is a small text written for these
tests.  For each: the notes found (source label, how many markers cite it), a
snippet of every note's text, no exporter navigation left, no diagnostic about
notes, and a second build changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import citenorm
from citenorm.dialects import _spellings
from tests.dialects.helpers import chapter_of

FIXTURES = Path(__file__).parent / "fixtures"

# fixture: (notes as (source label, markers citing it), snippets of note texts)
FORMS: dict[str, tuple[list[tuple[str, int]], list[str]]] = {
    "word-table-cell": ([("1", 1), ("2", 1)], ["Counted on weekdays only.", "Two posts"]),
    "word-table-cell-wrapped": ([("1", 1), ("2", 1)], ["[^1]: Weekdays only.", "[^2]: Two posts"]),
    "word-html-one-block": (
        [("1", 1), ("2", 1)],
        ["[^1]: Weekdays only.", "Staffing.[^2]\n\n</p>"],
    ),
    "pandoc-figcaption": ([("1", 1), ("2", 1)], ["Photographed in spring.", "Fire code limit."]),
    "mammoth-markdown": ([("1", 1), ("2", 1)], ["Paper forms", "Eleven branches in total."]),
    "gdocs-markdown": ([("1", 1), ("2", 1)], ["[^1]: Compared with", "[^2]: Late fees"]),
    "gdocs-markdown-divs": ([("1", 1), ("2", 1)], ["[^1]: Compared with", "[^2]: Late fees"]),
    "hand-html-notes": ([("1", 1), ("2", 1)], ["[^1]: More addresses", "[^2]: Shorter terms"]),
    "hand-name-anchor-paragraphs": ([("1", 1), ("2", 1)], ["[^1]: Note one.", "[^2]: Note two."]),
    "hand-anchor-list-items": ([("1", 1), ("2", 1)], ["[^1]: Note one.", "[^2]: Note two."]),
    "hand-caret-backlinks": ([("1", 1), ("2", 1)], ["[^1]: Note one.", "[^2]: Note two."]),
    "hand-letter-labels": ([("a", 1), ("b", 1)], ["[^1]: Note one.", "[^2]: Note two."]),
    "pandoc-superscript-links": ([("1", 1), ("2", 1)], ["[^1]: Note one.", "[^2]: Note two."]),
    "refer-anchor": ([("2", 1), ("1", 1)], ["[^1]: Jones B.", "[^2]: Smith A."]),
    "refer-anchor-tight": ([("2", 1), ("1", 1)], ["[^1]: Jones B.", "[^2]: Smith A."]),
    "tumblr-list-items": (
        [("1", 1), ("2", 1)],
        ["[^1]: Local time, not UTC.", "[^2]: A second fix followed:", "    - on Tuesday\n"],
    ),
    "substack-fenced": (
        [("1", 1), ("2", 1)],
        ["[^1]: Per token", "[^2]: Serving costs", "    They do not shrink"],
    ),
    "substack-html": ([("1", 1), ("2", 1)], ["[^1]: Per token", "[^2]: Serving costs grow."]),
    "gdocs-pandoc-attributes": ([("1", 1), ("2", 1)], ["[^1]: Compared", "[^2]: Late fees"]),
    "tumblr-backlinks": ([("1", 1), ("2", 1)], ["[^1]: Local time, not UTC.", "[^2]: A second"]),
    "rendered-markers-markdown-defs": ([("1", 1)], ["[^1]: First in May"]),
    "libreoffice-endnotes": ([("1", 1), ("i", 1)], ["[^1]: Merged by script.", "[^2]: Checked"]),
    "libreoffice-html-endnotes": ([("1", 1), ("i", 1)], ["[^1]: Footnote text.", "[^2]: Endnote"]),
    "unicode-superscripts": ([("1", 2), ("1", 1)], ["[^1]: needs the", "[^2]: chests do not"]),
    "unicode-notes-lines": (
        [("1", 1), ("2", 1), ("3", 1)],
        ["[^1]: Counted at the desk.", "[^2]: Door", "[^3]: Two posts\n    were left open."],
    ),
    "unicode-adjacent-markers": ([("1", 1), ("2", 1), ("3", 1)], ["[^1]: One.", "[^3]: Three."]),
    "unicode-notes-list": ([("1", 1), ("2", 1)], ["[^1]: Counted", "[^2]: Door counters"]),
    "unicode-notes-heading": ([("1", 1), ("2", 1)], ["[^1]: Counted", "[^2]: Door counters"]),
    "sup-paragraph": ([("1", 1), ("2", 1)], ["[^1]: Counted by", "[^2]: Door counters"]),
    "glued-definitions": ([("1", 1), ("2", 1)], ["[^1]: Keeps logs", "[^2]: Keeps no logs."]),
    "arabic-indic": ([("\u0661", 1)], ["[^1]: A note labelled with an Arabic-Indic digit."]),
    "gdocs-html-notes-after-paragraph": (
        [("1", 1), ("2", 1)],
        ["Loans rose.[^2]\n\n</p>", "[^1]: Weekdays only.", "[^2]: Two branches."],
    ),
    "sup-notes-list-other-language": (
        [("1", 1), ("2", 1)],
        ["[^1]: Solo los días laborables.", "[^2]: Dos sucursales cerraron."],
    ),
    "sup-notes-list-bold-heading": (
        [("1", 1), ("2", 1)],
        ["[^1]: Weekdays only.", "[^2]: Two branches were shut."],
    ),
    "hand-name-anchor-lines": (
        [("1", 1), ("2", 1)],
        ["[^1]: Weekdays only.\n", "[^2]: Two branches\n    were shut."],
    ),
    "sup-bracket-paragraphs": (
        [("1", 1), ("2", 1)],
        ["[^1]: Weekdays only.\n", "[^2]: Two branches\n    were shut."],
    ),
    "hand-reference-style-markers": (
        [("1", 1), ("2", 1)],
        ["[^1]: Weekdays only.", "[^2]: Two branches", "[r]: https://example.org/report"],
    ),
    "github-rendered-html": (
        [("1", 1), ("2", 1)],
        ["[^1]: Weekdays only.", "[^2]: Two branches were shut."],
    ),
    "tumblr-numbered-backlinks": ([("1", 2)], ["[^1]: Weekdays only.\n"]),
    "hand-unicode-ids": ([("1", 1), ("2", 1)], ["[^1]: 仅限工作日。", "[^2]: 两个分馆关闭。"]),
    "hand-html-marker-runs": (
        [("1", 1), ("2", 1)],
        ["six.[^1], [^2]\n", "[^1]: Weekdays only.", "[^2]: Summer hours differ."],
    ),
    "hand-html-backlink-only": (
        [("1", 1), ("2", 1)],
        ["[^1]: Weekdays only.", "[^2]: Two branches were shut."],
    ),
    "sup-label-lists": (
        [("1", 1), ("2", 1), ("3", 1)],
        ["nine.[^1],[^2] Loans rose.[^3]", "[^2]: Summer hours differ."],
    ),
    "symbols": ([("*", 1), ("†", 1)], ["[^1]: The first note.", "[^2]: The second note."]),
}
NAVIGATION = [
    "](#",
    'href="#',
    "<sup",
    "fnref",
    "footnote-",
    "ftn",
    "sdfootnote",
    "sdendnote",
    "refer-anchor",
    "↩",
    "↑",
    ":::",
    "&nbsp;",
    "<span",
    "¹",
    'class="note"',
    "</a>",
    "&#32;",
    "<div>",
]
NOT_LEFT_EMPTY = "## Notes"
NOT_LEFT_EMPTY_BOLD = "**Endnotes"
QUIET = {"suspected-footnote", "missing-definition", "unreferenced-definition"}


def build(name: str) -> tuple[citenorm.Project, str]:
    path = FIXTURES / f"{name}.md"
    return citenorm.load([str(path)]), citenorm.normalize(path.read_bytes(), path=path.name)


@pytest.mark.parametrize("name", FORMS)
def test_form_is_resolved_and_its_navigation_removed(name: str) -> None:
    project, out = build(name)
    notes, snippets = FORMS[name]
    got = [(note.source_label, len(note.markers)) for note in project.chapters[0].notes]
    assert got == notes
    for snippet in snippets:
        assert snippet in out
    for markup in [*NAVIGATION, NOT_LEFT_EMPTY, NOT_LEFT_EMPTY_BOLD]:
        assert markup not in out, markup
    assert not [d for d in project.diagnostics if d.code in QUIET]
    assert citenorm.normalize(out) == out


def test_html_notes_leave_no_empty_wrappers() -> None:
    _, out = build("hand-letter-labels")
    assert out == "Text one.[^1] Text two.[^2]\n\n[^1]: Note one.\n\n[^2]: Note two.\n"


def test_markers_in_raw_html_stay_markers_in_the_output() -> None:
    _, out = build("word-table-cell")
    assert "<td>\n\nOpening hours[^1]\n\n</td>" in out


def test_back_to_top_arrows_are_page_navigation() -> None:
    project, out = build("not-notes-back-to-top")
    assert not project.diagnostics
    assert "[↑](#top)" in out


def test_cross_references_to_figures_and_tables_are_not_notes() -> None:
    project, out = build("not-notes-figures")
    assert not project.diagnostics
    assert not project.chapters[0].notes
    assert "figure [1](#fig1) shows" in out
    assert "Loans by month." in out


def test_links_to_anchored_headings_are_navigation_not_notes() -> None:
    project, out = build("not-notes-toc")
    assert not project.diagnostics
    assert not project.chapters[0].notes
    assert "[1](#part-1)" in out
    assert "[vivid](#colours) and [mix](#colours)" in out


def test_plain_prose_is_not_flagged_and_not_changed_in_meaning() -> None:
    project, out = build("not-notes")
    assert not project.diagnostics
    assert not project.chapters[0].notes
    for kept in ("1<sup>st</sup>", "2<sup>128</sup>", "m²", "mc<sup>2</sup>", "[1](#plain-prose)"):
        assert kept in out


@pytest.mark.parametrize(
    "name",
    [
        "not-notes-heading-anchors",
        "not-notes-science",
        "not-notes-exponent-and-notes-list",
        "not-notes-unicode-exponents-and-references",
        "not-notes-cross-references",
    ],
)
def test_look_alikes_are_neither_notes_nor_flagged(name: str) -> None:
    project, out = build(name)
    assert not project.diagnostics
    assert not project.chapters[0].notes
    assert out == (FIXTURES / f"{name}.md").read_text(encoding="utf-8")


def test_unresolved_footnote_markup_is_reported_where_it_stands() -> None:
    project, out = build("suspect-unresolved")
    found = [(d.line, d.code) for d in project.diagnostics]
    assert found == [
        (3, "suspected-footnote"),
        (5, "suspected-footnote"),
        (7, "suspected-footnote"),
        (9, "suspected-footnote"),
        (9, "suspected-footnote"),
    ]
    assert out == (FIXTURES / "suspect-unresolved.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("1", "1"),
        ("[12]", "12"),
        ("^3^", "3"),
        ("iv", "iv"),
        ("a", "a"),
        ("*", "*"),
        ("††", "††"),
        ("\u0663", "\u0663"),
        ("²", "2"),
        ("st", None),
        ("128x", None),
        ("note", None),
    ],
)
def test_labels(text: str, label: str | None) -> None:
    assert _spellings.label_of(text) == label


@pytest.mark.parametrize(
    ("identifier", "stem", "citing"),
    [
        ("fn:1", "fn1", False),
        ("fnref:1", "fn1", True),
        ("_ftnref2", "ftn2", True),
        ("ftnt_ref3", "ftnt3", True),
        ("footnote-anchor-4", "footnote4", True),
        ("sdfootnote5sym", "sdfootnote5", False),
        ("sdfootnote5anc", "sdfootnote5", True),
    ],
)
def test_id_spellings(identifier: str, stem: str, citing: bool) -> None:
    assert _spellings.stem(identifier) == stem
    assert _spellings.names_citing_side(identifier) is citing


@pytest.mark.parametrize("form", [None, 0, 1, 2, 3, 4, 5, 6])
def test_notes_benchmark_chapter_resolves_every_marker(form: int | None) -> None:
    from benchmarks.notes_bench import chapter, measure
    from tests.dialects.helpers import chapter_of

    notes = chapter_of(chapter(25, form)).notes
    assert len(notes) == 25
    assert sum(len(note.markers) for note in notes) == 25
    assert measure(5, repeat=1, only=form)["normalize"] > 0


@pytest.mark.parametrize(
    "text",
    [
        "Run `make`¹ once.\n\n## Notes\n\n1. Needs GNU make.\n2. Not needed twice.\n",
        "Text² and more³.\n\n## Notes\n\n1. First.\n2. Second.\n3. Third.\n",
    ],
)
def test_a_notes_list_cited_in_part_stays_whole_and_is_reported(text: str) -> None:
    """Lifting only the cited items renumbered the rest without a word; superscripts
    after words (not exponents) are reported even when item 1 is not cited."""
    chapter = chapter_of(text)
    assert not chapter.notes
    assert "superscript-mismatch" in [d.code for d in chapter.diagnostics]
    assert citenorm.normalize(text) == text


def test_adjacent_links_in_one_pandoc_superscript_are_markers() -> None:
    """pandoc writes adjacent wiki references as one superscript of two links; it
    was read as an inline note `^[\\[1\\]]` with garbage left in the prose."""
    text = (
        "Released under MIT.^[\\[1\\]](#cite_note-1)[\\[2\\]](#cite_note-2)^\n\n"
        "## References\n\n1.  [↑](#cite_ref-1) The licence page.\n"
        "2.  [↑](#cite_ref-2) The licence text.\n"
    )
    out = citenorm.normalize(text)
    assert out == (
        "Released under MIT.[^1][^2]\n\n[^1]: The licence page.\n\n[^2]: The licence text.\n"
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Paused.\\footnote{Misleading name.} Rest.\n", 1),
        ("Methods.[1](https://chat.example.com/c/6a3c#user-content-fn-gptq)\n", 1),
        ("Reference form.[\\[2\\]][10]\n\n[10]: #cite_note-2\n", 1),
    ],
)
def test_footnote_markup_no_dialect_reads_is_reported(text: str, line: int) -> None:
    """LaTeX's \\footnote{…}, a label link to a note on another page (a copied chat or
    article) and a reference-style label link were silent."""
    found = [(d.code, d.line) for d in chapter_of(text).diagnostics]
    assert found == [("suspected-footnote", line)]


@pytest.mark.parametrize(
    "definition",
    ["[](#_ftnref1)1 Drinkwater, D. Post.", "1 Drinkwater, D. Post. [](#_ftnref1)"],
)
def test_a_word_note_whose_back_link_is_empty(definition: str) -> None:
    """Some Word converters write the back-link with no text and the number after it."""
    text = f'Encryption works<a href="#_ftn1" name="_ftnref1">1</a> today.\n\n{definition}\n'
    assert citenorm.normalize(text) == (
        "Encryption works[^1] today.\n\n[^1]: Drinkwater, D. Post.\n"
    )


def test_an_empty_link_to_an_earlier_anchor_is_no_back_link() -> None:
    """`[](#top)` is navigation: its block is no note of the marker before it."""
    text = (
        '<a id="top"></a>\n\n# Guide\n\nStep one is described in item [2](#item2).\n\n'
        'Item two <a id="item2"></a> text. [](#top)\n'
    )
    assert citenorm.normalize(text) == text
