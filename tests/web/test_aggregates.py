"""The summaries behind the actors, network, map, quotes and timeline views, read from a hand-made store."""

from __future__ import annotations

from communique.store.query import EventFilter
from communique.web.aggregates import actor_events, actor_page, actor_timeline, event_places, network


def test_actor_search_keeps_matching_names(linked_store):
    assert [a["name"] for a in actor_page(linked_store, search="ton")["items"]] == ["Estonia"]


def test_actor_events_respect_the_other_filters(linked_store):
    found = actor_events(linked_store, "RUS", EventFilter(type="PROTEST", limit=10))
    assert found["as_source"]["total"] == 0 and found["as_target"]["total"] == 1


def test_network_follows_the_event_filters(linked_store):
    assert network(linked_store, EventFilter(type="PROTEST"))["edges"] == [
        {"source": "Estonia", "target": "Russia", "quad_class": "verbal_conflict", "events": 1}
    ]
    assert network(linked_store, EventFilter(since="2024-04-01")) == {"nodes": [], "edges": []}


def test_event_places_leave_out_events_without_a_place(linked_store):
    assert [p["events"] for p in event_places(linked_store, EventFilter())] == [1]


def test_timeline_limit_cuts_the_list_not_the_counts(linked_store):
    found = actor_timeline(linked_store, [["RUS"]], EventFilter(), "year", limit=1)
    assert len(found["events"]) == 1
    assert sum(p["events"] for p in found["periods"]) == 2
