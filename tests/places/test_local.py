"""The local GeoNames gazetteer: lookups on the SQLite file, and the built-in gazetteer falling back on it."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from communique.places.candidates import find_mentions
from communique.places.gazetteer import Gazetteer, load_gazetteer
from communique.places.geonames_import import import_geonames
from communique.places.local import GazetteerDbError, LocalGazetteer
from communique.places.resolve import resolve_mentions
from communique.stage import StageUnavailable
from communique.stages.places import PlacesStage

PARIS = 2988507
"""GeoNames id of the city of Paris, which the built-in gazetteer holds."""


def dump_line(geonameid, name, alternates, lat, lon, code="PPL", country="FR", admin1="76", population=0):
    """A line in GeoNames' 19-column format (made-up places, real-looking columns)."""
    feature_class = "A" if code.startswith("ADM") else "P"
    return "\t".join([str(geonameid), name, name, alternates, str(lat), str(lon), feature_class, code,
                      country, "", admin1, "", "", "", str(population), "", "35", "Europe/Paris",
                      "2022-01-01"])


LINES = [
    dump_line(99000001, "Vellouzac", "Velouzac", 45.25, 1.75, population=212),
    dump_line(99000020, "Vellouzac", "", 50.5, 30.25, country="UA", admin1="13", population=40),
    # The city of Paris under a Latin name the built-in gazetteer does not have.
    dump_line(PARIS, "Paris", "Lutetia", 48.85341, 2.3488, code="PPLC", admin1="11", population=2138551),
    # A hamlet named like a city the built-in gazetteer knows.
    dump_line(99000030, "Paris", "", 46.0, 3.0, population=15),
    dump_line(99000040, "Sans-Pays", "", 0.5, 0.5, country="", admin1=""),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("geonames")
    dump = folder / "FR.txt"
    dump.write_text("".join(line + "\n" for line in LINES), "utf-8")
    import_geonames(dump, folder / "geonames.db")
    return folder / "geonames.db"


def test_local_lookup_returns_geo_entries_with_iso3_countries_most_populous_first(db):
    found = LocalGazetteer(db).lookup("VELLOUZAC")
    assert [(e.geonameid, e.country, e.lat, e.lon) for e in found] == [
        (99000001, "FRA", 45.25, 1.75), (99000020, "UKR", 50.5, 30.25)]
    assert found[0].feature == "PPL" and found[0].population == 212 and found[0].admin1 == "FR.76"


def test_local_lookup_finds_alternate_names_and_nothing_for_unknown_names(db):
    local = LocalGazetteer(db)
    assert [e.geonameid for e in local.lookup("velouzac")] == [99000001]
    assert local.lookup("Atlantis-sur-Mer") == []


def test_place_without_country_code_has_no_country(db):
    assert LocalGazetteer(db).lookup("Sans-Pays")[0].country is None


def test_missing_file_is_a_stage_unavailable_error_saying_how_to_build_it(tmp_path):
    with pytest.raises(GazetteerDbError, match="gazetteer import"):
        LocalGazetteer(tmp_path / "nowhere.db")
    assert issubclass(GazetteerDbError, StageUnavailable)


def test_file_that_is_not_a_gazetteer_is_refused(tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("not sqlite at all", "utf-8")
    with pytest.raises(GazetteerDbError):
        LocalGazetteer(other)


def test_local_gazetteer_survives_pickling_for_worker_processes(db):
    copy = pickle.loads(pickle.dumps(LocalGazetteer(db)))
    assert [e.geonameid for e in copy.lookup("Vellouzac")][:1] == [99000001]


def test_without_a_local_file_the_builtin_gazetteer_is_used_unchanged():
    gazetteer = load_gazetteer()
    assert type(gazetteer) is Gazetteer
    assert load_gazetteer("") is gazetteer
    assert gazetteer.lookup("Vellouzac") == []


def test_villages_the_builtin_gazetteer_lacks_come_from_the_local_file(db):
    found = load_gazetteer(db).lookup("Vellouzac")
    assert [e.geonameid for e in found] == [99000001, 99000020]


def test_names_the_builtin_gazetteer_has_are_not_duplicated_from_the_local_file(db):
    assert load_gazetteer(db).lookup("Paris") == load_gazetteer().lookup("Paris")


def test_a_known_place_found_by_a_local_name_is_the_builtin_entry(db):
    found = load_gazetteer(db).lookup("Lutetia")
    builtin_paris = next(e for e in load_gazetteer().lookup("Paris") if e.geonameid == PARIS)
    assert found == [builtin_paris]
    assert found[0] is builtin_paris


def test_village_in_a_news_sentence_resolves_to_its_imported_coordinates(db, parsed):
    article = parsed("Firefighters were called to a barn fire in Vellouzac on Sunday, the mayor of the "
                     "French village said.")
    gazetteer = load_gazetteer(db)
    resolutions = resolve_mentions(find_mentions(article.doc, gazetteer), gazetteer, article.text)
    village = next(r.entry for r in resolutions if r.mention.text == "Vellouzac")
    assert (village.geonameid, village.lat, village.lon, village.country) == (99000001, 45.25, 1.75, "FRA")


SKIP_UNTIL_WIRED = ("the places stage does not pass stages.places.gazetteer_db to load_gazetteer yet "
                    "(the lead adds that line; then this test runs)")


@pytest.fixture(scope="module")
def stage_reads_db(db) -> None:
    """Skip unless the places stage already hands ``gazetteer_db`` to ``load_gazetteer``."""
    if PlacesStage({"gazetteer_db": str(db)}).gazetteer is load_gazetteer():
        pytest.skip(SKIP_UNTIL_WIRED)


def test_places_stage_places_the_village_at_its_imported_coordinates(db, parsed, stage_reads_db):
    article = parsed("Firefighters were called to a barn fire in Vellouzac on Sunday, the mayor of the "
                     "French village said.")
    article.entities = []
    places = PlacesStage({"gazetteer_db": str(db)}).process(article).places
    village = next(p for p in places if p.text == "Vellouzac")
    assert (village.geonameid, village.lat, village.lon, village.country) == (99000001, 45.25, 1.75, "FRA")


def test_places_stage_with_a_missing_local_file_is_unavailable(tmp_path, stage_reads_db):
    with pytest.raises(StageUnavailable, match="gazetteer import"):
        PlacesStage({"gazetteer_db": str(tmp_path / "nowhere.db")})
