"""Worker isolation: a document that crashes, hangs or exhausts its worker costs only itself."""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique import pipeline as pipeline_module
from communique.article import Article
from communique.runner import run
from communique.sources import SourceDocument
from communique.stage import Stage
from communique.stages.ingest import IngestStage
from communique.workers import WORKER_STAGE, WorkerLimits


class Hostile(Stage):
    """Titles each article with its upper-cased text, and misbehaves on the texts that ask for it."""

    name = "hostile"
    requires = ("text",)

    def process(self, article: Article) -> Article:
        if "SEGFAULT" in article.text:
            faulthandler.disable()  # pytest's dump of every thread would only be noise here
            os.kill(os.getpid(), signal.SIGSEGV)  # what a crash in native code looks like
        if "HANG" in article.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as native code that ignores it
            time.sleep(60)
        if "LOOP" in article.text:
            while True:
                pass
        if "HOG" in article.text:
            bytearray(4 << 30)  # 4 GiB, over the worker's memory cap
        article.title = article.text.upper()
        return article


@pytest.fixture
def hostile_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the hostile stage; forked workers inherit the registry."""
    monkeypatch.setattr(pipeline_module, "stage_classes", lambda: {"ingest": IngestStage, "hostile": Hostile})


def config(**pipeline: object) -> dict:
    return {"pipeline": {"stages": ["ingest", "hostile"], "batch_size": 4, **pipeline}}


def documents(*texts: str) -> list[SourceDocument]:
    return [SourceDocument(Article(id=f"d{i}", text=text)) for i, text in enumerate(texts)]


GOOD = [f"report number {i}" for i in range(10)]


def run_with(hostile: str, workers: int, **settings: object) -> list[SourceDocument]:
    texts = [*GOOD[:5], hostile, *GOOD[5:]]
    return list(run(documents(*texts), config(**settings), workers=workers))


def assert_only_the_hostile_one_lost(out: list[SourceDocument], reason: str) -> None:
    assert [d.article.id for d in out] == [f"d{i}" for i in range(11)]
    good = [d for d in out if d.article.id != "d5"]
    assert [d.article.title for d in good] == [t.upper() for t in GOOD]
    assert not any(d.article.errors for d in good)
    errors = out[5].article.errors
    assert out[5].article.title is None and len(errors) == 1
    assert reason in errors[0].message


@pytest.mark.parametrize("workers", [1, 2])
def test_a_crashing_document_costs_only_itself(hostile_stages, workers: int):
    out = run_with("SEGFAULT here", workers)
    assert_only_the_hostile_one_lost(out, "SIGSEGV")
    assert out[5].article.errors[0].stage == WORKER_STAGE


def test_a_document_stuck_past_its_deadline_is_stopped_and_the_run_goes_on(hostile_stages):
    started = time.monotonic()
    out = run_with("HANG here", 1, document_timeout=1.5, stage_timeout=0)
    assert_only_the_hostile_one_lost(out, "pipeline.document_timeout")
    assert time.monotonic() - started < 30


def test_a_run_away_loop_is_cut_by_the_stage_budget_inside_the_worker(hostile_stages):
    out = run_with("LOOP here", 1, stage_timeout=0.5)
    assert_only_the_hostile_one_lost(out, "pipeline.stage_timeout")
    assert out[5].article.errors[0].stage == "hostile"


def test_a_document_over_the_memory_cap_fails_alone(hostile_stages):
    out = run_with("HOG here", 1, worker_memory_mb=2048)
    assert_only_the_hostile_one_lost(out, "MemoryError")


def test_two_crashing_documents_in_one_chunk_are_both_found(hostile_stages):
    texts = ["fine one", "SEGFAULT a", "fine two", "SEGFAULT b", "fine three"]
    out = list(run(documents(*texts), config(), workers=1))
    assert [bool(d.article.errors) for d in out] == [False, True, False, True, False]
    assert [d.article.title for d in out if not d.article.errors] == ["FINE ONE", "FINE TWO", "FINE THREE"]


def test_limits_are_read_from_the_pipeline_settings():
    limits = WorkerLimits.from_config({"pipeline": {"document_timeout": 5, "worker_memory_mb": 900}})
    assert limits == WorkerLimits(seconds_per_document=5.0, memory_mb=900)


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def children_of(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in found.read_text().split()] if found.exists() else []


def test_workers_end_when_the_parent_is_killed(tmp_path: Path):
    path = tmp_path / "many.jsonl"
    lines = (json.dumps({"id": f"n{i}", "text": f"Report {i}."}) + "\n" for i in range(50_000))
    path.write_text("".join(lines))
    command = [sys.executable, "-m", "communique", "extract", str(path), "-o", str(tmp_path / "out.jsonl"),
               "-q", "--workers", "2", "--set", 'pipeline.stages=["ingest"]']
    parent = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    while len(workers := children_of(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) == 2
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers)


def test_a_worker_that_cannot_load_the_model_stops_the_run_even_when_the_first_job_is_large():
    from communique.runner import PipelineUnavailable

    config = {"pipeline": {"stages": ["ingest", "nlp"]}, "stages": {"nlp": {"model": "no_such_model_xx"}}}
    big = documents(*["Talks went on. " * 20_000] * 8)  # far more than a pipe holds
    with pytest.raises(PipelineUnavailable, match=r"no_such_model_xx|could not load"):
        list(run(big, config, workers=1))
