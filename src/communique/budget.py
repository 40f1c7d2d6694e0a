"""Wall-clock budgets: a stage that runs past its time on a document is cut off, not waited for."""

from __future__ import annotations

import ctypes
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

    In the main thread a timer signal interrupts the block; in another thread (Ray Data runs an
    actor's batches in a thread pool) a timer thread raises the exception in it. Either way it lands
    between two bytecodes, which is where every run-away loop found so far was (issue 14); native code
    that never returns is the worker supervisor's to end (``communique.workers``).
    """
    if seconds <= 0:
        yield
        return
    message = (f"{what} took longer than {seconds:g} s (setting pipeline.stage_timeout, seconds per "
               "100,000 characters)")
    budget = signal_budget if can_interrupt() else thread_budget
    with budget(seconds, message):
        yield


@contextmanager
def signal_budget(seconds: float, message: str) -> Iterator[None]:
    """The budget of the main thread: ``SIGALRM`` after ``seconds``."""

    def expire(signum, frame):
        raise StageTimeout(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timeout_carrying(message: str) -> type[StageTimeout]:
    """A ``StageTimeout`` that says ``message`` when made without arguments, as an exception raised in
    another thread is (it is handed over as a class)."""

    class BudgetExpired(StageTimeout):
        def __init__(self, *args: object) -> None:
            super().__init__(*(args or (message,)))

    return BudgetExpired


@contextmanager
def thread_budget(seconds: float, message: str) -> Iterator[None]:
    """The budget of any other thread: a timer thread raises ``StageTimeout`` in this one through
    CPython's ``PyThreadState_SetAsyncExc``. Where that is missing, the block runs without a budget."""
    set_async_exc = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
    if set_async_exc is None:
        yield
        return
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"inside": True, "fired": False}
    error = ctypes.py_object(timeout_carrying(message))

    def expire() -> None:
        with lock:
            if state["inside"]:
                state["fired"] = True
                set_async_exc(target, error)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["inside"] = False
            if state["fired"]:  # one still pending must not go off after the block
                set_async_exc(target, None)
