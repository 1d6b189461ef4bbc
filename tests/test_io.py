"""Staged writes: files appear together on commit, and nothing is left without one."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
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
        # Another run takes the unlocked temporary over as a dead run's (same inode),
        # and is killed after writing it.
        with temporary_path(target).open("r+") as theirs:
            fcntl.flock(theirs, fcntl.LOCK_EX)
            theirs.truncate()
            theirs.write("theirs, longer\n")
        with pytest.raises(OSError, match="another run") as raised:
            staging.commit()
        assert raised.value.filename == str(target)
    assert not target.exists()
    assert temporary_path(target).read_text(encoding="utf-8") == "theirs, longer\n"


def test_a_temporary_locked_by_another_run_is_left_to_it(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    with Staging() as staging:
        staging.write(target, "ours\n")
        with temporary_path(target).open("a") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            with pytest.raises(OSError, match="another run") as raised:
                staging.commit()
            assert raised.value.filename == str(target)
            staging.discard()  # the holder's lock keeps it from us
            assert temporary_path(target).exists()
    assert not target.exists()


def test_an_interrupt_while_temporaries_are_removed_waits_for_the_rest(
    tmp_path: Path,
) -> None:
    """A second Ctrl-C during the clean-up of the first must not leave temporaries."""
    staging = Staging()
    for n in range(50):
        staging.write(tmp_path / f"out/{n}.md", "text\n")
    real_unlink = Path.unlink

    def unlink_then_interrupt(path: Path, missing_ok: bool = False) -> None:
        real_unlink(path, missing_ok)
        if path.name == ".0.md.citenorm-tmp":
            os.kill(os.getpid(), signal.SIGINT)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "unlink", unlink_then_interrupt)
        with pytest.raises(KeyboardInterrupt):
            staging.discard()
    assert list(tmp_path.iterdir()) == []


_READ_ONLY = """
import os, stat, sys
from pathlib import Path
from citenorm._io import write_atomic
root = Path(sys.argv[1])
write_atomic(root / "ro.md", "new\\n")
os.umask(0o277)
write_atomic(root / "private.md", "x\\n")
for name in sorted(os.listdir(root)):
    print(name, oct(stat.S_IMODE((root / name).stat().st_mode)), (root / name).read_text().strip())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_read_only_targets_and_strict_umasks_are_written(tmp_path: Path) -> None:
    """The temporary stays writable by this run until it is put in place; root skips
    permission checks, so as root the run drops that capability (setpriv)."""
    (tmp_path / "ro.md").write_text("old\n", encoding="utf-8")
    (tmp_path / "ro.md").chmod(0o444)
    command = [sys.executable, "-c", _READ_ONLY, str(tmp_path)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root without setpriv: permission checks cannot be had")
        drop = "-dac_override,-dac_read_search,-fowner"
        command = [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["private.md 0o400 x", "ro.md 0o444 new"]


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
