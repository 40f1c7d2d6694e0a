"""The places stage on parsed made-up text."""

from __future__ import annotations

import re

from communique.places.candidates import Mention
from communique.places.gazetteer import GeoEntry
from communique.places.resolve import Resolution
from communique.stages.places import PlacesStage, focus_entry


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


TULSA = GeoEntry(4553433, "Tulsa", 36.15, -95.99, "USA", "PPL", 413066, "OK")
WICHITA = GeoEntry(4281730, "Wichita", 37.69, -97.34, "USA", "PPL", 397532, "KS")
KANSAS = GeoEntry(4273857, "Kansas", 38.5, -98.5, "USA", "ADM1", 2_900_000, "KS")
LYON = GeoEntry(2996944, "Lyon", 45.75, 4.85, "FRA", "PPL", 472317, "84")


def resolved(text: str, places: dict[str, GeoEntry]) -> list[Resolution]:
    """A resolution of each name in ``places`` (None: not in the gazetteer) at its first offset."""
    found = []
    for name, entry in places.items():
        start = text.index(name)
        found.append(Resolution(Mention(start, start + len(name), name), entry))
    return sorted(found, key=lambda r: r.mention.start)


def test_focus_entry_puts_a_missing_street_at_the_city_named_closest_to_it():
    text = "Crews closed Quarry Lane in Tulsa on Monday. In Wichita, the crews on Harlan Avenue kept on."
    resolutions = resolved(text, {"Quarry Lane": None, "Tulsa": TULSA, "Wichita": WICHITA,
                                  "Harlan Avenue": None})
    assert focus_entry(resolutions, text.index("Quarry Lane")) is TULSA
    assert focus_entry(resolutions, text.index("Harlan Avenue")) is WICHITA


def test_focus_entry_keeps_a_missing_street_in_the_storys_own_country():
    text = ("A Lyon baker, twice a Lyon champion, opened a shop on Harlan Avenue in Kansas, "
            "his first in the United States; United States inspectors approved it.")
    usa = GeoEntry(6252001, "United States", 39.76, -98.5, "USA", "PCLI", 327_000_000, None)
    resolutions = [Resolution(Mention(m.start(), m.end(), m.group()), entry)
                   for name, entry in (("Lyon", LYON), ("Kansas", KANSAS), ("United States", usa))
                   for m in re.finditer(name, text)]
    resolutions.sort(key=lambda r: r.mention.start)
    assert focus_entry(resolutions, text.index("Harlan Avenue")) is KANSAS  # Lyon is named most


def test_focus_entry_is_none_without_a_resolved_place():
    text = "Crews closed Quarry Lane on Monday."
    assert focus_entry(resolved(text, {"Quarry Lane": None}), 13) is None
