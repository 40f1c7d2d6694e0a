"""The link stage: event dates and locations from the times and places attached to the trigger."""

from __future__ import annotations

from communique.article import Event
from communique.stages.link import LinkStage
from communique.stages.places import PlacesStage
from communique.stages.times import TimesStage


def linked(parsed, text, trigger, **settings):
    article = PlacesStage().process(TimesStage().process(parsed(text)))
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
