"""Browsing the store page by page: articles, events and quotes with their row ids, and one of each in full.

The command line streams whole results (``query.py``); a browser or an API client asks for one page at
a time and then for one record with everything around it. The filters and the rows are the ones of
``query.py``, so the CLI, the API and the web app agree on what ``--actor RUS`` means.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from sqlalchemy import Connection, Engine, Select, func, or_, select

from communique.store import schema
from communique.store.links import reports_of
from communique.store.query import (
    EventFilter,
    QuoteFilter,
    actors_of,
    event_query,
    event_row,
    in_period,
    places_of,
    quote_query,
    quote_row,
)
from communique.store.reader import assemble

a, v, q = schema.articles, schema.events, schema.quotes

Row = dict[str, Any]


def count_of(connection: Connection, query: Select) -> int:
    """How many rows ``query`` gives, without its order and limit."""
    inner = query.order_by(None).limit(None).offset(None).subquery()
    return connection.execute(select(func.count()).select_from(inner)).scalar_one()


def page(total: int, limit: int, offset: int, items: list[Row]) -> dict[str, Any]:
    """One page of a longer result, with what the client needs to ask for the next."""
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# --- articles ---------------------------------------------------------------------------------------


def article_query(search: str | None, outlet: str | None, since: str | None, until: str | None) -> Select:
    """Articles newest first, with how many events and quotes each holds."""
    events = select(func.count()).where(v.c.article_id == a.c.id).scalar_subquery()
    quotes = select(func.count()).where(q.c.article_id == a.c.id).scalar_subquery()
    query = select(
        a.c.id,
        a.c.doc_id,
        a.c.title,
        a.c.url,
        a.c.outlet,
        a.c.published,
        a.c.source,
        events.label("events"),
        quotes.label("quotes"),
    )
    conditions = in_period(a.c.published, since, until)
    if search:
        word = search.strip().lower()
        conditions.append(or_(func.lower(a.c.title).contains(word), func.lower(a.c.text).contains(word)))
    if outlet:
        conditions.append(func.lower(a.c.outlet).contains(outlet.strip().lower()))
    return query.where(*conditions).order_by(a.c.published.desc(), a.c.id.desc())


def article_page(
    engine: Engine,
    search: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of articles whose title or text contains ``search`` (any case)."""
    query = article_query(search, outlet, since, until)
    with engine.connect() as connection:
        total = count_of(connection, query)
        rows = connection.execute(query.limit(limit).offset(offset))
        return page(total, limit, offset, [dict(row._mapping) for row in rows])


def article_record(engine: Engine, article_id: int) -> Row | None:
    """One article as its contract line plus its ``text``, ``article_id`` and ``source``; None if absent."""
    with engine.connect() as connection:
        row = connection.execute(select(a).where(a.c.id == article_id)).first()
        if row is None:
            return None
        article, source = next(assemble(connection, [row]))
    record = article.to_contract()
    record.update(article_id=article_id, text=article.text, source=source)
    return record


# --- events -----------------------------------------------------------------------------------------


def event_items(connection: Connection, query: Select) -> list[Row]:
    """Flat event rows (``query.EVENT_COLUMNS``) with the row id and title of their article."""
    rows = connection.execute(query).all()
    ids = {row.article_id for row in rows}
    actors, placed = actors_of(connection, ids), places_of(connection, ids)
    titles = dict(connection.execute(select(a.c.id, a.c.title).where(a.c.id.in_(ids))).tuples().all())
    items = []
    for row in rows:
        item = event_row(row, actors, placed)
        item.update(article_id=row.article_id, title=titles.get(row.article_id))
        items.append(item)
    return items


def event_page(engine: Engine, wanted: EventFilter, offset: int = 0) -> dict[str, Any]:
    """A page of the events ``wanted`` selects (its ``limit`` is the page size), oldest first."""
    limit = wanted.limit or 50
    query = event_query(replace(wanted, limit=limit)).offset(offset)
    with engine.connect() as connection:
        total = count_of(connection, event_query(replace(wanted, limit=None)))
        return page(total, limit, offset, event_items(connection, query))


def one_event(connection: Connection, article_id: int, event_ids: list[str]) -> list[Row]:
    """Flat rows of some events of one article."""
    query = event_query(EventFilter()).where(v.c.article_id == article_id, v.c.id.in_(event_ids))
    return event_items(connection, query)


def event_record(engine: Engine, article_id: int, event_id: str) -> Row | None:
    """One event: its flat row, its contract record (with every span) and every report of the same
    real-world event across the store, itself included (``links.reports_of``)."""
    with engine.connect() as connection:
        rows = one_event(connection, article_id, [event_id])
        article_row = connection.execute(select(a).where(a.c.id == article_id)).first()
        if not rows or article_row is None:
            return None
        article, _ = next(assemble(connection, [article_row]))
    contract = next(asdict(e) for e in article.events if e.id == event_id)
    return {**rows[0], "record": contract, "reports": reports_of(engine, article_id, event_id)}


# --- quotes -----------------------------------------------------------------------------------------


def quote_item(row) -> Row:
    """A quote as a flat row (``query.QUOTE_COLUMNS``) with its article's row id."""
    return {"article_id": row.article_id, **quote_row(row)}


def quote_page(engine: Engine, wanted: QuoteFilter, outlet: str | None = None, offset: int = 0) -> dict:
    """A page of the quotes ``wanted`` selects, only from outlets whose name contains ``outlet`` if given."""
    limit = wanted.limit or 50
    query = quote_query(replace(wanted, limit=None))
    if outlet:
        query = query.where(func.lower(a.c.outlet).contains(outlet.strip().lower()))
    with engine.connect() as connection:
        total = count_of(connection, query)
        rows = connection.execute(query.limit(limit).offset(offset))
        return page(total, limit, offset, [quote_item(row) for row in rows])
