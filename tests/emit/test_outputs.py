"""The build plan: every chapter's target checked before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from citenorm import load
from citenorm._errors import InputError
from citenorm.emit._outputs import plan_build


def test_a_chapter_written_where_a_build_file_goes_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "corpus.json").write_text("# Not JSON\n\nText.\n", encoding="utf-8")
    (source / "a.md").write_text("# A\n\nText.[^1]\n\n[^1]: A note.\n", encoding="utf-8")
    corpus = load([str(source / "a.md"), str(source / "corpus.json")])
    with pytest.raises(InputError, match="a build output") as raised:
        plan_build(corpus, tmp_path / "out")
    assert raised.value.path == str(source / "corpus.json")


def test_the_plan_lists_chapters_in_order_then_the_corpus_files(tmp_path: Path) -> None:
    for name in ("b.md", "a.md"):
        (tmp_path / name).write_text(f"# {name}\n\nText.\n", encoding="utf-8")
    corpus = load([str(tmp_path)])
    planned = plan_build(corpus, tmp_path / "out")
    assert [p.path.name for p in planned] == [
        *(Path(c.path).name for c in corpus.chapters),
        "corpus.json",
        "references.bib",
        "references.json",
    ]
    assert [p.chapter for p in planned[:2]] == [c.path for c in corpus.chapters]
