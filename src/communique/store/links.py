"""Linking across articles: every stored event belongs to a story, one real-world event with all its reports.

When an article is written, each group of its events that report one event (``Event.linked``, set by
the link stage) is compared with the stories already stored: same PLOVER type and report key (kind of
action, actors by country, code or name, in any order for reciprocal types; ``communique.link.rules``),
a date compatible with the story's (the same day, or within the less precise one), and a compatible
place (the same GeoNames id, or one unknown). Only stored events of the same types whose dates can be
compatible are read (the ``(plover, date)`` index), never the whole store. Undated groups are not
compared: they keep a story of their own, linked within their article only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, distinct, func, insert, or_, select, update

from communique.link.rules import (
    ReportKey,
    actor_identity,
    dates_compatible,
    most_precise,
    places_compatible,
    report_key,
)
from communique.store import schema
from communique.store.query import CHUNK, EventFilter, day, event_query

a, v, va, en, p = schema.articles, schema.events, schema.event_actors, schema.entities, schema.places
el, st = schema.event_links, schema.stories


@dataclass(slots=True)
class Report:
    """One stored event as the linker sees it."""

    article_id: int
    event_id: str
    plover: str
    date: str | None
    geonameid: int | None
    linked: list[str]
    key: ReportKey | None = None
    story_id: int | None = None
    story_date: str | None = None
    story_geonameid: int | None = None


def reports_of(engine: Engine, article_id: int, event_id: str) -> list[dict[str, Any]]:
    """Every stored report of the event that ``event_id`` of article ``article_id`` reports, in any
    article, oldest article first: article id, title, outlet, published, event id, trigger and
    sentence with their offsets, date. Empty when there is no such event."""
    with engine.connect() as connection:
        story = connection.scalar(
            select(el.c.story_id).where(el.c.article_id == article_id, el.c.event_id == event_id)
        )
        if story is not None:
            where = [el.c.story_id == story]
        else:  # not linked yet: the event alone
            where = [v.c.article_id == article_id, v.c.id == event_id]
        query = (
            report_query()
            .outerjoin(el, and_(el.c.article_id == v.c.article_id, el.c.event_id == v.c.id))
            .where(*where)
            .order_by(a.c.published, a.c.id, func.length(v.c.id), v.c.id)
        )
        return [report_dict(row) for row in connection.execute(query)]


def report_query():
    """Events with their article, trigger text and sentence text."""
    return select(
        v.c.article_id,
        v.c.id,
        v.c.plover,
        v.c.date,
        v.c.trigger_start,
        v.c.trigger_end,
        v.c.sentence_start,
        v.c.sentence_end,
        a.c.doc_id,
        a.c.title,
        a.c.outlet,
        a.c.url,
        a.c.published,
        substring(v.c.trigger_start, v.c.trigger_end).label("trigger"),
        substring(v.c.sentence_start, v.c.sentence_end).label("sentence"),
    ).join(a, a.c.id == v.c.article_id)


def substring(start: ColumnElement, end: ColumnElement) -> ColumnElement[str]:
    """The article text between two offsets (SQL strings count from 1)."""
    return func.substr(a.c.text, start + 1, end - start)


def report_dict(row) -> dict[str, Any]:
    """One report as ``reports_of`` gives it."""
    return {
        "article_id": row.article_id,
        "doc_id": row.doc_id,
        "title": row.title,
        "outlet": row.outlet,
        "url": row.url,
        "published": row.published,
        "event_id": row.id,
        "plover": row.plover,
        "date": row.date,
        "trigger": row.trigger,
        "trigger_start": row.trigger_start,
        "trigger_end": row.trigger_end,
        "sentence": row.sentence,
        "sentence_start": row.sentence_start,
        "sentence_end": row.sentence_end,
    }


def link_article(connection: Connection, article_id: int) -> None:
    """Give every event of a stored article a story: an existing one it reports, else a new one.
    Events that already have one are left alone, so linking an article twice changes nothing."""
    reports = [r for r in load_reports(connection, [v.c.article_id == article_id]) if r.story_id is None]
    for group in article_groups(reports):
        date = most_precise(r.date for r in group)
        place = next((r.geonameid for r in group if r.geonameid is not None), None)
        story = matching_story(connection, article_id, group, date, place)
        if story is None:
            story = connection.execute(insert(st).values(date=date, geonameid=place)).inserted_primary_key[0]
        else:
            widen_story(connection, story, date, place)
        connection.execute(
            insert(el), [{"article_id": article_id, "event_id": r.event_id, "story_id": story} for r in group]
        )


def link_stored(connection: Connection) -> None:
    """Link the events of every stored article, in the order the articles were stored (a store made
    before links existed)."""
    ids = connection.scalars(select(a.c.id).order_by(a.c.id)).all()
    for article_id in ids:
        link_article(connection, article_id)


def load_reports(connection: Connection, conditions: list[ColumnElement[bool]]) -> list[Report]:
    """The events meeting ``conditions`` (over ``events``) with their place, story and report key."""
    query = (
        select(
            v.c.article_id,
            v.c.id,
            v.c.plover,
            v.c.cameo,
            v.c.date,
            v.c.linked,
            p.c.geonameid,
            el.c.story_id,
            st.c.date.label("story_date"),
            st.c.geonameid.label("story_geonameid"),
        )
        .outerjoin(p, and_(p.c.article_id == v.c.article_id, p.c.id == v.c.location))
        .outerjoin(el, and_(el.c.article_id == v.c.article_id, el.c.event_id == v.c.id))
        .outerjoin(st, st.c.id == el.c.story_id)
        .where(*conditions)
    )
    rows = connection.execute(query).all()
    sides = actor_sides(connection, conditions)
    return [
        Report(
            row.article_id,
            row.id,
            row.plover,
            row.date,
            row.geonameid,
            list(row.linked or []),
            key_of(row, sides),
            row.story_id,
            row.story_date,
            row.story_geonameid,
        )
        for row in rows
    ]


def actor_sides(connection: Connection, conditions: list[ColumnElement[bool]]) -> dict[tuple, set[str]]:
    """The actor identities of each side of the events meeting ``conditions``, by (article, event, role)."""
    query = (
        select(va.c.article_id, va.c.event_id, va.c.role, en.c.country, en.c.code, en.c.name)
        .join(en, and_(en.c.article_id == va.c.article_id, en.c.id == va.c.entity_id))
        .join(v, and_(v.c.article_id == va.c.article_id, v.c.id == va.c.event_id))
        .where(*conditions)
    )
    sides: dict[tuple, set[str]] = defaultdict(set)
    for row in connection.execute(query):
        sides[row.article_id, row.event_id, row.role].add(actor_identity(row.country, row.code, row.name))
    return sides


def key_of(row, sides: dict[tuple, set[str]]) -> ReportKey | None:
    """The report key of an event row."""
    sources = sides.get((row.article_id, row.id, "source"), set())
    targets = sides.get((row.article_id, row.id, "target"), set())
    return report_key(row.plover, row.cameo, sources, targets)


def article_groups(reports: list[Report]) -> list[list[Report]]:
    """The article's events in groups that report one event (joined through ``linked``)."""
    by_id = {r.event_id: r for r in reports}
    group_of: dict[str, int] = {}
    groups: list[list[Report]] = []
    for report in reports:
        if report.event_id in group_of:
            continue
        group, todo = [], [report.event_id]
        while todo:
            event_id = todo.pop()
            if event_id in group_of or event_id not in by_id:
                continue
            group_of[event_id] = len(groups)
            group.append(by_id[event_id])
            todo.extend(by_id[event_id].linked)
        groups.append(group)
    return groups


