"""Writing files safely: a temporary file in the same directory, renamed into place.

The temporary file for NAME is always `.NAME.citenorm-tmp`, held under an
exclusive `flock` while it is written: one left by a killed run (its lock died
with it) is taken over, rewritten and renamed into place by the next run that
writes NAME, so no stale temporary survives; a run that finds the lock held
reports NAME as being written by another run rather than mix its bytes in.
A file is written through a symlink (the link stays a link), keeps its
permission bits, and one with several hard links is rewritten in place so that
every link sees the new text (that write alone is not atomic).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

from ._locking import try_lock

TEMPORARY_SUFFIX = ".citenorm-tmp"


def temporary_path(path: Path) -> Path:
    """The temporary file `write_atomic` writes `path` through."""
    return path.with_name(f".{path.name}{TEMPORARY_SUFFIX}")


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text so that readers see the old file or the new one, never a part."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        existing: os.stat_result | None = path.stat()
    except FileNotFoundError:
        existing = None
    data = text.encode("utf-8")
    if existing is not None and stat.S_ISREG(existing.st_mode) and existing.st_nlink > 1:
        _rewrite_in_place(path, data)
        return
    temporary = temporary_path(path)
    descriptor = _open_locked(temporary)
    closed = False
    try:
        os.ftruncate(descriptor, 0)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        temporary.chmod(stat.S_IMODE(existing.st_mode) if existing is not None else _default_mode())
        if sys.platform == "win32":  # pragma: no cover - Windows renames no open file
            os.close(descriptor)
            closed = True
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    finally:
        if not closed:
            os.close(descriptor)


def _open_locked(temporary: Path) -> int:
    """Open (creating, or taking over a dead run's) the temporary file, locked."""
    for _ in range(8):
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        if not try_lock(descriptor):
            os.close(descriptor)
            raise OSError(errno.EBUSY, "being written by another run")
        try:
            same = temporary.stat().st_ino == os.fstat(descriptor).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return descriptor
        # Another run renamed the file into place between our open and our lock.
        os.close(descriptor)
    raise OSError(errno.EBUSY, "being written by other runs")


def _default_mode() -> int:
    """The mode a new file gets from `open` (0666 less the umask), read without
    changing the process's umask (Linux reports it in /proc/self/status)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    return 0o644


def _rewrite_in_place(path: Path, data: bytes) -> None:
    with path.open("r+b") as stream:
        stream.write(data)
        stream.truncate()
