"""Querying events and quotes: filters by actor, role, type, speaker, channel and period."""

from __future__ import annotations

import pytest

from communique.article import Article, Entity, Event, Quote
from communique.store.query import (
    EVENT_COLUMNS,
    QUOTE_COLUMNS,
    EventFilter,
    QuoteFilter,
    event_rows,
    quote_rows,
)
from communique.store.writer import write_article

ACCUSATION = (
    "Russia's foreign ministry accused NATO of provoking tension in February, its spokeswoman Maria "
    "Zakharova wrote on Telegram."
)


def accusation() -> Article:
    """A second made-up article: Russia accuses NATO, dated only to a month."""
    text = ACCUSATION
    ministry, nato = (0, text.index(" accused")), (text.index("NATO"), text.index("NATO") + 4)
    speaker = (text.index("Maria"), text.index(" wrote"))
    return Article(
        id="moscow-1",
        text=text,
        published="2022-02-20",
        entities=[
            Entity(
                "E1",
                "Russian foreign ministry",
                "organization",
                "RUS",
                "government",
                "RUSGOV",
                None,
                [ministry],
            ),
            Entity("E2", "NATO", "igo", None, "igo", "NAT", None, [nato]),
            Entity(
                "E3", "Maria Zakharova", "person", "RUS", "government", "RUSGOV", "spokeswoman", [speaker]
            ),
        ],
        quotes=[
            Quote(
                "Q1",
                (0, text.index(", its")),
                text[: text.index(", its")],
                "indirect",
                "E3",
                speaker,
                None,
                "Telegram",
                (text.index("Telegram"), text.index("Telegram") + 8),
                attribution="writing",
            )
        ],
        events=[
            Event(
                "V1",
                "ACCUSE",
                (ministry[1] + 1, ministry[1] + 8),
                (0, len(text)),
                cameo="112",
                source=["E1"],
                target=["E2"],
                source_spans=[ministry],
                target_spans=[nato],
                date="2022-02",
                goldstein=-2.0,
            )
        ],
    )


@pytest.fixture
def filled(engine, article):
    write_article(engine, article, "oslo")
    write_article(engine, accusation(), "moscow")
    return engine


def events(engine, **wanted) -> list[str]:
    return [f"{row['article']}/{row['event']}" for row in event_rows(engine, EventFilter(**wanted))]


def test_every_event_comes_as_one_flat_row_oldest_first(filled):
    rows = list(event_rows(filled))
    assert [(r["article"], r["plover"]) for r in rows] == [("oslo-1", "CONSULT"), ("moscow-1", "ACCUSE")]
    assert list(rows[0]) == [name for name, _ in EVENT_COLUMNS]


def test_an_event_row_names_its_actors_place_and_trigger(filled):
    row = next(event_rows(filled, EventFilter(type="CONSULT")))
    assert (row["source"], row["source_countries"], row["target_codes"]) == (
        "Norway's foreign minister",
        "NOR",
        "CHLGOVDIP",
    )
    assert (row["location"], row["geonameid"], row["trigger"]) == ("Oslo", 3143244, "met")
    assert row["sentence"].startswith("Norway's foreign minister met") and row["context"] == "diplomatic"


@pytest.mark.parametrize(
    ("wanted", "found"),
    [
        ({"actor": "RUS"}, ["moscow-1/V1"]),
        ({"actor": "nato"}, ["moscow-1/V1"]),
        ({"source": "NAT"}, []),  # NATO is only the target
        ({"target": "NATO"}, ["moscow-1/V1"]),
        ({"source": "RUS", "target": "NATO"}, ["moscow-1/V1"]),
        ({"actor": "CHLGOV"}, ["oslo-1/V1"]),  # a code prefix
        ({"type": "consult"}, ["oslo-1/V1"]),
        ({"type": "11"}, ["moscow-1/V1"]),  # CAMEO 11x: disapprove
        ({"since": "2022-02-01"}, ["moscow-1/V1"]),  # a month counts as its first day
        ({"until": "2022-01-31"}, ["oslo-1/V1"]),
        ({"since": "2022-01-10", "until": "2022-01-10"}, ["oslo-1/V1"]),
        ({"since": "2023"}, []),
        ({"limit": 1}, ["oslo-1/V1"]),
    ],
)
def test_event_filters(filled, wanted, found):
    assert events(filled, **wanted) == found


def test_an_event_without_a_date_is_placed_by_its_article(engine, article):
    article.events[0].date = None
    article.published = "2021-06-01"
    write_article(engine, article, "undated")
    assert events(engine, until="2021-12-31") == ["oslo-1/V1"]


def test_a_quote_row_names_its_speaker_and_channel(filled):
    rows = list(quote_rows(filled, QuoteFilter(channel="telegram")))
    assert [(r["speaker"], r["speaker_text"], r["kind"], r["attribution"]) for r in rows] == [
        ("Maria Zakharova", "Maria Zakharova", "indirect", "writing")
    ]
    assert list(rows[0]) == [name for name, _ in QUOTE_COLUMNS]


@pytest.mark.parametrize(
    ("wanted", "speakers"),
    [
        ({}, ["Norway's foreign minister", "Maria Zakharova"]),
        ({"speaker": "zakharova"}, ["Maria Zakharova"]),
        ({"speaker": "NOR"}, ["Norway's foreign minister"]),
        ({"channel": "NRK"}, ["Norway's foreign minister"]),
        ({"since": "2022-02-01"}, ["Maria Zakharova"]),
        ({"attribution": ("writing",)}, ["Maria Zakharova"]),
        ({"attribution": ("speech", "writing")}, ["Norway's foreign minister", "Maria Zakharova"]),
        ({"attribution": ("thought", "perception")}, []),
    ],
)
def test_quote_filters(filled, wanted, speakers):
    assert [r["speaker"] for r in quote_rows(filled, QuoteFilter(**wanted))] == speakers
