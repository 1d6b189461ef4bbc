"""The sample corpus, as issue 3 defines done: counts, leftovers, fixed point, check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import citenorm
from citenorm.cli import main
from tests.conftest import CORPUS, ROOT

FORBIDDEN = ["<sup", "footnote-ref", "&#039;", "&amp;", "2010\\."]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    assert main(["build", str(CORPUS), "-o", str(tmp_path / "build"), "--quiet"]) == 0
    return tmp_path / "build"


def test_corpus_is_the_seed_chapters_byte_for_byte() -> None:
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert (CORPUS / "4.1-start-the-conversation.md").read_bytes() == (
        seeds / "000_9e7346e86ff4cda7.txt"
    ).read_bytes()
    assert (CORPUS / "4.2-elements-of-a-successful-partnership.md").read_bytes() == (
        seeds / "004_41d3f5f3b1438492.txt"
    ).read_bytes()


def test_build_holds_ten_markers_and_nine_definitions(built: Path) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(built.glob("*.md"))]
    assert len(texts) == 2
    definitions = sum(len(re.findall(r"^\[\^\d+\]:", text, re.MULTILINE)) for text in texts)
    markers = sum(len(re.findall(r"\[\^\d+\](?!:)", text)) for text in texts)
    assert (markers, definitions) == (10, 9)
    assert (built / "corpus.json").is_file()


def test_build_leaves_no_exporter_markup(built: Path) -> None:
    for path in built.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for leftover in FORBIDDEN:
            assert leftover not in text, (path.name, leftover)


def test_no_table_cell_is_lost(built: Path) -> None:
    text = (built / "4.2-elements-of-a-successful-partnership.md").read_text(encoding="utf-8")
    for start in [
        "All partners should be engaged",
        "Relationships are the connectors",
        "Communication is a key element",
        "Establish clear roles",
        "Whether your joint effort",
    ]:
        assert f"| {start}" in text


def test_building_the_build_changes_no_byte(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["build", str(built), "-o", str(again), "--quiet"]) == 0
    for path in built.glob("*.md"):
        assert (again / path.name).read_bytes() == path.read_bytes()


def test_check_passes_on_the_build_and_fails_on_the_corpus(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(built), "--quiet"]) == 0
    assert main(["check", str(CORPUS), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "4.1-start-the-conversation.md:7:1: not-normalized line 7 would change" in out
    assert "table-ragged" in out


def test_notes_of_the_corpus() -> None:
    corpus = citenorm.load([str(CORPUS)])
    first, second = corpus.chapters
    assert [note.source_label for note in first.notes] == ["1", "2", "3", "4", "5"]
    assert [len(note.markers) for note in first.notes] == [2, 1, 1, 1, 1]
    assert first.notes[0].markers[0] == citenorm.Marker(7, 309)
    assert [note.source_label for note in second.notes] == ["43", "44", "45", "46"]
    assert [note.label for note in second.notes] == ["1", "2", "3", "4"]
    assert second.notes[0].markers[0] == citenorm.Marker(3, 210)
    assert second.title == "4.2 Elements of a successful partnership"
    assert [d.code for d in corpus.diagnostics] == ["table-ragged"]
