"""The timeline: events counted per period and type, with articles and mean Goldstein score."""

from __future__ import annotations

import pytest

from communique.store.query import EventFilter
from communique.store.timeline import timeline_rows
from communique.store.writer import write_article


@pytest.fixture
def filled(engine, made):
    """Two meetings in January 2022 (Goldstein 1 and 3), an accusation dated only to February."""
    first, second, third = (made(f"doc-{n}", text=f"({n}) {made().text}") for n in range(3))
    second.events[0].date, second.events[0].goldstein = "2022-01-20", 3.0
    third.events[0].plover, third.events[0].date, third.events[0].goldstein = "ACCUSE", "2022-02", -2.0
    for n, article in enumerate((first, second, third)):
        write_article(engine, article, f"k{n}")
    return engine


def test_events_are_counted_per_month_and_type(filled):
    rows = [
        (r["period"], r["plover"], r["events"], r["articles"], r["goldstein"])
        for r in timeline_rows(filled, EventFilter())
    ]
    assert rows == [("2022-01", "CONSULT", 2, 2, 2.0), ("2022-02", "ACCUSE", 1, 1, -2.0)]


def test_counting_by_day_puts_a_month_date_on_its_first_day(filled):
    periods = [r["period"] for r in timeline_rows(filled, EventFilter(), by="day")]
    assert periods == ["2022-01-10", "2022-01-20", "2022-02-01"]


def test_the_timeline_takes_the_event_filters(filled):
    rows = list(timeline_rows(filled, EventFilter(type="ACCUSE"), by="year"))
    assert [(r["period"], r["events"]) for r in rows] == [("2022", 1)]
    assert list(timeline_rows(filled, EventFilter(actor="PER"))) == []
