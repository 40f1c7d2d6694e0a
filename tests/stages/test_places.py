"""The places stage on parsed made-up text."""

from __future__ import annotations

from communique.stages.places import PlacesStage


def run(parsed, text):
    return PlacesStage().process(parsed(text))


def test_places_stage_resolves_a_capital_with_coordinates(parsed):
    article = run(parsed, "Delegations from both sides arrived in Brussels for the talks.")
    brussels = next(p for p in article.places if p.text == "Brussels")
    assert (brussels.country, brussels.feature, brussels.metonymic) == ("BEL", "PPLC", False)
    assert abs(brussels.lat - 50.85) < 0.2 and abs(brussels.lon - 4.35) < 0.2
    assert brussels.id.startswith("P")


def test_places_stage_marks_a_government_capital_as_metonymic(parsed):
    article = run(parsed, "Moscow rejected the offer, and the talks in Geneva ended.")
    flags = {p.text: p.metonymic for p in article.places}
    assert flags == {"Moscow": True, "Geneva": False}


def test_places_stage_resolves_countries_and_continents(parsed):
    article = run(parsed, "The war in Ukraine has changed security across Europe.")
    ids = {p.text: p.geonameid for p in article.places}
    assert ids["Ukraine"] == 690791
    assert ids["Europe"] == 6255148


def test_places_stage_puts_a_name_missing_from_the_gazetteer_at_the_focus_and_says_so(parsed):
    article = run(parsed, "Shelling hit the village of Zarnovka near Kharkiv, officials in Kharkiv said.")
    village = next(p for p in article.places if p.text == "Zarnovka")
    city = next(p for p in article.places if p.text == "Kharkiv")
    assert village.geonameid is None and village.approximate
    assert (village.lat, village.lon, village.country) == (city.lat, city.lon, "UKR")
    assert not city.approximate


def test_places_stage_can_drop_names_missing_from_the_gazetteer(parsed):
    stage = PlacesStage({"unresolved": "drop"})
    article = stage.process(parsed("Shelling hit the village of Zarnovka near Kharkiv."))
    assert [p.text for p in article.places] == ["Kharkiv"]


def test_places_stage_says_what_resolved_every_place(parsed):
    article = run(parsed, "A Gainesville, Ga., firm will open a plant near the village of Zarnovka, "
                          "officials in Atlanta said.")
    reasons = {p.text: p.resolved_by for p in article.places}
    assert reasons["Gainesville"] == "container"
    assert set(reasons.values()) <= {"container", "context", "dateline", "outlet", "population"}
    assert all(p.resolved_by for p in article.places)


def test_places_stage_reads_an_ambiguous_town_near_the_outlets_home(parsed):
    text = "The Springfield council voted on Tuesday to repave the streets around the old depot."
    article = PlacesStage().process(parsed(text, outlet="Illinois Times"))
    springfield = next(p for p in article.places if p.text == "Springfield")
    assert springfield.resolved_by == "outlet"
    assert 38.5 < springfield.lat < 41 and -91 < springfield.lon < -88  # Springfield, Ill.
