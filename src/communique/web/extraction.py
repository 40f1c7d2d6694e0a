"""Running the pipeline for the web app: one document at a time, in a worker thread, within a time limit.

The pipeline (spaCy and the stage resources) is loaded on the first request, not at start-up, so a
server that only browses the store starts at once. One extraction runs at a time: a request arriving
while one runs gets "busy" rather than queueing behind it, and a run past the time limit is answered
with "timed out" while its thread finishes in the background (Python cannot stop a thread), keeping
the extractor busy until it has.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from sqlalchemy import Engine, select

from communique.pipeline import Pipeline
from communique.runner import prepare, run_serial
from communique.sources import ReadOptions, SourceDocument, from_record
from communique.store import schema
from communique.store.ingestion import IngestStats, key_of, pipeline_label, store
from communique.store.writer import stored_keys


class ExtractorBusy(RuntimeError):
    """Another extraction is running; the client may try again shortly."""


class ExtractionTimeout(RuntimeError):
    """The extraction took longer than the server allows."""


class Extractor:
    """The pipeline behind ``POST /extract`` and ``POST /articles``, loaded once, one run at a time."""

    def __init__(self, config: Mapping[str, Any], timeout: float) -> None:
        self.config = config
        self.timeout = timeout
        self._pipeline: Pipeline | None = None
        self._busy = threading.Lock()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="communique-extract")

    def document(self, record: Mapping[str, Any]) -> SourceDocument:
        """A document from a contract input object; the ingest stage's size limit applies later."""
        return from_record(dict(record), "api", ReadOptions())

    def run(self, document: SourceDocument) -> SourceDocument:
        """The document after the pipeline; raises ExtractorBusy or ExtractionTimeout."""
        if not self._busy.acquire(blocking=False):
            raise ExtractorBusy("another extraction is running; try again shortly")
        try:
            future = self._thread.submit(self._run, document)
        except BaseException:
            self._busy.release()
            raise
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout as exc:
            raise ExtractionTimeout(f"the extraction took longer than {self.timeout:g} s") from exc

    def _run(self, document: SourceDocument) -> SourceDocument:
        try:
            if self._pipeline is None:
                self._pipeline = prepare(self.config)
            return next(run_serial([document], self._pipeline))
        finally:
            self._busy.release()

    def close(self) -> None:
        """Stop taking work; a running extraction is left to finish."""
        self._thread.shutdown(wait=False, cancel_futures=True)


def extract_and_store(extractor: Extractor, engine: Engine, record: Mapping[str, Any]) -> dict[str, Any]:
    """Run one document and keep it in the store, as ``communique ingest`` would; an article stored
    before is not run again. Returns ``stored`` (bool), the article's row id and its errors."""
    document = extractor.document(record)
    key = key_of(document)
    if key is not None and stored_keys(engine, [key]):
        return {"stored": False, "article_id": article_id_of(engine, key), "errors": []}
    done = extractor.run(document)
    stats = IngestStats()
    store(engine, done, key, pipeline_label(extractor.config), stats)
    errors = [{"stage": e.stage, "message": e.message} for e in done.article.errors]
    errors += [{"stage": "store", "message": reason} for reason in stats.reasons]
    article_id = article_id_of(engine, key) if key is not None else None
    return {"stored": bool(stats.stored), "article_id": article_id, "errors": errors}


def article_id_of(engine: Engine, key: str) -> int | None:
    """The row id of the article stored under ``key``."""
    with engine.connect() as connection:
        return connection.execute(
            select(schema.articles.c.id).where(schema.articles.c.key == key)
        ).scalar_one_or_none()
