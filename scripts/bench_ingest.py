#!/usr/bin/env python3
"""Ingest vs extract: the time ``communique ingest`` into SQLite takes over ``communique extract`` to a file.

Both commands run the same documents (the first ``--lines`` lines of the corpus) with the same
workers, one after the other, ``--rounds`` times, alternating which goes first so that the load
of other processes on the machine falls on both alike. The ratios reported are the medians of the
per-round ratios, of wall time and of CPU time (user + system, workers included: it hardly moves
with the load of other processes, the wall time does). Each ingest writes a fresh SQLite store;
the last one is then ingested again (it must add nothing) and, with ``--postgres URL``, the same
documents go into a fresh schema of that PostgreSQL database and the row counts of both stores
are compared.

    .venv/bin/python scripts/bench_ingest.py
    .venv/bin/python scripts/bench_ingest.py --lines 150 --rounds 3 \\
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/communique_bench
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import uuid
from itertools import islice
from pathlib import Path

from bench_warc import Measured, measure  # the same runner and memory sampler (scripts/ is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "benchmarks" / "corpus" / "news.jsonl"
COUNTED_TABLES = ("articles", "entities", "mentions", "quotes", "events", "times", "places", "errors")


def first_lines(corpus: Path, lines: int, target: Path) -> Path:
    with corpus.open("rb") as source, target.open("wb") as out:
        out.writelines(islice(source, lines))
    return target


def communique(python: str, *args: str) -> list[str]:
    return [python, "-m", "communique", *args]


def checked(result: Measured, what: str) -> Measured:
    if result.returncode != 0:
        sys.exit(f"{what} failed ({result.returncode}):\n{result.stderr}")
    return result


def table_counts(url: str, tables: tuple[str, ...] = COUNTED_TABLES) -> dict[str, int]:
    """Rows per table of a store."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {name: connection.scalar(text(f"SELECT count(*) FROM {name}")) for name in tables}
    finally:
        engine.dispose()


def alternate(
    documents: Path, folder: Path, args: argparse.Namespace
) -> tuple[list[float], list[float], Path]:
    """The rounds of extract and ingest; the per-round wall and CPU ratios and the last SQLite store."""
    workers = ["--workers", str(args.workers), "-q"]
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    db = folder / "none.db"
    for number in range(args.rounds):
        db = folder / f"round{number}.db"
        output = str(folder / "out.jsonl")
        extract = communique(args.python, "extract", str(documents), "-o", output, *workers)
        ingest = communique(args.python, "ingest", str(documents), "--db", f"sqlite:///{db}", *workers)
        order = [("extract", extract), ("ingest", ingest)]
        if number % 2:
            order.reverse()
        timed = {name: checked(measure(command), name) for name, command in order}
        ratios.append(timed["ingest"].seconds / timed["extract"].seconds)
        cpu_ratios.append(timed["ingest"].cpu_seconds / timed["extract"].cpu_seconds)
        print(f"round {number + 1}: " + ", ".join(
            f"{name} {run.seconds:.1f} s (CPU {run.cpu_seconds:.1f} s), peak process "
            f"{run.max_process_mib:.0f} MiB, tree {run.max_tree_mib:.0f} MiB" for name, run in timed.items())
            + f"; ratio {ratios[-1]:.3f} (CPU {cpu_ratios[-1]:.3f})")
    return ratios, cpu_ratios, db


def again_adds_nothing(documents: Path, db: Path, args: argparse.Namespace) -> None:
    rerun = checked(measure(communique(args.python, "ingest", str(documents), "--db", f"sqlite:///{db}",
                                       "--workers", str(args.workers))), "second ingest")
    summary = rerun.stderr.strip().splitlines()[-1]
    print(f"second ingest into the same store, {rerun.seconds:.1f} s: {summary}")


def into_postgres(documents: Path, base: str, args: argparse.Namespace) -> dict[str, int]:
    """Ingest into a new schema of ``base``, count its rows, drop the schema."""
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
        run = checked(measure(communique(args.python, "ingest", str(documents), "--db", url, "--workers",
                                         str(args.workers), "-q")), "ingest into PostgreSQL")
        print(f"ingest into PostgreSQL: {run.seconds:.1f} s")
        return table_counts(url)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--lines", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", metavar="URL", help="also ingest into this PostgreSQL database")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        documents = first_lines(args.corpus, args.lines, folder / "docs.jsonl")
        ratios, cpu_ratios, db = alternate(documents, folder, args)
        print(f"ingest / extract, median of {len(ratios)} rounds: wall {statistics.median(ratios):.3f}, "
              f"CPU {statistics.median(cpu_ratios):.3f}")
        again_adds_nothing(documents, db, args)
        sqlite_counts = table_counts(f"sqlite:///{db}")
        print(f"SQLite rows: {sqlite_counts}")
        if args.postgres:
            postgres_counts = into_postgres(documents, args.postgres, args)
            print(f"PostgreSQL rows: {postgres_counts}")
            print("same counts" if postgres_counts == sqlite_counts else "COUNTS DIFFER")
    return 0


if __name__ == "__main__":
    sys.exit(main())
