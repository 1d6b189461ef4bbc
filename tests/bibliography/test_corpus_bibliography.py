"""Issue 5's bar on the seed corpus: five works, each note citing the right one, real readers."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

import citenorm
from citenorm.cli import main
from tests.conftest import CORPUS, ROOT

EXPECTED = {
    ("4.1-start-the-conversation.md", "1"): "cassell2010celebrating",
    ("4.1-start-the-conversation.md", "2"): "mccarthy2015museum",
    ("4.1-start-the-conversation.md", "3"): "coalition2016best",
    ("4.1-start-the-conversation.md", "4"): "strock2014reaching",
    ("4.1-start-the-conversation.md", "5"): "twiggs2016partner",
    ("4.2-elements-of-a-successful-partnership.md", "43"): "coalition2016best",
    ("4.2-elements-of-a-successful-partnership.md", "44"): "coalition2016best",
    ("4.2-elements-of-a-successful-partnership.md", "45"): "coalition2016best",
    ("4.2-elements-of-a-successful-partnership.md", "46"): "coalition2016best",
}


@pytest.fixture(scope="module")
def corpus() -> citenorm.Corpus:
    return citenorm.load([str(CORPUS)])


def test_each_seed_note_cites_the_right_work(corpus: citenorm.Corpus) -> None:
    cited = {
        (Path(chapter.path).name, note.source_label): [c.id for c in note.references]
        for chapter in corpus.chapters
        for note in chapter.notes
    }
    assert cited == {place: [key] for place, key in EXPECTED.items()}


def test_five_works_and_the_coalition_keeps_its_url(corpus: citenorm.Corpus) -> None:
    keys = [reference.id for reference in corpus.bibliography]
    assert keys == sorted(set(EXPECTED.values()))
    [coalition] = [r for r in corpus.bibliography if r.id == "coalition2016best"]
    assert coalition.url.startswith("http://www.coalitiontoadvancelearning.org/")
    assert coalition.author[0].literal.startswith("Coalition to Advance Learning")


def test_csl_json_validates_against_the_csl_schema(corpus: citenorm.Corpus) -> None:
    schema = json.loads((ROOT / "tests/schemas/csl-data.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(corpus.to_csl_json()), schema, cls=jsonschema.Draft7Validator)


def test_the_projects_bibliography_is_up_to_date() -> None:
    bib = ROOT / "bib/references.bib"
    fresh = citenorm.load([str(CORPUS)], bibliography=bib).to_bibtex()
    assert fresh == bib.read_text(encoding="utf-8"), (
        "bib/references.bib is stale: run `normalize bib corpus -o bib/references.bib`"
    )


def test_curated_entries_win_and_corrections_stick(tmp_path: Path) -> None:
    curated = (ROOT / "bib/references.bib").read_text(encoding="utf-8")
    corrected = curated.replace("@article{strock2014reaching,", "@article{strock2014yals,").replace(
        "journal = {Young Adult Library Services}", "journal = {YALS}"
    )
    bib = tmp_path / "references.bib"
    bib.write_text(corrected, encoding="utf-8")
    corpus = citenorm.load([str(CORPUS)], bibliography=bib)
    [strock] = [r for r in corpus.bibliography if r.author and r.author[0].family == "Strock"]
    assert (strock.id, strock.container_title) == ("strock2014yals", "YALS")
    cited = [c.id for ch in corpus.chapters for n in ch.notes for c in n.references]
    assert "strock2014yals" in cited
    assert corpus.to_bibtex() == corrected


def test_build_writes_bibtex_and_csl_json(tmp_path: Path) -> None:
    assert main(["build", str(CORPUS), "-o", str(tmp_path), "-q", "--no-bib"]) == 0
    assert (tmp_path / "references.bib").read_text(encoding="utf-8").count("@") == 5
    assert len(json.loads((tmp_path / "references.json").read_text(encoding="utf-8"))) == 5
    document = json.loads((tmp_path / "corpus.json").read_text(encoding="utf-8"))
    assert len(document["references"]) == 5
    assert document["chapters"][0]["notes"][0]["references"] == [
        {"id": "cassell2010celebrating", "locator": ""}
    ]


def test_bib_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bib", str(CORPUS), "--to", "csl-json", "-q", "--no-bib"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {item["id"] for item in items} == set(EXPECTED.values())


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_citeproc_renders_all_five_works(tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert (
        main(["build", str(CORPUS), "-o", str(out), "-q", "--citations", "pandoc", "--no-bib"]) == 0
    )
    chapters = sorted(str(path) for path in out.glob("*.md"))
    for text in (Path(path).read_text(encoding="utf-8") for path in chapters):
        assert "[^" not in text
    result = subprocess.run(
        [
            "pandoc",
            "--citeproc",
            "--bibliography",
            str(out / "references.bib"),
            "-f",
            "markdown",
            "-t",
            "html",
            *chapters,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "not found" not in result.stderr, result.stderr
    entries = re.findall(r'id="ref-([\w-]+)"', result.stdout)
    assert sorted(entries) == sorted(set(EXPECTED.values()))


def test_pandoc_mode_keeps_commentary_as_footnotes() -> None:
    text = (
        "Claim.[^1] Other.[^2]\n\n[^1]: Lankes, R. David. *The Atlas of New Librarianship*. "
        "Cambridge, MA: MIT Press, 2011.\n\n[^2]: For a fuller account, see R. David Lankes, "
        "*The Atlas of New Librarianship* (Cambridge, MA: MIT Press, 2011), 65.\n"
    )
    out = citenorm.normalize(text, citations="pandoc")
    assert out == (
        "Claim.[@lankes2011atlas] Other.[^1]\n\n"
        "[^1]: For a fuller account, see [@lankes2011atlas, 65].\n"
    )


def test_unresolved_short_forms_and_ibid_are_reported() -> None:
    text = "A.[^1] B.[^2]\n\n[^1]: Ibid., 3.\n\n[^2]: Nobody, *Unknown Book*, 4.\n"
    corpus_dir = None
    del corpus_dir
    from citenorm._api import cite
    from tests.dialects.helpers import chapter_of

    chapter = chapter_of(text)
    codes = [d.code for d in cite([chapter], []).diagnostics]
    assert codes == ["unresolved-ibid", "unresolved-short-form"]
