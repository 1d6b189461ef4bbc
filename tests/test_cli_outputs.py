"""What commands write: in-place builds with pandoc citations, diagnostics for CI, the registry."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

import citenorm
from citenorm._parallel import SERIAL_BELOW
from citenorm.cli import main
from citenorm.emit import diagnostics as reports

CITING = {
    "a.md": "Text.[^1] More.[^2]\n\n"
    "[^1]: Jane Smith, *A Book of Things* (New York: Norton, 2010), 12.\n"
    '[^2]: Kay Jones, "An Article Here," *Journal of Stuff* 4, no. 2 (2015): 3-9.\n',
    "part/b.md": "Other.[^1]\n\n[^1]: Ann Lee, *Gardens* (Boston: Beacon, 2001).\n",
}
MESSY = "Text.[^x]\n\n[^x]: Note &amp; more.\n\nDangling.[^gone]\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def citing(tmp_path: Path) -> Path:
    for name, text in CITING.items():
        write(tmp_path / "corpus" / name, text)
    return tmp_path / "corpus"


def test_in_place_pandoc_refuses_without_a_bibliography(
    citing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_bytes() for p in citing.rglob("*.md")}
    assert main(["build", str(citing), "--in-place", "--citations", "pandoc", "--no-bib"]) == 2
    err = capsys.readouterr().err
    assert "--bib-out" in err
    assert len(err.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in citing.rglob("*.md")} == before


def test_in_place_pandoc_keeps_every_work_in_the_bibliography(citing: Path) -> None:
    bib = citing.parent / "refs.bib"
    assert (
        main(["build", str(citing), "--in-place", "--citations", "pandoc", "--bib-out", str(bib)])
        == 0
    )
    cited = {
        key
        for path in citing.rglob("*.md")
        for key in re.findall(r"@([\w:-]+)", path.read_text(encoding="utf-8"))
    }
    assert len(cited) == 3
    entries = set(re.findall(r"^@\w+\{([^,]+),", bib.read_text(encoding="utf-8"), re.MULTILINE))
    assert cited <= entries


def test_in_place_pandoc_writes_to_the_curated_bibliography(
    citing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    curated = write(
        citing.parent / "bib/references.bib",
        "@book{kept2000,\n  author = {Kept, Uncited},\n  title = {Still Here},\n"
        "  year = {2000}\n}\n",
    )
    monkeypatch.chdir(citing.parent)
    assert main(["build", "corpus", "--in-place", "--citations", "pandoc", "-q"]) == 0
    text = curated.read_text(encoding="utf-8")
    assert "@book{kept2000," in text  # a curated entry nothing cites is kept
    assert "smith2010book" in text


def test_in_place_footnotes_leave_the_curated_bibliography_alone(
    citing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    curated = write(citing.parent / "bib/references.bib", "@book{kept2000,\n  year = {2000}\n}\n")
    monkeypatch.chdir(citing.parent)
    assert main(["build", "corpus", "--in-place", "-q"]) == 0
    assert curated.read_text(encoding="utf-8") == "@book{kept2000,\n  year = {2000}\n}\n"


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return write(tmp_path / "my chapter.md", MESSY)


def test_check_format_github(messy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(messy), "-q", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert (
        f"::error file={messy},line=1,col=1,title=not-normalized::lines 1-3 would change" in lines
    )
    assert any(
        line.startswith(f"::error file={messy},line=5,col=10,title=missing-definition::")
        for line in lines
    ), lines


def test_build_format_github_goes_to_stdout(
    messy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(messy), "-o", str(tmp_path / "out"), "--format", "github"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("::error file=")
    assert "::" not in captured.err


def test_check_format_sarif_has_the_sarif_2_1_0_structure(
    messy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(messy), "-q", "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "citenorm"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))  # one rule per diagnostic code
    assert {"not-normalized", "missing-definition"} <= set(rule_ids)
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == messy.as_uri()
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["startColumn"] >= 1


def test_check_format_junit_and_json(messy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(messy), "-q", "--format", "junit"]) == 1
    suite = ElementTree.fromstring(capsys.readouterr().out)
    assert suite.tag == "testsuite"
    assert int(suite.get("failures", "0")) >= 2
    assert len(suite.findall("testcase/failure")) == int(suite.get("failures", "0"))
    assert main(["check", str(messy), "-q", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    codes = {d["code"] for d in document["diagnostics"]}
    assert {"not-normalized", "missing-definition"} <= codes


def test_a_clean_check_prints_an_empty_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = write(tmp_path / "a.md", "Text.[^1]\n\n[^1]: Note.\n")
    assert main(["check", str(clean), "-q", "--format", "sarif"]) == 0
    assert json.loads(capsys.readouterr().out)["runs"][0]["results"] == []
    assert main(["check", str(clean), "-q", "--format", "github"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("form", reports.FORMATS)
def test_github_escapes_and_every_report_renders(form: str) -> None:
    diagnostic = citenorm.Diagnostic("warning", "code", "a,b:c.md", 2, 3, "50% done\nnext")
    rendered = reports.render([diagnostic], form)
    assert rendered.endswith("\n")
    if form == "github":
        assert (
            rendered == "::warning file=a%2Cb%3Ac.md,line=2,col=3,title=code::50%25 done%0Anext\n"
        )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_writes_what_the_library_plans(jobs: str, tmp_path: Path) -> None:
    """The CLI stages chapters as workers hand them over; the bytes are the plan's."""
    names = [f"{folder}{n}" for n in range(SERIAL_BELOW) for folder in ("", "part/", "p/q/")]
    for name in names:
        write(tmp_path / f"in/{name}.md", MESSY.replace("Text", f"Text {name}"))
    out = tmp_path / "out"
    command = ["build", str(tmp_path / "in"), "-o", str(out), "-q", "--no-bib", "-j", jobs]
    assert main(command) == 1
    planned = citenorm.plan_build(citenorm.load([str(tmp_path / "in")]), out)
    written = {p: p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()}
    assert written == {item.path: item.text for item in planned}
    assert len(written) == len(names) + 3


def test_the_library_plans_and_checks_as_the_cli_does(tmp_path: Path) -> None:
    chapter = write(tmp_path / "in/part/a.md", MESSY)
    corpus = citenorm.load([str(chapter)])
    findings = citenorm.check(corpus)
    assert [f.code for f in findings] == ["not-normalized"] * len(findings)
    assert findings
    planned = citenorm.plan_build(corpus, tmp_path / "out")
    names = [p.path.name for p in planned]
    assert names == ["a.md", "corpus.json", "references.bib", "references.json"]
    assert set(citenorm.OUTPUTS) == {"markdown", "json", "biblatex", "csl-json"}
    assert citenorm.OUTPUTS["json"].write(corpus, "footnotes") == corpus.to_json()
