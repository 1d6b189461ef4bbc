"""Pause Python's cyclic garbage collector while one chapter is processed.

Processing a chapter keeps its whole token tree alive while it makes and
drops many small objects; every full pass of the cyclic collector walks the
whole tree, so with the collector running a chapter's cost grows faster than
its size (measured in benchmarks/notes_bench.py: 10,000 markers cost about 30
times 500 with it, about 20 times without).  Token trees hold no cycles; the
few cycles a chapter makes (parsed HTML) are collected when the pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[None]:
    """Collector off for the block, back to how it was afterwards (nesting is safe)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
