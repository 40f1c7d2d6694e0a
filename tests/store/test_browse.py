"""Browsing the store a page at a time, and one record in full (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

from communique.store.browse import article_page, article_record, event_page, event_record, quote_page
from communique.store.query import EventFilter, QuoteFilter
from communique.store.writer import article_key, write_article


def fill(engine, made, count: int) -> None:
    for n in range(count):
        text = f"Story {n}. " + made().text
        article = made(doc_id=f"oslo-{n}", text=text)
        article.published = f"2022-01-{10 + n:02d}"
        write_article(engine, article, article_key(text, None), None, "tests")


def test_article_pages_cover_every_article_once_newest_first(engine, made):
    fill(engine, made, 3)
    first = article_page(engine, limit=2)
    rest = article_page(engine, limit=2, offset=2)
    assert first["total"] == 3 and len(first["items"]) == 2 and len(rest["items"]) == 1
    assert [row["doc_id"] for row in first["items"] + rest["items"]] == ["oslo-2", "oslo-1", "oslo-0"]
    assert first["items"][0]["events"] == 1 and first["items"][0]["quotes"] == 1


def test_article_search_matches_text_in_any_case(engine, made):
    fill(engine, made, 3)
    assert [row["doc_id"] for row in article_page(engine, search="STORY 1")["items"]] == ["oslo-1"]
    assert article_page(engine, search="Lima")["total"] == 0


def test_article_record_is_the_contract_with_text_and_row_id(engine, made):
    fill(engine, made, 1)
    row_id = article_page(engine)["items"][0]["id"]
    record = article_record(engine, row_id)
    assert record["article_id"] == row_id and record["id"] == "oslo-0"
    start, end = record["events"][0]["trigger_span"]
    assert record["text"][start:end] == "met"
    assert article_record(engine, row_id + 100) is None


def test_event_pages_count_all_matches_and_return_one_page(engine, made):
    fill(engine, made, 3)
    result = event_page(engine, EventFilter(source="NOR", limit=2), offset=2)
    assert result["total"] == 3 and [row["article"] for row in result["items"]] == ["oslo-2"]
    assert result["items"][0]["title"] == "Talks in Oslo" and result["items"][0]["article_id"]


def test_event_record_has_spans_and_its_reports(engine, made):
    fill(engine, made, 1)
    row_id = article_page(engine)["items"][0]["id"]
    record = event_record(engine, row_id, "V1")
    assert record["record"]["target_spans"] and record["plover"] == "CONSULT"
    assert [(r["article_id"], r["event_id"]) for r in record["reports"]] == [(row_id, "V1")]
    assert event_record(engine, row_id, "V7") is None


def test_quote_pages_filter_by_outlet(engine, made):
    fill(engine, made, 2)
    assert quote_page(engine, QuoteFilter(), outlet="wire")["total"] == 2
    assert quote_page(engine, QuoteFilter(), outlet="gazette")["total"] == 0
    assert quote_page(engine, QuoteFilter(channel="nrk", limit=1))["items"][0]["speaker"]
