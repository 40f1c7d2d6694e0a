"""Running the pipeline for the web app: in a child process, one document at a time, within time and memory.

No document may take the server down: text that makes a stage crash natively, exhaust memory or run for
minutes (one word repeated 40,000 times did all three) kills only the child. The child loads the
pipeline on the first request (a server that only browses starts at once), under an address-space
limit; each run has a wall-clock limit, past which the child is killed. The request gets an error
answer, and the next one starts a fresh child. One extraction runs at a time: a request arriving while
one runs gets "busy" rather than queueing behind it.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Mapping
from multiprocessing.connection import Connection
from typing import Any

from sqlalchemy import Engine, select

from communique.runner import PipelineUnavailable, prepare, run_serial
from communique.sources import ReadOptions, SourceDocument, from_record
from communique.store import schema
from communique.store.ingestion import IngestStats, key_of, pipeline_label, store
from communique.store.writer import stored_keys
from communique.workers import limit_memory

LOAD_SECONDS = 300.0
"""How long the child may take to load the pipeline (the model and the gazetteer: seconds, more on a
busy machine); not counted in the per-document limit."""


class ExtractorBusy(RuntimeError):
    """Another extraction is running; the client may try again shortly."""


class ExtractionTimeout(RuntimeError):
    """The extraction took longer than the server allows."""


class ExtractionFailed(RuntimeError):
    """The extraction process died on this document (a native crash, out of memory); the server goes on."""


class Extractor:
    """The pipeline behind ``POST /extract`` and ``POST /articles``, in a child process, one run at a time."""

    def __init__(self, config: Mapping[str, Any], timeout: float, memory_mb: int = 2048) -> None:
        self.config = config
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._busy = threading.Lock()
        self._child: Child | None = None

    def document(self, record: Mapping[str, Any]) -> SourceDocument:
        """A document from a contract input object; the ingest stage's size limit applies later."""
        return from_record(dict(record), "api", ReadOptions())

    def run(self, document: SourceDocument) -> SourceDocument:
        """The document after the pipeline; raises ExtractorBusy, ExtractionTimeout or ExtractionFailed."""
        if not self._busy.acquire(blocking=False):
            raise ExtractorBusy("another extraction is running; try again shortly")
        try:
            if self._child is None or not self._child.alive():
                self._child = Child(self.config, self.memory_mb)
            return self._child.run(document, self.timeout)
        except (ExtractionTimeout, ExtractionFailed):
            self._child.stop()
            self._child = None
            raise
        finally:
            self._busy.release()

    def close(self) -> None:
        """Stop the child process, if one runs."""
        if self._child is not None:
            self._child.stop()
            self._child = None


class Child:
    """One extraction process and the pipe to it: it loads the pipeline, then runs document after document."""

    def __init__(self, config: Mapping[str, Any], memory_mb: int) -> None:
        # spawn: a fork of a threaded server process could inherit a lock held by another thread
        context = multiprocessing.get_context("spawn")
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(
            target=serve_documents, args=(theirs, dict(config), memory_mb), name="communique-extract"
        )
        self.process.daemon = True
        self.process.start()
        theirs.close()
        self.ready = False

    def alive(self) -> bool:
        return self.process.is_alive()

    def run(self, document: SourceDocument, timeout: float) -> SourceDocument:
        if not self.ready:
            self.receive(LOAD_SECONDS, "loading the pipeline")
            self.ready = True
        self.pipe.send(document)
        return self.receive(timeout, "the extraction")

    def receive(self, timeout: float, what: str) -> Any:
        """The child's next answer; a raised exception is raised here, a dead child is ExtractionFailed."""
        try:
            if not self.pipe.poll(timeout):
                raise ExtractionTimeout(f"{what} took longer than {timeout:g} s; it was stopped")
            kind, value = self.pipe.recv()
        except (EOFError, OSError) as exc:
            self.process.join(1)
            raise ExtractionFailed(f"{what} failed: the extraction process {ended(self.process)}") from exc
        if kind == "unavailable":
            raise PipelineUnavailable(value)
        if kind == "error":
            raise ExtractionFailed(f"{what} failed: {value}")
        return value

    def stop(self) -> None:
        self.pipe.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


def ended(process: multiprocessing.process.BaseProcess) -> str:
    """How a child ended, for the error answer: by a signal (a crash, the memory limit) or an exit status."""
    code = process.exitcode
    if code is None:
        return "stopped answering"
    return f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"


def serve_documents(pipe: Connection, config: dict[str, Any], memory_mb: int) -> None:
    """The child: limit memory, load the pipeline, then run each document received until the pipe closes."""
    limit_memory(memory_mb)
    try:
        pipeline = prepare(config)
    except PipelineUnavailable as exc:
        pipe.send(("unavailable", str(exc)))
        return
    pipe.send(("ready", None))
    while True:
        try:
            document = pipe.recv()
        except (EOFError, OSError):
            return
        try:
            pipe.send(("done", next(run_serial([document], pipeline))))
        except MemoryError:
            pipe.send(("error", f"over the memory limit of {memory_mb} MB"))
            return  # memory may be left fragmented: a fresh child takes the next document


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
