"""The summaries behind the actors, network, map, quotes and timeline views, read from a hand-made store
(SQLite, and PostgreSQL when $COMMUNIQUE_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

from communique.store.profiles import actor_profile
from communique.store.query import EventFilter
from communique.web.aggregates import (
    actor_events,
    actor_page,
    actor_timeline,
    event_places,
    network,
    quote_facets,
)


def test_actor_search_keeps_matching_names(clash_store):
    assert [a["name"] for a in actor_page(clash_store, search="ton")["items"]] == ["Estonia"]


def test_an_actor_profile_lists_its_events_by_side_and_its_quotes(clash_store):
    (estonia,) = actor_page(clash_store, search="Estonia")["items"]
    profile = actor_profile(clash_store, estonia["id"])
    assert [e["plover"] for e in profile["as_source"]["items"]] == ["PROTEST"]
    assert profile["as_target"]["total"] == 0
    assert [q["text"] for q in profile["quotes"]["items"]] == ["Estonia protested to Russia"]


def test_actor_events_respect_the_other_filters(clash_store):
    found = actor_events(clash_store, "RUS", EventFilter(type="PROTEST", limit=10))
    assert found["as_source"]["total"] == 0 and found["as_target"]["total"] == 1


def test_network_follows_the_event_filters(clash_store):
    edges = network(clash_store, EventFilter(type="PROTEST"))["edges"]
    assert [(e["source"], e["target"], e["quad_class"], e["events"]) for e in edges] == [
        ("Estonia", "Russia", "verbal_conflict", 1)
    ]
    assert network(clash_store, EventFilter(since="2024-04-01")) == {"nodes": [], "edges": []}


def test_event_places_leave_out_events_without_a_place(clash_store):
    assert [p["events"] for p in event_places(clash_store, EventFilter())] == [1]


def test_timeline_limit_cuts_the_list_not_the_counts(clash_store):
    found = actor_timeline(clash_store, [["RUS"]], EventFilter(), "year", limit=1)
    assert len(found["events"]) == 1
    assert sum(p["events"] for p in found["periods"]) == 2


def test_actor_counts_are_whole_numbers_per_role(clash_store):
    actors = {row["name"]: row for row in actor_page(clash_store)["items"]}
    counts = [
        (actors[name]["as_source"], actors[name]["as_target"]) for name in ("Russia", "NATO", "Estonia")
    ]
    assert counts == [(2, 1), (0, 2), (1, 0)]
    # PostgreSQL sums integers into numerics; JSON clients expect 2, not "2" or 2.0
    assert all(type(n) is int for pair in counts for n in pair)
    assert actors["Russia"]["articles"] == 1


def test_quote_facets_count_each_speaker_channel_and_outlet(clash_store):
    facets = quote_facets(clash_store)
    assert facets == {
        "speakers": [{"name": "Estonia", "quotes": 1}],
        "channels": [{"name": "note", "quotes": 1}],
        "outlets": [{"name": "Border Daily", "quotes": 1}],
    }


def test_timeline_between_two_sides_lists_the_linked_reports_once(clash_store):
    found = actor_timeline(clash_store, [["RUS"], ["NATO"]], EventFilter(), "month")
    assert [(e["event"], e["reports"], e["articles"], e["date"]) for e in found["events"]] == [
        ("V1", 2, 1, "2024-03-11")
    ]
    assert found["periods"] == [
        {
            "period": "2024-03",
            "plover": "ASSAULT",
            "events": 1,
            "reports": 2,
            "articles": 1,
            "goldstein": -10.0,
        }
    ]


def test_network_nodes_are_canonical_actors_not_article_names(tmp_path):
    from communique.article import Article, Entity, Event
    from communique.store import open_store
    from communique.store.writer import write_article

    def criticism(doc_id: str, speaker: str) -> Article:
        text = f"{speaker} criticised Freedonia."
        start = len(speaker) + 1
        return Article(
            id=doc_id,
            text=text,
            published="2024-05-06",
            entities=[
                Entity("E1", speaker, "person", "RUR", "government", "RURGOV", None, [(0, start - 1)]),
                Entity("E2", "Freedonia", "country", "FRE", None, "FRE", None, [(start + 11, start + 20)]),
            ],
            events=[
                Event(
                    "V1",
                    "DISAPPROVE",
                    (start, start + 10),
                    (0, len(text)),
                    source=["E1"],
                    target=["E2"],
                    quad_class="verbal_conflict",
                )
            ],
        )

    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    write_article(engine, criticism("r1", "Ivo Petrak"), "r1")
    write_article(engine, criticism("r2", "Petrak"), "r2")
    found = network(engine, EventFilter())
    engine.dispose()
    assert [(e["source"], e["target"], e["quad_class"], e["events"]) for e in found["edges"]] == [
        ("Ivo Petrak", "Freedonia", "verbal_conflict", 2)
    ]
    assert [(n["name"], n["events"]) for n in found["nodes"]] == [("Freedonia", 2), ("Ivo Petrak", 2)]
    assert found["edges"][0]["source_id"] == found["nodes"][1]["id"]
