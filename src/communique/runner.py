"""Runner: the pipeline over a stream of documents, in one process or several, output in input order."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from communique.article import Article
from communique.pipeline import Pipeline, build_pipeline
from communique.sources import SourceDocument
from communique.stage import StageUnavailable
from communique.workers import WorkerPool

WORKER_CHUNK = 8
"""Documents sent to a worker at a time. Large enough for spaCy's batching to pay, small enough
that two workers share a 50-document benchmark suite evenly."""

WINDOW_PER_WORKER = 3
"""Chunks in flight per worker: keeps workers busy without reading the whole input into memory."""

PROBE_TEXT = "The foreign minister met the ambassador in Geneva on Monday, officials said."
"""A made-up sentence run once at start-up so that a missing resource (a model not installed)
stops the run with one clear message instead of failing every document."""


class PipelineUnavailable(RuntimeError):
    """The pipeline cannot run at all (a stage's resource is missing, a worker died)."""


@dataclass
class RunStats:
    """What a run did: documents written, with errors, and actually processed."""

    documents: int = 0
    with_errors: int = 0
    processed: int = 0

    def count(self, document: SourceDocument) -> None:
        """Add one finished document."""
        self.documents += 1
        self.with_errors += bool(document.article.errors)
        self.processed += was_processed(document)


def was_processed(document: SourceDocument) -> bool:
    """True when the document reached the pipeline with a text it accepted."""
    return document.runnable and bool(document.article.text)


def build(config: Mapping[str, Any]) -> Pipeline:
    """Build the pipeline; a stage that cannot even be set up stops the run with its message."""
    try:
        return build_pipeline(config)
    except StageUnavailable as exc:
        raise PipelineUnavailable(str(exc)) from exc


def prepare(config: Mapping[str, Any]) -> Pipeline:
    """Build the pipeline and load its resources, by running every stage once on a probe article."""
    pipeline = build(config)
    article = Article(id="probe", text=PROBE_TEXT, published="2022-01-11")
    for stage in pipeline.stages:
        try:
            article = stage.process(article)
        except StageUnavailable as exc:
            raise PipelineUnavailable(f"stage {stage.name!r} cannot run: {exc}") from exc
        except Exception:
            continue  # a per-document failure: real documents report it in their errors
    return pipeline


def run_serial(documents: Iterable[SourceDocument], pipeline: Pipeline) -> Iterator[SourceDocument]:
    """Run ``pipeline`` in this process; documents that could not be read pass through in place."""
    pending: deque[SourceDocument] = deque()

    def runnable_articles() -> Iterator[Article]:
        for document in documents:
            pending.append(document)
            if document.runnable:
                yield document.article

    for article in pipeline.pipe(runnable_articles()):
        while not (document := pending.popleft()).runnable:
            yield document
        document.article = article
        yield document
    yield from pending


def run(
    documents: Iterable[SourceDocument],
    config: Mapping[str, Any],
    workers: int = 1,
    progress: bool = False,
    total: int | None = None,
) -> Iterator[SourceDocument]:
    """Every document through the pipeline, in input order, with an optional progress bar on stderr.

    The pipeline runs in ``workers`` child processes, one even for ``workers=1``, so that a
    document that crashes or exhausts its worker costs only itself (see ``communique.workers``).
    Nothing is built here: a bad config is reported by the first worker, which builds anyway.
    """
    chunk = WORKER_CHUNK if workers > 1 else int(config.get("pipeline", {}).get("batch_size", 32))
    pool = WorkerPool(config, workers, chunk_size=max(1, chunk), window=WINDOW_PER_WORKER)
    results = pool.run(documents)
    return with_progress(results, total) if progress else results


def with_progress(results: Iterator[SourceDocument], total: int | None) -> Iterator[SourceDocument]:
    """Pass results through, showing a tqdm bar on stderr from the second document on."""
    bar = None
    try:
        for number, document in enumerate(results, start=1):
            if bar is None and number == 2:
                from tqdm import tqdm

                bar = tqdm(total=total, initial=1, unit="doc", file=sys.stderr, dynamic_ncols=True)
            if bar is not None and number > 1:
                bar.update(1)
            yield document
    finally:
        if bar is not None:
            bar.close()
        close = getattr(results, "close", None)
        if close:
            close()
