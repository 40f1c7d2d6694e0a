"""The store commands run for real: ingest (also after SIGKILL), events, quotes, export."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from communique.cli import main

ROOT = Path(__file__).resolve().parents[2]
INGEST_ONLY = ["--set", 'pipeline.stages=["ingest"]']
"""Runs the real CLI without loading spaCy, for tests about storing rather than extraction."""

STORIES = [
    "The foreign minister of Norway met the Chilean ambassador in Oslo on Monday. "
    '"We will keep talking," the minister told reporters after the meeting.',
    "Farmers in Lyon blocked roads with tractors on Tuesday to protest against new fuel taxes.",
    "The government of Peru signed a trade agreement with Japan in Lima on Wednesday.",
    "Police in Nairobi arrested twelve protesters outside parliament on Thursday, witnesses said.",
    "Kenya's president thanked Tanzania for sending firefighters to the forest near Mount Kenya.",
    "Germany's chancellor visited Poland on Friday to discuss energy supplies with its prime minister.",
    "The mayor of Quito urged residents to save water during the drought, her office said on Saturday.",
    "Chile's navy rescued the crew of a fishing boat off Valparaiso on Sunday, officials said.",
]


def communique(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    """The real command line, as ``python -m communique``."""
    return subprocess.run(
        [sys.executable, "-m", "communique", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300
    )


def write_jsonl(path: Path, texts: list[str]) -> Path:
    lines = [json.dumps({"id": f"s{n}", "text": t, "published": "2022-01-11"}) for n, t in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored(db: Path) -> tuple[int, int]:
    """(articles, distinct keys) in a SQLite store; (0, 0) before its tables exist."""
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT count(*), count(DISTINCT key) FROM articles").fetchone()
    except sqlite3.OperationalError:
        return (0, 0)


def kill_when_stored(command: list[str], db: Path, at_least: int, cwd: Path) -> int:
    """Start ``command``, SIGKILL it once ``at_least`` articles are stored; the count at the kill."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while stored(db)[0] < at_least and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
        return stored(db)[0]
    finally:
        if process.poll() is None:
            process.kill()


# --- ingest, plumbing only -------------------------------------------------------------------------


def test_ingest_twice_adds_nothing_the_second_time(tmp_path):
    source = write_jsonl(tmp_path / "news.jsonl", STORIES[:3])
    first = communique("ingest", str(source), *INGEST_ONLY, cwd=tmp_path)
    assert first.returncode == 0, first.stderr.decode()
    assert b"3 stored" in first.stderr and (tmp_path / "communique.db").exists()  # the default store
    second = communique("ingest", str(source), *INGEST_ONLY, cwd=tmp_path)
    assert (
        second.returncode == 0 and b"0 stored" in second.stderr and b"3 already in the store" in second.stderr
    )
    assert stored(tmp_path / "communique.db") == (3, 3)


