"""Rule-based coreference: agreement and recency."""

from __future__ import annotations

from communique.stages.actors import ActorsStage


def entity_of(article, phrase, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(phrase, start + 1)
    return article.entity_at(start, start + len(phrase))


def test_she_does_not_go_to_a_man_named_by_he(parsed):
    text = ("Senator Tom Baker spoke first. He criticised the bill. "
            "Later Senator Anna Price answered. She defended it.")
    article = ActorsStage().process(parsed(text))
    assert entity_of(article, "She") is entity_of(article, "Anna Price")


def test_pronoun_without_a_person_is_not_a_mention(parsed):
    article = ActorsStage().process(parsed("The storm hit the coast. He was not there."))
    assert entity_of(article, "He") is None


def test_recurring_entity_type_description_is_one_entity(parsed):
    text = ("The festival opened on Friday. The festival drew crowds. "
            "Organisers said the festival would return next year.")
    article = ActorsStage().process(parsed(text))
    first = entity_of(article, "The festival")
    assert first is not None
    assert entity_of(article, "the festival", 0) is first


def _holders(article, phrase):
    start = article.text.index(phrase)
    span = (start, start + len(phrase))
    return sorted(e.name for e in article.entities if span in e.mentions)


def test_the_two_governments_are_both_countries_named_before(parsed):
    text = ("Norway and Chile signed a fisheries accord in Oslo on Monday. "
            "The two governments will review it next year.")
    article = ActorsStage().process(parsed(text))
    assert _holders(article, "The two governments") == ["Chile", "Norway"]


def test_two_governments_without_the_are_new_actors(parsed):
    text = "Norway and Chile signed an accord. Two governments objected to it."
    article = ActorsStage().process(parsed(text))
    assert _holders(article, "Two governments") == []


def test_both_leaders_are_people_not_countries(parsed):
    text = ("Prime Minister Erna Lund of Norway met President Jorge Vidal of Chile in Oslo. "
            "Both leaders praised the talks.")
    article = ActorsStage().process(parsed(text))
    assert _holders(article, "Both leaders") == ["Erna Lund", "Jorge Vidal"]
