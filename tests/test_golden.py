"""Whole-chapter behaviour: input chapter → expected Markdown and JSON.

After an intended change of output, regenerate the expected files with
`pytest tests/test_golden.py --update-golden` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import citenorm
from tests.conftest import ROOT

INPUTS = sorted((ROOT / "corpus").glob("*.md")) + sorted(
    (ROOT / "tests/golden/inputs").glob("*.md")
)
EXPECTED = ROOT / "tests/golden/expected"


@pytest.mark.parametrize("chapter", INPUTS, ids=lambda path: path.stem)
def test_golden(chapter: Path, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    corpus = citenorm.load([chapter.relative_to(ROOT).as_posix()])
    markdown = next(iter(corpus.to_markdown().values()))
    document = corpus.to_json()
    expected_md = EXPECTED / f"{chapter.stem}.md"
    expected_json = EXPECTED / f"{chapter.stem}.json"
    if update_golden:
        expected_md.write_text(markdown, encoding="utf-8")
        expected_json.write_text(document, encoding="utf-8")
    assert markdown == expected_md.read_text(encoding="utf-8")
    assert json.loads(document) == json.loads(expected_json.read_text(encoding="utf-8"))


@pytest.mark.parametrize("chapter", INPUTS, ids=lambda path: path.stem)
def test_output_is_a_fixed_point(chapter: Path) -> None:
    once = citenorm.normalize(chapter.read_bytes(), path=chapter.name)
    assert citenorm.normalize(once, path=chapter.name) == once
