"""An ingest run: what is stored, what is skipped as known, what cannot be stored, and why."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from communique.article import Article
from communique.config import load_config
from communique.sources import SourceDocument, unreadable
from communique.store import schema
from communique.store.ingestion import ingest, pipeline_label

CHEAP = load_config(overrides={"pipeline": {"stages": ["ingest"]}})
"""Only the ingest stage: these tests are about the run, not about extraction."""


def doc(doc_id: str, text: str, url: str | None = None) -> SourceDocument:
    return SourceDocument(Article(id=doc_id, text=text, url=url), source=f"{doc_id}.txt")


def stored_ids(engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.scalars(select(schema.articles.c.doc_id).order_by(schema.articles.c.id)))


def test_every_new_article_is_stored_once_with_the_pipeline_that_made_it(engine):
    stats = ingest([doc("a", "Talks in Lima ended."), doc("b", "Rain fell in Quito.")], engine, CHEAP)
    assert (stats.read, stats.stored, stats.known) == (2, 2, 0)
    assert stored_ids(engine) == ["a", "b"]
    with engine.connect() as connection:
        assert connection.scalar(select(schema.articles.c.pipeline)) == pipeline_label(CHEAP)
        assert pipeline_label(CHEAP).endswith(": ingest")


def test_a_second_run_over_the_same_input_adds_nothing(engine):
    documents = [doc("a", "Talks in Lima ended."), doc("b", "Rain fell in Quito.")]
    ingest(documents, engine, CHEAP)
    again = ingest([doc("a", "Talks in Lima ended."), doc("b", "Rain fell in Quito.")], engine, CHEAP)
    assert (again.read, again.stored, again.known) == (2, 0, 2)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(schema.articles)) == 2


def test_the_same_text_twice_in_one_run_is_stored_once_but_at_two_urls_twice(engine):
    stats = ingest(
        [
            doc("a", "Same wire story."),
            doc("copy", "Same wire story."),
            doc("x", "Same wire story.", url="https://x.example/1"),
            doc("y", "Same wire story.", url="https://y.example/1"),
        ],
        engine,
        CHEAP,
    )
    assert (stats.stored, stats.known) == (3, 1)
    assert stored_ids(engine) == ["a", "x", "y"]


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (doc("blank", "   "), "empty"),
        (unreadable("line-3", "line 3 is not valid JSON"), "not valid JSON"),
    ],
)
def test_what_cannot_be_stored_is_counted_with_its_reason(engine, document, reason):
    stats = ingest([document, doc("ok", "Talks in Lima ended.")], engine, CHEAP)
    assert (stats.stored, stats.not_stored, stats.errors) == (1, 1, 1)
    assert reason in stats.reasons[0]
    assert stored_ids(engine) == ["ok"]


def test_when_everything_is_stored_the_pipeline_is_not_even_built(engine):
    ingest([doc("a", "Talks in Lima ended.")], engine, CHEAP)
    broken = load_config(overrides={"pipeline": {"stages": ["no-such-stage"]}})
    stats = ingest([doc("a", "Talks in Lima ended.")], engine, broken)  # would raise if it were built
    assert stats.known == 1


def test_blank_texts_are_not_stored_rather_than_duplicates_of_each_other(engine):
    stats = ingest([doc("a", " "), doc("b", ""), doc("c", "Rain fell in Quito.")], engine, CHEAP)
    assert (stats.stored, stats.known, stats.not_stored) == (1, 0, 2)


def test_nothing_read_is_nothing_stored(engine):
    stats = ingest([], engine, CHEAP, progress=False)
    assert (stats.read, stats.stored) == (0, 0)


def test_the_progress_bar_shows_rate_and_errors_so_far(engine, capsys):
    ingest([doc("blank", " "), doc("a", "Talks in Lima ended.")], engine, CHEAP, progress=True, total=2)
    bar = capsys.readouterr().err
    assert "2/2" in bar and "doc/s" in bar and "errors=1" in bar


def test_a_source_that_could_not_be_read_is_named_even_after_many_bad_lines(engine):
    bad_lines = [unreadable(f"line-{n}", f"line {n} is not valid JSON") for n in range(1, 9)]
    cut = unreadable("crawl.warc", "crawl.warc is truncated", source="crawl.warc", failed_source=True)
    stats = ingest([*bad_lines, cut, doc("ok", "Talks in Lima ended.")], engine, CHEAP)
    assert stats.not_stored == 9 and len(stats.reasons) == 6
    assert "crawl.warc is truncated" in stats.reasons[-1]
