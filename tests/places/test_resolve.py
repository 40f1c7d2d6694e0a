"""Resolving ambiguous toponyms with the article as context."""

from __future__ import annotations

from communique.places.candidates import Mention, find_mentions
from communique.places.gazetteer import load_gazetteer
from communique.places.resolve import inner_readings, readings, resolve_mentions


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


def reasons(nlp, text, outlet=None):
    gazetteer = load_gazetteer()
    found = resolve_mentions(find_mentions(nlp(text), gazetteer), gazetteer, text, outlet)
    return {r.mention.text: (r.entry, r.resolved_by) for r in found}


def test_resolve_a_town_by_its_ap_style_container(nlp):
    text = "A Gainesville, Ga., man was charged Friday after deputies found stolen tools in his truck."
    entry, why = reasons(nlp, text)["Gainesville"]
    assert (entry.admin1, why) == ("US.GA", "container")


def test_resolve_a_county_by_its_container(nlp):
    text = "Farmers in Douglas County, Minn., lost most of their corn to the early frost."
    entry, why = reasons(nlp, text)["Douglas County"]
    assert (entry.feature, entry.admin1, why) == ("ADM2", "US.MN", "container")


def test_resolve_a_county_near_the_dateline_town(nlp):
    text = "GAINESVILLE, Ga. — A Hall County jury on Tuesday convicted a man of arson."
    found = reasons(nlp, text)
    assert found["GAINESVILLE"][0].admin1 == "US.GA"
    assert (found["Hall County"][0].admin1, found["Hall County"][1]) == ("US.GA", "dateline")


def test_resolve_a_town_near_the_other_places_of_the_story(nlp):
    text = ("Deputies in Sangamon County closed Route 4 after a crash. Springfield police said the "
            "driver was taken to a hospital in Chatham.")
    entry, why = reasons(nlp, text)["Springfield"]
    assert (entry.admin1, why) == ("US.IL", "context")


def test_resolve_georgia_with_atlanta_is_the_state_and_with_tbilisi_the_country(nlp):
    state = reasons(nlp, "Lawmakers from across Georgia met in Atlanta to debate the school budget.")
    country = reasons(nlp, "Voters in Georgia lined up in Tbilisi and Batumi for the runoff.")
    assert (state["Georgia"][0].feature, state["Georgia"][0].country) == ("ADM1", "USA")
    assert country["Georgia"][0].country == "GEO"


def test_resolve_an_ap_abbreviation_alone_as_the_state(nlp):
    text = "The company will build the plant in Ky. and hire 300 workers, the governor said."
    entry, _ = reasons(nlp, text).get("Ky.", (None, None))
    assert entry is not None and entry.name == "Kentucky"


def test_resolve_a_population_pick_says_so(nlp):
    _, why = reasons(nlp, "The summit opened in Paris with leaders from twenty countries.")["Paris"]
    assert why == "population"


def test_resolve_a_town_named_as_a_person_is_kept_only_with_nearby_places(nlp):
    local = ("ALEXANDRIA, Va. — An Alexandria woman was charged Monday with stealing from a church, "
             "police in Fairfax said.")
    alone = "An Alexandria woman was charged Monday with stealing from a church."
    kept = [r for r in resolve_all(nlp, local) if r.mention.text == "Alexandria"]
    assert kept and all(r.entry.admin1 == "US.VA" for r in kept)
    assert all(r.mention.text != "Alexandria" for r in resolve_all(nlp, alone))


def resolve_all(nlp, text):
    gazetteer = load_gazetteer()
    return resolve_mentions(find_mentions(nlp(text), gazetteer), gazetteer, text)


def test_inner_readings_reads_the_big_place_inside_an_unknown_place_name():
    gazetteer = load_gazetteer()
    assert 2643743 in {e.geonameid for e in inner_readings("north west London", gazetteer)}
    assert {e.country for e in inner_readings("South Venezuela", gazetteer)} == {"VEN"}


def test_inner_readings_reads_a_county_named_in_full_inside_a_longer_name():
    readings = inner_readings("the Marathon County Sheriff's Office", load_gazetteer())
    assert readings and all(e.feature == "ADM2" and e.name == "Marathon County" for e in readings)


def test_inner_readings_leaves_a_street_named_after_a_small_town():
    assert inner_readings("Quarry Lane", load_gazetteer()) == []


def test_readings_of_a_local_sheriffs_office_is_its_county():
    mention = Mention(0, 21, "Hall County Sheriffs")
    assert {e.admin1 for e in readings(mention, load_gazetteer())} >= {"US.GA"}


def test_inner_readings_reads_no_saints_name_as_a_town():
    assert inner_readings("St George's Chapel", load_gazetteer()) == []


def test_inner_readings_reads_no_place_inside_a_body_of_waters_name():
    gazetteer = load_gazetteer()
    # "Gulf" is a province of Papua New Guinea, "Arabia" a region, "Aden" a city: none is the water.
    assert inner_readings("Gulf of Riga", gazetteer) == []
    assert inner_readings("Sea of Marmara", gazetteer) == []
    assert inner_readings("Arafura Sea", gazetteer) == []
    assert inner_readings("Strait of Gibraltar", gazetteer) == []


def test_inner_readings_still_reads_the_place_a_bay_is_named_after():
    assert {e.country for e in inner_readings("Guantanamo Bay", load_gazetteer())} == {"CUB"}


def test_resolve_a_sea_news_names_to_its_own_centre(nlp):
    places = resolved(nlp, "Two warships sailed into the Gulf of Finland on Tuesday.")
    gulf = places["Gulf of Finland"]
    assert (gulf.name, gulf.feature, gulf.country) == ("Gulf of Finland", "RGN", None)
    assert 59 < gulf.lat < 61 and 22 < gulf.lon < 30


def test_resolve_regions_of_conflict_news_names_by_a_short_name(nlp):
    places = resolved(nlp, "Shelling in the Donbas went on as Moscow reinforced its bases in Crimea.")
    assert {places["Donbas"].country, places["Crimea"].country} == {"UKR"}
    assert 44 < places["Crimea"].lat < 46.5 and 32 < places["Crimea"].lon < 37


def test_resolve_the_gulf_of_international_news_is_no_province_of_papua_new_guinea(nlp):
    places = resolved(nlp, "Two tankers were seized in the Gulf near the coast of Iran, the navy said.")
    assert places["Gulf"].country != "PNG"
    assert 22 < places["Gulf"].lat < 31 and 47 < places["Gulf"].lon < 57
