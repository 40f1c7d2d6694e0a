#!/usr/bin/env python3
"""WARC streaming benchmark: ``communique ingest`` on a generated 1 GiB WARC file, with its peak memory.

The pipeline handles a few documents per second per core, so a gigabyte of HTML pages would take
hours. Like a real crawl, most of the generated file is what ingest skips: large binary responses
(images, PDFs) and the request and metadata records around them; only ``--pages`` records (300 by
default) are HTML pages that go through the pipeline. The file is still read from end to end, so
its size is what the streaming is measured on: the same pages are also ingested from a small file
(``--small``, 100 MiB by default), and the two peaks should be about equal. A reader that held the
file (or a record) in memory would show the difference.

The file is written record by record into a temporary directory (never built in memory) and
deleted afterwards unless ``--keep``. Peak memory is measured two ways: the largest single
process (``ru_maxrss`` from ``wait4``, the ingest process or one of its workers) and the largest
sum over the process tree (sampled from /proc every 0.2 s on Linux).

    .venv/bin/python scripts/bench_warc.py                       # 1 GiB and 100 MiB, 300 pages, 2 workers
    .venv/bin/python scripts/bench_warc.py --size 256M --pages 40 --workers 1
    .venv/bin/python scripts/bench_warc.py --stages ingest       # reading and storing only, no model
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1 << 20
BINARY_RECORD = 4 * MIB
"""Payload of one skipped binary response: large, so that the skipping is what streams."""

# A few made-up words to build news-like paragraphs from; the texts only need to look like news to
# the pipeline (names, places, dates, reporting verbs), not to say anything.
OFFICIALS = ["foreign minister", "defence minister", "prime minister", "mayor", "ambassador", "spokeswoman"]
NAMES = ["Aino Lehtonen", "Marek Kask", "Ines Duarte", "Tomas Berg", "Leila Haddad", "Kofi Mensah"]
COUNTRIES = ["Finland", "Estonia", "Portugal", "Norway", "Lebanon", "Ghana", "Chile", "Japan"]
CITIES = ["Helsinki", "Tallinn", "Lisbon", "Oslo", "Beirut", "Accra", "Santiago", "Osaka"]
VERBS = ["met", "criticised", "thanked", "urged", "visited", "accused", "signed an agreement with"]
TOPICS = ["fishing quotas", "port fees", "a gas pipeline", "border checks", "grain exports", "a ferry strike"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sentence(rng: random.Random) -> str:
    """One news-like sentence."""
    return (
        f"The {rng.choice(OFFICIALS)} of {rng.choice(COUNTRIES)}, {rng.choice(NAMES)}, "
        f"{rng.choice(VERBS)} officials from {rng.choice(COUNTRIES)} in {rng.choice(CITIES)} on "
        f"{rng.choice(DAYS)} over {rng.choice(TOPICS)}, {rng.choice(NAMES)} told reporters."
    )


def html_page(number: int, rng: random.Random) -> bytes:
    """A made-up news page: a title and a few paragraphs."""
    title = f"Talks on {rng.choice(TOPICS)} in {rng.choice(CITIES)} (report {number})"
    paragraphs = "".join(
        "<p>" + " ".join(sentence(rng) for _ in range(rng.randint(2, 4))) + "</p>"
        for _ in range(rng.randint(4, 7))
    )
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Wire service</footer></body></html>"
    ).encode()


def write_warc(path: Path, size: int, pages: int, seed: int = 1) -> int:
    """Write a WARC of about ``size`` bytes with ``pages`` HTML responses spread evenly among large
    binary responses, each with its request record; returns the number of records."""
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    noise = rng.randbytes(BINARY_RECORD)  # one random block, rotated per record: incompressible
    binaries = max(1, size // BINARY_RECORD)
    records = page = 0
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for number in range(binaries):
            while page < (number + 1) * pages // binaries:  # the pages spread evenly through the file
                records += write_response(writer, f"https://news.example/{page}", "text/html; charset=utf-8",
                                          html_page(page, rng))
                page += 1
            shift = rng.randrange(BINARY_RECORD)
            records += write_response(writer, f"https://news.example/img/{number}.jpg", "image/jpeg",
                                      noise[shift:] + noise[:shift])
    return records


def write_response(writer, url: str, kind: str, body: bytes) -> int:
    """A request record and its response record; returns 2."""
    from warcio.statusandheaders import StatusAndHeaders

    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    response = StatusAndHeaders("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body)))],
                                protocol="HTTP/1.1")
    for rec_type, headers, payload in (("request", request, b""), ("response", response, body)):
        record = writer.create_warc_record(url, rec_type, payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(record)
    return 2


@dataclass
class Measured:
    """A finished command: exit status, wall and CPU time, peak memory and its stderr."""

    returncode: int
    seconds: float
    cpu_seconds: float  # user + system time of the process and its waited-for children (the workers)
    max_process_mib: float  # the largest single process (ru_maxrss)
    max_tree_mib: float  # the largest sum over the process and its children, sampled
    stderr: str


def measure(command: list[str], cwd: Path | None = None) -> Measured:
    """Run ``command``, sampling the RSS of its process tree, and wait for it with ``wait4``."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        peak = [0]
        done = threading.Event()
        sampler = threading.Thread(target=sample_tree, args=(process.pid, peak, done), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    seconds = time.monotonic() - started
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(process.returncode, seconds, cpu, usage.ru_maxrss / 1024, peak[0] / 1024, stderr)


def sample_tree(root: int, peak: list[int], done: threading.Event) -> None:
    """Keep in ``peak[0]`` the largest total RSS (KiB) of ``root`` and its descendants seen so far."""
    while not done.wait(0.2):
        peak[0] = max(peak[0], tree_rss_kib(root))


def tree_rss_kib(root: int) -> int:
    """The RSS of ``root`` and its descendants, from /proc (0 where there is no /proc)."""
    return sum(rss_kib(pid) for pid in descendants(root))


def descendants(root: int) -> set[int]:
    """``root`` and every process below it, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
            parents[int(entry.name)] = int(fields[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, changed = {root}, True
    while changed:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        changed, tree = grown != tree, grown
    return tree


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def ingest_command(warc: Path, db: Path, args: argparse.Namespace) -> list[str]:
    command = [args.python, "-m", "communique", "ingest", str(warc), "--db", str(db), "--workers",
               str(args.workers), "-q"]
    if args.stages:
        stages = json.dumps(args.stages.split(","))
        command += ["--set", f"pipeline.stages={stages}"]
    return command


def stored_articles(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]


def run_one(folder: Path, size: int, args: argparse.Namespace) -> dict:
    """Generate a file of ``size`` bytes, ingest it, and report what it took."""
    warc = folder / f"bench-{size // MIB}M.warc{'.gz' if args.gzip else ''}"
    started = time.monotonic()
    records = write_warc(warc, size, args.pages)
    generated = time.monotonic() - started
    db = folder / f"bench-{size // MIB}M.db"
    result = measure(ingest_command(warc, db, args))
    if result.returncode != 0:
        sys.exit(f"ingest failed ({result.returncode}):\n{result.stderr}")
    report = {
        "file_mib": round(warc.stat().st_size / MIB, 1), "records": records, "stored": stored_articles(db),
        "generate_s": round(generated, 1), "ingest_s": round(result.seconds, 1),
        "peak_process_mib": round(result.max_process_mib), "peak_tree_mib": round(result.max_tree_mib),
    }
    if not args.keep:
        warc.unlink()
    return report


def parse_size(text: str) -> int:
    """``1G``, ``100M``, ``512K`` or a number of bytes."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().removesuffix("IB").removesuffix("B")
    return int(float(text[:-1]) * units[text[-1]]) if text[-1:] in units else int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=1 << 30, help="the big file (default 1G)")
    parser.add_argument("--small", type=parse_size, default=100 * MIB, help="the small file (default 100M)")
    parser.add_argument("--pages", type=int, default=300, help="HTML pages in each file (default 300)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--gzip", action="store_true", help="write .warc.gz (one gzip member per record)")
    parser.add_argument("--stages", help="comma-separated pipeline stages, e.g. 'ingest' (default: all)")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--dir", type=Path, help="where to write the files and stores (default: a temporary "
                        "directory, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the generated WARC files in --dir")
    args = parser.parse_args(argv)
    sizes = (("small", args.small), ("big", args.size))
    if args.dir:  # a folder of the user's: files left there with --keep
        args.dir.mkdir(parents=True, exist_ok=True)
        runs = {label: run_one(args.dir, size, args) for label, size in sizes}
    else:
        with tempfile.TemporaryDirectory() as folder:
            runs = {label: run_one(Path(folder), size, args) for label, size in sizes}
    for label, report in runs.items():
        print(f"{label}: " + ", ".join(f"{key}={value}" for key, value in report.items()))
    growth = runs["big"]["peak_tree_mib"] - runs["small"]["peak_tree_mib"]
    print(f"peak memory, big minus small file: {growth:+d} MiB (process tree)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
