"""Hold Ctrl-C back for a block that must not be cut short, and raise it after.

The signal is blocked for the thread (`pthread_sigmask`), so Python's handler
runs, and `KeyboardInterrupt` is raised, as soon as the block ends.  Outside
the main thread, where Python delivers no signals, and on platforms without
signal masks, the block simply runs.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C held back for the block, delivered when it ends."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not (
        threading.main_thread()
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
