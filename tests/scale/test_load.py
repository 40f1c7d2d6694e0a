"""``load``: a data set into the store in bulk, once, linked as ingest links."""

from __future__ import annotations

from sqlalchemy import func, select

from communique.scale.load import load
from communique.scale.parquet import ParquetSink
from communique.scale.rows import Place, result_row
from communique.sources import SourceDocument
from communique.store import open_store, schema
from communique.store.reader import read_articles


def write_dataset(root, articles) -> None:
    sink = ParquetSink(str(root))
    for n, article in enumerate(articles):
        sink.add(result_row(SourceDocument(article, source="wire.jsonl"), Place("wire.jsonl", n),
                            "communique test"))
    sink.close()


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table))


def two_reports(article_factory):
    """Two articles reporting the same meeting: one story between them."""
    first = article_factory(doc_id="a")
    second = article_factory(doc_id="b", url="https://news.example/b")
    return [first, second]


def test_load_stores_every_record_and_links_them(tmp_path, store_url, article_factory):
    articles = two_reports(article_factory)
    write_dataset(tmp_path / "set", articles)
    engine = open_store(store_url)
    try:
        stats = load(engine, str(tmp_path / "set"))
        assert (stats.read, stats.loaded, stats.known) == (2, 2, 0)
        stored = {a.id: a for a, _ in read_articles(engine)}
        assert stored["a"].to_contract() == articles[0].to_contract()
        assert stored["b"].to_contract() == articles[1].to_contract()
        assert count(engine, schema.event_links) == 2  # every event has its story
        assert count(engine, schema.stories) == 1  # the two reports of one meeting are one story
        assert count(engine, schema.entity_actors) == 4  # every entity has its actor
    finally:
        engine.dispose()


def test_loading_twice_adds_nothing(tmp_path, store_url, article_factory):
    write_dataset(tmp_path / "set", two_reports(article_factory))
    engine = open_store(store_url)
    try:
        load(engine, str(tmp_path / "set"))
        before = {t.name: count(engine, t) for t in (schema.articles, *schema.RECORD_TABLES, schema.stories)}
        again = load(engine, str(tmp_path / "set"))
        after = {t.name: count(engine, t) for t in (schema.articles, *schema.RECORD_TABLES, schema.stories)}
        assert (again.loaded, again.known) == (0, 2)
        assert after == before
    finally:
        engine.dispose()
