"""Issue 4's bar for every exporter style: exact counts, no exporter markup, every note kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import citenorm
from tests.conftest import ROOT
from tests.dialects.helpers import Outcome, outcome

INPUTS = ROOT / "tests/golden/inputs"

# fixture: (outcome, source labels in output order, a snippet of every note's text)
CASES: dict[str, tuple[Outcome, list[str], list[str]]] = {
    "word-footnotes": (
        Outcome(3, 3, (), ()),
        ["1", "2", "i"],
        ["*Museums Count*", "[the Public Libraries Survey](https://www.imls.gov/", "**bold**"],
    ),
    "google-docs": (
        Outcome(4, 4, ("9",), ()),
        ["1", "2", "3", "9"],
        ["YALSA, *Teens First*", "“Advisory Boards,”", "Ibid., 4.", "never cites"],
    ),
    "libreoffice-pandoc": (
        Outcome(2, 2, (), ()),
        ["1", "2"],
        ["*The Atlas of New Librarianship*", "branch manager"],
    ),
    "libreoffice-html": (Outcome(2, 2, (), ()), ["1", "2"], ["*Places Journal*", "question 7"]),
    "pandoc-html": (
        Outcome(2, 2, (), ()),
        ["1", "2"],
        ["*Project Outcome*", "[projectoutcome.org](https://www.projectoutcome.org/)"],
    ),
    "kramdown-html": (
        Outcome(2, 2, (), ()),
        ["1", "2"],
        ["district’s website.", "Interview, 2020."],
    ),
    "mammoth-list": (
        Outcome(2, 2, (), ()),
        ["1", "2"],
        ["[WebJunction](https://www.webjunction.org/)", "*Ibid.*"],
    ),
    "superscript-notes": (
        Outcome(3, 3, (), ()),
        ["1", "2", "3"],
        ["*Early Partnerships*", "Ibid., 22.", "Pub. L. 104-208."],
    ),
    "mixed-word-markdown": (
        Outcome(2, 2, (), ()),
        ["1", "typed"],
        ["A Word note with *italics*.", "[link](https://example.org/typed)"],
    ),
    "cp1252-crlf": (Outcome(1, 1, (), ()), ["1"], ["Interview, 2009 — transcript p.\u00a03."]),
}
EXPORTER_MARKUP = [
    "<sup",
    "<div",
    "<hr",
    "<li",
    "footnote-ref",
    "_ftn",
    "_edn",
    "ftnt",
    "sdfootnote",
    "fnref",
    "mso-",
    "↩",
    "↑",
    "&#8617;",
    ":::",
    "&nbsp;",
    "<span",
    "<![",
]


def built(name: str) -> str:
    return citenorm.normalize((INPUTS / f"{name}.md").read_bytes(), path=f"{name}.md")


@pytest.mark.parametrize("name", CASES)
def test_counts(name: str) -> None:
    text = (INPUTS / f"{name}.md").read_bytes().decode("utf-8", errors="replace")
    expected, _, _ = CASES[name]
    if name == "cp1252-crlf":
        text = (INPUTS / f"{name}.md").read_bytes().decode("cp1252").replace("\r\n", "\n")
    assert outcome(text) == expected


@pytest.mark.parametrize("name", CASES)
def test_output_holds_only_markdown_footnotes_and_every_note(name: str) -> None:
    out = built(name)
    for markup in EXPORTER_MARKUP:
        assert markup not in out, markup
    _, labels, snippets = CASES[name]
    for snippet in snippets:
        assert snippet in out
    notes = citenorm.load([str(INPUTS / f"{name}.md")]).chapters[0].notes
    assert [note.source_label for note in notes] == labels
    assert out.count("]: ") == len(labels)


def test_superscripts_that_do_not_match_are_left_with_a_reason() -> None:
    out = built("superscript-mismatch")
    assert out == (INPUTS / "superscript-mismatch.md").read_text(encoding="utf-8")
    [diagnostic] = citenorm.load([str(INPUTS / "superscript-mismatch.md")]).diagnostics
    assert diagnostic.code == "superscript-mismatch"


def test_cp1252_crlf_becomes_utf8_lf(tmp_path: Path) -> None:
    from citenorm.cli import main

    assert main(["build", str(INPUTS / "cp1252-crlf.md"), "-o", str(tmp_path), "-q"]) == 0
    data = (tmp_path / "cp1252-crlf.md").read_bytes()
    assert b"\r" not in data
    text = data.decode("utf-8")
    assert "“start small” – and meant it" in text
    assert "2009 — transcript" in text
    chapter = citenorm.load([str(INPUTS / "cp1252-crlf.md")]).chapters[0]
    assert chapter.encoding == "cp1252"
