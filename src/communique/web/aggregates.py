"""Summaries the web views draw: actors with counts, the actor network, event places, quote facets, timelines.

Entities are stored per article; across articles an actor is its canonical actor (store/actors.py), so
"Antonov" in one article and "Anatoly Antonov" in another are one row and one node.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Engine, and_, func, select, true

from communique.store import schema
from communique.store.browse import event_items
from communique.store.links import linked_chunks
from communique.store.profiles import actor_list
from communique.store.query import (
    EventFilter,
    actors_of,
    event_conditions,
    event_query,
    event_row,
    places_of,
)
from communique.store.timeline import between, timeline_rows

a, v, va, en, q, p = (
    schema.articles,
    schema.events,
    schema.event_actors,
    schema.entities,
    schema.quotes,
    schema.places,
)

Row = dict[str, Any]


def actor_page(engine: Engine, search: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Canonical actors with the articles naming them and their events as source and as target."""
    return actor_list(engine, search, limit, offset)


def actor_events(engine: Engine, actor: str, wanted: EventFilter) -> dict[str, Any]:
    """The events an actor took part in, as source and as target (each at most ``wanted.limit``)."""
    result: dict[str, Any] = {"actor": actor}
    with engine.connect() as connection:
        for role in ("source", "target"):
            chosen = replace(wanted, **{role: actor})
            total = connection.execute(
                select(func.count()).select_from(event_query(replace(chosen, limit=None)).subquery())
            ).scalar_one()
            result[f"as_{role}"] = {"total": total, "items": event_items(connection, event_query(chosen))}
    return result


def network(engine: Engine, wanted: EventFilter, limit: int = 300) -> dict[str, list[Row]]:
    """Who did what to whom: one edge per source actor, target actor and quad class, with its event count."""
    source, target = en.alias("source"), en.alias("target")
    vs, vt = va.alias("vs"), va.alias("vt")
    # Nodes are canonical actors (store/actors.py): "Clinton" and "Hillary Clinton" are one node, and
    # two actors of one name (two unresolved "Clinton"s) are two.
    es, et = schema.entity_actors.alias("es"), schema.entity_actors.alias("et")
    cs, ct = schema.actors.alias("cs"), schema.actors.alias("ct")
    source_name = func.coalesce(cs.c.name, source.c.name)
    target_name = func.coalesce(ct.c.name, target.c.name)
    count = func.count().label("events")
    query = (
        select(
            source_name.label("source"),
            target_name.label("target"),
            cs.c.id.label("source_id"),
            ct.c.id.label("target_id"),
            v.c.quad_class,
            count,
        )
        .select_from(
            v.join(a, a.c.id == v.c.article_id)
            .join(vs, and_(vs.c.article_id == v.c.article_id, vs.c.event_id == v.c.id, vs.c.role == "source"))
            .join(source, and_(source.c.article_id == vs.c.article_id, source.c.id == vs.c.entity_id))
            .join(vt, and_(vt.c.article_id == v.c.article_id, vt.c.event_id == v.c.id, vt.c.role == "target"))
            .join(target, and_(target.c.article_id == vt.c.article_id, target.c.id == vt.c.entity_id))
            .outerjoin(es, and_(es.c.article_id == source.c.article_id, es.c.entity_id == source.c.id))
            .outerjoin(cs, cs.c.id == es.c.actor_id)
            .outerjoin(et, and_(et.c.article_id == target.c.article_id, et.c.entity_id == target.c.id))
            .outerjoin(ct, ct.c.id == et.c.actor_id)
        )
        .where(*event_conditions(wanted))
        .group_by(source_name, target_name, cs.c.id, ct.c.id, v.c.quad_class)
        .order_by(count.desc(), source_name, target_name, cs.c.id, ct.c.id)
        .limit(limit)
    )
    with engine.connect() as connection:
        edges = [dict(row._mapping) for row in connection.execute(query)]
    return {"nodes": network_nodes(edges), "edges": edges}


