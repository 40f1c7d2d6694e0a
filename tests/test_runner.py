"""The runner: pipeline over a document stream, one process or several, output in input order."""

from __future__ import annotations

import pytest

from communique import runner
from communique.article import Article
from communique.pipeline import Pipeline, PipelineError
from communique.runner import (
    PipelineUnavailable,
    RunStats,
    prepare,
    run,
    run_serial,
    was_processed,
    with_progress,
)
from communique.sources import SourceDocument, unreadable
from communique.stage import Stage, StageUnavailable

INGEST_ONLY = {"pipeline": {"stages": ["ingest"], "batch_size": 3}, "stages": {"ingest": {"max_chars": 100}}}
"""A real pipeline that needs no model, so these tests run in milliseconds."""


class Shout(Stage):
    """Puts the upper-cased text in the title."""

    name = "shout"
    requires = ("text",)

    def process(self, article: Article) -> Article:
        article.title = article.text.upper()
        return article


class Missing(Stage):
    """A stage whose resource is not there."""

    name = "missing"

    def process(self, article: Article) -> Article:
        raise StageUnavailable("install the widget first")


def docs(*texts: str) -> list[SourceDocument]:
    return [SourceDocument(Article(id=f"d{i}", text=t)) for i, t in enumerate(texts)]


def test_serial_run_keeps_input_order_across_batches():
    pipeline = Pipeline([Shout()], batch_size=2)
    out = list(run_serial(docs("a", "b", "c", "d", "e"), pipeline))
    assert [d.article.title for d in out] == ["A", "B", "C", "D", "E"]


def test_unreadable_documents_pass_through_in_place_without_running():
    items = docs("a", "b")
    items.insert(1, unreadable("line-2", "line 2 is not valid JSON"))
    items.append(unreadable("line-4", "line 4 is not valid JSON"))
    out = list(run_serial(items, Pipeline([Shout()], batch_size=2)))
    assert [d.article.id for d in out] == ["d0", "line-2", "d1", "line-4"]
    assert out[1].article.title is None and out[2].article.title == "B"


def test_prepare_stops_on_a_stage_whose_resource_is_missing(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(runner, "build_pipeline", lambda config: Pipeline([Missing()]))
    with pytest.raises(PipelineUnavailable, match="install the widget"):
        prepare({})


def test_prepare_tolerates_a_stage_that_only_fails_on_some_documents(monkeypatch: pytest.MonkeyPatch):
    class Picky(Stage):
        name = "picky"

        def process(self, article: Article) -> Article:
            raise ValueError("cannot handle this one")

    monkeypatch.setattr(runner, "build_pipeline", lambda config: Pipeline([Picky()]))
    assert prepare({}).names == ["picky"]


def test_parallel_run_returns_every_document_in_input_order():
    texts = [f"Report number {i}." for i in range(30)] + ["   "]
    out = list(run(docs(*texts), INGEST_ONLY, workers=2))
    assert [d.article.id for d in out] == [f"d{i}" for i in range(31)]
    assert out[-1].article.errors[0].stage == "ingest"
    assert not out[0].article.errors


def test_parallel_run_reports_a_missing_model_once():
    config = {"pipeline": {"stages": ["ingest", "nlp"]}, "stages": {"nlp": {"model": "no_such_model_xx"}}}
    with pytest.raises(PipelineUnavailable, match="no_such_model_xx"):
        list(run(docs("a"), config, workers=2))


def test_run_stats_count_errors_and_processed_documents():
    stats = RunStats()
    ok, failed = docs("fine", "")
    failed.article.add_error("ingest", "text is empty")
    for document in (ok, failed, unreadable("line-3", "bad")):
        stats.count(document)
    assert (stats.documents, stats.with_errors, stats.processed) == (3, 2, 1)
    assert was_processed(ok) and not was_processed(failed)


def test_progress_wrapper_passes_documents_through_unchanged():
    items = docs("a", "b", "c")
    assert list(with_progress(iter(items), total=3)) == items


def test_parallel_run_reports_a_bad_stage_order_from_the_workers():
    config = {"pipeline": {"stages": ["events", "ingest"]}}
    with pytest.raises(PipelineError, match="'events' requires"):
        list(run(docs("a"), config, workers=2))
