"""Store fixtures: a real database (SQLite always, PostgreSQL when $COMMUNIQUE_TEST_POSTGRES_URL is set)
and a hand-made article with one record of every kind."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, create_engine

from communique.article import Article, DocumentError, Entity, Event, Place, Quote, Time
from communique.store import open_store
from communique.store.database import migration_config

STORY = (
    "Norway's foreign minister met the Chilean ambassador in Oslo on Monday. "
    '"We will keep talking," the minister told NRK.'
)


@contextmanager
def build_store_at(url: str, revision: str) -> Iterator[Connection]:
    """A store built only up to an older ``revision``, open in one transaction for the test to
    write rows as that version did; opening it afterwards with ``open_store`` upgrades it."""
    old = create_engine(url)
    config = migration_config()
    try:
        with old.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            yield connection
    finally:
        old.dispose()


@pytest.fixture
def store_at():
    """``build_store_at`` for a test (conftest modules are not importable by name here)."""
    return build_store_at


@pytest.fixture
def engine(store_url) -> Iterator[Engine]:
    """An opened (migrated) store."""
    engine = open_store(store_url)
    yield engine
    engine.dispose()


def at(text: str, words: str, start: int = 0) -> tuple[int, int]:
    """The span of ``words`` in ``text`` (the first one from ``start`` on)."""
    begin = text.index(words, start)
    return (begin, begin + len(words))


def make_article(doc_id: str = "oslo-1", text: str = STORY, url: str | None = None) -> Article:
    """A made-up article with one record of each kind, offsets pointing at the words they name."""
    minister, ambassador = at(text, "Norway's foreign minister"), at(text, "the Chilean ambassador")
    again = at(text, "the minister", minister[1])
    quote, told, nrk = at(text, '"We will keep talking,"'), at(text, "told"), at(text, "NRK")
    return Article(
        id=doc_id,
        text=text,
        published="2022-01-10",
        title="Talks in Oslo",
        url=url,
        outlet="Wire",
        entities=[
            Entity(
                "E1",
                "Norway's foreign minister",
                "person",
                "NOR",
                "government",
                "NORGOVDIP",
                "foreign minister",
                [minister, again],
            ),
            Entity(
                "E2",
                "Chilean ambassador",
                "person",
                "CHL",
                "diplomatic",
                "CHLGOVDIP",
                "ambassador",
                [ambassador],
            ),
            Entity("E3", "NRK", "media", "NOR", "media", "NORMED", None, [nrk]),
        ],
        quotes=[Quote("Q1", quote, text[quote[0] : quote[1]], "direct", "E1", again, told, "NRK", nrk)],
        events=[
            Event(
                "V1",
                "CONSULT",
                at(text, "met"),
                (0, text.index(".") + 1),
                mode="meet",
                context=["diplomatic"],
                cameo="040",
                source=["E1"],
                target=["E2"],
                source_spans=[minister],
                target_spans=[ambassador, at(text, "ambassador")],
                date="2022-01-10",
                location="P1",
                goldstein=1.0,
                quad_class="verbal_cooperation",
                confidence=0.8,
            ),
        ],
        times=[Time("T1", at(text, "on Monday"), "on Monday", "2022-01-10", "DATE")],
        places=[Place("P1", at(text, "Oslo"), "Oslo", "Oslo", 3143244, 59.91273, 10.74609, "NOR", "PPLC",
                      resolved_by="population")],
        errors=[DocumentError("places", "a made-up warning")],
    )


@pytest.fixture
def article() -> Article:
    return make_article()


@pytest.fixture
def made():
    """The ``make_article`` function, for tests that need several articles."""
    return make_article
