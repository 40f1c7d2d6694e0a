"""Opening a store: an engine from a URL, SQLite tuned for a single writer, the schema migrated."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

DEFAULT_URL = "sqlite:///communique.db"
"""A SQLite file in the current directory, as the ingest command's help says."""

BUSY_SECONDS = 30
"""How long a SQLite writer waits for another one's lock before it gives up with a message."""

SQLITE_PRAGMAS = (
    # WAL lets `communique events` read while `ingest` writes, and a killed writer leaves
    # only whole transactions behind.
    "PRAGMA journal_mode=WAL",
    # In WAL mode NORMAL still survives a killed process; it only risks the last commits on
    # power loss, and saves an fsync per article.
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
)

MIGRATION_LOCK = 0x636F6D6D756E6971  # "communiq": the PostgreSQL advisory lock migrations run under


class StoreError(RuntimeError):
    """The store cannot be opened or written (bad URL, server down, newer schema than this version)."""


class StoreBusy(StoreError):
    """Another process held the store's write lock for longer than this one would wait."""


def is_busy(exc: OperationalError) -> bool:
    """True for SQLite's "database is locked" (or "busy"), the error after busy_timeout ran out."""
    message = str(exc.orig).lower()
    return "database is locked" in message or "database is busy" in message


def busy_message(engine: Engine) -> str:
    """What to tell a user whose write waited too long: which processes have the store open, what to do."""
    database = engine.url.database or ""
    holders = processes_using(Path(database)) if database else []
    who = "; ".join(f"PID {pid}: {command}" for pid, command in holders) or "another process (not found)"
    return (
        f"the store {database} is locked by another writer; waited {BUSY_SECONDS} s. Open by: {who}. "
        "Wait for that process to finish (or stop it), then run this command again: articles already "
        "stored are skipped."
    )


def processes_using(database: Path) -> list[tuple[int, str]]:
    """Other processes with the SQLite file (or its WAL) open, with their command lines; Linux only
    (/proc), an empty list elsewhere or when they cannot be seen."""
    wanted = {str(database.resolve()), f"{database.resolve()}-wal", f"{database.resolve()}-journal"}
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        if int(entry.name) == os.getpid():
            continue
        try:
            if any(os.readlink(fd) in wanted for fd in (entry / "fd").iterdir()):
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append((int(entry.name), command.strip()[:200]))
        except OSError:
            continue  # gone meanwhile, or not ours to look at
    return found


def open_store(url: str = DEFAULT_URL, create: bool = True) -> Engine:
    """An engine for ``url`` whose schema is at the newest revision this version knows.

    With ``create`` false a missing SQLite file is an error rather than a new empty store, so a
    query with a mistyped ``--db`` says so instead of finding nothing.
    """
    engine = make_engine(url)
    if not create and missing_sqlite_file(engine):
        engine.dispose()
        raise StoreError(f"no store at {engine.url.database}; run 'communique ingest' first or give --db")
    try:
        migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        if is_busy(exc):
            raise StoreBusy(busy_message(engine)) from exc
        raise StoreError(f"cannot open the store {safe_url(url)}: {exc.orig}") from exc
    return engine


def missing_sqlite_file(engine: Engine) -> bool:
    """True for a SQLite URL naming a file that does not exist (yet)."""
    database = engine.url.database
    in_file = engine.dialect.name == "sqlite" and database and database != ":memory:"
    return bool(in_file) and not Path(database).exists()


def make_engine(url: str) -> Engine:
    """The engine, with the SQLite pragmas set on every new connection."""
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"not a usable database URL: {safe_url(url)} ({exc})") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_pragmas)
    return engine


def _set_pragmas(dbapi_connection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    # First: a second process opening a new store waits here while the first switches it to WAL.
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}")
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def migration_config():
    """The Alembic configuration of the store's migrations (those packaged with communique)."""
    from alembic.config import Config  # imported here: only opening a store needs it

    config = Config()
    config.set_main_option("script_location", str(resources.files("communique.store") / "migrations"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema up to date with Alembic, so a store made by an older version opens here.

    The check and the upgrade run under a lock, so that two first runs on a new store do not both
    create its tables: the second waits, then finds the schema current.
    """
    from alembic import command

    config = migration_config()
    with engine.begin() as connection:
        lock_for_migration(connection)
        config.attributes["connection"] = connection
        check_not_newer(connection, config)
        command.upgrade(config, "head")


def lock_for_migration(connection) -> None:
    """Hold the store's write lock (SQLite) or an advisory lock (PostgreSQL) until the transaction ends."""
    if connection.dialect.name == "sqlite":
        # The driver opens no transaction before DDL: take the write lock now, waiting busy_timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


def check_not_newer(connection, config) -> None:
    """Refuse a store whose schema revision this version does not know (written by a newer one)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    current = MigrationContext.configure(connection).get_current_revision()
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"the store's schema revision {current!r} is newer than this version of communique; upgrade it"
        )


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
