"""Containers, datelines and anchors: what an article says about where its places are."""

from __future__ import annotations

from communique.places.candidates import Mention
from communique.places.context import Anchor, container_of, is_dateline, nearness, support
from communique.places.gazetteer import GeoEntry

GEORGIA_STATE = GeoEntry(4197000, "Georgia", 32.3, -83.1, "USA", "ADM1", admin1="US.GA")
GEORGIA_COUNTRY = GeoEntry(614540, "Georgia", 42.0, 43.5, "GEO", "PCLI")
GAINESVILLE_GA = GeoEntry(4196586, "Gainesville", 34.30, -83.82, "USA", "PPL", 38_712, "US.GA")
GAINESVILLE_FL = GeoEntry(4156404, "Gainesville", 29.65, -82.32, "USA", "PPL", 145_214, "US.FL")
HALL_COUNTY = GeoEntry(4196001, "Hall County", 34.29, -83.83, "USA", "ADM2", 53_000, "US.GA", "US.GA.139")


def mentions_of(text, *names):
    found, start = [], 0
    for name in names:
        start = text.index(name, start)
        found.append(Mention(start, start + len(name), name))
        start += len(name)
    return found


def test_the_state_after_the_comma_is_the_container_that_holds_a_reading():
    text = "She grew up in Gainesville, Georgia, and moved north."
    mentions = mentions_of(text, "Gainesville", "Georgia")
    options = [[GAINESVILLE_FL, GAINESVILLE_GA], [GEORGIA_COUNTRY, GEORGIA_STATE]]
    assert container_of(options, mentions, 0, text) is GEORGIA_STATE


def test_a_name_that_goes_on_after_the_comma_is_no_container():
    text = "Fans in Gainesville, Georgia Tech supporters among them, cheered."
    mentions = mentions_of(text, "Gainesville", "Georgia")
    options = [[GAINESVILLE_FL, GAINESVILLE_GA], [GEORGIA_STATE]]
    assert container_of(options, mentions, 0, text) is None


def test_a_dateline_opens_the_text_and_ends_with_a_dash():
    text = "GAINESVILLE, Ga. (AP) — A Hall County man was arrested."
    mentions = mentions_of(text, "GAINESVILLE", "Ga.", "Hall County")
    assert is_dateline(mentions, 0, text)
    assert not is_dateline(mentions, 2, text)


def test_a_place_named_at_the_start_of_a_sentence_is_no_dateline():
    text = "Gainesville officials said the road would reopen on Friday."
    assert not is_dateline(mentions_of(text, "Gainesville"), 0, text)


def test_a_county_is_near_its_seat_and_a_town_is_backed_by_its_state_at_half_weight():
    assert nearness(HALL_COUNTY, GAINESVILLE_GA) == 1.0
    assert nearness(HALL_COUNTY, GAINESVILLE_FL) == 0.0
    assert nearness(GAINESVILLE_GA, GEORGIA_STATE) == 0.5
    assert nearness(GEORGIA_STATE, GAINESVILLE_GA) == 1.0


def test_support_counts_each_anchor_place_once_and_says_when_the_dateline_backs_it():
    anchors = [Anchor(GAINESVILLE_GA, 0, dateline=True), Anchor(GAINESVILLE_GA, 3), Anchor(GEORGIA_STATE, 4)]
    assert support(HALL_COUNTY, anchors, 1) == (1.5, "dateline")  # Gainesville once, its state at half
    assert support(GAINESVILLE_FL, anchors, 1) == (0.0, "context")


def test_a_container_only_spelling_after_an_unknown_name_is_still_read_as_the_state():
    from communique.places.context import container_readings
    from communique.places.gazetteer import load_gazetteer

    text = "CAMP MURRAY, Wash. - Soldiers trained all week. Miss. Jones taught the class."
    mentions = mentions_of(text, "Wash.", "Miss.")
    readings = container_readings(mentions, [[], []], load_gazetteer(), text)
    assert [e.name for e in readings[0]] == ["Washington"] and readings[1] == []


def test_the_same_place_named_in_other_words_backs_a_reading():
    ap_spelling = Anchor(GEORGIA_STATE, 0, text="ga.")
    assert support(GEORGIA_STATE, [ap_spelling], 1, "Georgia") == (1.0, "context")
    same_words = Anchor(GEORGIA_STATE, 0, text="georgia")
    assert support(GEORGIA_STATE, [same_words], 1, "Georgia") == (0.0, "context")


def test_an_outlet_name_gives_a_home_only_when_it_leaves_no_doubt():
    from communique.places.context import outlet_home
    from communique.places.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert outlet_home("The Arizona Republic", gazetteer).name == "Arizona"
    assert outlet_home("Houston Chronicle", gazetteer).admin1 == "US.TX"
    assert outlet_home("Portland Press Herald", gazetteer) is None  # Oregon's or Maine's
    assert outlet_home("The Daily Bugle", gazetteer) is None
    assert outlet_home(None, gazetteer) is None


def test_an_outlet_anchor_backs_a_reading_as_outlet():
    outlet = Anchor(GAINESVILLE_GA, -1)
    assert support(HALL_COUNTY, [outlet], 0) == (1.0, "outlet")
