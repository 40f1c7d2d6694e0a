"""The Ray engine: the pipeline as a Ray Data ``map_batches`` over the shards of the input.

The driver only lists the shards. Ray tasks read them as streams (``communique.scale.shards``) in small
blocks; a pool of actors, each loading the pipeline once, runs every batch inside spaCy's
``memory_zone`` (so a long run does not grow) and returns plain rows (``communique.scale.rows``). The
rows come back to the driver in input order.

Failures: a document a stage fails on gets its ``errors`` row inside the pipeline, as with the local
engine. An actor that dies (killed, out of memory) is restarted by Ray, which runs its batch again; the
outputs of the lost attempt are dropped, so no document is counted twice. A small ledger actor counts
the attempts of every batch in flight: a batch tried before is run one document at a time, and a
document that was being run alone when its actor died is written out with an ``errors`` row (stage
``worker``) instead of being tried again, so one poisonous document cannot restart actors forever.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from communique.budget import budget_units
from communique.scale.rows import Place, decode_document, encode_document, result_row
from communique.scale.shards import ShardSettings, read_shard

Row = dict[str, Any]

RAY_MISSING = "--engine ray needs Ray: pip install 'communique[ray]'"

BLOCK_BYTES = 64 * 1024
"""Target size of a Ray block: a few dozen news articles, so even one input file is spread over every
actor, and memory holds blocks, never whole files."""

ACTOR_MEMORY_MB = 1536
"""Memory reserved per actor (Ray's ``memory=``): the model, the gazetteer and a batch in flight.
Measured peak on news: about 1 GiB; see docs/scale.md."""

BATCH_SIZE = 16
"""Documents per ``map_batches`` call: what a lost actor costs to redo, and what an actor may still be
working on alone when the others have finished. With 32, one of two actors sat idle for the last 12-16 s
of a 120-document run; with 16 the actors finish within about a second of each other (docs/benchmarks.md,
"Ray engine overhead")."""

BATCHES_PER_ACTOR = 1
"""Batches handed to an actor at once. Ray Data's default (2) queues a second batch behind a busy actor
even when another actor is idle, which at the end of a run leaves that other actor with nothing to do;
with 1 each batch goes to an actor that is free to run it."""

READ_AHEAD_BLOCKS = 16
"""Blocks a reading task may produce before the actors take them (Ray Data's default is 2). With 2, an
actor waited 0.3-0.9 s for its next batch, about 2.5 s in 150 documents, while the reading task (a nice-15
process on the same cores) was held back; with 16, 0.3-1.0 s in all (docs/benchmarks.md). A block is a
batch of encoded documents, so this holds a few hundred articles, never a whole file."""

WORKER_DIED = ("the worker process died on this document (its Ray actor was lost twice: a crash in native "
               "code, out of memory, or past pipeline.document_timeout); no records are kept")


class EngineUnavailable(RuntimeError):
    """The engine cannot run (Ray not installed, no cluster at the address)."""


@dataclass(frozen=True)
class RayOptions:
    """Where and how the Ray engine runs."""

    address: str | None = None  # None: start Ray on this machine; "auto" or "ray://head:10001": join
    actors: int | None = None  # default: one per CPU of the cluster
    batch_size: int = BATCH_SIZE
    actor_memory_mb: int = ACTOR_MEMORY_MB
    object_store_mb: int | None = None  # a local Ray's object store; None: Ray's default
    temp_dir: str | None = None  # a local Ray's session files; None: a directory under the system's temp


@dataclass
class RayTotals:
    """What the engine counted: batches run again after an actor was lost, documents given up on."""

    retried: int = 0
    lost: int = 0


def require_ray():
    """The ``ray`` module, or a message saying how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise EngineUnavailable(RAY_MISSING) from exc
    return ray


def start_ray(options: RayOptions) -> str | None:
    """Connect to the cluster, or start Ray on this machine; the session directory this call made for a
    Ray it started (an empty string when it started one in ``options.temp_dir``), else None."""
    ray = require_ray()
    if ray.is_initialized():
        return None
    made = ""
    settings: dict[str, Any] = {"logging_level": "ERROR", "log_to_driver": False}
    if options.address:
        settings["address"] = options.address
    else:
        settings["num_cpus"] = options.actors or os.cpu_count() or 1
        settings["include_dashboard"] = False
        # Short: a Unix socket path under it must stay within 107 bytes.
        made = "" if options.temp_dir else tempfile.mkdtemp(prefix="cq-ray-")
        settings["_temp_dir"] = options.temp_dir or made
        if options.object_store_mb:
            settings["object_store_memory"] = options.object_store_mb * (1 << 20)
    try:
        ray.init(**settings)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise EngineUnavailable(f"cannot start or join Ray ({options.address or 'local'}): {exc}") from exc
    return made


class Ledger:
    """Attempts of the batches and documents in flight, shared by every actor of a run."""

    def __init__(self) -> None:
        self.attempts: dict[str, int] = {}
        self.retried = 0
        self.lost = 0

    def begin(self, key: str) -> int:
        """Count an attempt; how many came before it (a batch or document ends only by ``end``)."""
        before = self.attempts.get(key, 0)
        self.attempts[key] = before + 1
        if before and key.startswith("batch:"):
            self.retried += 1
        return before

    def end(self, key: str) -> None:
        self.attempts.pop(key, None)

    def give_up(self) -> None:
        self.lost += 1

    def totals(self) -> tuple[int, int]:
        return self.retried, self.lost


def read_shards(batch: Mapping[str, Any], settings: ShardSettings, batch_size: int) -> Iterator[Row]:
    """Ray Data reader: each shard of the batch as batches of encoded documents, streamed."""
    for shard in batch["shard"]:
        shard = str(shard)
        rows: dict[str, list] = {"shard": [], "position": [], "document": []}
        for position, document in enumerate(read_shard(shard, settings)):
            rows["shard"].append(shard)
            rows["position"].append(position)
            rows["document"].append(encode_document(document))
            if len(rows["document"]) >= batch_size:
                yield rows
                rows = {"shard": [], "position": [], "document": []}
        if rows["document"]:
            yield rows


class PipelineActor:
    """A Ray actor running the pipeline: loaded once, then called with one batch of documents at a time."""

    def __init__(self, config: Mapping[str, Any], ledger: str, label: str) -> None:
        import ray

        from communique.runner import PipelineUnavailable, prepare
        from communique.workers import WorkerLimits

        self.seconds_per_document = WorkerLimits.from_config(config).seconds_per_document
        self.unavailable = ""
        try:
            self.pipeline = prepare(config)
        except PipelineUnavailable as exc:
            # Raised here, Ray would restart the actor over and over, printing every attempt's
            # traceback; raised with the first batch, it ends the run with one message.
            self.unavailable = str(exc)
        self.ledger = ray.get_actor(ledger)
        self.label = label

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, list]:
        import ray

        if self.unavailable:
            from communique.runner import PipelineUnavailable

            raise PipelineUnavailable(self.unavailable)
        places = [Place(str(s), int(p)) for s, p in zip(batch["shard"], batch["position"], strict=True)]
        documents = [decode_document(str(d)) for d in batch["document"]]
        key = f"batch:{places[0].shard}#{places[0].position}+{len(places)}"
        tried = ray.get(self.ledger.begin.remote(key))
        done = self.run(documents) if not tried else self.run_singly(documents, places)
        rows = [result_row(d, p, self.label) for d, p in zip(done, places, strict=True)]
        self.ledger.end.remote(key)
        return {name: [row[name] for row in rows] for name in rows[0]}

    def run(self, documents: list) -> list:
        """The batch through the pipeline, its parses freed when it is done."""
        from communique.runner import run_serial

        with memory_zone(self.pipeline), watchdog(self.seconds_per_document, documents):
            return list(run_serial(documents, self.pipeline))

    def run_singly(self, documents: list, places: list[Place]) -> list:
        """A batch an actor died on: one document at a time; one it died on alone is given up."""
        import ray

        from communique.workers import failed_document

        done = []
        for document, place in zip(documents, places, strict=True):
            key = f"document:{place.shard}#{place.position}"
            if ray.get(self.ledger.begin.remote(key)):
                self.ledger.give_up.remote()
                done.append(failed_document(document, WORKER_DIED))
            else:
                done.extend(self.run([document]))
            self.ledger.end.remote(key)
        return done


def end_actor(seconds: float) -> None:
    """End this actor's process at once: its batch is stuck where no stage budget reaches."""
    sys.stderr.write(f"communique: a batch ran past {seconds:g} s (pipeline.document_timeout), "
                     "ending its actor\n")
    sys.stderr.flush()
    os._exit(1)


@contextlib.contextmanager
def watchdog(seconds_per_document: float, documents: list) -> Iterator[None]:
    """The local pool's last resort inside an actor: past ``seconds_per_document`` per document (per
    100,000 characters of a longer one) the actor ends, stuck in native code or not. Ray restarts it
    and runs the batch again one document at a time, and a document it ends on alone gets a ``worker``
    error row, as a crash does."""
    if seconds_per_document <= 0:
        yield
        return
    seconds = seconds_per_document * (sum(budget_units(d.article.text) for d in documents) or 1.0)
    timer = threading.Timer(seconds, end_actor, args=(seconds,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def unavailable_message(error: BaseException | None) -> str | None:
    """The message of the ``PipelineUnavailable`` an actor raised, found in the chain of errors Ray and
    Ray Data wrap it in; None when the run failed for another reason."""
    from communique.runner import PipelineUnavailable

    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        cause = getattr(error, "cause", None)  # a RayTaskError keeps the actor's own exception here
        for candidate in (cause, error):
            if type(candidate) is PipelineUnavailable:  # Ray Data adds lines of its own to the message
                return str(candidate).split("\n", 1)[0]
        error = cause if isinstance(cause, BaseException) else error.__cause__ or error.__context__
    return None


def task_pool(ray, size: int) -> dict[str, Any]:
    """At most ``size`` reading tasks at once, in the words of the installed Ray (``compute=`` since 2.51)."""
    strategy = getattr(ray.data, "TaskPoolStrategy", None)
    return {"compute": strategy(size=size)} if strategy else {"concurrency": size}


def quiet_ray() -> None:
    """Keep Ray Data's execution notes off the command's stderr (they go to the session's log files)."""
    import logging
    import warnings

    import ray.data  # noqa: F401 -- importing it configures its loggers (a file and a console handler)

    for handler in logging.getLogger("ray.data").handlers:
        if not isinstance(handler, logging.FileHandler):
            handler.setLevel(logging.CRITICAL)  # its errors reach the command as the run's exception
    warnings.filterwarnings("ignore", module="ray.data")


def start_ray_importing_ray_data(options: RayOptions) -> str | None:
    """``start_ray``, with Ray Data imported meanwhile: ``ray.init`` spends most of its time waiting
    for Ray's processes to come up, and importing Ray Data took 0.6-1.2 s of the driver's time."""
    importing = threading.Thread(target=quiet_ray, name="communique-import-ray-data", daemon=True)
    importing.start()
    try:
        return start_ray(options)
    finally:
        importing.join()


MONITOR = "monitor"
"""Ray's name (``ray_constants.PROCESS_TYPE_MONITOR``) for the autoscaler monitor of a Ray started here."""


def stop_ray(ray) -> None:
    """Shut down a Ray this command started, without waiting for its autoscaler monitor.

    ``ray.shutdown()`` asks Ray's processes to stop one after the other, giving each up to a second;
    the autoscaler monitor is asked after the GCS it reports to has gone and uses the whole second
    (1.0 s of a 1.6 s shutdown, measured). On one machine it has nothing to scale, so it is killed
    first, through Ray's private node object (a 2.x pin does not hold it still: without it, only
    slower); then the shutdown took 0.1 s.
    """
    node = getattr(getattr(getattr(ray, "_private", None), "worker", None), "_global_node", None)
    kill = getattr(node, "_kill_process_type", None)
    if kill is not None:
        with contextlib.suppress(Exception):
            kill(MONITOR, check_alive=False, allow_graceful=False)
    ray.shutdown()


# Ray Data keeps this setting private (a leading underscore) in every 2.x release; a Ray without it
# runs with its own default, only slower.
GEN_BUFFER = "_max_num_blocks_in_streaming_gen_buffer"


def read_ahead(context) -> int | None:
    """How many blocks a reading task may run ahead in this Ray, None where it cannot be set."""
    return getattr(context, GEN_BUFFER, None)


def set_read_ahead(context, blocks: int | None) -> None:
    if blocks is not None and hasattr(context, GEN_BUFFER):
        setattr(context, GEN_BUFFER, blocks)


RUN_SETTINGS = {"target_max_block_size": BLOCK_BYTES, "enable_progress_bars": False,
                "raise_original_map_exception": True}
"""Ray Data's settings for a run: small blocks; no progress bars (the command shows its own line);
an actor's own exception raised as itself, not as a ``UserCodeException`` that has lost it."""


@contextlib.contextmanager
def data_context(ray) -> Iterator[None]:
    """``RUN_SETTINGS``, input order kept and the reading task's read-ahead, for the time of a run; the
    previous values back afterwards (a test session's Ray outlives a run)."""
    context = ray.data.DataContext.get_current()
    settings = {name: value for name, value in RUN_SETTINGS.items() if hasattr(context, name)}
    saved = {name: getattr(context, name) for name in settings}
    order, ahead = context.execution_options.preserve_order, read_ahead(context)
    try:
        for name, value in settings.items():
            setattr(context, name, value)
        context.execution_options.preserve_order = True
        set_read_ahead(context, READ_AHEAD_BLOCKS)
        yield
    finally:
        for name, value in saved.items():
            setattr(context, name, value)
        context.execution_options.preserve_order = order
        set_read_ahead(context, ahead)


def memory_zone(pipeline):
    """spaCy's ``memory_zone`` of the pipeline's model, if it has one: strings and parses made inside it
    are freed at its end."""
    for stage in pipeline.stages:
        nlp = getattr(stage, "nlp", None)
        if nlp is not None and hasattr(nlp, "memory_zone"):
            return nlp.memory_zone()
    return contextlib.nullcontext()


class RayRun:
    """One run of the engine: iterate it for the result rows in input order; ``totals`` after."""

    actor_class: type = PipelineActor  # what runs the batches (a test puts one that dies here)

    def __init__(self, shards: list[str], config: Mapping[str, Any], settings: ShardSettings,
                 options: RayOptions, label: str) -> None:
        self.shards = shards
        self.config = dict(config)
        self.settings = settings
        self.options = options
        self.label = label
        self.totals = RayTotals()

    def __iter__(self) -> Iterator[Row]:
        ray = require_ray()
        session = start_ray_importing_ray_data(self.options)
        finished = False
        ledger_name = f"communique-ledger-{uuid.uuid4().hex[:12]}"
        ledger = ray.remote(num_cpus=0)(Ledger).options(name=ledger_name).remote()
        try:
            with data_context(ray):
                yield from self.rows(ray, ledger_name)
            self.totals = RayTotals(*ray.get(ledger.totals.remote()))
            finished = True
        finally:
            ray.kill(ledger)
            if session is not None:
                stop_ray(ray)
            if session and finished:  # its logs are kept when the run failed
                shutil.rmtree(session, ignore_errors=True)

    def rows(self, ray, ledger_name: str) -> Iterator[Row]:
        """The dataset's rows; a pipeline the actors could not load ends the run with its own message."""
        from communique.runner import PipelineUnavailable

        try:
            for batch in self.dataset(ray, ledger_name).iter_batches(batch_size=None, batch_format="pyarrow"):
                yield from batch.to_pylist()
        except Exception as exc:
            message = unavailable_message(exc)
            if message is None:
                raise
            raise PipelineUnavailable(message) from None

    def dataset(self, ray, ledger_name: str):
        """Shards → documents → results, as a lazy Ray dataset."""
        resources = ray.cluster_resources()
        actors = self.options.actors or max(1, int(resources.get("CPU", 1)))
        # No more actors than the cluster's memory holds: one that cannot be placed would wait forever.
        room = int(resources.get("memory", 0) // (self.options.actor_memory_mb * (1 << 20)))
        actors = max(1, min(actors, room)) if room else actors
        shards = ray.data.from_items([{"shard": s} for s in self.shards],
                                     override_num_blocks=len(self.shards))
        documents = shards.map_batches(
            read_shards, batch_size=1, num_cpus=0, **task_pool(ray, max(1, min(len(self.shards), actors))),
            fn_kwargs={"settings": self.settings, "batch_size": self.options.batch_size},
        )
        return documents.map_batches(
            self.actor_class, batch_size=self.options.batch_size, num_cpus=1,
            compute=ray.data.ActorPoolStrategy(size=actors, max_tasks_in_flight_per_actor=BATCHES_PER_ACTOR),
            memory=self.options.actor_memory_mb * (1 << 20),
            fn_constructor_kwargs={"config": self.config, "ledger": ledger_name, "label": self.label},
        )
