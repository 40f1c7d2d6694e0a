"""The web app's connections to the store: read-only for browsing, read-write only when writes are allowed.

Browsing never needs to write, so the engine it uses cannot: SQLite is opened with ``mode=ro`` and
``query_only``, PostgreSQL sessions are read-only. A bug or a crafted request therefore cannot change the
store even if some query went wrong.
"""

from __future__ import annotations

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import make_url

from communique.store import StoreError, open_store

SQLITE_READ_PRAGMAS = ("PRAGMA busy_timeout=30000", "PRAGMA query_only=ON")

READER_POOL = {"pool_size": 20, "max_overflow": 20}
"""A connection for each of the 40 threads that run requests (anyio's default): with SQLAlchemy's 5 + 10,
25 of them queued for a connection under 200 clients (scripts/bench_api.py). Fewer threads (8) measured
no better: 478 and 776 requests/s in two runs around one of 565 with 40, on a machine at load 9-12."""


def open_stores(url: str, allow_writes: bool) -> tuple[Engine, Engine | None]:
    """The reading engine and, when writes are allowed, the writing one.

    The store is opened (and its schema brought up to date) once as ``communique events`` would; only
    with ``allow_writes`` may a missing SQLite file be created.
    """
    writer = open_store(url, create=allow_writes)
    if allow_writes:
        return read_only_engine(url), writer
    writer.dispose()
    return read_only_engine(url), None


def read_only_engine(url: str) -> Engine:
    """An engine on the same store whose connections refuse to write."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return sqlite_reader(parsed)
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(parsed, **READER_POOL)
        event.listen(engine, "connect", _postgres_read_only)
        return engine
    raise StoreError(f"read-only access is not set up for {parsed.get_backend_name()} stores")


def sqlite_reader(parsed: URL) -> Engine:
    """A SQLite file opened with ``mode=ro``; an in-memory store (tests only) cannot be shared, so refuse."""
    database = parsed.database
    if not database or database == ":memory:":
        raise StoreError("an in-memory SQLite store cannot be served; give a file")
    uri = URL.create("sqlite", database=f"file:{database}", query={"mode": "ro", "uri": "true"})
    engine = create_engine(uri, **READER_POOL)
    event.listen(engine, "connect", _sqlite_read_only)
    return engine


def _sqlite_read_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_READ_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _postgres_read_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cursor.close()
    dbapi_connection.commit()