def matching_story(
    connection: Connection, article_id: int, group: list[Report], date: str | None, place: int | None
) -> int | None:
    """The one stored story the group reports, or None (no date to compare, no match, or several
    stories the group could equally be: "met in January" when two January meetings are stored)."""
    keyed = {(r.plover, r.key) for r in group if r.key is not None}
    if date is None or not keyed:
        return None
    conditions = [candidates({plover for plover, _ in keyed}, date), v.c.article_id != article_id]
    stories: dict[int, str] = {}
    for candidate in load_reports(connection, conditions):
        if candidate.story_id is None or (candidate.plover, candidate.key) not in keyed:
            continue
        story_date = candidate.story_date or candidate.date
        if dates_compatible(date, story_date) and places_compatible(place, candidate.story_geonameid):
            stories[candidate.story_id] = story_date
    return only_story(stories, date)


def only_story(stories: dict[int, str], date: str) -> int | None:
    """The story to join: the only candidate, else the only one of exactly the same date."""
    if len(stories) == 1:
        return next(iter(stories))
    same_day = [story for story, story_date in stories.items() if story_date == date]
    return same_day[0] if len(same_day) == 1 else None


def candidates(plovers: set[str], date: str) -> ColumnElement[bool]:
    """Stored events of these types whose dates are compatible with ``date``: the date itself, a less
    precise date it falls in ("2022-01" for "2022-01-10"), or a more precise one within it. Written
    as equalities and a range, each beside the type, not as LIKE, so that the ``(plover, date)``
    index serves every branch."""
    shorter = [date[:n] for n in (4, 7) if n < len(date)]
    # "." sorts just after "-": the range holds the date and every "date-..." below it.
    within = and_(v.c.plover.in_(plovers), v.c.date >= date, v.c.date < date + ".")
    return or_(and_(v.c.plover.in_(plovers), v.c.date.in_(shorter)), within) if shorter else within


