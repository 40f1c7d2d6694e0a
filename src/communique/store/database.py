"""Opening a store: an engine from a URL, SQLite tuned for a single writer, the schema migrated."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

DEFAULT_URL = "sqlite:///communique.db"
"""A SQLite file in the current directory, as the ingest command's help says."""

SQLITE_PRAGMAS = (
    # WAL lets `communique events` read while `ingest` writes, and a killed writer leaves
    # only whole transactions behind.
    "PRAGMA journal_mode=WAL",
    # In WAL mode NORMAL still survives a killed process; it only risks the last commits on
    # power loss, and saves an fsync per article.
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    # A reader and a writer may briefly hold the lock at the same time: wait rather than fail.
    "PRAGMA busy_timeout=30000",
)


class StoreError(RuntimeError):
    """The store cannot be opened or written (bad URL, server down, newer schema than this version)."""


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
    """Bring the schema up to date with Alembic, so a store made by an older version opens here."""
    from alembic import command

    config = migration_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        check_not_newer(connection, config)
        command.upgrade(config, "head")


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
