"""The rules both linkers share: actor identity, report keys, compatible dates and places."""

from __future__ import annotations

from communique.link.rules import (
    actor_identity,
    dates_compatible,
    most_precise,
    places_compatible,
    reciprocal_types,
    report_key,
)


def test_meetings_are_reciprocal_and_accusations_are_not():
    assert {"CONSULT", "AGREE", "COOPERATE"} <= reciprocal_types()
    assert "ACCUSE" not in reciprocal_types() and "" not in reciprocal_types()


def test_a_meeting_has_one_key_whichever_side_is_named_first():
    assert report_key("CONSULT", "040", ["ISL"], ["PER"]) == report_key("CONSULT", "046", ["PER"], ["ISL"])


def test_an_accusation_keeps_who_accused_whom():
    assert report_key("ACCUSE", "112", ["ISL"], ["PER"]) != report_key("ACCUSE", "112", ["PER"], ["ISL"])


def test_one_actor_alone_has_no_key():
    assert report_key("REJECT", "120", ["ISL"], []) is None


def test_a_state_actor_is_known_by_its_country_else_code_else_name():
    assert actor_identity("ISL", "ISLGOV", "Reykjavik") == "ISL"
    assert actor_identity(None, "IGOWSTNAT", "NATO") == "IGOWSTNAT"
    assert actor_identity(None, None, "The Elders") == "the elders"


def test_dates_agree_within_the_less_precise_one():
    assert dates_compatible("2023-03", "2023-03-06") and dates_compatible("2023", "2023-03")
    assert not dates_compatible("2023-03-06", "2023-03-20")


def test_an_unknown_place_is_compatible_with_any():
    assert places_compatible(None, 2660646) and places_compatible(2660646, 2660646)
    assert not places_compatible(2660646, 3936456)


def test_the_most_precise_date_wins():
    assert most_precise(["2023", None, "2023-03-06", "2023-03"]) == "2023-03-06"
    assert most_precise([None]) is None
