"""Writing an article: every record kept with its offsets, once per key, all or nothing."""

from __future__ import annotations

from dataclasses import fields

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from communique.article import Entity, Event, Place, Quote, Time
from communique.store import schema
from communique.store.reader import read_articles
from communique.store.writer import article_key, content_hash, write_article


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table))


def test_an_article_reads_back_exactly_as_written(engine, article):
    write_article(engine, article, article_key(article.text, article.url), source="oslo.txt")
    [(back, source)] = list(read_articles(engine))
    assert back.to_contract() == article.to_contract()
    assert back.text == article.text and source == "oslo.txt"


def test_a_model_coded_event_reads_back_as_coded_by_the_model(engine, article):
    article.events[0].coded_by = "model"
    write_article(engine, article, "k")
    [(back, _)] = list(read_articles(engine))
    assert back.events[0].coded_by == "model"


def test_event_spans_need_not_run_parallel_to_actors(engine, article):
    write_article(engine, article, "k")
    [(back, _)] = list(read_articles(engine))
    event = back.events[0]
    assert event.target == ["E2"] and len(event.target_spans) == 2


def test_the_same_key_is_written_once(engine, article, made):
    assert write_article(engine, article, "same") is not None
    assert write_article(engine, made("another-id"), "same") is None
    assert count(engine, schema.articles) == 1 and count(engine, schema.entities) == 3


def test_a_url_makes_the_same_text_a_different_article(article):
    story = article.text
    assert article_key(story, None) == content_hash(story)
    assert article_key(story, "https://a.example/1") != article_key(story, "https://b.example/1")
    assert article_key(story, "https://a.example/1") == article_key(story, "https://a.example/1")


def test_an_article_that_cannot_be_stored_leaves_nothing_behind(engine, article):
    article.entities.append(Entity("E1", "a second E1", "person"))  # breaks the (article, id) key
    with pytest.raises(IntegrityError):
        write_article(engine, article, "broken")
    assert count(engine, schema.articles) == 0 and count(engine, schema.mentions) == 0


def test_offsets_in_the_store_point_at_the_words(engine, article):
    write_article(engine, article, "k")
    with engine.connect() as connection:
        start, end = connection.execute(text('SELECT start, "end" FROM places')).one()
        assert article.text[start:end] == "Oslo"
        start, end = connection.execute(text("SELECT trigger_start, trigger_end FROM events")).one()
        assert article.text[start:end] == "met"


def test_articles_come_back_in_the_order_they_were_stored(engine, made):
    for n in range(3):
        write_article(engine, made(f"doc-{n}", text=f"({n}) {made().text}"), f"k{n}")
    assert [a.id for a, _ in read_articles(engine)] == ["doc-0", "doc-1", "doc-2"]


@pytest.mark.parametrize("record", [Entity, Quote, Event, Time, Place])
def test_every_field_of_a_record_has_a_place_in_the_store(record):
    # A field added to the Article model must get a column (and a migration) before it is lost.
    columns = {c.name for table in schema.RECORD_TABLES for c in table.c}
    stored_apart = {"mentions", "source", "target", "source_spans", "target_spans"}  # rows of their own
    for name in {f.name for f in fields(record)} - stored_apart:
        column = name.removesuffix("span") + "start" if name.endswith("span") else name
        assert column in columns, f"{record.__name__}.{name} is not stored"
