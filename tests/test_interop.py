"""Real readers of our Markdown: markdown-it-py's footnote plugin and pandoc."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from citenorm.cli import main
from tests.conftest import CORPUS, ROOT

CHAPTERS = [CORPUS, ROOT / "tests/golden/inputs"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("build")
    assert main(["build", str(CORPUS), "-o", str(out), "-q"]) == 0
    return sorted(out.glob("*.md"))


def test_markdown_it_links_every_marker_to_a_definition(built: list[Path]) -> None:
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    refs = 0
    for path in built:
        html = md.render(path.read_text(encoding="utf-8"))
        targets = re.findall(r'class="footnote-ref"><a href="#(fn\d+)"', html)
        ids = set(re.findall(r'<li id="(fn\d+)"', html))
        assert set(targets) <= ids
        assert "[^" not in html
        refs += len(targets)
    assert refs == 10


def test_table_cells_reach_the_html(built: list[Path]) -> None:
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    [table_chapter] = [p for p in built if p.name.startswith("4.2")]
    html = md.render(table_chapter.read_text(encoding="utf-8"))
    for start in ["All partners", "Relationships are", "Communication is", "Establish", "Whether"]:
        assert f"<td>{start}" in html


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_every_note(built: list[Path]) -> None:
    refs = 0
    for path in built:
        result = subprocess.run(
            ["pandoc", "--verbose", "-f", "markdown", "-t", "html", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "not used" not in result.stderr, result.stderr
        assert "[^" not in result.stdout
        refs += result.stdout.count('class="footnote-ref"')
        if path.name.startswith("4.2"):
            assert "All partners should be engaged" in result.stdout
    assert refs == 10
