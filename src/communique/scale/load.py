"""``communique load``: a Parquet data set (``communique.scale.parquet``) into the store, in bulk.

The data set's files are read a group at a time: the files of one name (one shard's part of one month)
across the tables hold the same articles and all their records. Each group is one transaction: the
articles whose key is not yet stored go in (PostgreSQL through ``COPY`` into a staging table, then one
``INSERT ... ON CONFLICT DO NOTHING``; SQLite through batched inserts), then their records (``COPY``
straight into each table on PostgreSQL), then each new article is linked to the stories of the store
and its entities to their actors, as ``communique ingest`` does for every article it writes. Loading a
data set twice, or two overlapping ones, adds nothing the second time: the key decides.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, select

from communique.scale.tables import DATASET_TABLES, dataset_columns, json_columns
from communique.store import schema
from communique.store.actors import resolve_article
from communique.store.links import link_article

Row = dict[str, Any]

SQLITE_BATCH = 500
"""Rows per INSERT statement on SQLite (its limit on bound parameters is 32,766)."""

KEY_LOOKUP = 500
"""Keys looked up per query when checking which articles are stored."""


class LoadError(ValueError):
    """The directory is not a data set ``communique load`` can read."""


@dataclass
class LoadStats:
    """What a load did."""

    read: int = 0  # articles in the data set
    loaded: int = 0
    known: int = 0  # already in the store (or twice in the data set)
    groups: int = 0
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def open_dataset(root: str):
    """The filesystem and path of a data set directory, local or an object-store URI."""
    from pyarrow import fs

    if "://" in root and not root.startswith("file://"):
        return fs.FileSystem.from_uri(root)
    return fs.LocalFileSystem(), root.removeprefix("file://").rstrip("/")


def file_groups(root: str) -> tuple[Any, list[dict[str, str]]]:
    """The data set's files grouped by month and name: for each group, each table's file (if it has one)."""
    from pyarrow import fs

    filesystem, base = open_dataset(root)
    if filesystem.get_file_info(f"{base}/{schema.articles.name}").type != fs.FileType.Directory:
        raise LoadError(f"{root} has no {schema.articles.name}/ directory: not a data set written by "
                        "communique extract --format parquet")
    groups: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for table in DATASET_TABLES:
        selector = fs.FileSelector(f"{base}/{table.name}", recursive=True, allow_not_found=True)
        for info in filesystem.get_file_info(selector):
            path = PurePosixPath(info.path)
            if info.type == fs.FileType.File and path.suffix == ".parquet":
                groups[path.parent.name, path.name][table.name] = info.path
    ordered = [groups[k] for k in sorted(groups) if schema.articles.name in groups[k]]
    return filesystem, ordered


def load(engine: Engine, root: str, progress=None) -> LoadStats:
    """Load every group of the data set at ``root``; ``progress(stats)`` is called after each."""
    filesystem, groups = file_groups(root)
    stats = LoadStats()
    for files in groups:
        tables = {name: read_rows(filesystem, path) for name, path in files.items()}
        with engine.begin() as connection:
            load_group(connection, tables, stats)
        stats.groups += 1
        if progress:
            progress(stats)
    return stats


def read_rows(filesystem, path: str) -> list[Row]:
    import pyarrow.parquet as pq

    return pq.read_table(path, filesystem=filesystem, partitioning=None).to_pylist()


def load_group(connection: Connection, tables: dict[str, list[Row]], stats: LoadStats) -> None:
    """One group's new articles and their records, linked; in the caller's transaction."""
    articles = tables.get(schema.articles.name, [])
    stats.read += len(articles)
    fresh = new_articles(connection, articles)
    stats.known += len(articles) - len(fresh)
    if not fresh:
        return
    ids = insert_articles(connection, fresh)
    stats.known += len(fresh) - len(ids)
    stats.loaded += len(ids)
    stats.rows[schema.articles.name] += len(ids)
    for table in schema.RECORD_TABLES:
        rows = unique_rows(table, [record_row(table, row, ids) for row in tables.get(table.name, [])
                                   if row["article_key"] in ids])
        if rows:
            insert_rows(connection, table, rows)
            stats.rows[table.name] += len(rows)
    for article_id in sorted(ids.values()):
        link_article(connection, article_id)
        resolve_article(connection, article_id)


def new_articles(connection: Connection, articles: list[Row]) -> list[Row]:
    """The articles whose key is neither stored nor earlier in the list."""
    seen: set[str] = set()
    unique = []
    for row in articles:
        if row["key"] not in seen:
            seen.add(row["key"])
            unique.append(row)
    stored: set[str] = set()
    keys = iter([row["key"] for row in unique])
    while chunk := list(islice(keys, KEY_LOOKUP)):
        stored.update(connection.scalars(select(schema.articles.c.key).where(schema.articles.c.key.in_(chunk))))
    return [row for row in unique if row["key"] not in stored]


def article_columns() -> list[str]:
    return [name for name, _ in dataset_columns(schema.articles)]


def insert_articles(connection: Connection, rows: list[Row]) -> dict[str, int]:
    """Insert the articles; the row id of each by key (a key a concurrent writer stored first is left out)."""
    columns = article_columns()
    if connection.dialect.name == "postgresql":
        return copy_articles(connection, rows, columns)
    ids: dict[str, int] = {}
    table = schema.articles
    statement = insert(table).prefix_with("OR IGNORE").returning(table.c.id, table.c.key)
    for chunk in chunks(rows, SQLITE_BATCH):
        values = [{**{c: row[c] for c in columns}, "ingested_at": timestamp(row["ingested_at"])}
                  for row in chunk]
        ids.update({key: article_id for article_id, key in connection.execute(statement, values)})
    return ids


def copy_articles(connection: Connection, rows: list[Row], columns: list[str]) -> dict[str, int]:
    """PostgreSQL: COPY into a staging table, then one INSERT of the keys not stored, returning the ids."""
    names = ", ".join(f'"{c}"' for c in columns)
    connection.exec_driver_sql(
        f"CREATE TEMP TABLE load_articles ON COMMIT DROP AS SELECT {names} FROM articles WITH NO DATA"
    )
    copy_rows(connection, "load_articles", columns, ([row[c] for c in columns] for row in rows))
    result = connection.exec_driver_sql(
        f"INSERT INTO articles ({names}) SELECT {names} FROM load_articles ORDER BY ingested_at "
        "ON CONFLICT (key) DO NOTHING RETURNING id, key"
    )
    ids = {key: article_id for article_id, key in result}
    connection.exec_driver_sql("DROP TABLE load_articles")
    return ids


def record_row(table: Table, row: Row, ids: dict[str, int]) -> Row:
    """A data set row as the store's row: the article's row id in place of its doc id and key."""
    record = {k: v for k, v in row.items() if k not in ("article", "article_key", "month")}
    record["article_id"] = ids[row["article_key"]]
    return record


def unique_rows(table: Table, rows: list[Row]) -> list[Row]:
    """The rows less repeats of a primary key (an article read twice within one part of a shard)."""
    key = [c.name for c in table.primary_key.columns]
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        identity = tuple(row[name] for name in key)
        if identity not in seen:
            seen.add(identity)
            kept.append(row)
    return kept


def insert_rows(connection: Connection, table: Table, rows: list[Row]) -> None:
    """Record rows into their table: COPY on PostgreSQL (JSON columns as their text), inserts elsewhere."""
    columns = list(rows[0])
    if connection.dialect.name == "postgresql":
        copy_rows(connection, table.name, columns, ([row[c] for c in columns] for row in rows))
        return
    encoded = json_columns(table)
    for chunk in chunks(rows, SQLITE_BATCH):
        values = [{k: json.loads(v) if k in encoded and v is not None else v for k, v in row.items()}
                  for row in chunk]
        connection.execute(insert(table), values)


def copy_rows(connection: Connection, table: str, columns: list[str], rows: Iterator[list[Any]]) -> None:
    """PostgreSQL ``COPY table (columns) FROM STDIN`` through psycopg 3, in the caller's transaction."""
    names = ", ".join(f'"{c}"' for c in columns)
    raw = connection.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def timestamp(value: Any) -> Any:
    """An ISO timestamp string as a datetime (SQLite's DateTime column takes only those)."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def chunks(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]
