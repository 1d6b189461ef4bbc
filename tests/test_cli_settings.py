"""Project settings and option values: found from a subfolder, every bad value refused."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from citenorm import links
from citenorm._config import LINK_FORMATS, find_settings
from citenorm.cli import main

KEPT = "Text.[^note]\n\n[^note]: Note.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "citenorm", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        timeout=120,
    )


def test_settings_are_found_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "book"\n\n[tool.citenorm]\nnumbering = "keep"\n',
    )
    chapter = write(tmp_path / "corpus/part/a.md", KEPT)
    monkeypatch.chdir(chapter.parent)
    assert find_settings(".") == tmp_path / "pyproject.toml"
    assert main(["export", ".", "--to", "markdown", "-q"]) == 0
    assert capsys.readouterr().out == KEPT
    # The command line wins over settings, and --isolated reads none.
    assert main(["export", ".", "--to", "markdown", "-q", "--numbering", "renumber"]) == 0
    assert "[^1]" in capsys.readouterr().out
    assert main(["export", ".", "--to", "markdown", "-q", "--isolated"]) == 0
    assert "[^1]" in capsys.readouterr().out


def test_citenorm_toml_and_config_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = write(tmp_path / "book/a.md", KEPT)
    write(tmp_path / "book/citenorm.toml", 'numbering = "keep"\nexclude = ["drafts"]\n')
    write(tmp_path / "book/drafts/b.md", KEPT)
    assert main(["export", str(tmp_path / "book"), "-q"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [c["path"] for c in document["chapters"]] == [str(chapter)]
    other = write(tmp_path / "elsewhere.toml", 'numbering = "renumber"\n')
    assert main(["export", str(chapter), "--to", "markdown", "-q", "--config", str(other)]) == 0
    assert "[^1]" in capsys.readouterr().out


def test_a_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.citenorm]\njobs = 1\n")
    write(tmp_path / "sub/pyproject.toml", '[project]\nname = "x"\n')
    assert find_settings(tmp_path / "sub") == tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ('[tool.citenorm]\nexlcude = ["x"]\n', "unknown key 'exlcude' (did you mean 'exclude'?)"),
        ("[tool.citenorm]\njobs = 0\n", "jobs must be a whole number from 1 to"),
        ('[tool.citenorm]\nnumbering = "sorted"\n', "numbering must be one of renumber, keep"),
        ("[tool.citenorm]\nmax_chapter_size = nan\n", "max_chapter_size must be a finite number"),
        ('[tool.citenorm.links]\nper_host = "x"\n', "per_host must be a whole number from 1 to"),
        ("[tool.citenorm.links]\nheaders = 5\n", "[tool.citenorm.links] headers must be"),
        ('[tool.citenorm.links.headers."a.org"]\nX = "1\\n2"\n', "control characters"),
        ('[tool.citenorm.links]\nformat = "xml"\n', "format must be one of text, json"),
        ('[tool.citenorm.links]\nexclude = "["\n', "exclude is not a valid regular expression"),
        ('[tool.citenorm.links]\naccept = "100000..999999999"\n', "statuses are 100 to 599"),
        ("[tool.citenorm.links]\ntimeouts = 3\n", "unknown key 'timeouts'"),
        ("[tool.citenorm\n", "cannot be read as TOML"),
    ],
)
def test_bad_settings_exit_2_naming_the_key(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    toml: str,
    needle: str,
) -> None:
    write(tmp_path / "pyproject.toml", toml)
    write(tmp_path / "corpus/a.md", KEPT)
    monkeypatch.chdir(tmp_path)
    for command in ("check", "links"):
        assert main([command, "corpus", "-q"]) == 2, command
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1, err
        assert needle in err
        assert "pyproject.toml" in err


def test_a_bad_setting_from_the_console_script_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.citenorm.links]\nper_host = "x"\n')
    write(tmp_path / "corpus/a.md", KEPT)
    result = run("links", "--offline", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "per_host" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["links", "--max-concurrency", "0"], "--max-concurrency"),
        (["links", "--per-host", "0"], "--per-host"),
        (["links", "--retries", "-1"], "--retries"),
        (["links", "--timeout", "-1"], "--timeout"),
        (["links", "--timeout", "inf"], "--timeout"),
        (["links", "--timeout", "1e308"], "--timeout"),
        (["links", "--user-agent", "a\r\nX-Injected: 1"], "--user-agent"),
        (["links", "--exclude", "("], "--exclude"),
        (["links", "--accept", "100000..999999999"], "--accept"),
        (["links", "--accept", "2xx"], "--accept"),
        (["links", "--block", "nowhere"], "--block"),
        (["build", "--max-chapter-size", "nan"], "--max-chapter-size"),
        (["check", "-j", "0"], "--jobs"),
        (["build", "--in-place", "-o", "out"], "--in-place"),
        (["build", "--bib-out", "x.bib"], "--bib-out"),
        (["links", "--bib", "x.bib"], "--bib"),
        (["links", "--numbering", "keep"], "--numbering"),
        (["check", "--config", "missing.toml"], "missing.toml"),
    ],
)
def test_bad_option_values_exit_2_naming_the_option(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    needle: str,
) -> None:
    write(tmp_path / "corpus/a.md", KEPT)
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert needle in err


def test_merge_of_deeply_nested_json_is_an_input_error(tmp_path: Path) -> None:
    nested = write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    result = run("links", "--merge", str(nested), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "deep.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_settings_know_every_link_report_format() -> None:
    assert LINK_FORMATS == links.FORMATS


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_build_settings_drive_a_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / ".gitignore", "ignored/\n")
    write(
        tmp_path / "citenorm.toml",
        'output = "site"\nformat = "github"\nbib = false\nrespect_gitignore = false\n'
        'exclude = ["drafts"]\n',
    )
    write(tmp_path / "bib/references.bib", "not bibtex at all {")  # bib = false: never read
    write(tmp_path / "book/a.md", "Dangling.[^gone]\n")
    write(tmp_path / "book/ignored/b.md", KEPT)
    write(tmp_path / "book/drafts/c.md", KEPT)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "book", "-q"]) == 1
    assert capsys.readouterr().out.startswith("::error file=book/a.md,line=1,col=10,")
    assert sorted(
        p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.md")
    ) == [
        "a.md",
        "ignored/b.md",
    ]


def test_the_default_bibliography_is_the_projects_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "pyproject.toml", "[tool.citenorm]\n")
    write(
        tmp_path / "bib/references.bib",
        "@book{curated2000,\n  author = {Kept, Uncited},\n  title = {Still Here},\n"
        "  year = {2000}\n}\n",
    )
    chapter = write(tmp_path / "corpus/a.md", KEPT)
    monkeypatch.chdir(chapter.parent)
    assert main(["bib", ".", "-q"]) == 0
    assert "@book{curated2000," in capsys.readouterr().out
