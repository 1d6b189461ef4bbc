"""The public parser: `parse_reference` per style, and `normalize refs` in every format."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string

from citenorm import parse_reference
from citenorm.cli import main

# One work (Hedstrom's 2002 article in Archival Science) as each style sets it.
STYLES = {
    "chicago-bibliography": "Hedstrom, Margaret. “Archives, Memory, and Interfaces with the Past.” "
    "_Archival Science_ 2, no. 1 (2002): 21–43. https://doi.org/10.1007/BF02435629.",
    "chicago-note": "Margaret Hedstrom, “Archives, Memory, and Interfaces with the Past,” "
    "_Archival Science_ 2, no. 1 (2002): 30, https://doi.org/10.1007/BF02435629.",
    "chicago-author-date": "Hedstrom, Margaret. 2002. “Archives, Memory, and Interfaces with the "
    "Past.” _Archival Science_ 2 (1): 21–43. https://doi.org/10.1007/BF02435629.",
    "apa": "Hedstrom, M. (2002). Archives, memory, and interfaces with the past. _Archival "
    "Science_, _2_(1), 21–43. https://doi.org/10.1007/BF02435629",
    "mla": "Hedstrom, Margaret. “Archives, Memory, and Interfaces with the Past.” _Archival "
    "Science_, vol. 2, no. 1, 2002, pp. 21–43, https://doi.org/10.1007/BF02435629.",
    "ieee": "M. Hedstrom, “Archives, memory, and interfaces with the past,” _Archival Science_, "
    "vol. 2, no. 1, pp. 21–43, 2002, doi: 10.1007/BF02435629.",
    "vancouver": "Hedstrom M. Archives, memory, and interfaces with the past. Archival Science. "
    "2002;2(1):21–43.",
}


@pytest.mark.parametrize("text", STYLES.values(), ids=STYLES.keys())
def test_one_article_in_every_style(text: str) -> None:
    item = parse_reference(text)
    assert item["type"] == "article-journal"
    assert item["author"][0]["family"] == "Hedstrom"
    assert item["title"].lower() == "archives, memory, and interfaces with the past"
    assert item["container-title"] == "Archival Science"
    assert item["issued"]["date-parts"][0][0] == 2002
    assert item["volume"] == "2"


def test_nothing_to_parse() -> None:
    assert parse_reference("") == {"type": "document"}


LINES = "\n".join([STYLES["apa"], "", STYLES["chicago-bibliography"]]) + "\n"


@pytest.mark.parametrize("to", ["csl-json", "biblatex", "table"])
def test_refs_command(to: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "refs.txt"
    source.write_text(LINES, encoding="utf-8")
    assert main(["refs", str(source), "--to", to]) == 0
    out = capsys.readouterr().out
    if to == "csl-json":
        items = json.loads(out)
        assert [i["id"] for i in items] == ["hedstrom2002archivesa", "hedstrom2002archivesb"]
    elif to == "biblatex":
        library = parse_string(out)
        assert not library.failed_blocks
        assert len(library.entries) == 2
    else:
        assert len(out.splitlines()) == 3
        assert out.startswith("key\ttype\t")


def test_refs_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(STYLES["mla"] + "\n"))
    assert main(["refs"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"].startswith("Archives, Memory")


def test_refs_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["refs", str(tmp_path / "none.txt")]) == 2
    assert "none.txt" in capsys.readouterr().err
