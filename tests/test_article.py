"""The Article: finding the entity behind a span, and the contract output line."""

from __future__ import annotations

import json

from communique.article import Article, Entity


def test_entity_at_prefers_the_mention_with_the_longest_overlap():
    article = Article(id="a", text="x" * 400)
    article.entities = [Entity("E1", "Ruritania", "country", mentions=[(10, 20)]),
                        Entity("E2", "Ruritanian army", "organization", mentions=[(10, 30)])]
    assert article.entity_at(12, 28).id == "E2"
    assert article.entity_at(31, 40) is None


def test_entity_at_finds_a_long_mention_that_starts_well_before_the_span():
    article = Article(id="a", text="x" * 400)
    article.entities = [Entity("E1", "team", "organization", mentions=[(0, 150), (300, 304)]),
                        Entity("E2", "coach", "person", mentions=[(20, 25)])]
    assert article.entity_at(140, 145).id == "E1"


def test_entity_at_works_when_two_entities_share_a_mention_span():
    article = Article(id="a", text="x" * 400)
    article.entities = [Entity("E1", "envoy", "person", mentions=[(10, 20)]),
                        Entity("E2", "embassy", "organization", mentions=[(10, 20)])]
    assert article.entity_at(10, 20).id in ("E1", "E2")


def test_contract_line_is_json_with_every_contract_key():
    line = json.loads(json.dumps(Article(id="a", text="t").to_contract()))
    assert {"id", "published", "entities", "quotes", "events", "times", "places", "errors"} <= set(line)
