"""Seats of government used as actors are metonymic; places of arrival are not; the actor and
the place over the same name agree."""

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


def test_metonymy_agrees_with_the_actor_built_over_the_seat(parsed):
    article = ActorsStage().process(parsed(
        "Ottawa criticised the tariffs on Monday. Trade ministers later met in Ottawa."))
    first, second = article.text.index("Ottawa"), article.text.rindex("Ottawa")
    government = article.entity_at(first, first + 6)
    place = article.entity_at(second, second + 6)
    assert government.code == "CANGOV" and is_metonymic(article, (first, first + 6))
    assert place.kind == "place" and not is_metonymic(article, (second, second + 6))


def test_city_that_is_no_seat_uses_the_same_syntactic_rule(parsed):
    article = ActorsStage().process(parsed(
        "The mayor said Hamburg would raise its tram fares. Tourists still love Hamburg."))
    first, second = article.text.index("Hamburg"), article.text.rindex("Hamburg")
    assert is_metonymic(article, (first, first + 7))
    assert not is_metonymic(article, (second, second + 7))
