"""Wall-clock budgets: a stage that runs past its time on a document is cut off, not waited for."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class StageTimeout(Exception):
    """A stage ran past its time budget (setting pipeline.stage_timeout)."""


def can_interrupt() -> bool:
    """True where a timer signal can interrupt running code: the main thread of a POSIX process."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float, what: str = "the stage") -> Iterator[None]:
    """Raise ``StageTimeout`` inside the block once ``seconds`` have passed (0 = no budget).

    A timer signal interrupts Python code between two bytecodes, which is where every run-away
    loop found so far was (issue 14); native code that never returns is the worker supervisor's
    to end (``communique.workers``). Elsewhere than in a main thread the budget is not enforced.
    """
    if seconds <= 0 or not can_interrupt():
        yield
        return

    def expire(signum, frame):
        raise StageTimeout(f"{what} took longer than {seconds:g} s (setting pipeline.stage_timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
