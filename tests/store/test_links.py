"""Linking across articles: made-up stories told by several outlets become one linked event each."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select

from communique.article import Article, Entity, Event, Place
from communique.store import open_store, schema, writer
from communique.store.database import migrate
from communique.store.links import reports_of
from communique.store.writer import insert_article, insert_records, without, write_article

ACTORS = {
    "Iceland": ("ISL", "ISLGOV"),
    "Peru": ("PER", "PERGOV"),
    "Reykjavik": ("ISL", "ISLGOV"),  # the capital standing for the government: the same side as Iceland
    "Chad": ("TCD", "TCDGOV"),
}
PLACES = {"Geneva": 2660646, "Lima": 3936456}


@dataclass
class Report:
    """One event of a made-up article: who did what to whom, the trigger word, when and where."""

    plover: str
    trigger: str
    source: str
    target: str
    date: str | None = None
    place: str | None = None
    linked: tuple[str, ...] = ()


def sentence_around(text: str, start: int) -> tuple[int, int]:
    """The sentence of the made-up text that holds ``start``."""
    begin = text.rfind(". ", 0, start)
    end = text.find(".", start)
    return (0 if begin < 0 else begin + 2, len(text) if end < 0 else end + 1)


def story(
    doc_id: str, text: str, *reports: Report, outlet: str = "Wire", published: str = "2023-03-07"
) -> Article:
    """A made-up article whose events are the reports given, in order (V1, V2, ...)."""
    names = [n for n in ACTORS if n in text]
    entities = [
        Entity(
            f"E{n}",
            name,
            "country",
            *ACTORS[name],
            mentions=[(text.index(name), text.index(name) + len(name))],
        )
        for n, name in enumerate(names, start=1)
    ]
    entity = {e.name: e.id for e in entities}
    places = [
        Place(f"P{n}", (text.index(name), text.index(name) + len(name)), name, name, geonameid)
        for n, (name, geonameid) in enumerate(PLACES.items(), start=1)
        if name in text
    ]
    place = {pl.name: pl.id for pl in places}
    events = []
    for n, report in enumerate(reports, start=1):
        start = text.index(report.trigger)
        events.append(
            Event(
                f"V{n}",
                report.plover,
                (start, start + len(report.trigger)),
                sentence_around(text, start),
                cameo={"CONSULT": "040", "ACCUSE": "112", "AID": "070"}[report.plover],
                source=[entity[report.source]],
                target=[entity[report.target]],
                date=report.date,
                location=place.get(report.place),
                linked=list(report.linked),
            )
        )
    return Article(
        doc_id,
        text,
        published=published,
        outlet=outlet,
        title=f"Story {doc_id}",
        entities=entities,
        events=events,
        places=places,
    )


MET = story(
    "wire-1",
    "Iceland and Peru met in Geneva on Monday. The talks lasted four hours.",
    Report("CONSULT", "met", "Iceland", "Peru", "2023-03-06", "Geneva"),
)
TALKS = story(
    "daily-1",
    "Peru held talks with Iceland in Geneva on 6 March, officials said.",
    Report("CONSULT", "held talks", "Peru", "Iceland", "2023-03-06"),
    outlet="Daily",
)


def write(engine, *articles: Article) -> list[int]:
    return [write_article(engine, article, article.id) for article in articles]


def story_of(engine, article_id: int, event_id: str = "V1") -> int:
    with engine.connect() as connection:
        return connection.scalar(
            select(schema.event_links.c.story_id).where(
                schema.event_links.c.article_id == article_id, schema.event_links.c.event_id == event_id
            )
        )


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table))


def test_one_meeting_told_by_two_outlets_is_one_linked_event(engine):
    first, second = write(engine, MET, TALKS)
    assert story_of(engine, first) == story_of(engine, second)


def test_reports_of_gives_every_report_with_its_sentence(engine):
    first, second = write(engine, MET, TALKS)
    reports = reports_of(engine, second, "V1")
    assert [(r["article_id"], r["event_id"]) for r in reports] == [(first, "V1"), (second, "V1")]
    assert [r["outlet"] for r in reports] == ["Wire", "Daily"]
    assert reports[1]["trigger"] == "held talks"
    assert reports[0]["sentence"] == "Iceland and Peru met in Geneva on Monday."
    start, end = reports[0]["sentence_start"], reports[0]["sentence_end"]
    assert MET.text[start:end] == reports[0]["sentence"]
    assert reports[0]["title"] == "Story wire-1" and reports[0]["date"] == "2023-03-06"


def test_reports_of_an_unknown_event_is_empty(engine):
    write(engine, MET)
    assert reports_of(engine, 999, "V1") == []


def test_a_capital_standing_for_its_government_is_the_same_side(engine):
    capital = story(
        "post-1",
        "Reykjavik met Peru on 6 March.",
        Report("CONSULT", "met", "Reykjavik", "Peru", "2023-03-06"),
    )
    first, second = write(engine, MET, capital)
    assert story_of(engine, first) == story_of(engine, second)


def test_a_meeting_elsewhere_on_the_same_day_is_another_event(engine):
    lima = story(
        "post-2",
        "Iceland met Peru in Lima on 6 March.",
        Report("CONSULT", "met", "Iceland", "Peru", "2023-03-06", "Lima"),
    )
    first, second = write(engine, MET, lima)
    assert story_of(engine, first) != story_of(engine, second)


def test_a_meeting_on_another_day_is_another_event(engine):
    later = story(
        "post-3", "Iceland met Peru on 20 March.", Report("CONSULT", "met", "Iceland", "Peru", "2023-03-20")
    )
    first, second = write(engine, MET, later)
    assert story_of(engine, first) != story_of(engine, second)


def test_a_month_only_date_links_to_the_one_meeting_of_that_month(engine):
    vague = story(
        "post-4", "Iceland met Peru in March.", Report("CONSULT", "met", "Iceland", "Peru", "2023-03")
    )
    first, second = write(engine, MET, vague)
    assert story_of(engine, first) == story_of(engine, second)


def test_a_month_only_date_is_not_linked_when_two_meetings_fall_in_that_month(engine):
    later = story(
        "post-3", "Iceland met Peru on 20 March.", Report("CONSULT", "met", "Iceland", "Peru", "2023-03-20")
    )
    vague = story(
        "post-4", "Iceland met Peru in March.", Report("CONSULT", "met", "Iceland", "Peru", "2023-03")
    )
    ids = write(engine, MET, later, vague)
    assert len({story_of(engine, article_id) for article_id in ids}) == 3


def test_the_side_order_matters_for_an_accusation(engine):
    one = story(
        "a-1",
        "Iceland accused Peru on 6 March.",
        Report("ACCUSE", "accused", "Iceland", "Peru", "2023-03-06"),
    )
    back = story(
        "a-2",
        "Peru accused Iceland on 6 March.",
        Report("ACCUSE", "accused", "Peru", "Iceland", "2023-03-06"),
    )
    again = story(
        "a-3", "Iceland blamed Peru on Monday.", Report("ACCUSE", "blamed", "Iceland", "Peru", "2023-03-06")
    )
    first, second, third = write(engine, one, back, again)
    assert story_of(engine, first) != story_of(engine, second)
    assert story_of(engine, first) == story_of(engine, third)


def test_another_type_or_another_actor_is_another_event(engine):
    aid = story(
        "b-1",
        "Iceland sent aid to Peru on 6 March.",
        Report("AID", "sent aid", "Iceland", "Peru", "2023-03-06"),
    )
    chad = story(
        "b-2", "Iceland met Chad on 6 March.", Report("CONSULT", "met", "Iceland", "Chad", "2023-03-06")
    )
    ids = write(engine, MET, aid, chad)
    assert len({story_of(engine, article_id) for article_id in ids}) == 3


def test_undated_reports_link_only_within_their_article(engine):
    undated = story(
        "c-1",
        "Iceland met Peru. The meeting between Peru and Iceland was short.",
        Report("CONSULT", "met", "Iceland", "Peru", linked=("V2",)),
        Report("CONSULT", "meeting", "Peru", "Iceland", linked=("V1",)),
    )
    first, second = write(engine, MET, undated)
    assert story_of(engine, second, "V1") == story_of(engine, second, "V2")
    assert story_of(engine, second) != story_of(engine, first)


def test_a_group_linked_in_its_article_joins_a_stored_story_whole(engine):
    pair = story(
        "d-1",
        "Iceland met Peru on 6 March. The meeting between Peru and Iceland was short.",
        Report("CONSULT", "met", "Iceland", "Peru", "2023-03-06", linked=("V2",)),
        Report("CONSULT", "meeting", "Peru", "Iceland", linked=("V1",)),
    )
    first, second = write(engine, MET, pair)
    assert story_of(engine, first) == story_of(engine, second, "V1") == story_of(engine, second, "V2")
    assert len(reports_of(engine, first, "V1")) == 3


def test_writing_an_article_again_adds_no_link(engine):
    write(engine, MET, TALKS)
    links, stories = count(engine, schema.event_links), count(engine, schema.stories)
    assert write_article(engine, TALKS, TALKS.id) is None
    assert (count(engine, schema.event_links), count(engine, schema.stories)) == (links, stories) == (2, 1)


def test_a_store_made_at_the_first_revision_gets_its_links_on_upgrade(tmp_path, monkeypatch, store_at):
    # events gained coded_by after 0001 (revision 0006): write them as the writer of 0001 did
    today = writer.event_row
    monkeypatch.setattr(writer, "event_row", lambda event: without(today(event), "coded_by"))
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with store_at(url, "0001") as connection:
        ids = [insert_article(connection, article, article.id, None, "") for article in (MET, TALKS)]
        for article_id, article in zip(ids, (MET, TALKS), strict=True):
            # places gained a column after 0001, so today's writer cannot write them into it
            insert_records(connection, article_id, replace(article, places=[]))
    engine = open_store(url)
    assert story_of(engine, ids[0]) == story_of(engine, ids[1]) is not None
    later = story(
        "e-1",
        "Iceland met Peru on Monday in Geneva.",
        Report("CONSULT", "met", "Iceland", "Peru", "2023-03-06"),
    )
    [third] = write(engine, later)
    assert story_of(engine, third) == story_of(engine, ids[0])
    migrate(engine)  # opening again back-fills nothing twice
    assert count(engine, schema.event_links) == 3
    engine.dispose()
