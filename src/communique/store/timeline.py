"""Timelines: the linked events between actors, one row each with its first sentence, or counts per period.

An actor side is a list of words, each a country or CAMEO code prefix or an exact name (as
``communique events --actor`` takes them). With two sides an event is kept when its source is on one
side and its target on the other, either way round, or, for a reciprocal type (a meeting), when
both sides are among its actors at all; with one side, every event that names it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, distinct, false, func, or_, select, true

from communique.link.rules import reciprocal_types
from communique.store import schema
from communique.store.links import linked_chunks
from communique.store.query import (
    EventFilter,
    actors_of,
    day,
    event_conditions,
    event_day,
    event_row,
    has_actor,
)

PERIODS = {"day": 10, "month": 7, "year": 4}
"""Characters of an ISO day (``2022-01-10``) that name each period."""

Side = Sequence[str]

TIMELINE_COLUMNS: list[tuple[str, type]] = [
    ("period", str),
    ("plover", str),
    ("events", int),
    ("reports", int),
    ("articles", int),
    ("goldstein", float),
]
"""``timeline --counts``: linked events and their reports per period and type."""

LINKED_COLUMNS: list[tuple[str, type]] = [
    ("date", str),
    ("plover", str),
    ("cameo", str),
    ("source", str),
    ("target", str),
    ("reports", int),
    ("articles", int),
    ("sentence", str),
    ("trigger", str),
    ("article", str),
    ("event", str),
    ("story", int),
    # each side's canonical actors (docs/actors.md): "Antonov" here is "Anatoly Antonov" there
    ("source_actors", str),
    ("target_actors", str),
]
"""``timeline``: one row per linked event, its actors and sentence from its first report."""


class TimelineError(ValueError):
    """The timeline cannot be drawn as asked (more than two actor sides)."""


def side_matches(side: Side, role: str | None) -> ColumnElement[bool]:
    """The event has an actor in ``role`` (either when None) matching a word of ``side``."""
    return or_(false(), *(has_actor(word, role) for word in side))


def between(sides: Sequence[Side]) -> list[ColumnElement[bool]]:
    """The conditions keeping the events of one actor side, or between two sides."""
    if not sides:
        return []
    if len(sides) == 1:
        return [side_matches(sides[0], None)]
    if len(sides) > 2:
        raise TimelineError(f"a timeline is between one or two actor sides, not {len(sides)}")
    first, second = sides
    v = schema.events
    return [
        or_(
            and_(side_matches(first, "source"), side_matches(second, "target")),
            and_(side_matches(second, "source"), side_matches(first, "target")),
            and_(v.c.plover.in_(reciprocal_types()), side_matches(first, None), side_matches(second, None)),
        )
    ]


def linked_rows(engine: Engine, wanted: EventFilter, sides: Sequence[Side] = ()) -> Iterator[dict[str, Any]]:
    """One row per linked event with a matching report, by date: its type, actors, sentence and
    trigger from its first report, and how many reports and articles tell of it."""
    conditions = [*event_conditions(wanted), *between(sides)]
    with engine.connect() as connection:
        for chunk in linked_chunks(connection, conditions or [true()]):
            actors = actors_of(connection, {e.first.article_id for e in chunk})
            for linked in chunk:
                first = event_row(linked.first, actors, {})
                yield {
                    **{name: first[name] for name, _ in LINKED_COLUMNS if name in first},
                    "date": linked.date,
                    "reports": linked.reports,
                    "articles": linked.articles,
                    "story": linked.story_id,
                }


def timeline_rows(
    engine: Engine, wanted: EventFilter, by: str = "month", sides: Sequence[Side] = ()
) -> Iterator[dict[str, Any]]:
    """One row per period and PLOVER type: linked events (stories), their reports, the articles
    reporting them and the reports' mean Goldstein score.

    A report counts on its own date, else its article's; reports with neither are left out. A story
    whose reports fall in two periods (a month-only date counts on its first day) counts in both.
    """
    v, a, link = schema.events, schema.articles, schema.event_links
    period = func.substr(day(event_day()), 1, PERIODS[by]).label("period")
    query = (
        select(
            period,
            v.c.plover,
            func.count(distinct(link.c.story_id)).label("events"),
            func.count().label("reports"),
            func.count(distinct(v.c.article_id)).label("articles"),
            func.avg(v.c.goldstein).label("goldstein"),
        )
        .select_from(v.join(a, a.c.id == v.c.article_id))
        .join(link, and_(link.c.article_id == v.c.article_id, link.c.event_id == v.c.id))
        .where(event_day().is_not(None), *event_conditions(wanted), *between(sides))
        .group_by(period, v.c.plover)
        .order_by(period, v.c.plover)
    )
    with engine.connect() as connection:
        for row in connection.execute(query):
            mean = None if row.goldstein is None else round(float(row.goldstein), 2)
            yield {
                "period": row.period,
                "plover": row.plover,
                "events": row.events,
                "reports": row.reports,
                "articles": row.articles,
                "goldstein": mean,
            }
