"""Which files a command reads: the output folder, .gitignore, hidden folders, excludes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from citenorm._discover import Rules, discover
from citenorm.cli import main

CLEAN = "Text.[^1]\n\n[^1]: Note.\n"


def write(path: Path, text: str = CLEAN) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def exported_paths(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    assert main(["export", *args, "-q"]) == 0
    return [c["path"] for c in json.loads(capsys.readouterr().out)["chapters"]]


def test_build_dot_twice_never_reads_its_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.md", "Text.[^x]\n\n[^x]: Note.\n")
    write(tmp_path / "part/b.md")
    monkeypatch.chdir(tmp_path)
    assert main(["build", ".", "-q", "--isolated"]) == 0
    first = (tmp_path / "build/corpus.json").read_text(encoding="utf-8")
    assert main(["build", ".", "-q", "--isolated"]) == 0, capsys.readouterr().err
    assert (tmp_path / "build/corpus.json").read_text(encoding="utf-8") == first
    assert len(json.loads(first)["chapters"]) == 2
    assert not (tmp_path / "build/build").exists()
    # Named on purpose, the output folder is read like any other.
    assert main(["check", "build", "-q"]) == 0


def test_hidden_folders_and_node_modules_are_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.md")
    write(tmp_path / ".cache/b.md")
    write(tmp_path / "node_modules/pkg/README.md")
    assert exported_paths(capsys, str(tmp_path)) == [str(tmp_path / "a.md")]
    assert len(exported_paths(capsys, str(tmp_path), "--no-ignore")) == 1  # hidden stay hidden


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_is_honoured_in_a_work_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / ".gitignore", "drafts/\n*.tmp.md\n")
    write(tmp_path / "a.md")
    write(tmp_path / "drafts/b.md")
    write(tmp_path / "c.tmp.md")
    write(tmp_path / "part/d.md")
    kept = exported_paths(capsys, str(tmp_path))
    assert kept == [str(tmp_path / "a.md"), str(tmp_path / "part/d.md")]
    assert len(exported_paths(capsys, str(tmp_path), "--no-ignore")) == 4
    # From a subfolder too: git answers for the whole work tree.
    write(tmp_path / "part/drafts/e.md")
    assert exported_paths(capsys, str(tmp_path / "part")) == [str(tmp_path / "part/d.md")]
    # A file or folder named on the command line is read even when ignored.
    assert exported_paths(capsys, str(tmp_path / "c.tmp.md")) == [str(tmp_path / "c.tmp.md")]
    assert exported_paths(capsys, str(tmp_path / "drafts")) == [str(tmp_path / "drafts/b.md")]
    # A tracked file is never ignored, as in git; a nested repository is read.
    subprocess.run(["git", "-C", str(tmp_path), "add", "-f", "c.tmp.md"], check=True)
    subprocess.run(["git", "init", "-q", str(tmp_path / "nested")], check=True)
    write(tmp_path / "nested/f.md")
    assert exported_paths(capsys, str(tmp_path)) == [
        str(tmp_path / name) for name in ("a.md", "c.tmp.md", "nested/f.md", "part/d.md")
    ]


def test_exclude_globs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.md", "old/b.md", "part/c.draft.md", "part/d.md"):
        write(tmp_path / name)
    args = [str(tmp_path), "--exclude", "old", "--exclude", "*.draft.md"]
    assert exported_paths(capsys, *args) == [str(tmp_path / "a.md"), str(tmp_path / "part/d.md")]
    assert exported_paths(capsys, str(tmp_path), "--exclude", "part/*") == [
        str(tmp_path / "a.md"),
        str(tmp_path / "old/b.md"),
    ]


@pytest.mark.parametrize(
    ("relative", "excluded"),
    [
        ("drafts/a.md", True),
        ("part/drafts/a.md", True),
        ("a.draft.md", True),
        ("part/a.md", False),
        ("draftsman.md", False),
    ],
)
def test_exclude_rules_match_names_folders_and_paths(relative: str, excluded: bool) -> None:
    from pathlib import PurePosixPath

    rules = Rules(exclude=("drafts", "*.draft.md"))
    assert rules.excluded(PurePosixPath(relative)) is excluded


def test_discover_without_git_keeps_everything_visible(tmp_path: Path) -> None:
    write(tmp_path / "a.md")
    write(tmp_path / ".gitignore", "a.md\n")  # not a work tree: .gitignore means nothing
    assert [f.relative.as_posix() for f in discover([str(tmp_path)])] == ["a.md"]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs")
def test_a_folder_walk_takes_regular_files_only(tmp_path: Path) -> None:
    import os

    write(tmp_path / "a.md")
    os.mkfifo(tmp_path / "zz.md")  # reading it would wait forever
    (tmp_path / "dev.md").symlink_to("/dev/null")
    assert [f.relative.as_posix() for f in discover([str(tmp_path)])] == ["a.md"]
