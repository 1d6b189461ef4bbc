"""The `normalize` command: subcommands, outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from citenorm.cli import main
from tests.conftest import CORPUS

CLEAN = "Text.[^1]\n\n[^1]: Note.\n"
DANGLING = "Text.[^1]\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_build_writes_chapters_below_out_and_corpus_json(tmp_path: Path) -> None:
    write(tmp_path / "in/part/a.md", CLEAN)
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    assert (out / "part/a.md").read_text(encoding="utf-8") == CLEAN
    document = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert document["chapters"][0]["path"] == str(tmp_path / "in/part/a.md")


def test_build_never_touches_the_sources(tmp_path: Path) -> None:
    source = write(tmp_path / "in/a.md", "Text.[^x]\n\n[^x]: Note &amp; more.\n")
    before = source.read_bytes()
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert source.read_bytes() == before


def test_build_in_place_rewrites_atomically(tmp_path: Path) -> None:
    source = write(tmp_path / "a.md", "Text.[^x]\n\n[^x]: Note &amp; more.\n")
    assert main(["build", str(source), "--in-place", "-q"]) == 0
    assert source.read_text(encoding="utf-8") == "Text.[^1]\n\n[^1]: Note & more.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_build_refuses_two_chapters_on_one_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = write(tmp_path / "x/a.md", CLEAN), write(tmp_path / "y/a.md", CLEAN)
    assert main(["build", str(one), str(two), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(two) in err
    assert not (tmp_path / "out").exists()


def test_build_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    write(tmp_path / "a.md", CLEAN)
    assert main(["build", str(tmp_path), "-o", str(tmp_path), "-q"]) == 2


def test_build_exits_1_on_error_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = write(tmp_path / "a.md", DANGLING)
    assert main(["build", str(chapter), "-o", str(tmp_path / "out"), "--no-bib"]) == 1
    err = capsys.readouterr().err
    assert f"{chapter}:1:6: missing-definition" in err
    assert "citenorm: 1 chapter(s), 0 note(s), 0 marker(s), 0 work(s); 1 error" in err


def test_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = write(tmp_path / "clean.md", CLEAN)
    assert main(["check", str(clean), "-q"]) == 0
    assert capsys.readouterr().out == ""
    messy = write(tmp_path / "messy.md", "Text.[^x]\n\n[^x]: Note.\n")
    assert main(["check", str(messy), "-q", "--diff"]) == 1
    out = capsys.readouterr().out
    assert f"{messy}:1:1: not-normalized line 1 would change" in out
    assert "+Text.[^1]" in out
    assert messy.read_text(encoding="utf-8") == "Text.[^x]\n\n[^x]: Note.\n"


def test_check_reports_crlf_even_when_text_is_normal(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.md"
    crlf.write_bytes(CLEAN.replace("\n", "\r\n").encode())
    assert main(["check", str(crlf), "-q"]) == 1


def test_export_json_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chapter = write(tmp_path / "a.md", "# T\n\nText.[^x]\n\n[^x]: Note.\n")
    assert main(["export", str(chapter), "--to", "json", "-q"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["chapters"][0]["title"] == "T"
    assert main(["export", str(chapter), "--to", "markdown", "-q"]) == 0
    assert capsys.readouterr().out == "# T\n\nText.[^1]\n\n[^1]: Note.\n"
    target = tmp_path / "out.json"
    assert main(["export", str(chapter), "-o", str(target), "-q"]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == document


def test_export_uses_the_path_as_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(CORPUS.parent)
    assert main(["export", "corpus", "-q"]) == 0
    paths = [c["path"] for c in json.loads(capsys.readouterr().out)["chapters"]]
    assert paths == [
        "corpus/4.1-start-the-conversation.md",
        "corpus/4.2-elements-of-a-successful-partnership.md",
    ]
    assert all(Path(path).is_file() for path in paths)


@pytest.mark.parametrize(
    ("args", "content", "needle"),
    [
        (["check", "{dir}/missing.md"], None, "missing.md: no such file or directory"),
        (["build", "{dir}/bin.md", "-o", "{dir}/o", "-q"], b"\x00\x01", "bin.md:1:1: unreadable"),
        (["export", "{dir}/bad.md", "-q"], b"\x81\x8d\x8f\x90", "bad.md:1:1: unreadable not"),
        (["frobnicate"], None, "invalid choice"),
        (["export", "--to", "yaml"], None, "invalid choice"),
    ],
)
def test_usage_and_input_errors_exit_2_with_one_line(
    tmp_path: Path, args: list[str], content: bytes | None, needle: str
) -> None:
    if content is not None:
        (tmp_path / args[1].split("/")[-1]).write_bytes(content)
    argv = [arg.format(dir=tmp_path) for arg in args]
    result = subprocess.run(
        [sys.executable, "-m", "citenorm", *argv],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_output_is_an_input_error(tmp_path: Path) -> None:
    chapter = write(tmp_path / "a.md", CLEAN)
    blocker = write(tmp_path / "file", "not a directory")
    assert main(["build", str(chapter), "-o", str(blocker), "-q"]) == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("citenorm ")
