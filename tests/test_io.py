"""Staged writes: files appear together on commit, and nothing is left without one."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from citenorm._io import Staging, temporary_path


def _tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_staged_files_appear_only_on_commit(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text("old\n", encoding="utf-8")
    with Staging() as staging:
        staging.write(tmp_path / "old.md", "new\n")
        staging.write(tmp_path / "deep/er/a.md", "a\n")
        assert (tmp_path / "old.md").read_text(encoding="utf-8") == "old\n"
        assert not (tmp_path / "deep/er/a.md").exists()
        staging.commit()
    assert _tree(tmp_path) == {"deep/er/a.md": "a\n", "old.md": "new\n"}


def test_leaving_without_commit_removes_temporaries_and_new_folders(tmp_path: Path) -> None:
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept/old.md").write_text("old\n", encoding="utf-8")

    def interrupted() -> None:
        with Staging() as staging:
            staging.write(tmp_path / "kept/old.md", "new\n")
            staging.write(tmp_path / "out/part/a.md", "a\n")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert _tree(tmp_path) == {"kept/old.md": "old\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept"]


def test_a_failed_rename_keeps_the_files_before_it_and_removes_the_rest(tmp_path: Path) -> None:
    (tmp_path / "b.md").mkdir()  # a folder where the second file goes
    with Staging() as staging:
        for name in ("a", "b", "c"):
            staging.write(tmp_path / f"{name}.md", f"{name}\n")
        with pytest.raises(IsADirectoryError) as raised:
            staging.commit()
    assert raised.value.filename == str(tmp_path / "b.md")
    assert _tree(tmp_path) == {"a.md": "a\n"}
    assert not any(p.name.endswith(".citenorm-tmp") for p in tmp_path.iterdir())


def test_a_temporary_taken_over_by_another_run_is_not_renamed(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    with Staging() as staging:
        staging.write(target, "ours\n")
        # Another run takes the (unlocked) temporary over and is still writing it.
        temporary_path(target).unlink()
        temporary_path(target).write_text("theirs, half", encoding="utf-8")
        with pytest.raises(OSError, match="another run"):
            staging.commit()
    assert not target.exists()
    assert temporary_path(target).read_text(encoding="utf-8") == "theirs, half"


def test_a_temporary_locked_by_another_run_is_left_to_it(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    with Staging() as staging:
        staging.write(target, "ours\n")
        with temporary_path(target).open("a") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            with pytest.raises(OSError, match="another run"):
                staging.commit()
    assert not target.exists()


def test_a_hard_linked_target_is_rewritten_in_place_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old\n", encoding="utf-8")
    os.link(target, tmp_path / "other.md")
    with Staging() as staging:
        staging.write(target, "new\n")
        assert (tmp_path / "other.md").read_text(encoding="utf-8") == "old\n"
        staging.commit()
    assert (tmp_path / "other.md").read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_ino == (tmp_path / "other.md").stat().st_ino