def test_ingest_killed_with_sigkill_finishes_the_rest_on_the_next_run(tmp_path):
    total = 3000
    source = write_jsonl(
        tmp_path / "many.jsonl", [f"Story {n}: talks in Lima went on." for n in range(total)]
    )
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "communique", "ingest", str(source), "--db", str(db), "-q", *INGEST_ONLY]
    at_kill = kill_when_stored(command, db, 50, tmp_path)
    assert 0 < at_kill < total  # killed in the middle, not after the end
    rerun = communique("ingest", str(source), "--db", str(db), *INGEST_ONLY, cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert stored(db) == (total, total)
    assert f"{at_kill} already in the store".encode() in rerun.stderr


def test_ingest_reads_stdin_csv_and_feeds_in_one_run(tmp_path):
    (tmp_path / "n.csv").write_text("body\nRain fell in Quito on Monday.\n")
    (tmp_path / "f.rss").write_text(
        "<rss><channel><title>Gazette</title><item><title>T</title><link>https://g.example/1</link>"
        "<description>Ferries sailed again in Bergen.</description></item></channel></rss>"
    )
    result = communique(
        "ingest",
        "n.csv",
        "f.rss",
        "-",
        "--text-column",
        "body",
        *INGEST_ONLY,
        cwd=tmp_path,
        stdin=b"Talks in Lima ended on Friday.",
    )
    assert result.returncode == 0 and b"3 stored" in result.stderr, result.stderr.decode()


def test_ingest_with_two_workers_stores_every_article_once(tmp_path):
    texts = [f"Story {n}: talks in Lima went on." for n in range(40)]
    source = write_jsonl(tmp_path / "news.jsonl", texts + texts[:5])  # five repeated
    result = communique("ingest", str(source), "--db", "w.db", "--workers", "2", *INGEST_ONLY, cwd=tmp_path)
    assert result.returncode == 0 and b"40 stored" in result.stderr and b"5 already" in result.stderr
    assert stored(tmp_path / "w.db") == (40, 40)


def test_ingest_of_nothing_usable_exits_1(tmp_path):
    (tmp_path / "bad.jsonl").write_text("not json\n")
    result = communique("ingest", "bad.jsonl", *INGEST_ONLY, cwd=tmp_path)
    assert result.returncode == 1 and b"not stored: line-1" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["ingest", "missing.jsonl"], "input not found"),
        (["ingest", "x.txt", "--workers", "0"], "--workers"),
        (["ingest", "x.txt", "--db", "nosuchdb://x"], "URL"),
        (["events", "--db", "absent.db"], "no store"),
        (["events", "--db", "s.db", "--since", "last week"], "--since"),
        (["export", "--db", "s.db", "--format", "parquet"], "parquet"),
        (["export", "--db", "s.db", "--format", "csv", "--table", "contract"], "contract"),
        (["export", "--db", "s.db", "--format", "gdelt", "--table", "events"], "--table gdelt"),
        (["timeline", "--db", "s.db", "--actor", "A", "--actor", "B", "--actor", "C"], "two actor sides"),
    ],
)
def test_store_usage_errors_exit_2_with_one_line(tmp_path, monkeypatch, capsys, args, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("Talks in Lima ended.")
    assert main(["ingest", "x.txt", "--db", "s.db", "-q", *INGEST_ONLY]) == 0
    assert main(args) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


@pytest.mark.skipif(not os.environ.get("COMMUNIQUE_TEST_POSTGRES_URL"), reason="no PostgreSQL to test on")
def test_ingest_into_postgresql(tmp_path):
    from sqlalchemy import create_engine, text

    base = os.environ["COMMUNIQUE_TEST_POSTGRES_URL"]
    schema = f"communique_cli_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
        source = write_jsonl(tmp_path / "news.jsonl", STORIES[:2])
        for expected in (b"2 stored", b"0 stored"):
            result = communique("ingest", str(source), "--db", url, *INGEST_ONLY, cwd=tmp_path)
            assert result.returncode == 0 and expected in result.stderr, result.stderr.decode()
        with admin.connect() as connection:
            assert connection.scalar(text(f"SELECT count(*) FROM {schema}.articles")) == 2
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


# --- the real model: one store, filled once, killed once -------------------------------------------


@pytest.fixture(scope="module")
def real_store(tmp_path_factory) -> tuple[Path, Path, int]:
    """The real pipeline over the stories, one article per batch, killed after the first is stored,
    then run again to the end. Returns (folder, store, articles stored when it was killed)."""
    folder = tmp_path_factory.mktemp("real")
    source = write_jsonl(folder / "news.jsonl", STORIES)
    db = folder / "real.db"
    command = [
        sys.executable,
        "-m",
        "communique",
        "ingest",
        str(source),
        "--db",
        str(db),
        "-q",
        "--set",
        "pipeline.batch_size=1",
        "--set",
        "stages.nlp.batch_size=1",
    ]
    at_kill = kill_when_stored(command, db, 1, folder)
    rerun = communique(*command[3:], cwd=folder)
    assert rerun.returncode == 0, rerun.stderr.decode()
    return folder, db, at_kill


def test_real_ingest_killed_midway_ends_with_every_article_once(real_store):
    _, db, at_kill = real_store
    assert 0 < at_kill < len(STORIES)
    assert stored(db) == (len(STORIES), len(STORIES))


def test_events_command_finds_the_meeting_by_actor_and_type(real_store):
    folder, db, _ = real_store
    result = communique(
        "events", "--db", str(db), "--actor", "NOR", "--type", "CONSULT", "--format", "jsonl", cwd=folder
    )
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert result.returncode == 0 and rows, result.stderr.decode()
    assert all(row["plover"] == "CONSULT" and row["article"] == "s0" for row in rows)
    assert any(row["trigger"] == "met" for row in rows)


def test_quotes_command_finds_the_ministers_words(real_store):
    folder, db, _ = real_store
    result = communique("quotes", "--db", str(db), "--format", "csv", cwd=folder)
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert any("keep talking" in row["text"] and row["kind"] == "direct" for row in rows)


def test_quotes_command_lists_speech_and_writing_unless_asked(real_store):
    folder, db, _ = real_store
    said = communique("quotes", "--db", str(db), "--format", "jsonl", cwd=folder)
    every = communique("quotes", "--db", str(db), "--format", "jsonl", "--attribution", "all", cwd=folder)
    kinds = [json.loads(line)["attribution"] for line in said.stdout.decode().splitlines()]
    assert kinds and set(kinds) <= {"speech", "writing"}
    assert len(every.stdout.decode().splitlines()) >= len(kinds)
    wrong = communique("quotes", "--db", str(db), "--attribution", "rumour", cwd=folder)
    assert wrong.returncode == 2 and b"rumour" in wrong.stderr


def test_export_writes_contract_lines_and_a_parquet_table(real_store):
    folder, db, _ = real_store
    lines = communique("export", "--db", str(db), cwd=folder).stdout.decode().splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(f"s{n}" for n in range(len(STORIES)))
    result = communique("export", "--db", str(db), "--format", "parquet", "-o", "events.parquet", cwd=folder)
    assert result.returncode == 0
    assert pq.read_table(folder / "events.parquet").num_rows >= 1


def test_the_events_table_is_readable_in_a_terminal(real_store):
    folder, db, _ = real_store
    result = communique("events", "--db", str(db), "--type", "CONSULT", cwd=folder)
    header = result.stdout.decode().splitlines()[0].split()
    assert header[:4] == ["date", "plover", "cameo", "source"]


def test_timeline_counts_the_meeting_in_its_month(real_store):
    folder, db, _ = real_store
    result = communique(
        "timeline", "--db", str(db), "--type", "CONSULT", "--actor", "NOR", "--counts", "--format", "jsonl",
        cwd=folder,
    )
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert rows and all(row["plover"] == "CONSULT" and row["period"].startswith("2022-01") for row in rows)


def test_timeline_lists_the_visit_between_germany_and_poland_with_its_sentence(real_store):
    folder, db, _ = real_store
    result = communique(
        "timeline", "--db", str(db), "--actor", "POL", "--actor", "DEU", "--format", "jsonl", cwd=folder
    )
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert result.returncode == 0 and rows, result.stderr.decode()
    assert any(row["plover"] == "CONSULT" and "visited Poland" in row["sentence"] for row in rows)
    assert all(row["article"] == "s5" and row["reports"] >= 1 for row in rows)


def test_export_gdelt_writes_a_tab_separated_row_per_linked_event(real_store):
    folder, db, _ = real_store
    result = communique("export", "--db", str(db), "--format", "gdelt", cwd=folder)
    header, *lines = result.stdout.decode().splitlines()
    assert result.returncode == 0 and header.startswith("GLOBALEVENTID\tSQLDATE\t")
    assert lines and all(len(line.split("\t")) == len(header.split("\t")) for line in lines)
