"""``communique serve``: its options, its refusals, and a real server answering over HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from communique.cli import main

INGEST_ONLY = ["--set", 'pipeline.stages=["ingest"]']
"""Fills a store without loading spaCy: these tests are about serving, not extracting."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def small_store(tmp_path) -> Path:
    source = tmp_path / "news.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "n1",
                "text": "Peru signed a trade deal with Japan in Lima.",
                "published": "2022-01-11",
                "title": "<i>Trade</i>",
            }
        )
        + "\n",
        "utf-8",
    )
    db = tmp_path / "news.db"
    assert main(["ingest", str(source), "--db", str(db), "-q", *INGEST_ONLY]) == 0
    return db


def test_serve_help_lists_its_options(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for option in ("--db", "--host", "--port", "--allow-writes", "--no-extract", "--max-bytes", "--timeout"):
        assert option in out
    assert "127.0.0.1" in out


def test_serve_refuses_a_missing_store(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    assert "no store" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("option", [["--port", "70000"], ["--max-bytes", "0"], ["--timeout", "0"]])
def test_serve_refuses_bad_limits(small_store, option):
    assert main(["serve", "--db", str(small_store), *option]) == 2


def test_serve_answers_over_http_on_localhost(small_store):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "communique",
        "serve",
        "--db",
        str(small_store),
        "--port",
        str(port),
        "--no-extract",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = fetch(f"http://127.0.0.1:{port}/api")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert status == 200
        assert json.loads(body) == {**json.loads(body), "articles": 1, "writes": False, "extract": False}
        status, headers, body = fetch(f"http://127.0.0.1:{port}/api/articles")
        assert json.loads(body)["items"][0]["title"] == "<i>Trade</i>"
        status, headers, page = fetch(f"http://127.0.0.1:{port}/")
        assert status == 200 and b"/static/app.js" in page and b"Trade" not in page
        assert "default-src 'self'" in headers["content-security-policy"]
        assert "server" not in {name.lower() for name in headers}
    finally:
        server.terminate()
        server.wait(timeout=30)


def start_serving(db: Path, *options: str) -> tuple[subprocess.Popen, int]:
    """A real ``communique serve`` on a free loopback port, once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "communique", "serve", "--db", str(db), "--port", str(port)]
    command.append("--no-extract")
    server = subprocess.Popen([*command, *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            fetch(f"http://127.0.0.1:{port}/api")
            return server, port
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise AssertionError(f"the server did not start: {server.stderr.read().decode()}") from None
            time.sleep(0.2)


def raw_status(port: int, head: bytes) -> int:
    """The status a raw HTTP/1.1 request gets (0: the connection closed without an answer)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head)
        answer = connection.recv(4096)
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1") else 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_with_workers_answers_refuses_foreign_hosts_and_answers_a_64_kib_header(small_store, workers):
    server, port = start_serving(small_store, "--workers", workers, "--allowed-host", "news.example.org")
    try:
        def status(host: str, extra: bytes = b"") -> int:
            head = b"GET /api/events HTTP/1.1\r\nHost: " + host.encode() + b"\r\n" + extra
            return raw_status(port, head + b"\r\n")

        assert status(f"127.0.0.1:{port}") == 200
        assert status(f"news.example.org:{port}") == 200
        assert status("evil.example") == 403  # a page on another site reaching us through DNS rebinding
        assert status("127.0.0.1", b"X-Padding: " + b"a" * 65536 + b"\r\n") == 200
        assert status("127.0.0.1", b"X-Padding: " + b"a" * 300_000 + b"\r\n") == 400  # refused, but answered
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("option", [["--workers", "0"], ["--cache-mb", "-1"], ["--extract-memory-mb", "10"]])
def test_serve_refuses_bad_worker_cache_and_memory_options(small_store, option):
    assert main(["serve", "--db", str(small_store), *option]) == 2
