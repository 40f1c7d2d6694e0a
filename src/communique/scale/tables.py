"""One article as rows of the store's tables, and back: what a worker of a large run hands on.

The rows are the store's own (``communique.store.writer``), with two changes that let them travel
without a database: the article is named by its ``doc_id`` in ``article`` (as in ``communique export``)
and by its key in ``article_key`` (doc ids repeat across sources; keys do not), and JSON columns
(an event's ``context`` and ``linked``, a quote's ``pieces``) are JSON text. Nothing here holds a spaCy
object, so the rows pickle, cross a Ray object store and fit a Parquet file as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from sqlalchemy import JSON, Table

from communique.article import Article
from communique.store import schema
from communique.store.export import Columns, columns_of
from communique.store.reader import build_article
from communique.store.writer import article_key, article_row, record_rows

Row = dict[str, Any]

DATASET_TABLES: tuple[Table, ...] = (schema.articles, *schema.RECORD_TABLES)
"""Every table a data set holds: the articles, then each record table, parents first (the load order)."""

TABLES_BY_NAME = {table.name: table for table in DATASET_TABLES}

UNKNOWN_MONTH = "unknown"
"""The partition of articles without a usable publication date."""

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})")


def json_columns(table: Table) -> frozenset[str]:
    """The table's JSON columns, written as JSON text."""
    return frozenset(c.name for c in table.c if isinstance(c.type, JSON))


def dataset_columns(table: Table) -> Columns:
    """A table's columns in a data set: the export's columns, with the article key added and, for
    ``articles``, without the row id (only a store gives one)."""
    if table is schema.articles:
        return [("key", str)] + [(name, kind) for name, kind in columns_of(table) if name != "id"]
    return [("article_key", str), *columns_of(table)]


def month_of(published: str | None) -> str:
    """The ``YYYY-MM`` partition of a publication date, or ``unknown``."""
    found = MONTH_RE.match(published or "")
    if not found or not 1 <= int(found.group(2)) <= 12:
        return UNKNOWN_MONTH
    return f"{found.group(1)}-{found.group(2)}"


def key_or_none(article: Article) -> str | None:
    """The article's key, or None for an article that is not stored (no text), as ingest decides."""
    return article_key(article.text, article.url) if article.text.strip() else None


def tables_of(article: Article, key: str, source: str | None, pipeline: str) -> dict[str, list[Row]]:
    """The article's rows by table name: one ``articles`` row, then its records."""
    head = article_row(article, key, source, pipeline)
    head["ingested_at"] = head["ingested_at"].isoformat()
    tables = {schema.articles.name: [head]}
    for table, rows in record_rows(article).items():
        encoded = json_columns(table)
        tables[table.name] = [
            {"article_key": key, "article": article.id,
             **{name: json.dumps(value) if name in encoded else value for name, value in row.items()}}
            for row in rows
        ]
    return tables


def article_of(tables: Mapping[str, list[Row]]) -> Article:
    """The article back from its rows, exactly as the pipeline produced it."""
    head = SimpleNamespace(**tables[schema.articles.name][0])
    records = {}
    for table in schema.RECORD_TABLES:
        encoded = json_columns(table)
        records[table.name] = [
            SimpleNamespace(**{name: json.loads(value) if name in encoded and value is not None else value
                               for name, value in row.items()})
            for row in tables.get(table.name, [])
        ]
    return build_article(head, records)
