"""The actor vocabularies load into typed records."""

from __future__ import annotations

from communique.actors.vocabulary import load_vocabulary, split_list, strip_article


def test_vocabulary_country_adjective_and_seat_point_to_the_country():
    vocab = load_vocabulary()
    assert vocab.names["Russian"].kind == "adjective"
    assert vocab.names["Moscow"].kind == "seat"
    assert vocab.names["Moscow"].target.iso3 == "RUS"


def test_vocabulary_names_are_matched_without_the_article():
    vocab = load_vocabulary()
    assert "United States" in vocab.names
    assert "the United States" not in vocab.names


def test_vocabulary_roles_carry_sector_and_agent_code():
    role = load_vocabulary().roles["ambassador"]
    assert (role.sector, role.agent) == ("diplomatic", "GOVDIP")


def test_vocabulary_igo_has_its_anaphors():
    assert "alliance" in load_vocabulary().igos["NATO"].anaphors


def test_split_list_drops_empty_items():
    assert split_list("a| b||") == ["a", "b"]


def test_strip_article_keeps_names_without_it():
    assert strip_article("the Kremlin") == "Kremlin"
    assert strip_article("Thailand") == "Thailand"


def test_vocabulary_building_standing_for_a_government_is_an_institution():
    vocab = load_vocabulary()
    assert vocab.names["Kremlin"].kind == "institution"
    assert vocab.names["Kremlin"].target.iso3 == "RUS"


def test_outlet_country_comes_from_the_outlet_list():
    from communique.actors.vocabulary import outlet_country

    assert outlet_country("Sputnik") == "RUS"
    assert outlet_country("The Daily Nobody") is None
    assert outlet_country(None) is None


def test_every_name_of_a_well_known_organisation_points_to_one_record():
    vocab = load_vocabulary()
    forms = ["Islamic State", "ISIS", "ISIL", "Daesh", "Islamic State of Iraq and the Levant"]
    records = {vocab.names[form].target for form in forms}
    assert len(records) == 1
    (record,) = records
    assert vocab.names["ISIS"].kind == "organisation"
    assert (record.name, record.kind) == ("Islamic State", "organization")


def test_a_national_agency_carries_its_country_and_agent_code():
    agency = load_vocabulary().names["F.B.I."].target
    assert (agency.name, agency.country, agency.code) == ("FBI", "USA", "USACOP")
