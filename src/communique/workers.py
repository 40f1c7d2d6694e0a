"""Worker processes that no document can take down: a dead or stuck worker costs only its document.

Each worker is a child process that loads the pipeline once and runs chunks of documents sent over
a pipe, reporting each finished document. When a worker dies (a native crash, the memory limit) or
overruns its deadline, the parent ends it, starts a new one and sends the documents it had not
reported again, one at a time; the one a worker dies on a second time is written out with an
``errors`` entry (stage ``worker``) and the run goes on. The common case stays one process loading
the model once and parsing in batches: only a chunk that was hit is re-run document by document.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any

from communique.budget import budget_units
from communique.pipeline import PipelineError
from communique.sources import SourceDocument

WORKER_STAGE = "worker"
"""The stage name under which a document that took its worker down is recorded in ``errors``."""

STARTUP_SECONDS = 600.0
"""How long a new worker may take to load the model before the run gives up on it."""

DOCUMENT_TIMEOUT = 600.0
"""Default seconds a worker may spend on one document (per 100,000 characters of a longer one)
before it is stopped: a last resort for code that a stage's own budget cannot interrupt (a hang in
native code). 100,000 characters of news took 60 s on this project's 2-core machine under load."""

MB = 1 << 20


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """Per-document bounds the parent enforces on a worker, from ``[pipeline]`` in the config."""

    seconds_per_document: float = DOCUMENT_TIMEOUT  # 0 = no deadline
    memory_mb: int = 0  # address-space limit of a worker process; 0 = none

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> WorkerLimits:
        """The limits set in ``[pipeline]``: ``document_timeout`` and ``worker_memory_mb``."""
        settings = config.get("pipeline", {})
        return cls(
            seconds_per_document=float(settings.get("document_timeout", DOCUMENT_TIMEOUT)),
            memory_mb=int(settings.get("worker_memory_mb", 0)),
        )


def unavailable(message: str) -> Exception:
    """The runner's ``PipelineUnavailable`` (imported here: the runner imports this module)."""
    from communique.runner import PipelineUnavailable

    return PipelineUnavailable(message)


@dataclass
class Job:
    """Documents of the input sent to a worker together; ``singly`` after a worker died on them."""

    number: int
    documents: list[SourceDocument]
    singly: bool = False
    done: list[SourceDocument] = field(default_factory=list)

    @property
    def remaining(self) -> list[SourceDocument]:
        return self.documents[len(self.done):]

    @property
    def finished(self) -> bool:
        return len(self.done) == len(self.documents)


def serve(
    config: Mapping[str, Any], connection: Connection, memory_mb: int, inherited: list[Connection]
) -> None:
    """A worker's life: load the pipeline, then run each chunk it is sent, reporting every document.

    ``inherited`` are the parent's ends of the pipes (its own and the other workers'), copied by
    the fork: closed here, so that when the parent dies the pipe breaks and the worker ends too,
    instead of waiting on a pipe it holds open itself.
    """
    from communique.runner import PipelineUnavailable, prepare, run_serial

    for end in inherited:
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    limit_memory(memory_mb)
    try:
        pipeline = prepare(config)
    except (PipelineUnavailable, PipelineError) as exc:
        connection.send(("failed", exc))
        return
    try:
        connection.send(("ready", None))
        while (message := connection.recv()) is not None:
            documents, singly = message
            chunks = [[d] for d in documents] if singly else [documents]
            for chunk in chunks:
                for document in run_serial(chunk, pipeline):
                    connection.send(("done", document))
    except (EOFError, OSError):
        return  # the parent is gone (killed, or it stopped the run): nothing left to do for


