"""The actors stage on made-up news sentences: one construction per test."""

from __future__ import annotations

import pytest

from communique.stages.actors import ActorsStage


@pytest.fixture()
def actors(parsed):
    """Run the actors stage on made-up text and return the article."""
    stage = ActorsStage()
    return lambda text: stage.process(parsed(text))


def entity_of(article, phrase, occurrence=0):
    """The entity with a mention over the ``occurrence``-th appearance of ``phrase``."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(phrase, start + 1)
    return article.entity_at(start, start + len(phrase))


def test_actors_country_adjective_coordinated_with_an_igo_is_the_country(actors):
    article = actors("Talks between Canadian and NATO delegations began in Oslo on Monday.")
    entity = entity_of(article, "Canadian")
    assert entity.country == "CAN"
    assert entity_of(article, "NATO").code == "IGOWSTNAT"


def test_actors_capital_acting_is_the_government(actors):
    article = actors("Beijing rejected the proposal on Tuesday. Tourists flocked to Paris last summer.")
    government = entity_of(article, "Beijing")
    assert (government.kind, government.country, government.code) == ("organization", "CHN", "CHNGOV")
    assert entity_of(article, "Paris").kind == "place"


def test_actors_alliance_refers_back_to_nato(actors):
    article = actors("NATO foreign ministers met in Riga. The alliance promised more troops for the region.")
    nato = entity_of(article, "NATO")
    assert entity_of(article, "The alliance") is nato
    assert nato.kind == "igo"


def test_actors_role_noun_with_a_country_adjective_refers_to_that_countrys_envoy(actors):
    article = actors(
        "The Brazilian ambassador to the UN Carlos Mendes met the minister. "
        "The Brazilian envoy later said the talks went well."
    )
    mendes = entity_of(article, "Carlos Mendes")
    assert entity_of(article, "Brazilian envoy") is mendes
    assert mendes.country == "BRA"


def test_actors_role_noun_of_another_country_is_not_the_titled_person(actors):
    article = actors(
        "The Brazilian ambassador to the UN Carlos Mendes met the minister. "
        "The Chilean envoy later said the talks went well."
    )
    assert entity_of(article, "Chilean envoy") is not entity_of(article, "Carlos Mendes")


def test_actors_premodifier_title_gives_role_country_and_code(actors):
    article = actors("The French ambassador to Japan Marie Dupont met students in Kyoto on Friday.")
    person = entity_of(article, "Marie Dupont")
    assert person.kind == "person"
    assert (person.country, person.sector, person.code) == ("FRA", "diplomatic", "FRAGOVDIP")
    assert person.title == "French ambassador to Japan"


def test_actors_title_head_before_a_name_is_a_mention_of_the_person(actors):
    # the parser reads the name as the object of "to", so the verb's subject is "the ... ambassador"
    article = actors("The French ambassador to Japan Marie Dupont urged Tokyo to reopen the consulate.")
    person = entity_of(article, "Marie Dupont")
    assert entity_of(article, "The French ambassador") is person
    assert entity_of(article, "Japan") is not person


def test_actors_title_without_a_following_part_adds_no_extra_mention(actors):
    article = actors("Foreign Minister Peter Otieno arrived in Nairobi on Monday.")
    person = entity_of(article, "Peter Otieno")
    assert len(person.mentions) == 1


def test_actors_apposition_title_gives_the_role(actors):
    article = actors("Lars Nilsson, the Swedish defence minister, visited the base on Monday.")
    person = entity_of(article, "Lars Nilsson")
    assert person.country == "SWE"
    assert person.code == "SWEMIL"


def test_actors_surname_later_joins_the_full_name(actors):
    article = actors("Kenya's Foreign Minister Peter Otieno arrived on Monday. Otieno met the press later.")
    person = entity_of(article, "Peter Otieno")
    assert entity_of(article, "Otieno", 1) is person
    assert person.code == "KENGOV"


def test_actors_role_noun_later_refers_to_the_titled_person(actors):
    article = actors(
        "Brazilian ambassador Carlos Mendes met Chilean officials on Monday. "
        "The envoy said the talks went well."
    )
    assert entity_of(article, "The envoy") is entity_of(article, "Carlos Mendes")


def test_actors_pronoun_refers_to_the_salient_person(actors):
    article = actors("Prime Minister Jan Kowalski arrived in Vilnius on Monday. He praised the hosts.")
    person = entity_of(article, "Jan Kowalski")
    assert entity_of(article, "He") is person
    assert len(person.mentions) == 2


def test_actors_ministry_of_a_country_is_its_government(actors):
    article = actors("The Turkish Foreign Ministry summoned the envoy on Wednesday.")
    ministry = entity_of(article, "Turkish Foreign Ministry")
    assert (ministry.kind, ministry.country, ministry.code) == ("organization", "TUR", "TURGOV")


def test_actors_troops_of_a_country_are_its_military(actors):
    article = actors("Indian troops withdrew from the valley overnight.")
    assert entity_of(article, "Indian troops").code == "INDMIL"


def test_actors_outlet_is_media_with_its_country(actors):
    article = actors("The minister said so in an interview with Reuters on Sunday.")
    outlet = entity_of(article, "Reuters")
    assert (outlet.kind, outlet.country, outlet.sector) == ("media", "GBR", "media")


def test_actors_the_west_is_a_bloc(actors):
    article = actors("The West imposed new sanctions on Belarus on Friday.")
    assert entity_of(article, "West").code == "WST"
    assert entity_of(article, "Belarus").country == "BLR"


def test_actors_country_names_and_abbreviations_are_one_entity(actors):
    article = actors("The United States and Mexico signed a deal. U.S. negotiators called it fair.")
    usa = entity_of(article, "United States")
    assert entity_of(article, "U.S.") is usa or entity_of(article, "U.S.").country == "USA"
    assert usa.code == "USA"


def test_actors_other_named_organisations_come_from_the_ner(actors):
    article = actors("Volunteers from the Red Cross delivered food to the flooded villages.")
    assert entity_of(article, "Red Cross").kind == "organization"


def test_actors_entities_are_numbered_in_text_order(actors):
    article = actors("Norway and Sweden agreed on Monday.")
    assert [e.id for e in article.entities] == ["E1", "E2"]
    assert [e.name for e in article.entities] == ["Norway", "Sweden"]


def test_actors_proper_name_the_ner_missed_is_an_entity(actors):
    article = actors("Volunteers sailed across the Solent on Friday.")
    assert entity_of(article, "Solent") is not None


def test_actors_unrecognised_acronym_is_an_organisation(actors):
    article = actors("Members of the opposition joined the QDPL at the rally on Friday.")
    assert entity_of(article, "QDPL").kind == "organization"


def test_actors_capitalised_title_alone_is_not_an_entity(actors):
    article = actors("The Administrator thanked the crew after the landing.")
    assert entity_of(article, "Administrator") is None


def test_actors_government_building_is_the_government_even_as_a_place(actors):
    article = actors("Reporters waited outside the White House for hours.")
    assert entity_of(article, "White House").code == "USAGOV"


def test_actors_capital_in_a_locative_phrase_is_a_place(actors):
    article = actors("Our correspondent lives in Madrid with her family.")
    assert entity_of(article, "Madrid").kind == "place"


def test_actors_dateline_in_capitals_is_the_place_named_later(actors):
    article = actors("GENEVA, May 3 (Wire) - Talks resumed on Friday. Delegates stayed in Geneva overnight.")
    dateline = entity_of(article, "GENEVA")
    assert dateline.kind == "place"
    assert dateline is entity_of(article, "Geneva")


def test_actors_capitals_inside_a_sentence_are_no_dateline(actors):
    article = actors("Officials said the NATO summit would go ahead.")
    assert entity_of(article, "NATO").kind != "place"


def test_actors_half_of_a_hyphenated_word_is_no_name(parsed):
    article = ActorsStage().process(parsed("Afro-Colombian leaders met officials in Bogota on Monday."))
    assert not any(e.name.endswith("-") or e.name == "Afro" for e in article.entities)


def test_actors_title_named_after_a_bare_first_mention_is_kept(parsed):
    text = ("Okafor Wins Vote\n\nSenator Maria Okafor won the vote on Tuesday. "
            "Okafor thanked her supporters in the capital.")
    article = ActorsStage().process(parsed(text))
    okafor = next(e for e in article.entities if e.name.endswith("Okafor"))
    assert okafor.title is not None and "Senator" in okafor.title
