"""A timeline: how many matching events of each type happened per day, month or year."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, distinct, func, select

from communique.store import schema
from communique.store.query import EventFilter, day, event_conditions, event_day

PERIODS = {"day": 10, "month": 7, "year": 4}
"""Characters of an ISO day (``2022-01-10``) that name each period."""

TIMELINE_COLUMNS: list[tuple[str, type]] = [
    ("period", str),
    ("plover", str),
    ("events", int),
    ("articles", int),
    ("goldstein", float),
]


def timeline_rows(engine: Engine, wanted: EventFilter, by: str = "month") -> Iterator[dict[str, Any]]:
    """One row per period and PLOVER type: event and article counts and the mean Goldstein score.

    Events with no date of their own and an undated article have no period and are left out.
    """
    v, a = schema.events, schema.articles
    period = func.substr(day(event_day()), 1, PERIODS[by]).label("period")
    query = (
        select(
            period,
            v.c.plover,
            func.count().label("events"),
            func.count(distinct(v.c.article_id)).label("articles"),
            func.avg(v.c.goldstein).label("goldstein"),
        )
        .select_from(v.join(a, a.c.id == v.c.article_id))
        .where(event_day().is_not(None), *event_conditions(wanted))
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
                "articles": row.articles,
                "goldstein": mean,
            }
