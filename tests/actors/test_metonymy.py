"""Seats of government used as actors are metonymic; places of arrival are not."""

from __future__ import annotations

from communique.actors.metonymy import is_metonymic
from communique.stages.actors import ActorsStage


def span(article, phrase):
    start = article.text.index(phrase)
    return start, start + len(phrase)


def test_capital_as_subject_is_metonymic(parsed):
    article = ActorsStage().process(parsed("Tokyo protested against the missile test."))
    assert is_metonymic(article, span(article, "Tokyo"))


def test_capital_as_destination_is_literal(parsed):
    article = ActorsStage().process(parsed("The delegation flew to Tokyo on Monday."))
    assert not is_metonymic(article, span(article, "Tokyo"))


def test_capital_called_on_is_metonymic(parsed):
    article = ActorsStage().process(parsed("The envoy called on Ankara to release the journalists."))
    assert is_metonymic(article, span(article, "Ankara"))
