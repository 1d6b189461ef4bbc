"""Ctrl-C held back for a block, raised when it ends."""

from __future__ import annotations

import os
import signal

import pytest

from citenorm._interrupts import interrupts_held


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_an_interrupt_in_the_block_is_raised_when_it_ends() -> None:
    """Used while the pool starts (so shutting it down ends the workers, rather than
    an interrupt in the middle of starting them) and while temporaries are removed."""
    steps: list[str] = []

    def block() -> None:
        with interrupts_held():
            os.kill(os.getpid(), signal.SIGINT)
            steps.append("block finished")
        steps.append("not reached")

    with pytest.raises(KeyboardInterrupt):
        block()
    assert steps == ["block finished"]
