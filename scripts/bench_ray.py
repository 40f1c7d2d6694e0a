#!/usr/bin/env python3
"""The Ray engine against the local pool: wall time, records, memory per actor (issue 15).

``communique extract --engine ray`` (Ray started by the command on this machine with ``--cpus`` CPUs,
one actor per CPU) and ``communique extract --workers N`` (the local pool, N = ``--cpus``) run the same
documents (the first ``--lines`` lines of the throughput corpus), ``--rounds`` times each, alternating
which goes first so that the load of other processes falls on both alike. Model loading and Ray's
start-up are inside the measured time: each command is a fresh process. Reported: the fastest run of
each and their ratio (ray ÷ local), whether both wrote the same records (every output line, compared
after sorting), and the peak RSS of each Ray actor process (sampled from /proc every 0.2 s).

``--scaling`` adds runs with 1 CPU and a run on two documents (start-up and model loading alone), the
figures a user sizes a cluster from. ``--warc SIZE`` instead generates a WARC file (as
scripts/bench_warc.py does), writes it as a Parquet data set with ``--engine ray``, loads the data set
into ``--db`` and compares the row counts with a local ``communique ingest`` of the same file.

    .venv/bin/python scripts/bench_ray.py                          # 300 documents, 2 CPUs, 2 rounds
    .venv/bin/python scripts/bench_ray.py --scaling --rounds 1
    .venv/bin/python scripts/bench_ray.py --warc 1G --db postgresql+psycopg://postgres@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from bench_ingest import table_counts  # scripts/ is on sys.path
from bench_warc import descendants, parse_size, rss_kib, write_warc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "benchmarks" / "corpus" / "news.jsonl"
TABLES = ("articles", "entities", "mentions", "quotes", "events", "event_actors", "event_spans", "times",
          "places", "errors", "stories", "event_links")
MIB = 1 << 20


@dataclass
class Run:
    """One command: wall seconds, exit status, stderr, and the peak RSS (MiB) of each process seen."""

    seconds: float
    returncode: int
    stderr: str
    peaks: dict[int, tuple[float, str]] = field(default_factory=dict)  # pid -> (MiB, process title)

    def actor_peaks(self) -> list[float]:
        """The peak RSS of each Ray actor that ran the pipeline."""
        return sorted((mib for mib, title in self.peaks.values() if "PipelineActor" in title), reverse=True)

    def largest(self) -> float:
        return max((mib for mib, _ in self.peaks.values()), default=0.0)


def title(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:120]
    except OSError:
        return ""


def sample(root: int, peaks: dict[int, tuple[float, str]], done: threading.Event) -> None:
    while not done.wait(0.2):
        for pid in descendants(root):
            mib = rss_kib(pid) / 1024
            if mib > peaks.get(pid, (0.0, ""))[0]:
                peaks[pid] = (mib, title(pid) or peaks.get(pid, (0, ""))[1])


def measure(command: list[str]) -> Run:
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        peaks: dict[int, tuple[float, str]] = {}
        done = threading.Event()
        sampler = threading.Thread(target=sample, args=(process.pid, peaks, done), daemon=True)
        sampler.start()
        process.wait()
        done.set()
        sampler.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(time.monotonic() - started, process.returncode, stderr, peaks)


def checked(run: Run, what: str) -> Run:
    if run.returncode != 0:
        sys.exit(f"{what} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return run


def first_lines(lines: int, target: Path) -> Path:
    with CORPUS.open("rb") as source, target.open("wb") as out:
        out.writelines(islice(source, lines))
    return target


def extract(python: str, source: Path, out: Path, engine: str, cpus: int) -> list[str]:
    return [python, "-m", "communique", "extract", str(source), "-o", str(out), "-q", "--engine", engine,
            "--workers", str(cpus)]


def same_records(a: Path, b: Path) -> bool:
    def lines(path: Path) -> list[str]:
        return sorted(json.dumps(json.loads(line), sort_keys=True) for line in path.open(encoding="utf-8"))

    return lines(a) == lines(b)


def compare(args: argparse.Namespace, folder: Path, source: Path, cpus: int, rounds: int) -> dict:
    """The fastest of ``rounds`` runs of each engine on ``source`` with ``cpus`` CPUs."""
    times: dict[str, list[float]] = {"local": [], "ray": []}
    actors: list[float] = []
    outputs = {engine: folder / f"{engine}-{cpus}.jsonl" for engine in times}
    for number in range(rounds):
        order = ["local", "ray"] if number % 2 == 0 else ["ray", "local"]
        for engine in order:
            run = checked(measure(extract(args.python, source, outputs[engine], engine, cpus)), engine)
            times[engine].append(run.seconds)
            if engine == "ray":
                actors.extend(run.actor_peaks())
            print(f"  round {number + 1} {engine:5} {cpus} CPU: {run.seconds:6.1f} s", file=sys.stderr)
    documents = sum(1 for _ in source.open("rb"))
    local, ray = min(times["local"]), min(times["ray"])
    return {
        "cpus": cpus, "documents": documents, "local_s": round(local, 1), "ray_s": round(ray, 1),
        "ratio_ray_over_local": round(ray / local, 3), "same_records": same_records(*outputs.values()),
        "ray_docs_per_s_per_cpu": round(documents / ray / cpus, 3),
        "local_docs_per_s_per_cpu": round(documents / local / cpus, 3),
        "peak_actor_mib": round(max(actors, default=0.0)), "all_runs_s": {k: [round(t, 1) for t in v]
                                                                          for k, v in times.items()},
    }


def schema_url(base: str, schema: str) -> str:
    """A PostgreSQL URL whose tables live in their own schema (created here), or a SQLite path as is."""
    if not base.startswith("postgresql"):
        return base
    from sqlalchemy import create_engine, text

    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    admin.dispose()
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


def drop_schemas(base: str | None, schemas: list[str]) -> None:
    """Remove the schemas this run made in a PostgreSQL database (SQLite files go with the folder)."""
    if not base or not base.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(base)
    with admin.begin() as connection:
        for schema in schemas:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    admin.dispose()


def warc_run(args: argparse.Namespace, folder: Path) -> dict:
    """A generated WARC → Parquet with Ray → ``load``; against a local ingest of the same file."""
    warc = folder / "bench.warc"
    started = time.monotonic()
    records = write_warc(warc, args.warc, args.pages)
    generated = time.monotonic() - started
    out = folder / "dataset"
    tag = uuid.uuid4().hex[:8]
    python = args.python
    ray = checked(measure([python, "-m", "communique", "extract", str(warc), "--engine", "ray", "--workers",
                           str(args.cpus), "--out", str(out), "--format", "parquet", "-q"]), "ray extract")
    base = args.db or f"sqlite:///{folder / 'loaded.db'}"
    loaded_url = schema_url(base, f"bench_ray_load_{tag}")
    load = checked(measure([python, "-m", "communique", "load", str(out), "--db", loaded_url, "-q"]), "load")
    again = checked(measure([python, "-m", "communique", "load", str(out), "--db", loaded_url, "-q"]), "load")
    local_base = args.db or f"sqlite:///{folder / 'local.db'}"
    local_url = schema_url(local_base, f"bench_ray_local_{tag}")
    local = checked(measure([python, "-m", "communique", "ingest", str(warc), "--db", local_url, "--workers",
                             str(args.cpus), "-q"]), "local ingest")
    loaded, ingested = table_counts(loaded_url, TABLES), table_counts(local_url, TABLES)
    twice = loaded == table_counts(loaded_url, TABLES)
    drop_schemas(args.db, [f"bench_ray_load_{tag}", f"bench_ray_local_{tag}"])
    return {
        "warc_mib": round(warc.stat().st_size / MIB), "records": records, "generate_s": round(generated, 1),
        "ray_extract_s": round(ray.seconds, 1), "peak_actor_mib": round(max(ray.actor_peaks(), default=0)),
        "actors": len(ray.actor_peaks()), "load_s": round(load.seconds, 1),
        "load_again_s": round(again.seconds, 1), "local_ingest_s": round(local.seconds, 1),
        "rows_loaded": loaded, "rows_local_ingest": ingested, "same_counts": loaded == ingested,
        "load_twice_same": twice,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=300, help="documents from the corpus (default 300)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each engine (default 2)")
    parser.add_argument("--cpus", type=int, default=2, help="Ray CPUs and local workers (default 2)")
    parser.add_argument("--scaling", action="store_true", help="also 1 CPU, and start-up alone")
    parser.add_argument("--warc", type=parse_size, help="instead: a generated WARC of this size (e.g. 1G)")
    parser.add_argument("--pages", type=int, default=300, help="HTML pages in the WARC (default 300)")
    parser.add_argument("--db", help="the store to load into (default: SQLite files in the temporary folder)")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as temp:
        folder = Path(temp)
        if args.warc:
            report = {"warc": warc_run(args, folder)}
        else:
            source = first_lines(args.lines, folder / "news.jsonl")
            report = {"compare": compare(args, folder, source, args.cpus, args.rounds)}
            if args.scaling:
                report["one_cpu"] = compare(args, folder, source, 1, 1)
                startup = first_lines(2, folder / "two.jsonl")
                report["startup"] = compare(args, folder, startup, args.cpus, 1)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
