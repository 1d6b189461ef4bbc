"""Writing files safely: a temporary file in the same directory, renamed into place.

The temporary file is named `.NAME.citenorm-tmp-PID-XXXX`, so that one left by
a killed run is recognised and removed by the next run that writes NAME.
A file is written through a symlink (the link stays a link), keeps its
permission bits, and one with several hard links is rewritten in place so that
every link sees the new text (that write alone is not atomic).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

TEMPORARY_MARK = ".citenorm-tmp-"


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text so that readers see the old file or the new one, never a part."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    try:
        existing: os.stat_result | None = path.stat()
    except FileNotFoundError:
        existing = None
    data = text.encode("utf-8")
    if existing is not None and stat.S_ISREG(existing.st_mode) and existing.st_nlink > 1:
        _rewrite_in_place(path, data)
        return
    prefix = f".{path.name}{TEMPORARY_MARK}{os.getpid()}-"
    handle, temporary = tempfile.mkstemp(prefix=prefix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if existing is not None:
            Path(temporary).chmod(stat.S_IMODE(existing.st_mode))
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def _rewrite_in_place(path: Path, data: bytes) -> None:
    with path.open("r+b") as stream:
        stream.write(data)
        stream.truncate()


def remove_stale_temporaries(path: Path) -> None:
    """Remove temporary files for `path` left by runs that are no longer alive."""
    marker = f".{path.name}{TEMPORARY_MARK}"
    try:
        names = [entry.name for entry in os.scandir(path.parent) if entry.name.startswith(marker)]
    except OSError:
        return
    for name in names:
        pid = name[len(marker) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                (path.parent / name).unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
