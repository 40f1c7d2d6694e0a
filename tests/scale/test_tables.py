"""An article as table rows and back: nothing lost, nothing that cannot travel."""

from __future__ import annotations

import json
import pickle

from communique.scale.tables import (
    UNKNOWN_MONTH,
    article_of,
    dataset_columns,
    key_or_none,
    month_of,
    tables_of,
)
from communique.store import schema


def test_rows_give_back_the_same_article(article_factory):
    article = article_factory()
    tables = tables_of(article, key_or_none(article), "wire.jsonl", "communique test")
    # through JSON, as the rows travel between processes
    back = article_of(json.loads(json.dumps(tables)))
    assert back.to_contract() == article.to_contract()
    assert back.text == article.text


def test_rows_are_plain_data_with_the_data_set_columns(article_factory):
    article = article_factory()
    tables = tables_of(article, "k" * 64, None, "communique test")
    pickle.dumps(tables)  # no spaCy object, no dataclass: plain values only
    for table in (schema.articles, *schema.RECORD_TABLES):
        names = {name for name, _ in dataset_columns(table)}
        for row in tables[table.name]:
            assert set(row) == names, table.name
    assert tables["events"][0]["article_key"] == "k" * 64
    assert tables["events"][0]["article"] == "fi-1"
    assert json.loads(tables["events"][0]["context"]) == ["economic"]


def test_month_partition_of_a_publication_date():
    assert month_of("2023-05-12") == "2023-05"
    assert month_of("2023-05-12T08:00:00+02:00") == "2023-05"
    assert month_of("2023") == UNKNOWN_MONTH
    assert month_of("2023-13-01") == UNKNOWN_MONTH
    assert month_of(None) == UNKNOWN_MONTH


def test_blank_text_has_no_key(article_factory):
    assert key_or_none(article_factory(text_="   ")) is None
    assert key_or_none(article_factory(url="https://news.example/a")) != key_or_none(article_factory())
