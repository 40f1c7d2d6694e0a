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
