"""Writing one processed Article to the store, as one transaction, at most once per article key."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from communique.article import Article, Event
from communique.store import schema
from communique.store.actors import resolve_article
from communique.store.links import link_article

LANGUAGE = "en"
"""Every pipeline communique ships parses English (spaCy English models); a language detector
would fill this per article."""


def content_hash(text: str) -> str:
    """sha256 of the text, hex: the same story twice is the same content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_key(text: str, url: str | None) -> str:
    """What identifies an article: its content, and its URL when it has one (the same wire story
    published at two URLs is two articles, as GDELT counts it; the same URL read twice is one)."""
    digest = content_hash(text)
    if not url:
        return digest
    return hashlib.sha256(f"{url}\x00{digest}".encode()).hexdigest()


def stored_keys(engine: Engine, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` are already in the store."""
    keys = list(keys)
    if not keys:
        return set()
    with engine.connect() as connection:
        rows = connection.execute(select(schema.articles.c.key).where(schema.articles.c.key.in_(keys)))
        return {row.key for row in rows}


def write_article(
    engine: Engine, article: Article, key: str, source: str | None = None, pipeline: str = ""
) -> int | None:
    """Store the article and all its records in one transaction; its row id, or None when an article
    with the same key is already there (written by an earlier run or by a concurrent writer)."""
    try:
        with engine.begin() as connection:
            if is_stored(connection, key):
                return None
            article_id = insert_article(connection, article, key, source, pipeline)
            insert_records(connection, article_id, article)
            link_article(connection, article_id)  # in the same transaction: no event without a story
            resolve_article(connection, article_id)  # and no entity without an actor
            return article_id
    except IntegrityError:
        # Another writer may have committed the same key between our check and our insert;
        # anything else (an article with two records of one id) is a real error.
        with engine.connect() as connection:
            if is_stored(connection, key):
                return None
        raise


def is_stored(connection: Connection, key: str) -> bool:
    """Whether an article with this key is in the store."""
    return connection.scalar(select(schema.articles.c.id).where(schema.articles.c.key == key)) is not None


def insert_article(
    connection: Connection, article: Article, key: str, source: str | None, pipeline: str
) -> int:
    """The ``articles`` row; returns its id."""
    row = article_row(article, key, source, pipeline)
    return connection.execute(insert(schema.articles).values(row)).inserted_primary_key[0]


def article_row(article: Article, key: str, source: str | None, pipeline: str) -> dict[str, Any]:
    """The ``articles`` row of an article, without its row id (the store assigns that)."""
    return {
        "key": key,
        "content_hash": content_hash(article.text),
        "doc_id": article.id,
        "source": source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "language": LANGUAGE,
        "text": article.text,
        "pipeline": pipeline,
        "ingested_at": dt.datetime.now(dt.UTC),
    }


def insert_records(connection: Connection, article_id: int, article: Article) -> None:
    """Every record table's rows, parents first so foreign keys hold."""
    for table, rows in record_rows(article).items():
        if rows:
            for row in rows:
                row["article_id"] = article_id
            connection.execute(insert(table), rows)


def record_rows(article: Article) -> dict[Any, list[dict[str, Any]]]:
    """The rows of each record table for one article, keyed by table."""
    return {
        schema.entities: [without(asdict(e), "mentions") for e in article.entities],
        schema.mentions: [
            {"entity_id": e.id, "position": n, "start": s, "end": t}
            for e in article.entities
            for n, (s, t) in enumerate(e.mentions)
        ],
        schema.quotes: [quote_row(q) for q in article.quotes],
        schema.events: [event_row(v) for v in article.events],
        schema.event_actors: [row for v in article.events for row in actor_rows(v)],
        schema.event_spans: [row for v in article.events for row in span_rows(v)],
        schema.times: [split_span(asdict(t)) for t in article.times],
        schema.places: [split_span(asdict(p)) for p in article.places],
        schema.errors: [{"position": n, **asdict(err)} for n, err in enumerate(article.errors)],
    }


def quote_row(quote) -> dict[str, Any]:
    """A quote with each of its spans as two columns."""
    row = split_span(asdict(quote))
    for name in ("speaker", "cue", "channel"):
        start, end = row.pop(f"{name}_span") or (None, None)
        row[f"{name}_start"], row[f"{name}_end"] = start, end
    return row


def event_row(event: Event) -> dict[str, Any]:
    """An event without its actor lists (they go to ``event_actors``), spans as two columns."""
    row = without(asdict(event), "source", "target", "source_spans", "target_spans")
    row["trigger_start"], row["trigger_end"] = row.pop("trigger_span")
    row["sentence_start"], row["sentence_end"] = row.pop("sentence_span")
    return row


def actor_rows(event: Event) -> list[dict[str, Any]]:
    """One row per source and target actor, in order."""
    return [
        {"event_id": event.id, "role": role, "position": n, "entity_id": entity_id}
        for role, ids in (("source", event.source), ("target", event.target))
        for n, entity_id in enumerate(ids)
    ]


def span_rows(event: Event) -> list[dict[str, Any]]:
    """One row per source and target mention the event used, in order."""
    return [
        {"event_id": event.id, "role": role, "position": n, "start": start, "end": end}
        for role, spans in (("source", event.source_spans), ("target", event.target_spans))
        for n, (start, end) in enumerate(spans)
    ]


def split_span(row: dict[str, Any]) -> dict[str, Any]:
    """``span: (s, e)`` as ``start`` and ``end`` columns."""
    row["start"], row["end"] = row.pop("span")
    return row


def without(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The dict less some keys."""
    for key in keys:
        row.pop(key)
    return row
