"""Opening a store: migrations to the newest revision, SQLite pragmas, refusing what cannot be opened."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from communique.store import StoreError, open_store
from communique.store.database import migrate, migration_config
from communique.store.schema import metadata


def test_a_new_store_has_every_table_and_the_newest_revision(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0006"


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


def test_a_place_stored_without_a_gazetteer_id_is_marked_approximate_on_upgrade(tmp_path):
    # before revision 0003 a name missing from the gazetteer got the story's focus, unflagged
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    config = migration_config()
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(text(
            "INSERT INTO articles (key, content_hash, doc_id, published_inferred, text, pipeline, "
            "ingested_at) VALUES ('k', 'h', 'd', 0, 'Rain fell on Via Roma in Turin.', 'p', "
            "CURRENT_TIMESTAMP)"))
        connection.execute(text(
            "INSERT INTO places (article_id, id, start, \"end\", text, name, geonameid, lat, lon, metonymic) "
            "VALUES (1, 'P1', 13, 21, 'Via Roma', 'Via Roma', NULL, 45.07, 7.69, 0), "
            "(1, 'P2', 25, 30, 'Turin', 'Turin', 3165524, 45.07, 7.69, 0)"))
    old.dispose()
    engine = open_store(url)
    with engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT id, approximate FROM places ORDER BY id")).all())
    assert {key: bool(value) for key, value in rows.items()} == {"P1": True, "P2": False}
    engine.dispose()
