"""Run Python code on hostile input in a child process with a deadline.

A test of bounded time runs its input there, so that an input that would take
exponential or quadratic time fails the test instead of hanging the suite
(speed itself is measured in the benchmarks, never asserted in tests).
"""

from __future__ import annotations

import subprocess
import sys

DEADLINE_SECONDS = 60


def run_in_child(code: str, text: str = "") -> subprocess.CompletedProcess[str]:
    """Run `code` in a new interpreter with `text` on its standard input."""
    return subprocess.run(
        [sys.executable, "-c", code],
        input=text,
        capture_output=True,
        text=True,
        timeout=DEADLINE_SECONDS,
        check=False,
    )
