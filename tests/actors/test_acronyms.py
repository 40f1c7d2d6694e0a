"""Acronyms join the entity of the name they abbreviate."""

from __future__ import annotations

from communique.actors.acronyms import initials, is_acronym
from communique.stages.actors import ActorsStage


def entity_of(article, phrase, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(phrase, start + 1)
    return article.entity_at(start, start + len(phrase))


def test_is_acronym_wants_capitals_and_at_least_two_letters():
    assert is_acronym("OSCE") and is_acronym("M5S")
    assert not is_acronym("Oslo") and not is_acronym("UK") and not is_acronym("1990")


def test_initials_keep_capitalised_words_and_numbers():
    assert initials("Movimento 5 Stelle") == "M5S"
    assert initials("League of Coastal Towns") == "LCT"


def test_acronym_in_brackets_is_the_named_organisation(parsed):
    text = ("The Baltic Fisheries Council (BFC) met in Tallinn. "
            "Later the BFC said quotas would fall.")
    article = ActorsStage().process(parsed(text))
    council = entity_of(article, "Baltic Fisheries Council")
    assert council is not None
    assert entity_of(article, "BFC", 1) is council


def test_acronym_spelled_by_an_earlier_name_joins_it(parsed):
    text = ("Officials of the Northern Grain Cooperative met farmers on Monday. "
            "The NGC promised lower prices.")
    article = ActorsStage().process(parsed(text))
    assert entity_of(article, "NGC") is entity_of(article, "Northern Grain Cooperative")


def test_country_abbreviation_is_never_merged_into_another_name(parsed):
    text = "The Union of Southern Artists wrote to the USA embassy. USA officials replied."
    article = ActorsStage().process(parsed(text))
    union = entity_of(article, "Union of Southern Artists")
    assert entity_of(article, "USA", 1) is not union
    assert entity_of(article, "USA", 1).country == "USA"
