#!/usr/bin/env python3
"""The JSON API under load: many concurrent clients against ``communique serve`` on 127.0.0.1.

The store is the first ``--lines`` articles of the corpus, ingested once into ``--db`` (built when
the file is missing, reused after). A server is started on a free loopback port (``--workers N`` is
passed on), then ``--clients`` asynchronous clients each send one request after another for
``--duration`` seconds (or until ``--max-requests`` in all), rotating over events, articles, quotes,
the network and timelines with a few filters and pages. Every answer that is not a 2xx, and every
request that fails or passes ``--request-timeout``, counts as an error. Reports requests/s and
latency percentiles, overall and per endpoint.

    .venv/bin/python scripts/bench_api.py --db /tmp/api300.db                 # 200 clients, 60 s
    .venv/bin/python scripts/bench_api.py --db /tmp/api300.db --workers 2 --json api.json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "benchmarks" / "corpus" / "news.jsonl"
HOST = "127.0.0.1"  # the only address this script talks to
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy

# Filters an analyst browsing the corpus would try: big actors, common types, a word search, pages.
ACTORS = ("USA", "RUS", "UKR", "CHN", "ISR", "GBR", "IRN", "FRA")
WORDS = ("minister", "election", "talks", "police", "war")
TYPES = ("CONSULT", "ACCUSE", "ASSAULT", "SUPPORT")


def request_paths(rng: random.Random) -> list[tuple[str, str]]:
    """One round of (endpoint, path) over the five endpoints, with random filters and pages."""
    actor, other = rng.sample(ACTORS, 2)
    return [
        ("events", f"/api/events?limit=50&offset={rng.randrange(0, 400, 50)}"),
        ("events", f"/api/events?actor={actor}&type={rng.choice(TYPES)}"),
        ("articles", f"/api/articles?limit=50&offset={rng.randrange(0, 250, 50)}"),
        ("articles", f"/api/articles?q={rng.choice(WORDS)}"),
        ("quotes", f"/api/quotes?limit=50&offset={rng.randrange(0, 1000, 50)}"),
        ("quotes", f"/api/quotes?speaker={actor}"),
        ("network", "/api/network"),
        ("network", f"/api/network?actor={actor}"),
        ("timeline", f"/api/timeline?actor={actor}"),
        ("timeline", f"/api/timeline?actor={actor}&actor={other}"),
    ]


@dataclass
class Results:
    """Latencies (seconds) of the answered requests per endpoint, and the errors seen."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    sent: int = 0

    def record(self, endpoint: str, seconds: float, error: str | None) -> None:
        self.latencies.setdefault(endpoint, []).append(seconds)
        if error is not None:
            self.errors[error] = self.errors.get(error, 0) + 1


class Connection:
    """One keep-alive HTTP/1.1 connection: a hand-rolled GET over asyncio streams.

    A client library costs more CPU per request than the server answering from its cache (httpx: 2 ms
    per request with its own pool, 14 ms with one pool shared by 200 clients), and the two share the
    same two cores here; the bench would measure the client.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        """The status of ``GET path``, its body read to the end."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(HOST, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        status = int(head.split(" ", 2)[1])
        lengths = [int(line[15:]) for line in head.split("\r\n") if line.startswith("content-length:")]
        if not lengths:
            raise ValueError("an answer without Content-Length")
        await reader.readexactly(lengths[0])
        if "connection: close" in head:
            self.close()
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def client(number: int, port: int, deadline: float, cap: int, timeout: float, results: Results) -> None:
    """One client on its own connection: request after request until the deadline or the overall cap."""
    rng = random.Random(number)
    connection = Connection(port)
    try:
        while True:
            for endpoint, path in request_paths(rng):
                if time.monotonic() >= deadline or results.sent >= cap:
                    return
                results.sent += 1
                started = time.monotonic()
                try:
                    status = await asyncio.wait_for(connection.get(path), timeout)
                    error = None if 200 <= status < 300 else f"HTTP {status}"
                except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError) as exc:
                    error = type(exc).__name__
                    connection.close()
                results.record(endpoint, time.monotonic() - started, error)
    finally:
        connection.close()


async def load(port: int, clients: int, duration: float, cap: int, timeout: float) -> tuple[Results, float]:
    """Run the clients; the results and the wall time they took."""
    results = Results()
    started = time.monotonic()
    deadline = started + duration
    await asyncio.gather(*(client(n, port, deadline, cap, timeout, results) for n in range(clients)))
    return results, time.monotonic() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(results: Results, wall: float) -> dict:
    """Requests/s, error count and latency percentiles, overall and per endpoint."""

    def figures(values: list[float]) -> dict:
        return {
            "requests": len(values),
            "p50_s": round(percentile(values, 0.50), 3),
            "p90_s": round(percentile(values, 0.90), 3),
            "p99_s": round(percentile(values, 0.99), 3),
            "max_s": round(max(values), 3),
            "mean_s": round(statistics.fmean(values), 3),
        }

    every = [s for values in results.latencies.values() for s in values]
    return {
        **figures(every),
        "requests_per_s": round(len(every) / wall, 1),
        "wall_s": round(wall, 1),
        "errors": sum(results.errors.values()),
        "error_kinds": results.errors,
        "endpoints": {name: figures(values) for name, values in sorted(results.latencies.items())},
    }


def build_store(db: Path, lines: int) -> None:
    """Ingest the first ``lines`` corpus articles into a new SQLite file (once; reused after)."""
    with tempfile.TemporaryDirectory() as folder:
        first = Path(folder) / "first.jsonl"
        with CORPUS.open("rb") as source, first.open("wb") as out:
            out.writelines(islice(source, lines))
        command = ["communique", "ingest", str(first), "--db", f"sqlite:///{db}", "--workers", "2", "-q"]
        subprocess.run(command, check=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(serve: str, db: Path, port: int, workers: int) -> subprocess.Popen:
    """The server command on the loopback address, extraction off; returns once it answers."""
    command = [*shlex.split(serve), "--db", str(db), "--host", HOST, "--port", str(port), "--no-extract"]
    if workers > 1:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        with contextlib.suppress(OSError), DIRECT.open(f"http://{HOST}:{port}/api", timeout=1) as answer:
            if answer.status == 200:
                return server
        if server.poll() is not None:
            raise SystemExit(f"communique serve exited with status {server.returncode}")
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("communique serve did not answer within 60 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the SQLite store (built when missing)")
    parser.add_argument("--lines", type=int, default=300, help="corpus articles in a new store (default 300)")
    parser.add_argument("--clients", type=int, default=200, help="concurrent clients (default 200)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many in all")
    parser.add_argument("--request-timeout", type=float, default=30.0, help="seconds before a request fails")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    parser.add_argument("--serve", default="communique serve",
                        help="the server command (default: communique serve); another checkout's, to compare")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    if not args.db.exists():
        build_store(args.db, args.lines)
    port = free_port()
    server = start_server(args.serve, args.db, port, args.workers)
    try:
        results, wall = asyncio.run(
            load(port, args.clients, args.duration, args.max_requests, args.request_timeout)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = {"clients": args.clients, "server_workers": args.workers, **summary(results, wall)}
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
