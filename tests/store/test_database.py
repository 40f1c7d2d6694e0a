"""Opening a store: migrations to the newest revision, SQLite pragmas, refusing what cannot be opened."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from communique.cli import main
from communique.store import StoreError, open_store
from communique.store import database as database_module
from communique.store.database import migrate
from communique.store.schema import metadata


def test_a_new_store_has_every_table_and_the_newest_revision(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0008"


def test_the_migrations_build_exactly_the_schema_the_code_declares(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_opening_twice_migrates_once_and_keeps_the_rows(store_url, article):
    from communique.store.writer import write_article

    first = open_store(store_url)
    write_article(first, article, "k1")
    first.dispose()
    second = open_store(store_url)
    with second.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM articles")) == 1
        assert connection.scalar(text("SELECT count(*) FROM alembic_version")) == 1
    second.dispose()


def test_an_empty_database_from_before_the_store_is_migrated_on_open(tmp_path):
    # A database with no alembic_version table is what a store looks like before its first revision.
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = open_store(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        for table in reversed(metadata.sorted_tables):
            connection.execute(text(f"DROP TABLE {table.name}"))
    migrate(engine)
    assert "events" in inspect(engine).get_table_names()
    engine.dispose()


def test_sqlite_store_runs_in_wal_mode_with_foreign_keys(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as connection:
        assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1
    engine.dispose()


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    engine = open_store(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer"):
        open_store(url)


def test_reading_a_missing_sqlite_file_is_an_error_not_a_new_store(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        open_store(f"sqlite:///{tmp_path / 'typo.db'}", create=False)
    assert not (tmp_path / "typo.db").exists()


def test_a_bad_url_is_a_store_error():
    with pytest.raises(StoreError, match="URL"):
        open_store("nosuchdb://somewhere/x")


@pytest.mark.skipif("not __import__('os').environ.get('COMMUNIQUE_TEST_POSTGRES_URL')")
def test_a_server_that_does_not_answer_is_a_store_error():
    with pytest.raises(StoreError, match="cannot open"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_a_place_stored_without_a_gazetteer_id_is_marked_approximate_on_upgrade(tmp_path, store_at):
    # before revision 0003 a name missing from the gazetteer got the story's focus, unflagged
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with store_at(url, "0002") as connection:
        connection.execute(text(
            "INSERT INTO articles (key, content_hash, doc_id, published_inferred, text, pipeline, "
            "ingested_at) VALUES ('k', 'h', 'd', 0, 'Rain fell on Via Roma in Turin.', 'p', "
            "CURRENT_TIMESTAMP)"))
        connection.execute(text(
            "INSERT INTO places (article_id, id, start, \"end\", text, name, geonameid, lat, lon, metonymic) "
            "VALUES (1, 'P1', 13, 21, 'Via Roma', 'Via Roma', NULL, 45.07, 7.69, 0), "
            "(1, 'P2', 25, 30, 'Turin', 'Turin', 3165524, 45.07, 7.69, 0)"))
    engine = open_store(url)
    with engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT id, approximate FROM places ORDER BY id")).all())
    assert {key: bool(value) for key, value in rows.items()} == {"P1": True, "P2": False}
    engine.dispose()


def test_quotes_stored_before_attribution_read_as_speech_after_upgrade(tmp_path, store_at):
    # before revision 0004 no quote carried an attribution; the contract reads none as speech
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with store_at(url, "0003") as connection:
        connection.execute(text(
            "INSERT INTO articles (key, content_hash, doc_id, published_inferred, text, pipeline, "
            "ingested_at) VALUES ('k', 'h', 'd', 0, 'The mayor said the dam would hold.', 'p', "
            "CURRENT_TIMESTAMP)"))
        connection.execute(text(
            "INSERT INTO quotes (article_id, id, start, \"end\", text, kind) "
            "VALUES (1, 'Q1', 15, 33, 'the dam would hold', 'indirect')"))
    engine = open_store(url)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT attribution, pieces FROM quotes")).one()
    assert tuple(row) == ("speech", None)
    engine.dispose()

# --- several processes at once ------------------------------------------------------------------------

INGEST_ONLY = ["--set", 'pipeline.stages=["ingest"]']  # storing is what is tested, not the parse

DISPATCHES = [
    "Harbour pilots in Rotterdam ended a two-day strike on Tuesday.",
    "Flooding closed the main road between Cusco and Puno, the regional governor said.",
    "The central bank of Iceland raised its key rate by half a point on Wednesday.",
    "Volunteers planted 4,000 trees along the river in Ljubljana over the weekend.",
    "A ferry carrying 300 passengers ran aground near Split; no one was hurt, the coast guard said.",
    "Farmers blocked a border crossing with Poland for six hours on Monday.",
]


OPEN_WHEN_TOLD = """
import os, sys, time
from communique.store import open_store
go = sys.argv[2]
open(go + "." + str(os.getpid()), "w").close()  # ready
while not os.path.exists(go):
    time.sleep(0.005)
open_store(sys.argv[1]).dispose()
"""


def test_several_processes_opening_a_new_store_at_once_all_succeed(store_url, tmp_path):
    go = tmp_path / "go"
    children = [subprocess.Popen([sys.executable, "-c", OPEN_WHEN_TOLD, store_url, str(go)],
                                 stderr=subprocess.PIPE, text=True) for _ in range(4)]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("go.*"))) < len(children) and time.monotonic() < deadline:
        time.sleep(0.01)  # every child has imported communique: now they open the store together
    go.touch()
    outcomes = [(child.wait(120), child.stderr.read()[-300:]) for child in children]
    assert [code for code, _ in outcomes] == [0, 0, 0, 0], outcomes
    engine = open_store(store_url)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM alembic_version")) == 1
    engine.dispose()


def test_two_first_ingests_at_once_both_succeed_and_store_every_article_once(store_url, tmp_path):
    source = tmp_path / "dispatches.jsonl"
    lines = [json.dumps({"id": f"d{n}", "text": text}) + "\n" for n, text in enumerate(DISPATCHES)]
    source.write_text("".join(lines))
    command = [sys.executable, "-m", "communique", "ingest", str(source), "--db", store_url, "-q",
               *INGEST_ONLY]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [(run.wait(120), run.stderr.read()) for run in runs]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    engine = open_store(store_url)
    with engine.connect() as connection:
        ids = connection.scalars(text("SELECT doc_id FROM articles ORDER BY doc_id")).all()
    engine.dispose()
    assert ids == [f"d{n}" for n in range(len(DISPATCHES))]


def hold_write_lock(database: Path) -> subprocess.Popen:
    """Another process that takes the store's write lock and keeps it until killed."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "db.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(120)", str(database)],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_store_locked_by_another_writer_is_a_clear_message_naming_it(tmp_path, monkeypatch, capsys):
    database = tmp_path / "news.db"
    open_store(f"sqlite:///{database}").dispose()
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "d0", "text": DISPATCHES[0]}) + "\n")
    monkeypatch.setattr(database_module, "BUSY_SECONDS", 1)
    holder = hold_write_lock(database)
    try:
        started = time.monotonic()
        code = main(["ingest", str(source), "--db", str(database), "-q", *INGEST_ONLY])
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert code != 0 and waited < 20
    assert "locked by another writer" in err and f"PID {holder.pid}" in err
    assert "run this command again" in err
    assert "Traceback" not in err and "sqlalchemy" not in err.lower()
