"""Time budgets: a stage that runs too long on a document is cut off with a clear error."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from communique.article import Article
from communique.budget import StageTimeout, time_budget
from communique.pipeline import Pipeline
from communique.stage import Stage


class Slow(Stage):
    """Spins on texts that say so; titles the others."""

    name = "slow"
    requires = ("text",)

    def process(self, article: Article) -> Article:
        while "spin" in article.text:
            pass
        article.title = article.text
        return article


def test_a_python_loop_past_its_budget_is_interrupted():
    started = time.monotonic()
    with pytest.raises(StageTimeout, match="stage_timeout"), time_budget(0.2):
        while True:
            pass
    assert time.monotonic() - started < 5


def test_no_budget_means_no_timer():
    with time_budget(0):
        time.sleep(0.01)
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def in_a_thread(work) -> list:
    """What ``work`` returned or raised, run in a thread that is not the main one."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as exc:  # the test looks at what it was
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)  # daemon: one left spinning ends with the tests
    thread.start()
    thread.join(10)
    return outcome


def test_outside_the_main_thread_a_python_loop_past_its_budget_is_interrupted():
    def spin() -> str:
        with time_budget(0.2, "stage 'slow'"):
            while True:
                pass

    [outcome] = in_a_thread(spin)
    assert isinstance(outcome, StageTimeout)
    assert "stage 'slow' took longer than 0.2 s" in str(outcome)


def test_outside_the_main_thread_a_block_done_in_time_is_not_interrupted_later():
    def quick() -> str:
        with time_budget(0.2):
            pass
        deadline = time.monotonic() + 0.5  # past the budget, outside the block
        while time.monotonic() < deadline:
            pass
        return "done"

    assert in_a_thread(quick) == ["done"]


def test_outside_the_main_thread_a_native_call_past_its_budget_is_cut_when_it_returns():
    def sleeps() -> str:
        with time_budget(0.05):
            time.sleep(0.3)  # native code: the exception lands once it returns
        return "done"

    [outcome] = in_a_thread(sleeps)
    assert isinstance(outcome, StageTimeout)


def test_the_pipeline_cuts_only_the_stage_of_the_slow_document():
    pipeline = Pipeline([Slow()], batch_size=3, stage_timeout=0.3)
    out = list(pipeline.pipe(Article(id=str(i), text=t) for i, t in enumerate(["calm", "spin", "quiet"])))
    assert [a.title for a in out] == ["calm", None, "quiet"]
    assert out[1].errors[0].stage == "slow" and "took longer than 0.3 s" in out[1].errors[0].message
