"""Wall-clock budgets: a stage that runs past its time on a document is cut off, not waited for."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BUDGET_CHARS = 100_000
"""The time budgets are per this many characters of text (a shorter text counts as this many): the
parse costs time in proportion to the length, and a 2,000,000-character article, which the ingest
limit admits, takes minutes where a news story takes a second."""


def budget_units(text: str) -> float:
    """How many budgets a text gets: its length in ``BUDGET_CHARS``, at least one."""
    return max(1.0, len(text) / BUDGET_CHARS)


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
        raise StageTimeout(f"{what} took longer than {seconds:g} s (setting pipeline.stage_timeout, "
                           "seconds per 100,000 characters)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