def limit_memory(memory_mb: int) -> None:
    """Cap the worker's address space, so a run-away document raises MemoryError or ends the worker
    instead of taking the machine's memory."""
    if memory_mb <= 0:
        return
    import resource

    limit = memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class Worker:
    """One child process running the pipeline, and the job it is working on."""

    def __init__(
        self, config: Mapping[str, Any], limits: WorkerLimits, others: list[Connection] | None = None
    ) -> None:
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        self.connection, child = context.Pipe()
        inherited = [self.connection, *(others or [])]
        self.process = context.Process(
            target=serve, args=(dict(config), child, limits.memory_mb, inherited), daemon=True,
            name="communique-worker",
        )
        self.process.start()
        child.close()
        self.limits = limits
        self.ready = False
        self.job: Job | None = None
        self.deadline = time.monotonic() + STARTUP_SECONDS

    def send(self, job: Job) -> None:
        """Give the worker a job; its deadline allows each document its time."""
        self.job = job
        self.connection.send((job.remaining, job.singly))
        if self.ready:
            self.start_clock()

    def start_clock(self) -> None:
        """From now, the documents it works on have their time (restarted at every report): one at
        a time after a crash, else the whole job; per 100,000 characters of a longer text."""
        seconds = self.limits.seconds_per_document
        pending = self.job.remaining if self.job else []
        working = pending[:1] if self.job and self.job.singly else pending
        units = sum(budget_units(d.article.text) for d in working) or 1.0
        self.deadline = time.monotonic() + seconds * units if seconds > 0 else float("inf")

    def overdue(self) -> bool:
        return time.monotonic() > self.deadline

    def stop(self) -> None:
        """End the process now (it may be stuck in native code) and close the pipe."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


class WorkerPool:
    """Runs documents through ``workers`` isolated worker processes; results come in input order."""

    def __init__(self, config: Mapping[str, Any], workers: int, chunk_size: int, window: int) -> None:
        self.config = config
        self.limits = WorkerLimits.from_config(config)
        self.size = max(1, workers)
        self.chunk_size = chunk_size
        self.window = window  # jobs read ahead per worker
        self.workers: list[Worker] = []
        self.queue: deque[Job] = deque()  # jobs waiting for a worker, in input order
        self.pending: deque[Job] = deque()  # every job not yet yielded, in input order

    def run(self, documents: Iterable[SourceDocument]) -> Iterator[SourceDocument]:
        """Every document, processed or with an ``errors`` entry saying why not, in input order."""
        source = iter(documents)
        numbers = iter(range(1 << 62))
        try:
            for _ in range(self.size):
                self.workers.append(self.new_worker())
            while True:
                while len(self.pending) < self.size * self.window and (
                    chunk := list(islice(source, self.chunk_size))
                ):
                    job = Job(next(numbers), chunk)
                    self.pending.append(job)
                    self.queue.append(job)
                while self.pending and self.pending[0].finished:
                    yield from self.pending.popleft().done
                if not self.pending:
                    return
                self.dispatch()
                self.collect()
        finally:
            self.close()

    def new_worker(self) -> Worker:
        """Start a worker, which closes its copies of the other workers' pipes."""
        return Worker(self.config, self.limits, [w.connection for w in self.workers])

    def dispatch(self) -> None:
        """Give waiting jobs to idle workers."""
        for number, worker in enumerate(self.workers):
            if worker.job is None and self.queue:
                job = self.queue.popleft()
                try:
                    worker.send(job)
                except OSError:  # it died before taking the job: no document of it is to blame
                    self.queue.appendleft(job)
                    self.receive(worker)  # raises the reason it could not start, if it sent one
                    if not worker.ready:
                        raise unavailable("a worker process could not load the pipeline") from None
                    worker.job = None
                    worker.stop()
                    self.workers[number] = self.new_worker()

    def collect(self) -> None:
        """Wait for a message from a busy worker, or for one to die or overrun its deadline."""
        busy = [w for w in self.workers if w.job is not None or not w.ready]
        deadline = min(w.deadline for w in busy)
        timeout = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
        ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout)
        for worker in busy:
            alive = self.receive(worker) if worker.connection in ready else True
            if not alive or worker.process.sentinel in ready or worker.overdue():
                self.replace(worker)

    def receive(self, worker: Worker) -> bool:
        """Take every message the worker has ready; False when its pipe is closed (it died)."""
        try:
            while worker.connection.poll():
                self.handle(worker, *worker.connection.recv())
        except (EOFError, OSError):
            return False
        return True

    def handle(self, worker: Worker, kind: str, payload: Any) -> None:
        """One message from a worker: it failed to start, it is ready, or a document is done."""
        if kind == "failed":
            raise payload if isinstance(payload, Exception) else unavailable(str(payload))
        if kind == "ready":
            worker.ready = True
        else:
            job = worker.job
            assert job is not None, "a worker reported a document it was not given"
            job.done.append(payload)
            if job.finished:
                worker.job = None
        if worker.job is not None:
            worker.start_clock()

    def replace(self, worker: Worker) -> None:
        """A worker died or is stuck: put its job back, the document it was on marked if known."""
        self.receive(worker)  # what it reported before it went
        reason = self.reason(worker)
        worker.stop()
        if not worker.ready:
            raise unavailable(f"a worker process could not load the pipeline ({reason})")
        job = worker.job
        if job is not None:
            if job.singly or len(job.remaining) == 1:
                job.done.append(failed_document(job.remaining[0], reason))
            if not job.finished:
                job.singly = True  # now one at a time, to find the document that does it
                self.queue.appendleft(job)
        self.workers[self.workers.index(worker)] = self.new_worker()

    def reason(self, worker: Worker) -> str:
        """Why a worker was lost, in words a user can act on."""
        if not worker.overdue():
            worker.process.join(5)  # its pipe closes a moment before it can be reaped
        if worker.process.is_alive():
            seconds = self.limits.seconds_per_document
            return (f"the document took longer than {seconds:g} s per 100,000 characters (setting "
                    "pipeline.document_timeout); "
                    "its worker process was stopped and no records are kept")
        code = worker.process.exitcode
        what = f"exit status {code}"
        if code is not None and code < 0:
            try:
                what = signal.Signals(-code).name
            except ValueError:
                what = f"signal {-code}"
        return (f"the worker process died on this document ({what}: a crash in native code, or out of "
                "memory); no records are kept")

    def close(self) -> None:
        """Stop every worker: tell idle ones to exit, end the others."""
        for worker in self.workers:
            if worker.job is None and worker.process.is_alive():
                try:
                    worker.connection.send(None)
                    worker.process.join(2)
                except (OSError, ValueError):
                    pass
            worker.stop()
        self.workers = []


def failed_document(document: SourceDocument, reason: str) -> SourceDocument:
    """The document as read, its text kept, with the reason it has no records."""
    document.article.add_error(WORKER_STAGE, reason)
    return document
