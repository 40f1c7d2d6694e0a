"""The link stage: event dates and locations from the times and places attached to the trigger."""

from __future__ import annotations

from communique.article import Entity, Event
from communique.stages.link import LinkStage
from communique.stages.places import PlacesStage
from communique.stages.times import TimesStage


def linked(parsed, text, trigger, published="2022-01-11", **settings):
    article = PlacesStage().process(TimesStage().process(parsed(text, published=published)))
    start = text.index(trigger)
    article.events = [Event("V1", "CONSULT", (start, start + len(trigger)), (0, len(text)))]
    LinkStage(settings).process(article)
    return article, article.events[0]


def place_text(article, place_id):
    return next(p.text for p in article.places if p.id == place_id)


def test_link_sets_date_and_location_of_a_meeting(parsed):
    article, event = linked(parsed, "The two delegations met on Monday in Geneva.", "met")
    assert event.date == "2022-01-10"
    assert place_text(article, event.location) == "Geneva"


def test_link_keeps_a_month_date(parsed):
    _, event = linked(parsed, "The ministry in December 2021 published two draft treaties.", "published")
    assert event.date == "2021-12"


def test_link_takes_the_date_attached_to_a_nominal_trigger(parsed):
    article, event = linked(parsed, "The talks in Vienna on 10 January ended without a deal.", "talks")
    assert event.date == "2022-01-10"
    assert place_text(article, event.location) == "Vienna"


def test_link_ignores_times_and_places_of_another_clause(parsed):
    text = "Officials arrived in Brussels, and Moscow rejected the offer on Friday."
    article, event = linked(parsed, text, "arrived")
    assert event.date is None
    assert place_text(article, event.location) == "Brussels"


def test_link_does_not_take_a_metonymic_place_as_location(parsed):
    _, event = linked(parsed, "Moscow rejected the proposal on Friday.", "rejected")
    assert event.location is None
    assert event.date == "2022-01-07"


def test_link_leaves_date_empty_without_a_time(parsed):
    _, event = linked(parsed, "The envoys met behind closed doors.", "met")
    assert event.date is None


def test_link_can_fall_back_to_the_publication_date(parsed):
    _, event = linked(parsed, "The envoys met behind closed doors.", "met", published_fallback=True)
    assert event.date == "2022-01-11"


def test_a_time_goes_to_the_event_it_hangs_closest_to(parsed):
    text = "The summit comes after the meeting of the two delegations on Monday, which ended without a deal."
    article = PlacesStage().process(TimesStage().process(parsed(text)))
    span = lambda word: (text.index(word), text.index(word) + len(word))  # noqa: E731
    article.events = [Event("V1", "CONSULT", span("summit"), (0, len(text))),
                      Event("V2", "CONSULT", span("meeting"), (0, len(text)))]
    LinkStage().process(article)
    summit, meeting = article.events
    assert meeting.date == "2022-01-10"
    assert summit.date is None


def test_an_undated_report_takes_the_date_of_a_linked_report(parsed):
    text = ("Envoys prepared for the meeting between Chile and Peru. "
            "Chile and Peru will meet on Thursday in Lima.")
    article = PlacesStage().process(TimesStage().process(parsed(text)))
    article.entities = [Entity("E1", "Chile", "country", country="CHL", mentions=[(40, 45), (56, 61)]),
                        Entity("E2", "Peru", "country", country="PER", mentions=[(50, 54), (66, 70)])]
    meeting = Event("V1", "CONSULT", (24, 31), (0, 55), cameo="040", source=["E1", "E2"])
    meet = Event("V2", "CONSULT", (76, 80), (56, len(text)), cameo="040", source=["E2"], target=["E1"])
    article.events = [meeting, meet]
    LinkStage().process(article)
    assert meet.date == "2022-01-13"
    assert meeting.date == "2022-01-13"
    assert meeting.linked == ["V2"] and meet.linked == ["V1"]


WEDNESDAY = "2022-01-12"


def test_link_dates_a_past_meeting_to_the_monday_before(parsed):
    text = "The foreign ministers met on Monday in Vienna."
    article, event = linked(parsed, text, "met", published=WEDNESDAY)
    monday = next(t for t in article.times if t.text == "Monday")
    assert (monday.value, monday.type) == ("2022-01-10", "DATE")
    assert event.date == "2022-01-10"


def test_link_dates_a_planned_meeting_to_the_monday_after(parsed):
    article, event = linked(parsed, "The foreign ministers will meet on Monday in Vienna.", "meet",
                            published=WEDNESDAY)
    monday = next(t for t in article.times if t.text == "Monday")
    assert (monday.value, monday.type) == ("2022-01-17", "DATE")
    assert event.date == "2022-01-17"


def test_link_dates_a_past_event_in_a_month_without_a_year(parsed):
    _, event = linked(parsed, "Rebels attacked the garrison in November.", "attacked")
    assert event.date == "2021-11"


def test_link_dates_a_planned_visit_to_the_day_after(parsed):
    text = "The envoy plans to visit Kabul on Thursday."
    article, event = linked(parsed, text, "visit", published=WEDNESDAY)
    thursday = next(t for t in article.times if t.text == "Thursday")
    assert (thursday.value, thursday.type) == ("2022-01-13", "DATE")
    assert event.date == "2022-01-13"


def test_link_dates_an_event_the_day_before_the_date_just_mentioned(parsed):
    text = "Troops fired on the crowd on 4 January. The previous day, students marched in the capital."
    _, event = linked(parsed, text, "marched")
    assert event.date == "2022-01-03"
