"""The store as the web app opens it: reads go through connections that cannot write."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.exc import DBAPIError

from communique.store import StoreError, open_store, schema
from communique.web.access import open_stores, read_only_engine

POSTGRES_ENV = "COMMUNIQUE_TEST_POSTGRES_URL"


def test_the_reading_engine_reads_but_cannot_write(store_url):
    reader = read_only_engine(store_url)
    with reader.connect() as connection:
        assert connection.execute(select(schema.articles.c.id)).first() is not None
        with pytest.raises(DBAPIError):
            connection.execute(
                insert(schema.errors).values(article_id=1, position=99, stage="x", message="y")
            )
    reader.dispose()


def test_a_read_only_server_needs_an_existing_store(tmp_path):
    missing = tmp_path / "nothing.db"
    with pytest.raises(StoreError):
        open_stores(f"sqlite:///{missing}", allow_writes=False)
    assert not missing.exists()


def test_allow_writes_creates_the_store_and_gives_a_writer(tmp_path):
    path = tmp_path / "new.db"
    reader, writer = open_stores(f"sqlite:///{path}", allow_writes=True)
    assert writer is not None and path.exists()
    with writer.begin() as connection:
        assert connection.execute(select(schema.articles.c.id)).first() is None
    reader.dispose()
    writer.dispose()


def test_postgres_reading_sessions_are_read_only():
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"${POSTGRES_ENV} is not set")
    schema_name = f"communique_web_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema_name}"))
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema_name}"
    try:
        open_store(url).dispose()
        reader = read_only_engine(url)
        with reader.connect() as connection:
            assert connection.execute(select(schema.articles.c.id)).first() is None
            with pytest.raises(DBAPIError):
                connection.execute(
                    insert(schema.errors).values(article_id=1, position=1, stage="x", message="y")
                )
        reader.dispose()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema_name} CASCADE"))
        admin.dispose()
