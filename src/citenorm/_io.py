"""Writing files safely: a temporary file in the same directory, renamed into place.

The temporary file for NAME is always `.NAME.citenorm-tmp`, held under an
exclusive `flock` while it is written: one left by a killed run (its lock died
with it) is taken over, rewritten and renamed into place by the next run that
writes NAME, so no stale temporary survives; a run that finds the lock held
reports NAME as being written by another run rather than mix its bytes in.
A file is written through a symlink (the link stays a link), keeps its
permission bits, and one with several hard links is rewritten in place so that
every link sees the new text (that write alone is not atomic).

`Staging` splits the write in two so that many files appear together: the
temporaries are written first (creating a file is the slow part on most file
systems, and a build overlaps it with processing later chapters), then every
one is renamed into place, or all are removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ._interrupts import interrupts_held
from ._locking import try_lock

TEMPORARY_SUFFIX = ".citenorm-tmp"


def temporary_path(path: Path) -> Path:
    """The temporary file `write_atomic` writes `path` through."""
    return path.with_name(f".{path.name}{TEMPORARY_SUFFIX}")


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text so that readers see the old file or the new one, never a part."""
    with Staging() as staging:
        staging.write(path, text)
        staging.commit()


@dataclass(frozen=True)
class _Staged:
    """A temporary file written and closed, and what it must still be when renamed."""

    target: Path
    temporary: Path
    mode: int
    """The permission bits the file gets when it is put in place (until then 0600, so
    that this run can still open it, whatever the mode)."""
    identity: tuple[int, int, int]
    """Inode, size and modification time as written: another run that took the
    temporary over in between changes at least one of them."""


class Staging:
    """Files written beside their targets under temporary names, put in place together.

    `write` creates and fills each temporary; `commit` renames them into place
    in the order written; leaving the `with` block without committing (an
    error, Ctrl-C) removes the temporaries and every folder `write` created, so
    nothing of an unfinished build is left behind.
    """

    def __init__(self) -> None:
        self._staged: list[_Staged] = []
        self._shared: list[tuple[Path, bytes]] = []
        self._created: list[Path] = []
        self._mode: int | None = None

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()

    def write(self, path: Path, text: str) -> None:
        """Write `text` to the temporary file of `path` (UTF-8); `OSError` if it cannot be.

        Ctrl-C is held back meanwhile: between creating a temporary (or a folder)
        and recording it, an interrupt would leave one `discard` does not know of.
        """
        with interrupts_held():
            self._write(path, text)

    def _write(self, path: Path, text: str) -> None:
        if path.is_symlink():
            path = Path(os.path.realpath(path))
        self._make_folder(path.parent)
        try:
            existing: os.stat_result | None = path.stat()
        except FileNotFoundError:
            existing = None
        data = text.encode("utf-8")
        if existing is not None and stat.S_ISREG(existing.st_mode) and existing.st_nlink > 1:
            self._shared.append((path, data))  # rewritten in place when committed
            return
        temporary = temporary_path(path)
        mode = stat.S_IMODE(existing.st_mode) if existing is not None else self._new_mode()
        descriptor = _open_locked(temporary, create=True)
        try:
            os.ftruncate(descriptor, 0)
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            temporary.chmod(0o600)  # a taken-over temporary may have had any mode
            self._staged.append(_Staged(path, temporary, mode, _identity(descriptor)))
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        finally:
            os.close(descriptor)

    def commit(self) -> None:
        """Rename every temporary into place, in the order written; `OSError` naming the
        first that fails (the files before it are in place, the ones after it removed)."""
        for index, staged in enumerate(self._staged):
            descriptor = -1
            try:
                descriptor = _open_locked(staged.temporary, create=False)
                if _identity(descriptor) != staged.identity:
                    raise OSError(errno.EBUSY, "being written by another run")
                staged.temporary.chmod(staged.mode)
                if sys.platform == "win32":  # pragma: no cover - Windows renames no open file
                    os.close(descriptor)
                    descriptor = -1
                staged.temporary.replace(staged.target)
            except BaseException as error:
                del self._staged[:index]  # in place: only the rest are the discard's
                if isinstance(error, OSError):
                    raise OSError(error.errno, error.strerror, str(staged.target)) from None
                raise
            finally:
                if descriptor >= 0:
                    os.close(descriptor)
        self._staged.clear()
        for path, data in self._shared:
            with path.open("r+b") as stream:
                stream.write(data)
                stream.truncate()
        self._shared.clear()
        self._created.clear()

    def discard(self) -> None:
        """Remove every temporary not yet renamed and the folders `write` created (if empty).

        Ctrl-C is held back meanwhile: a second one cut short would leave the rest.
        """
        with interrupts_held():
            for staged in self._staged:
                with contextlib.suppress(OSError):
                    descriptor = _open_locked(staged.temporary, create=False)
                    try:
                        if _identity(descriptor) == staged.identity:
                            staged.temporary.unlink()
                    finally:
                        os.close(descriptor)
            self._staged.clear()
            self._shared.clear()
            for folder in reversed(self._created):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            self._created.clear()

    def _make_folder(self, folder: Path) -> None:
        """Create `folder` and its missing parents, remembering each one created."""
        if folder.is_dir():
            return
        missing = []
        while not folder.exists() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for created in reversed(missing):
            try:
                created.mkdir()
            except FileExistsError:
                continue  # made meanwhile by another run: not ours to remove
            self._created.append(created)

    def _new_mode(self) -> int:
        if self._mode is None:
            self._mode = _default_mode()
        return self._mode


def _identity(descriptor: int) -> tuple[int, int, int]:
    status = os.fstat(descriptor)
    return status.st_ino, status.st_size, status.st_mtime_ns


def _open_locked(temporary: Path, *, create: bool) -> int:
    """Open the temporary file, locked: creating it (or taking over a dead run's) to
    write, or, without `create`, the one this run wrote, to read (a lock needs no
    more); `OSError` if another run holds it."""
    flags = os.O_CLOEXEC | (os.O_WRONLY | os.O_CREAT if create else os.O_RDONLY)
    for _ in range(8):
        descriptor = os.open(temporary, flags, 0o600)
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
        if not create:
            break
    raise OSError(errno.EBUSY, "being written by other runs")


def _default_mode() -> int:
    """The mode a new file gets from `open` (0666 less the umask), read without
    changing the process's umask (Linux reports it in /proc/self/status)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    return 0o644
