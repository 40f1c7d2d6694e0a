"""The timeline: linked events between actors by date, or counted per period and type."""

from __future__ import annotations

import pytest

from communique.store.query import EventFilter
from communique.store.timeline import TimelineError, linked_rows, timeline_rows
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


@pytest.fixture
def told_twice(engine, made):
    """One Oslo meeting (Norway → Chile) told by two articles, a Chilean accusation of Norway,
    and a Norwegian accusation of Peru."""
    first, second, back, other = (made(f"doc-{n}", text=f"({n}) {made().text}") for n in range(4))
    second.published = "2022-01-11"
    back.events[0].plover, back.events[0].cameo, back.events[0].date = "ACCUSE", "112", "2022-01-15"
    back.events[0].source, back.events[0].target = ["E2"], ["E1"]
    other.events[0].plover, other.events[0].cameo, other.events[0].date = "ACCUSE", "112", "2022-01-20"
    other.entities[1].country, other.entities[1].code, other.entities[1].name = (
        "PER",
        "PERGOVDIP",
        "Peruvian ambassador",
    )
    for n, article in enumerate((first, second, back, other)):
        write_article(engine, article, f"k{n}")
    return engine


def test_two_reports_of_one_meeting_count_as_one_event(told_twice):
    rows = list(timeline_rows(told_twice, EventFilter(type="CONSULT")))
    assert [(r["events"], r["reports"], r["articles"]) for r in rows] == [(1, 2, 2)]


def test_the_linked_list_has_one_row_per_event_with_its_first_sentence(told_twice, made):
    rows = list(linked_rows(told_twice, EventFilter(), [["NOR"], ["CHL"]]))
    assert [(r["date"], r["plover"], r["reports"], r["articles"]) for r in rows] == [
        ("2022-01-10", "CONSULT", 2, 2),
        ("2022-01-15", "ACCUSE", 1, 1),
    ]
    assert rows[0]["article"] == "doc-0" and rows[0]["sentence"].endswith("in Oslo on Monday.")
    assert (rows[1]["source"], rows[1]["target"]) == ("Chilean ambassador", "Norway's foreign minister")


def test_one_actor_lists_all_its_events(told_twice):
    rows = list(linked_rows(told_twice, EventFilter(), [["NOR"]]))
    assert [r["date"] for r in rows] == ["2022-01-10", "2022-01-15", "2022-01-20"]


def test_a_side_may_hold_several_actors(told_twice):
    rows = list(linked_rows(told_twice, EventFilter(type="ACCUSE"), [["NOR"], ["CHL", "PER"]]))
    assert [r["date"] for r in rows] == ["2022-01-15", "2022-01-20"]


def test_a_meeting_named_with_both_sides_as_sources_is_between_them(engine, made):
    article = made()
    article.events[0].source, article.events[0].target = ["E1", "E2"], []
    write_article(engine, article, "k")
    assert len(list(linked_rows(engine, EventFilter(), [["CHL"], ["NOR"]]))) == 1
    article = made("accuse", text="(x) " + made().text)
    article.events[0].plover, article.events[0].source, article.events[0].target = "ACCUSE", ["E1", "E2"], []
    write_article(engine, article, "k2")
    assert [r["plover"] for r in linked_rows(engine, EventFilter(), [["CHL"], ["NOR"]])] == ["CONSULT"]


def test_the_counts_take_the_actor_sides_too(told_twice):
    rows = list(timeline_rows(told_twice, EventFilter(), sides=[["NOR"], ["PER"]]))
    assert [(r["plover"], r["events"]) for r in rows] == [("ACCUSE", 1)]


def test_three_actor_sides_are_refused(engine):
    with pytest.raises(TimelineError, match="two actor sides"):
        list(linked_rows(engine, EventFilter(), [["A"], ["B"], ["C"]]))


def test_a_timeline_side_is_a_canonical_actor_under_every_name(engine):
    from communique.article import Article, Entity, Event

    def statement(doc_id: str, published: str, names: list[str]) -> Article:
        """The last name given criticises the port authority; the others are only named."""
        text = f"{' and '.join(names)} spoke. {names[-1]} criticised the port authority."
        spans = [(text.index(name), text.index(name) + len(name)) for name in names]
        entities = [
            Entity(f"E{n}", name, "person", "IRL", None, None, None, [span])
            for n, (name, span) in enumerate(zip(names, spans, strict=True), start=1)
        ]
        verb = text.rindex("criticised")
        event = Event("V1", "DISAPPROVE", (verb, verb + 10), (0, len(text)), source=[f"E{len(names)}"],
                      date=published, confidence=0.9)
        return Article(id=doc_id, text=text, published=published, entities=entities, events=[event])

    for n, article in enumerate((
        statement("w1", "2023-04-01", ["Ada Brennan"]),
        statement("w2", "2023-04-02", ["Tom Brennan"]),
        statement("w3", "2023-04-03", ["Ada Brennan", "Brennan"]),  # the article names her in full
    )):
        write_article(engine, article, f"w{n}")
    rows = list(linked_rows(engine, EventFilter(), [["Ada Brennan"]]))
    assert [(r["date"], r["source"], r["source_actors"]) for r in rows] == [
        ("2023-04-01", "Ada Brennan", "Ada Brennan"),
        ("2023-04-03", "Brennan", "Ada Brennan"),
    ]
