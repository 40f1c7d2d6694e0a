"""Canonical actors as an analyst browses them: the list with counts, and one actor's profile (its names,
roles over time with the articles stating them, how its entities joined it, its events as source and
as target, and its quotes).

The web app's actor pages and ``GET /api/actors`` read these; the events and quotes are the flat rows
of ``query.py``, so a profile's events are the ones ``communique events`` prints.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Integer, Text, and_, case, cast, exists, func, or_, select

from communique.store import schema
from communique.store.browse import count_of, event_items, page, quote_item
from communique.store.query import EventFilter, QuoteFilter, event_query, quote_query

ac, al, ar, ea = schema.actors, schema.actor_aliases, schema.actor_roles, schema.entity_actors
a, v, va, q = schema.articles, schema.events, schema.event_actors, schema.quotes

Row = dict[str, Any]

PROFILE_EVENTS = 100
"""Events of each side and quotes a profile lists unless asked for another number."""


def actor_list(engine: Engine, search: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Canonical actors with their articles and events as source and as target, busiest first;
    ``search`` is part of the actor's name or of any of its aliases (any case)."""
    event_key = cast(va.c.article_id, Text) + ":" + va.c.event_id  # an event once, however many entities
    sides = (
        select(
            ea.c.actor_id,
            func.count(func.distinct(case((va.c.role == "source", event_key)))).label("as_source"),
            func.count(func.distinct(case((va.c.role == "target", event_key)))).label("as_target"),
        )
        .select_from(ea.join(va, and_(va.c.article_id == ea.c.article_id, va.c.entity_id == ea.c.entity_id)))
        .group_by(ea.c.actor_id)
        .subquery()
    )
    articles = (
        select(ea.c.actor_id, func.count(func.distinct(ea.c.article_id)).label("articles"))
        .group_by(ea.c.actor_id)
        .subquery()
    )
    as_source = cast(func.coalesce(sides.c.as_source, 0), Integer).label("as_source")
    as_target = cast(func.coalesce(sides.c.as_target, 0), Integer).label("as_target")
    query = select(
        ac.c.id,
        ac.c.name,
        ac.c.kind,
        ac.c.country,
        ac.c.sector,
        ac.c.code,
        ac.c.origin,
        cast(func.coalesce(articles.c.articles, 0), Integer).label("articles"),
        as_source,
        as_target,
    ).select_from(
        ac.outerjoin(articles, articles.c.actor_id == ac.c.id).outerjoin(sides, sides.c.actor_id == ac.c.id)
    )
    if search:
        word = search.strip().lower()
        named = exists(select(al.c.actor_id).where(al.c.actor_id == ac.c.id, al.c.alias.contains(word)))
        query = query.where(or_(func.lower(ac.c.name).contains(word), named))
    ordered = query.order_by((as_source + as_target).desc(), articles.c.articles.desc(), ac.c.name, ac.c.id)
    with engine.connect() as connection:
        total = count_of(connection, query)
        items = [dict(row._mapping) for row in connection.execute(ordered.limit(limit).offset(offset))]
    return page(total, limit, offset, items)


def actor_profile(engine: Engine, actor_id: int, limit: int = PROFILE_EVENTS) -> Row | None:
    """One canonical actor with its aliases, dated roles, join evidence, events by side and quotes;
    None when there is no such actor."""
    with engine.connect() as connection:
        actor = connection.execute(select(ac).where(ac.c.id == actor_id)).first()
        if actor is None:
            return None
        profile = {name: getattr(actor, name) for name in ("id", "name", "kind", "country", "sector", "code")}
        profile["origin"] = actor.origin
        profile["aliases"] = aliases_of(connection, actor_id)
        profile["roles"] = roles_of(connection, actor_id)
        profile["evidence"] = evidence_of(connection, actor_id)
        profile["articles"] = connection.scalar(
            select(func.count(func.distinct(ea.c.article_id))).where(ea.c.actor_id == actor_id)
        )
        for role in ("source", "target"):
            query = event_query(EventFilter()).where(plays(actor_id, role))
            profile[f"as_{role}"] = {
                "total": count_of(connection, query),
                "items": event_items(connection, query.limit(limit)),
            }
        quotes = quote_query(QuoteFilter()).where(speaks(actor_id))
        items = [quote_item(row) for row in connection.execute(quotes.limit(limit))]
        profile["quotes"] = {"total": count_of(connection, quotes), "items": items}
    return profile


def plays(actor_id: int, role: str):
    """The event has, in ``role``, an entity whose canonical actor is ``actor_id``."""
    return exists(
        select(va.c.event_id)
        .join(ea, and_(ea.c.article_id == va.c.article_id, ea.c.entity_id == va.c.entity_id))
        .where(
            va.c.article_id == v.c.article_id,
            va.c.event_id == v.c.id,
            va.c.role == role,
            ea.c.actor_id == actor_id,
        )
    )


def speaks(actor_id: int):
    """The quote's speaker is an entity whose canonical actor is ``actor_id``."""
    return exists(
        select(ea.c.entity_id).where(
            ea.c.article_id == q.c.article_id, ea.c.entity_id == q.c.speaker, ea.c.actor_id == actor_id
        )
    )


def aliases_of(connection: Connection, actor_id: int) -> list[Row]:
    """The actor's names as written, with why each is one (inferred, imported, mention, initials)."""
    query = select(al.c.name, al.c.origin).where(al.c.actor_id == actor_id).order_by(al.c.alias)
    return [dict(row._mapping) for row in connection.execute(query)]


def roles_of(connection: Connection, actor_id: int) -> list[Row]:
    """The actor's roles, oldest first: each article stating one (its row id, title and date) and each
    imported role with its period."""
    when = func.coalesce(ar.c.seen, ar.c.valid_from)
    query = (
        select(ar.c.role, ar.c.seen, ar.c.valid_from, ar.c.valid_to, ar.c.article_id, a.c.title)
        .select_from(ar.outerjoin(a, a.c.id == ar.c.article_id))
        .where(ar.c.actor_id == actor_id)
        .order_by(when, ar.c.role, ar.c.id)
    )
    return [dict(row._mapping) for row in connection.execute(query)]


def evidence_of(connection: Connection, actor_id: int) -> list[Row]:
    """Why the actor's entities joined it (``new``, ``name``, ``surname``, ...), with how many did."""
    count = func.count().label("entities")
    query = (
        select(ea.c.evidence, count)
        .where(ea.c.actor_id == actor_id)
        .group_by(ea.c.evidence)
        .order_by(count.desc(), ea.c.evidence)
    )
    return [dict(row._mapping) for row in connection.execute(query)]
