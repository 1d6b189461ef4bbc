"""Advisory file locks, the same on every platform: flock, or msvcrt on Windows.

Used where concurrent runs share a file (atomic writes, the link cache).
"""

from __future__ import annotations

import sys

if sys.platform == "win32":  # pragma: no cover
    import msvcrt

    def try_lock(descriptor: int) -> bool:
        """Take the lock on an open file without waiting; False when another holds it."""
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(descriptor: int) -> None:
        """Release a lock taken with `try_lock`."""
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def try_lock(descriptor: int) -> bool:
        """Take the lock on an open file without waiting; False when another holds it."""
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(descriptor: int) -> None:
        """Release a lock taken with `try_lock`."""
        fcntl.flock(descriptor, fcntl.LOCK_UN)
