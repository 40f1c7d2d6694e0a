"""Reading stored articles back as Article objects, exactly as the pipeline produced them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, Row, select

from communique.article import Article, DocumentError, Entity, Event, Place, Quote, Time
from communique.store import schema

PAGE = 200
"""Articles read per round of queries: bounds memory on a large store without a query per article."""


def read_articles(engine: Engine) -> Iterator[tuple[Article, str | None]]:
    """Every stored article with its ``source``, in the order they were ingested."""
    last = 0
    with engine.connect() as connection:
        while True:
            rows = connection.execute(
                select(schema.articles)
                .where(schema.articles.c.id > last)
                .order_by(schema.articles.c.id)
                .limit(PAGE)
            ).all()
            if not rows:
                return
            yield from assemble(connection, rows)
            last = rows[-1].id


def assemble(connection: Connection, rows: list[Row]) -> Iterator[tuple[Article, str | None]]:
    """Articles for a page of ``articles`` rows, each with all its records."""
    ids = [row.id for row in rows]
    records = {table.name: grouped(connection, table, ids) for table in schema.RECORD_TABLES}
    for row in rows:
        yield (
            build_article(row, {name: by_article.get(row.id, []) for name, by_article in records.items()}),
            row.source,
        )


def grouped(connection: Connection, table, ids: list[int]) -> dict[int, list[Row]]:
    """A record table's rows for these articles, by article, in id/position order."""
    order = [c for c in table.primary_key.columns if c.name != "article_id"]
    query = select(table).where(table.c.article_id.in_(ids)).order_by(table.c.article_id, *order)
    result: dict[int, list[Row]] = defaultdict(list)
    for row in connection.execute(query):
        result[row.article_id].append(row)
    for rows in result.values():
        rows.sort(key=local_order)
    return result


def local_order(row: Row) -> tuple:
    """``E2`` before ``E10``: local ids sort by their number, not as text."""
    local = getattr(row, "id", None) or getattr(row, "event_id", None) or getattr(row, "entity_id", "")
    digits = "".join(ch for ch in str(local) if ch.isdigit())
    return (int(digits) if digits else 0, getattr(row, "role", ""), getattr(row, "position", 0))


def build_article(row: Row, records: dict[str, list[Row]]) -> Article:
    """One Article from its row and its records."""
    mentions = defaultdict(list)
    for m in records["mentions"]:
        mentions[m.entity_id].append((m.start, m.end))
    actors = defaultdict(list)
    for a in records["event_actors"]:
        actors[a.event_id, a.role].append(a.entity_id)
    spans = defaultdict(list)
    for a in records["event_spans"]:
        spans[a.event_id, a.role].append((a.start, a.end))
    return Article(
        id=row.doc_id,
        text=row.text,
        published=row.published,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published_inferred=row.published_inferred,
        entities=[entity(e, mentions[e.id]) for e in records["entities"]],
        quotes=[quote(q) for q in records["quotes"]],
        events=[event(v, actors, spans) for v in records["events"]],
        times=[
            Time(id=t.id, span=(t.start, t.end), text=t.text, value=t.value, type=t.type)
            for t in records["times"]
        ],
        places=[place(p) for p in records["places"]],
        errors=[DocumentError(stage=e.stage, message=e.message) for e in records["errors"]],
    )


def entity(row: Row, mentions: list[tuple[int, int]]) -> Entity:
    return Entity(
        id=row.id,
        name=row.name,
        kind=row.kind,
        country=row.country,
        sector=row.sector,
        code=row.code,
        title=row.title,
        mentions=mentions,
    )


def quote(row: Row) -> Quote:
    return Quote(
        id=row.id,
        span=(row.start, row.end),
        text=row.text,
        kind=row.kind,
        speaker=row.speaker,
        speaker_span=pair(row.speaker_start, row.speaker_end),
        cue_span=pair(row.cue_start, row.cue_end),
        channel=row.channel,
        channel_span=pair(row.channel_start, row.channel_end),
        attribution=row.attribution,
        pieces=[(s, e) for s, e in row.pieces or ()],
    )


def event(row: Row, actors: dict[tuple, list[str]], spans: dict[tuple, list[tuple[int, int]]]) -> Event:
    fields: dict[str, Any] = {
        name: getattr(row, name)
        for name in (
            "id",
            "plover",
            "mode",
            "cameo",
            "date",
            "location",
            "modality",
            "quote",
            "goldstein",
            "quad_class",
            "confidence",
            "coded_by",
        )
    }
    return Event(
        **fields,
        context=list(row.context or []),
        linked=list(row.linked or []),
        trigger_span=(row.trigger_start, row.trigger_end),
        sentence_span=(row.sentence_start, row.sentence_end),
        source=actors[row.id, "source"],
        target=actors[row.id, "target"],
        source_spans=spans[row.id, "source"],
        target_spans=spans[row.id, "target"],
    )


def place(row: Row) -> Place:
    return Place(
        id=row.id,
        span=(row.start, row.end),
        text=row.text,
        name=row.name,
        geonameid=row.geonameid,
        lat=row.lat,
        lon=row.lon,
        country=row.country,
        feature=row.feature,
        metonymic=row.metonymic,
        approximate=row.approximate,
        resolved_by=row.resolved_by,
    )


def pair(start: int | None, end: int | None) -> tuple[int, int] | None:
    """A span, or None when the record has none."""
    return None if start is None else (start, end)
