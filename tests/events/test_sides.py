"""Tests for the entities of event sides: found ones, generic actors, and no actor at all."""

from __future__ import annotations

from communique.actors.vocabulary import load_vocabulary
from communique.events.lexicon import load_lexicon
from communique.events.sides import actor_name, side_entity


def _side(parsed, text, words):
    article = parsed(text)
    doc = article.doc
    start = text.index(words)
    phrase = doc.char_span(start, start + len(words))
    return article, side_entity(article, phrase, load_vocabulary(), load_lexicon())


def test_sides_group_noun_becomes_a_generic_actor(parsed):
    article, entity = _side(parsed, "Riot police dispersed the crowd in the capital.", "Riot police")
    assert entity is not None and entity.name == "Riot police"
    assert entity.sector == "police" and entity.code.endswith("COP")
    assert entity in article.entities and (0, len("Riot police")) in entity.mentions


def test_sides_country_adjective_gives_the_country_code(parsed):
    _, entity = _side(parsed, "Iraqi warplanes struck a depot near the border.", "Iraqi warplanes")
    assert entity is not None and entity.country == "IRQ"


def test_sides_one_generic_actor_per_name(parsed):
    text = "Protesters marched on Monday. Protesters returned on Tuesday."
    article = parsed(text)
    doc, vocab, lex = article.doc, load_vocabulary(), load_lexicon()
    first = side_entity(article, doc[0:1], vocab, lex)
    second_start = text.rindex("Protesters")
    second = side_entity(article, doc.char_span(second_start, second_start + 10), vocab, lex)
    assert first is second and len(first.mentions) == 2


def test_sides_demonstrative_and_pronoun_name_no_actor(parsed):
    assert _side(parsed, "Those who came left early.", "Those")[1] is None
    assert _side(parsed, "It was a long day for everyone.", "It")[1] is None


def test_sides_name_leaves_out_determiners_and_numbers(parsed):
    doc = parsed("The 200 striking dock workers walked out.").doc
    assert actor_name(doc[0:5]) == "striking dock workers"


def test_sides_headline_words_are_no_generic_actor(parsed):
    from communique.actors.headlines import headline_text

    text = ("Climate Group Will Run Ads Demanding Action\n\n" + "The group said on Monday that "
            "it would spend heavily on television spots in three states before the vote, and "
            "its director said the campaign would start next week with a rally in the capital "
            "city, where supporters have gathered every weekend since the summer began.")
    article = parsed(text)
    phrase = article.doc.char_span(text.index("Ads"), text.index("Ads") + 3)
    found = side_entity(article, phrase, load_vocabulary(), load_lexicon(), headline_text(text))
    assert found is None


def test_sides_unresolved_definite_description_names_no_actor(parsed):
    assert _side(parsed, "The company declined to comment on the ruling.", "The company")[1] is None
    assert _side(parsed, "Later the group said it would appeal.", "the group")[1] is None


def test_sides_recurring_description_is_no_actor_though_an_entity(parsed):
    from communique.stages.actors import ActorsStage

    text = ("The group met on Monday. The group said it would march. "
            "Police said the group had no permit.")
    article = ActorsStage().process(parsed(text))
    assert article.entity_at(0, len("The group")) is not None  # the article's topic
    phrase = article.doc.char_span(0, len("The group"))
    assert side_entity(article, phrase, load_vocabulary(), load_lexicon()) is None


def test_sides_indefinite_group_noun_is_still_an_actor(parsed):
    _, entity = _side(parsed, "A group of farmers blocked the road on Friday.", "A group of farmers")
    assert entity is not None
