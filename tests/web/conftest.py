"""Web fixtures: a SQLite store filled by the real pipeline from made-up articles, and the app over it.

``hostile`` holds markup in its title, outlet, URL and text, to check that nothing is ever rendered
as HTML. ``linked_store`` holds one hand-made article whose two events report the same clash, for
checks that need to know exactly which events are linked; ``clash_store`` holds it in SQLite and, when
$COMMUNIQUE_TEST_POSTGRES_URL is set, in PostgreSQL, for the queries that must agree on both.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text

from communique.article import Article, Entity, Event, Place, Quote
from communique.config import load_config
from communique.store import open_store
from communique.store.writer import article_key, write_article
from communique.web.app import ServeSettings, create_app

STORIES = [
    {
        "id": "wire-0312",
        "title": "Moscow accuses NATO over Baltic drills",
        "outlet": "Northern Wire",
        "published": "2024-03-12",
        "text": "Russia accused NATO on Tuesday of provoking tensions in the Baltic Sea, the Russian "
        "Foreign Ministry said.\n\nRussia's ambassador in Washington, Pavel Orlov, told reporters that "
        '"NATO is playing with fire near our borders." In an interview with the newspaper Vestnik, '
        "Orlov said Moscow would respond to any new deployment.",
    },
    {
        "id": "post-0315",
        "title": "Estonia hosts NATO talks",
        "outlet": "Baltic Post",
        "published": "2024-03-15",
        "text": "Estonia's prime minister met NATO officials in Tallinn on Friday to discuss air defence. "
        "Farmers in Lyon blocked roads with tractors on Friday to protest against new fuel taxes.",
    },
]

HOSTILE = {
    "id": "hostile-1",
    "title": "<script>alert('title')</script> Protest in Lyon",
    "outlet": "<b>Bad Outlet</b>",
    "published": "2024-03-13",
    "url": "javascript:alert(1)",
    "text": "Police in Lyon said on Monday that farmers <script>alert('x')</script> blocked roads with "
    "tractors <img src=x onerror=alert(1)> to protest against new fuel taxes.",
}

LOCAL = "http://127.0.0.1"
"""The base URL of the test clients: the app answers only to its own address."""


def store_articles(engine: Engine, articles: list[Article]) -> None:
    for article in articles:
        write_article(engine, article, article_key(article.text, article.url), None, "tests")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory, pipeline) -> Path:
    """A SQLite store holding STORIES and HOSTILE, extracted by the real pipeline."""
    path = tmp_path_factory.mktemp("web") / "news.db"
    engine = open_store(f"sqlite:///{path}")
    store_articles(engine, [pipeline(Article(**story)) for story in [*STORIES, HOSTILE]])
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def store_url(store_path) -> str:
    return f"sqlite:///{store_path}"


@pytest.fixture(scope="session")
def client(store_url) -> Iterator[TestClient]:
    """The app over the filled store, read-only, extraction on."""
    settings = ServeSettings(db_url=store_url, config=load_config())
    with TestClient(create_app(settings), base_url=LOCAL) as test_client:
        yield test_client


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return (start, start + len(words))


def clash_article() -> Article:
    """One article reporting the same attack twice (V1, V2 linked) and a separate protest (V3)."""
    text = (
        "Russian forces shelled NATO positions near Narva on Monday. "
        "The shelling of the NATO positions was confirmed by Estonia. "
        "Estonia protested to Russia."
    )
    russia, nato, estonia = at(text, "Russian forces"), at(text, "NATO positions"), at(text, "Estonia.")
    first, second = text.index("The"), text.index("Estonia protested")
    return Article(
        id="clash-1",
        text=text,
        published="2024-03-11",
        title="Shelling near Narva",
        outlet="Border Daily",
        entities=[
            Entity("E1", "Russia", "country", "RUS", None, "RUS", None, [russia, at(text, "Russia.")]),
            Entity("E2", "NATO", "igo", None, None, "NATO", None, [nato]),
            Entity(
                "E3", "Estonia", "country", "EST", None, "EST", None, [estonia, at(text, "Estonia protested")]
            ),
        ],
        quotes=[
            Quote(
                "Q1",
                at(text, "Estonia protested to Russia"),
                "Estonia protested to Russia",
                "indirect",
                "E3",
                at(text, "Estonia protested"),
                None,
                "note",
                None,
            )
        ],
        events=[
            Event(
                "V1",
                "ASSAULT",
                at(text, "shelled"),
                (0, first - 1),
                source=["E1"],
                target=["E2"],
                source_spans=[russia],
                target_spans=[nato],
                date="2024-03-11",
                location="P1",
                quad_class="material_conflict",
                goldstein=-10.0,
                linked=["V2"],
            ),
            Event(
                "V2",
                "ASSAULT",
                at(text, "shelling"),
                (first, second - 1),
                source=["E1"],
                target=["E2"],
                date="2024-03-11",
                quad_class="material_conflict",
                linked=["V1"],
            ),
            Event(
                "V3",
                "PROTEST",
                at(text, "protested"),
                (second, len(text)),
                source=["E3"],
                target=["E1"],
                date="2024-03-11",
                quad_class="verbal_conflict",
            ),
        ],
        places=[Place("P1", at(text, "Narva"), "Narva", "Narva", 590447, 59.3772, 28.1903, "EST", "PPLA2")],
    )


@pytest.fixture(scope="session")
def linked_store(tmp_path_factory) -> Iterator[Engine]:
    """A SQLite store with only ``clash_article``."""
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('linked') / 'clash.db'}")
    store_articles(engine, [clash_article()])
    yield engine
    engine.dispose()


POSTGRES_ENV = "COMMUNIQUE_TEST_POSTGRES_URL"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def clash_store(request, tmp_path_factory) -> Iterator[Engine]:
    """A store with only ``clash_article``: SQLite, then PostgreSQL in a schema of its own (dropped
    afterwards) when $COMMUNIQUE_TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('clash') / 'clash.db'}")
        store_articles(engine, [clash_article()])
        yield engine
        engine.dispose()
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"${POSTGRES_ENV} is not set")
    schema = f"communique_web_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    joiner = "&" if "?" in base else "?"
    engine = open_store(f"{base}{joiner}options=-csearch_path%3D{schema}")
    try:
        store_articles(engine, [clash_article()])
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="module")
def clash_client(clash_store) -> Iterator[TestClient]:
    """The app, extraction off, over ``clash_store`` (so over PostgreSQL too when it is set)."""
    url = clash_store.url.render_as_string(hide_password=False)
    settings = ServeSettings(db_url=url, extract=False, config=load_config())
    with TestClient(create_app(settings), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def linked_client(linked_store) -> Iterator[TestClient]:
    settings = ServeSettings(db_url=str(linked_store.url), extract=False, config=load_config())
    with TestClient(create_app(settings), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def stories() -> list[dict[str, str]]:
    """The made-up articles in the store (contract input objects)."""
    return STORIES


@pytest.fixture(scope="session")
def hostile() -> dict[str, str]:
    """The article with markup everywhere."""
    return HOSTILE
