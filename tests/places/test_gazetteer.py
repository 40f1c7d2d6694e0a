"""The gazetteer's coverage of countries, continents, divisions, cities, aliases and demonyms."""

from __future__ import annotations

from communique.places.gazetteer import load_gazetteer


def features(name):
    return {(e.feature, e.country) for e in load_gazetteer().lookup(name)}


def test_gazetteer_has_countries_with_geonames_ids_and_centroids():
    ukraine = next(e for e in load_gazetteer().lookup("Ukraine") if e.feature == "PCLI")
    assert ukraine.geonameid == 690791
    assert 44 < ukraine.lat < 53 and 22 < ukraine.lon < 41


def test_gazetteer_has_continents_and_first_level_divisions():
    assert ("CONT", None) in features("Europe")
    assert ("ADM1", "USA") in features("California")
    assert ("ADM1", "CAN") in features("Ontario")


def test_gazetteer_aliases_and_demonyms():
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("UK")[0].country == "GBR"
    assert gazetteer.demonym("Russian").country == "RUS"
    assert gazetteer.demonym("European").feature == "CONT"


def test_gazetteer_cache_is_named_after_what_it_was_built_from(monkeypatch, tmp_path):
    from communique.places import gazetteer as module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = module.cache_path()
    assert first.parent == tmp_path / "communique"
    monkeypatch.setattr(module, "source_digest", lambda: "edited-table")
    assert module.cache_path() != first


def test_gazetteer_has_us_counties_with_geonames_ids_near_their_seats():
    kanawha = load_gazetteer().lookup("Kanawha County")
    assert [(e.geonameid, e.feature, e.admin1, e.admin2) for e in kanawha] == [
        (4810630, "ADM2", "US.WV", "US.WV.039")]
    assert abs(kanawha[0].lat - 38.35) < 0.5 and abs(kanawha[0].lon + 81.63) < 0.5  # Charleston, W.Va.


def test_gazetteer_towns_carry_their_county():
    gainesville = next(e for e in load_gazetteer().lookup("Gainesville") if e.admin1 == "US.GA")
    assert gainesville.admin2 == "US.GA.139"  # Hall County


def test_gazetteer_reads_ap_abbreviations_as_states_and_postal_codes_only_as_containers():
    gazetteer = load_gazetteer()
    assert [e.name for e in gazetteer.lookup("Ky.")] == ["Kentucky"]
    assert [e.name for e in gazetteer.lookup("W.Va.")] == ["West Virginia"]
    assert all(e.name != "Mississippi" for e in gazetteer.lookup("Miss."))
    assert gazetteer.container("Miss.").name == "Mississippi"
    assert gazetteer.container("GA").name == "Georgia" and gazetteer.container("GA").country == "USA"
    assert gazetteer.container("ga") is None


def test_gazetteer_first_level_divisions_carry_geonames_ids_outside_the_us():
    ontario = next(e for e in load_gazetteer().lookup("Ontario") if e.feature == "ADM1")
    assert ontario.geonameid == 6093943


def test_gazetteer_has_oceans_and_us_regions_as_regions():
    gazetteer = load_gazetteer()
    atlantic = gazetteer.lookup("the Atlantic")[0]
    assert (atlantic.name, atlantic.feature) == ("Atlantic Ocean", "RGN") and atlantic.lon < -10
    midwest = gazetteer.lookup("Midwest")[0]
    assert (midwest.feature, midwest.country) == ("RGN", "USA")
    assert gazetteer.demonym("Central American").name == "Central America"


def test_gazetteer_leaves_airport_codes_out_of_city_names():
    from communique.places.gazetteer import is_alias_worthy

    assert not is_alias_worthy("MOD", "Modesto")  # read as the Ministry of Defence in news
    assert is_alias_worthy("Bombay", "Bombay") and not is_alias_worthy("Mumbai", "Bombay")
    assert load_gazetteer().lookup("CMB") == []