def widen_story(connection: Connection, story: int, date: str | None, place: int | None) -> None:
    """Keep a story's date the most precise of its reports' and its place the first one known."""
    current = connection.execute(select(st.c.date, st.c.geonameid).where(st.c.id == story)).one()
    values = {"date": most_precise([current.date, date]), "geonameid": current.geonameid or place}
    if values != {"date": current.date, "geonameid": current.geonameid}:
        connection.execute(update(st).where(st.c.id == story).values(**values))


@dataclass(frozen=True, slots=True)
class LinkedEvent:
    """One story as listed: its first report (an ``event_query`` row) and the counts of its reports."""

    story_id: int
    date: str | None
    reports: int
    articles: int
    outlets: int
    first: Any


def linked_chunks(
    connection: Connection, conditions: Iterable[ColumnElement[bool]] = ()
) -> Iterator[list[LinkedEvent]]:
    """Every story with a report meeting ``conditions`` (over ``events`` joined with ``articles``),
    by date (the story's, else its first article's publication date), in chunks a caller can enrich
    with a few queries each on the same connection."""
    result = connection.execution_options(stream_results=True).execute(story_query(list(conditions)))
    while chunk := list(islice(result, CHUNK)):
        firsts = first_reports(connection, [row.story_id for row in chunk])
        yield [
            LinkedEvent(row.story_id, row.date, row.reports, row.articles, row.outlets, firsts[row.story_id])
            for row in chunk
        ]


def story_query(conditions: list[ColumnElement[bool]]):
    """Stories with their report, article and outlet counts, ordered by date."""
    when = func.coalesce(st.c.date, func.min(a.c.published))
    query = (
        select(
            el.c.story_id,
            when.label("date"),
            func.count().label("reports"),
            func.count(distinct(v.c.article_id)).label("articles"),
            func.count(distinct(a.c.outlet)).label("outlets"),
        )
        .select_from(el.join(v, and_(v.c.article_id == el.c.article_id, v.c.id == el.c.event_id)))
        .join(a, a.c.id == v.c.article_id)
        .join(st, st.c.id == el.c.story_id)
        .group_by(el.c.story_id, st.c.date)
        .order_by(day(when), el.c.story_id)
    )
    if conditions:
        matching = (
            select(el.c.story_id)
            .select_from(el.join(v, and_(v.c.article_id == el.c.article_id, v.c.id == el.c.event_id)))
            .join(a, a.c.id == v.c.article_id)
            .where(*conditions)
        )
        query = query.where(el.c.story_id.in_(matching))
    return query


def first_reports(connection: Connection, story_ids: list[int]) -> dict[int, Any]:
    """The first report of each story (earliest article, then first event in it), as a full event row."""
    query = (
        event_query(EventFilter())
        .join(el, and_(el.c.article_id == v.c.article_id, el.c.event_id == v.c.id))
        .add_columns(el.c.story_id, a.c.ingested_at, a.c.pipeline)
        .where(el.c.story_id.in_(story_ids))
        .order_by(None)
        .order_by(el.c.story_id, a.c.published, a.c.id, func.length(v.c.id), v.c.id)
    )
    firsts: dict[int, Any] = {}
    for row in connection.execute(query):
        firsts.setdefault(row.story_id, row)
    return firsts
