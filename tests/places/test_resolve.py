"""Resolving ambiguous toponyms with the article as context."""

from __future__ import annotations

from communique.places.candidates import find_mentions
from communique.places.gazetteer import load_gazetteer
from communique.places.resolve import resolve_mentions


def resolved(nlp, text):
    gazetteer = load_gazetteer()
    doc = nlp(text)
    return {r.mention.text: r.entry for r in resolve_mentions(find_mentions(doc, gazetteer), gazetteer, text)}


def test_resolve_paris_texas_follows_its_qualifier(nlp):
    places = resolved(nlp, "The rodeo was held in Paris, Texas, last weekend.")
    assert places["Paris"].country == "USA"


def test_resolve_paris_alone_is_the_french_capital(nlp):
    places = resolved(nlp, "The summit opened in Paris with leaders from twenty countries.")
    assert (places["Paris"].country, places["Paris"].feature) == ("FRA", "PPLC")


def test_resolve_georgia_is_the_country_in_a_caucasus_story(nlp):
    text = "Troops from Russia massed near the border with Georgia, alarming Armenia and Azerbaijan."
    assert resolved(nlp, text)["Georgia"].country == "GEO"


def test_resolve_georgia_is_the_state_in_a_us_story(nlp):
    text = "Voters in Texas, Florida and Ohio went to the polls, and Georgia counted ballots until midnight."
    georgia = resolved(nlp, text)["Georgia"]
    assert (georgia.country, georgia.feature) == ("USA", "ADM1")


def test_resolve_tripoli_follows_the_story_country(nlp):
    libya = resolved(nlp, "Fighting in Libya spread as militias shelled the airport in Tripoli.")
    lebanon = resolved(nlp, "Protesters in Lebanon blocked roads in Beirut and in Tripoli, in the north.")
    assert libya["Tripoli"].country == "LBY"
    assert lebanon["Tripoli"].country == "LBN"


def test_resolve_prefers_states_countries_and_continents_over_namesake_towns(nlp):
    places = resolved(nlp, "Wildfires in California worried officials in the UK and across Africa.")
    assert (places["California"].feature, places["California"].country) == ("ADM1", "USA")
    assert places["UK"].country == "GBR"
    assert places["Africa"].feature == "CONT"


def test_resolve_uses_the_outlets_country_when_the_text_names_none(nlp):
    gazetteer = load_gazetteer()
    text = "Militias shelled the port of Tripoli overnight."
    doc = nlp(text)
    mentions = find_mentions(doc, gazetteer)
    default = {r.mention.text: r.entry for r in resolve_mentions(mentions, gazetteer, text)}
    lebanese = {r.mention.text: r.entry for r in resolve_mentions(mentions, gazetteer, text, "LBN")}
    assert default["Tripoli"].country == "LBY"
    assert lebanese["Tripoli"].country == "LBN"


def test_resolve_prefers_the_country_the_text_names_over_the_outlets(nlp):
    gazetteer = load_gazetteer()
    text = "Fighting in Libya spread as militias shelled the airport in Tripoli."
    doc = nlp(text)
    resolutions = resolve_mentions(find_mentions(doc, gazetteer), gazetteer, text, "LBN")
    found = {r.mention.text: r.entry for r in resolutions}
    assert found["Tripoli"].country == "LBY"
