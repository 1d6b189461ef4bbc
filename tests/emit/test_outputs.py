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


def test_pandoc_citations_keep_the_commentary_of_a_note(tmp_path: Path) -> None:
    """`Ibid. <commentary>` and `<prose>. See <citation>` stay footnotes with only the
    citation converted; before, the commentary was written into `[@key, …]` or lost."""
    chapter = tmp_path / "ch.md"
    chapter.write_text(
        "A.[^1] B.[^2] C.[^3]\n\n"
        "[^1]: Maria Ortega, *Rivers of Salt* (Lima: Andes Press, 2004), 17.\n"
        "[^2]: Ibid. The survey was re-run in 1998; its margin is discussed below.\n"
        "[^3]: Local histories rarely mention it. See Maria Ortega, *Rivers of Salt* "
        "(Lima: Andes Press, 2004), 40.\n",
        encoding="utf-8",
    )
    corpus = load([chapter])
    out = corpus.markdown(corpus.chapters[0], citations="pandoc")
    assert out.startswith("A.[@ortega2004rivers, 17] B.[^1] C.[^2]\n")
    assert "[^1]: [@ortega2004rivers]. The survey was re-run in 1998; its margin" in out
    assert "[^2]: Local histories rarely mention it. See [@ortega2004rivers, 40].\n" in out