def network_nodes(edges: list[Row]) -> list[Row]:
    """The actors at the ends of the edges, by canonical id (by name for an entity without one),
    with the events on their edges, busiest first."""
    nodes: dict[tuple, Row] = {}
    for edge in edges:
        for end in ("source", "target"):
            key = (edge[f"{end}_id"], edge[end] if edge[f"{end}_id"] is None else None)
            node = nodes.setdefault(key, {"name": edge[end], "id": edge[f"{end}_id"], "events": 0})
            node["events"] += edge["events"]
    return sorted(nodes.values(), key=lambda n: (-n["events"], n["name"], n["id"] or 0))


def event_places(engine: Engine, wanted: EventFilter, limit: int = 1000) -> list[Row]:
    """Where the matching events happened: one point per resolved place, with its event count."""
    count = func.count().label("events")
    query = (
        select(p.c.name, p.c.country, p.c.lat, p.c.lon, count)
        .select_from(
            v.join(a, a.c.id == v.c.article_id).join(
                p, and_(p.c.article_id == v.c.article_id, p.c.id == v.c.location)
            )
        )
        .where(p.c.lat.is_not(None), p.c.lon.is_not(None), *event_conditions(wanted))
        .group_by(p.c.name, p.c.country, p.c.lat, p.c.lon)
        .order_by(count.desc(), p.c.name)
        .limit(limit)
    )
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def quote_facets(engine: Engine, limit: int = 200) -> dict[str, list[Row]]:
    """Speakers, channels and outlets of the stored quotes, with how many quotes each has."""
    speaker = en.alias("speaker")
    said = q.outerjoin(speaker, and_(speaker.c.article_id == q.c.article_id, speaker.c.id == q.c.speaker))
    facets = {
        "speakers": (speaker.c.name, said),
        "channels": (q.c.channel, q),
        "outlets": (a.c.outlet, q.join(a, a.c.id == q.c.article_id)),
    }
    result = {}
    with engine.connect() as connection:
        for name, (column, source) in facets.items():
            count = func.count().label("quotes")
            query = (
                select(column.label("name"), count)
                .select_from(source)
                .where(column.is_not(None))
                .group_by(column)
                .order_by(count.desc(), column)
                .limit(limit)
            )
            result[name] = [dict(row._mapping) for row in connection.execute(query)]
    return result


def actor_timeline(
    engine: Engine, sides: Sequence[Sequence[str]], wanted: EventFilter, by: str = "month", limit: int = 200
) -> dict[str, Any]:
    """The events of one actor side, or between two, each real-world event once with its report count,
    and the same counted per period and type (``communique timeline``)."""
    periods = list(timeline_rows(engine, replace(wanted, limit=None), by, sides))
    return {
        "sides": sides,
        "by": by,
        "periods": periods,
        "events": linked_events(engine, wanted, sides, limit),
    }


def linked_events(
    engine: Engine, wanted: EventFilter, sides: Sequence[Sequence[str]], limit: int
) -> list[Row]:
    """Linked events by date as ``communique timeline`` lists them: the first report's flat row with the
    row id of its article, the story id, and how many reports and articles tell of it."""
    conditions = [*event_conditions(wanted), *between(sides)]
    items: list[Row] = []
    with engine.connect() as connection:
        for whole in linked_chunks(connection, conditions or [true()]):
            # only the rows the page shows get their actors and places (a chunk holds 500 stories)
            chunk = whole[: limit - len(items)]
            ids = {linked.first.article_id for linked in chunk}
            actors, placed = actors_of(connection, ids), places_of(connection, ids)
            for linked in chunk:
                items.append(
                    {
                        **event_row(linked.first, actors, placed),
                        "article_id": linked.first.article_id,
                        "date": linked.date,
                        "reports": linked.reports,
                        "articles": linked.articles,
                        "story": linked.story_id,
                    }
                )
                if len(items) >= limit:
                    return items
    return items
