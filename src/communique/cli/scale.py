"""Large runs from the command line: ``--engine``/``--ray-address``, ``--out DIR --format parquet`` and
``communique load``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from communique.cli.common import (
    EXIT_NOTHING_PROCESSED,
    EXIT_OK,
    UsageError,
    add_db_option,
    plural,
)
from communique.scale.run import ENGINES, ScaledRun

LOAD_EXAMPLES = """\
examples:
  communique extract 'crawl/*.warc.gz' --engine ray --out news/ --format parquet
  communique load news/ --db postgresql+psycopg://user@localhost/news
  communique load s3://bucket/news/ --db communique.db

Loading the same data set again adds nothing: articles are known by their content hash (and URL).
exit status: 0 done, 1 nothing in the data set, 2 usage error.
"""


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    """``--engine`` and ``--ray-address``: where the pipeline runs."""
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="local: worker processes on this machine (default); ray: a Ray Data job "
                        "(pip install 'communique[ray]'), --workers actors (default: one per CPU)")
    parser.add_argument("--ray-address", metavar="ADDR",
                        help="the Ray cluster to join: auto, or ray://head:10001 (default: start Ray on "
                        "this machine)")


def check_engine(args: argparse.Namespace) -> None:
    """Refuse combinations that cannot run, before anything starts."""
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be at least 1, got {args.workers}")
    if args.ray_address and args.engine != "ray":
        raise UsageError("--ray-address needs --engine ray")


def ray_options(args: argparse.Namespace):
    """The Ray engine's options from the command line."""
    from communique.engines.ray_data import RayOptions

    return RayOptions(address=args.ray_address, actors=args.workers)


def shards_of(sources: list[str]) -> list[str]:
    """The input files of a large run; none found is a usage error."""
    from communique.scale.shards import list_shards
    from communique.sources import SourceError

    if "-" in sources:
        raise UsageError("a large run (--engine ray or --format parquet) reads files, not stdin")
    try:
        return list_shards(sources)
    except SourceError as exc:
        raise UsageError(str(exc)) from exc


def start_run(args: argparse.Namespace, sources: list[str], config, options, text_column: str = "text"):
    """The run of ``--engine`` over the sources, as result rows."""
    from communique.engines.ray_data import EngineUnavailable
    from communique.scale.run import scaled_run
    from communique.scale.shards import ShardSettings
    from communique.store.ingestion import pipeline_label

    shards = shards_of(sources)
    settings = ShardSettings(options=options, text_column=text_column)
    try:
        if args.engine == "ray":
            from communique.engines.ray_data import require_ray

            require_ray()
        return scaled_run(args.engine, shards, config, settings, args.workers, pipeline_label(config),
                          ray_options(args) if args.engine == "ray" else None)
    except EngineUnavailable as exc:
        raise UsageError(str(exc)) from exc


def engine_failures(rows: Iterator) -> Iterator:
    """The rows, with Ray's own failure to start turned into a usage error."""
    from communique.engines.ray_data import EngineUnavailable

    try:
        yield from rows
    except EngineUnavailable as exc:
        raise UsageError(str(exc)) from exc


def extract_to_dataset(args: argparse.Namespace, config, options) -> int:
    """``extract --out DIR --format parquet``: every table as a partitioned Parquet data set."""
    from communique.runner import with_progress
    from communique.scale.parquet import ParquetSink

    show = not args.quiet and sys.stderr.isatty()
    started = time.monotonic()
    run = start_run(args, [args.input], config, options)
    sink = ParquetSink(args.out)
    read = with_errors = 0
    rows = engine_failures(run.rows)
    for row in with_progress(rows, None) if show else rows:
        read += 1
        with_errors += bool(row["errors"])
        sink.add(row)
    stats = sink.close()
    if not args.quiet:
        sys.stderr.write(
            f"communique extract: {plural(read, 'document')} read, {stats.documents} written to {args.out} "
            f"({stats.files} files), {with_errors} with errors, {stats.skipped} without text or repeated, "
            f"{batches(run.retried)} retried, {time.monotonic() - started:.1f} s\n"
        )
    return EXIT_OK if stats.documents else EXIT_NOTHING_PROCESSED


def batches(count: int) -> str:
    return f"{count} batch{'' if count == 1 else 'es'}"


def documents_of(run: ScaledRun) -> Iterator:
    """The run's rows as the documents the local engine yields."""
    from communique.scale.rows import document_of

    for row in engine_failures(run.rows):
        yield document_of(row)


def note_retried(command: str, run: ScaledRun, quiet: bool) -> None:
    if not quiet and run.totals is not None:
        sys.stderr.write(f"communique {command}: {batches(run.retried)} retried after a lost "
                         f"worker, {run.totals.lost} documents given up\n")


def ingest_with_ray(args: argparse.Namespace, config, options, engine, show: bool):
    """``ingest --engine ray``: the pipeline on Ray, each result stored here as it comes."""
    from communique.scale.rows import document_of
    from communique.store.ingestion import IngestStats, Progress, pipeline_label, store

    if args.fetch:
        raise UsageError("--fetch is not available with --engine ray: fetch with the local engine")
    run = start_run(args, args.sources, config, options, args.text_column)
    stats = IngestStats()
    bar = Progress(None, stats) if show else None
    label = pipeline_label(config)
    try:
        for row in engine_failures(run.rows):
            stats.read += 1
            store(engine, document_of(row), row["key"] or None, label, stats)
            if bar:
                bar.step()
    finally:
        if bar:
            bar.close()
    note_retried("ingest", run, args.quiet)
    return stats


def add_load(commands: argparse._SubParsersAction) -> None:
    """``communique load``: a Parquet data set into the store, in bulk."""
    parser = commands.add_parser(
        "load", help="bulk-load a Parquet data set (extract --format parquet) into the store",
        description="Load a data set written by 'communique extract --out DIR --format parquet' into the "
        "store (PostgreSQL through COPY, SQLite in batches), then link its events to the stored stories "
        "and its entities to their actors. Articles already stored are skipped.",
        epilog=LOAD_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("dataset", metavar="DIR", help="the data set directory, or an object-store URI")
    add_db_option(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary on stderr")
    parser.set_defaults(func=load, prog=parser.prog)


def load(args: argparse.Namespace) -> int:
    """Load the data set; the summary goes to stderr."""
    from communique.cli.store import open_db, safe_db
    from communique.scale.load import LoadError
    from communique.scale.load import load as load_dataset
    from communique.store import StoreError

    if "://" not in args.dataset and not Path(args.dataset).is_dir():
        raise UsageError(f"data set not found: {args.dataset}")
    started = time.monotonic()
    engine = open_db(args, create=True)
    show = not args.quiet and sys.stderr.isatty()

    def progress(stats) -> None:
        sys.stderr.write(f"\rcommunique load: {stats.read} articles read, {stats.loaded} loaded, "
                         f"{stats.known} already stored")

    try:
        stats = load_dataset(engine, args.dataset, progress if show else None)
    except (LoadError, StoreError) as exc:
        raise UsageError(str(exc)) from exc
    finally:
        engine.dispose()
    if not args.quiet:
        records = ", ".join(f"{n} {name}" for name, n in stats.rows.items() if name != "articles")
        sys.stderr.write(
            f"{chr(10) if show else ''}communique load: {plural(stats.read, 'article')} read, {stats.loaded} "
            f"loaded, {stats.known} already stored ({records or 'no records'}), "
            f"{time.monotonic() - started:.1f} s; store: {safe_db(args)}\n"
        )
    return EXIT_OK if stats.read else EXIT_NOTHING_PROCESSED
