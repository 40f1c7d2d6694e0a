"""The JSON API over a real store: listing, filtering, paging, one record in full, the OpenAPI document."""

from __future__ import annotations

import json

import pytest
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel

from communique.store.browse import article_record, event_record
from communique.store.query import EventFilter
from communique.web import aggregates, models


def article_id(client, doc_id: str) -> int:
    items = client.get("/api/articles", params={"limit": 500}).json()["items"]
    return next(item["id"] for item in items if item["doc_id"] == doc_id)


def test_openapi_document_lists_every_endpoint(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/events/{article_id}/{event_id}",
        "/api/quotes",
        "/api/actors",
        "/api/timeline",
        "/api/network",
        "/api/places",
        "/api/extract",
    ):
        assert path in paths, path
    assert "post" in paths["/api/extract"]
    assert {p["name"] for p in paths["/api/events"]["get"]["parameters"]} >= {
        "actor",
        "source",
        "target",
        "type",
    }


def test_articles_lists_every_stored_article_newest_first(client):
    result = client.get("/api/articles").json()
    assert result["total"] == 3
    dates = [item["published"] for item in result["items"]]
    assert dates == sorted(dates, reverse=True)


def test_article_search_finds_words_in_the_text(client, hostile):
    found = client.get("/api/articles", params={"q": "TRACTORS"}).json()["items"]
    assert {item["doc_id"] for item in found} == {"post-0315", hostile["id"]}


def test_article_paging_gives_each_article_once(client):
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == first["total"] == 3


def test_one_article_has_its_text_and_records_whose_offsets_index_it(client, stories):
    record = client.get(f"/api/articles/{article_id(client, 'wire-0312')}").json()
    text = record["text"]
    assert text == stories[0]["text"]
    assert record["events"] and record["quotes"] and record["entities"]
    for event in record["events"]:
        start, end = event["trigger_span"]
        assert 0 <= start < end <= len(text)
    for quote in record["quotes"]:
        assert text[quote["span"][0] : quote["span"][1]] == quote["text"]
    for entity in record["entities"]:
        for start, end in entity["mentions"]:
            assert text[start:end].strip()


def test_a_missing_article_is_404(client):
    assert client.get("/api/articles/999999").status_code == 404


def test_events_filter_by_source_and_target(client):
    rows = client.get("/api/events", params={"source": "RUS", "target": "NATO"}).json()["items"]
    assert rows, "Russia accused NATO"
    assert all(
        "RUS" in (row["source_countries"] or "") or "RUS" in (row["source_codes"] or "") for row in rows
    )
    assert all("NATO" in (row["target"] or "") for row in rows)


def test_events_filter_by_date_keeps_only_that_period(client):
    rows = client.get("/api/events", params={"since": "2024-03-14"}).json()["items"]
    assert rows
    assert all((row["date"] or row["published"]) >= "2024-03-14" for row in rows)


def test_events_reject_a_malformed_date(client):
    assert client.get("/api/events", params={"since": "last week"}).status_code == 422


def test_event_rows_point_back_at_their_article(client):
    row = client.get("/api/events", params={"type": "CONSULT"}).json()["items"][0]
    article = client.get(f"/api/articles/{row['article_id']}").json()
    assert article["id"] == row["article"]
    assert article["text"][row["trigger_start"] : row["trigger_end"]] == row["trigger"]


def test_one_event_has_its_spans_and_linked_reports(linked_client):
    record = linked_client.get("/api/events/1/V1").json()
    assert record["record"]["source_spans"] and record["plover"] == "ASSAULT"
    assert [report["event_id"] for report in record["reports"]] == ["V1", "V2"]
    assert linked_client.get("/api/events/1/V9").status_code == 404


def test_quotes_by_speaker_channel_and_outlet(linked_client):
    assert linked_client.get("/api/quotes", params={"speaker": "estonia"}).json()["total"] == 1
    assert linked_client.get("/api/quotes", params={"channel": "NOTE"}).json()["total"] == 1
    assert linked_client.get("/api/quotes", params={"outlet": "border"}).json()["total"] == 1
    assert linked_client.get("/api/quotes", params={"outlet": "elsewhere"}).json()["total"] == 0


def test_quotes_are_filtered_by_attribution_speech_and_writing_by_default(linked_client):
    def total(**params):
        return linked_client.get("/api/quotes", params=params).json()["total"]

    assert total() == total(attribution="all") == total(attribution="speech") == 1
    assert total(attribution="thought,perception") == 0
    assert linked_client.get("/api/quotes", params={"attribution": "rumour"}).status_code == 422


def test_quote_facets_count_speakers_and_channels(linked_client):
    facets = linked_client.get("/api/quotes/facets").json()
    assert facets["speakers"] == [{"name": "Estonia", "quotes": 1}]
    assert facets["channels"] == [{"name": "note", "quotes": 1}]


def test_actors_carry_their_event_counts(linked_client):
    actors = {a["name"]: a for a in linked_client.get("/api/actors").json()["items"]}
    assert (actors["Russia"]["as_source"], actors["Russia"]["as_target"]) == (2, 1)
    assert (actors["NATO"]["as_source"], actors["NATO"]["as_target"]) == (0, 2)


def test_actor_events_split_by_role(linked_client):
    found = linked_client.get("/api/actors/Estonia/events").json()
    assert [row["event"] for row in found["as_source"]["items"]] == ["V3"]
    assert found["as_target"]["total"] == 0


def test_timeline_between_two_sides_shows_linked_reports_once_with_their_count(linked_client):
    found = linked_client.get("/api/timeline", params=[("actor", "RUS"), ("actor", "NATO")]).json()
    assert [(e["plover"], e["reports"], e["article_id"]) for e in found["events"]] == [("ASSAULT", 2, 1)]
    assert [(p["plover"], p["events"], p["reports"]) for p in found["periods"]] == [("ASSAULT", 1, 2)]


def test_timeline_of_one_side_holds_every_event_naming_it(linked_client):
    found = linked_client.get("/api/timeline", params={"actor": "EST,NATO"}).json()
    assert sorted(e["plover"] for e in found["events"]) == ["ASSAULT", "PROTEST"]


def test_timeline_needs_one_or_two_actor_sides(linked_client):
    assert linked_client.get("/api/timeline").status_code == 422
    assert (
        linked_client.get(
            "/api/timeline", params=[("actor", "A"), ("actor", "B"), ("actor", "C")]
        ).status_code
        == 422
    )
    assert linked_client.get("/api/timeline", params={"actor": ","}).status_code == 422


def test_network_edges_are_split_by_quad_class(linked_client):
    edges = linked_client.get("/api/network").json()["edges"]
    assert {(e["source"], e["target"], e["quad_class"], e["events"]) for e in edges} == {
        ("Russia", "NATO", "material_conflict", 2),
        ("Estonia", "Russia", "verbal_conflict", 1),
    }


def test_places_give_event_locations_with_coordinates(linked_client):
    places = linked_client.get("/api/places").json()["places"]
    assert [(p["name"], p["events"]) for p in places] == [("Narva", 1)]
    assert 59 < places[0]["lat"] < 60


def test_page_size_is_capped(client):
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422


# --- response models: the documented shape is the shape returned ------------------------------------


def response_schema(operation: dict) -> dict:
    return operation["responses"]["200"]["content"]["application/json"]["schema"]


def test_openapi_gives_every_get_route_a_response_model(client):
    document = client.get("/api/openapi.json").json()
    components = document["components"]["schemas"]
    gets = {path: ops["get"] for path, ops in document["paths"].items() if "get" in ops}
    assert len(gets) >= 12
    for path, operation in gets.items():
        reference = response_schema(operation).get("$ref", "")
        assert reference.startswith("#/components/schemas/"), path
        assert components[reference.rsplit("/", 1)[1]]["properties"], path
    extract = response_schema(document["paths"]["/api/extract"]["post"])
    assert extract["$ref"] == "#/components/schemas/ContractLine"


def test_openapi_describes_offsets_as_half_open_ranges_into_the_text(client):
    components = client.get("/api/openapi.json").json()["components"]["schemas"]
    for model, field in [
        ("QuoteRecord", "span"),
        ("EventRecord", "trigger_span"),
        ("EntityRecord", "mentions"),
    ]:
        assert "[start, end)" in components[model]["properties"][field]["description"], (model, field)
    assert "offsets" in components["QuoteRow"]["properties"]["start"]["description"]


def undocumented(record: BaseModel, where: str = "") -> list[str]:
    """Keys of the answer (at any depth) that its model does not declare."""
    found = [f"{where}.{key}" for key in record.model_extra or {}]
    for name in type(record).model_fields:
        for value in flattened(getattr(record, name)):
            found += undocumented(value, f"{where}.{name}")
    return found


def flattened(value) -> list[BaseModel]:
    if isinstance(value, BaseModel):
        return [value]
    if isinstance(value, list):
        return [model for item in value for model in flattened(item)]
    return []


def actor_path(client, name: str) -> str:
    """The profile URL of the canonical actor of this name."""
    (found,) = [a for a in client.get("/api/actors", params={"q": name}).json()["items"] if a["name"] == name]
    return f"/api/actors/{found['id']}"


def test_an_actor_that_is_not_there_is_404_and_a_name_is_not_an_id(linked_client):
    assert linked_client.get("/api/actors/99999").status_code == 404
    assert linked_client.get("/api/actors/Russia").status_code == 404


def only_article(client, doc_id: str) -> str:
    return f"/api/articles/{article_id(client, doc_id)}"


ANSWERS = [
    # fixture, path (or a function of the client giving it), query, model, a list that must not be empty
    ("client", "/api", {}, models.About, None),
    ("client", "/api/articles", {}, models.ArticlePage, "items"),
    ("client", lambda c: only_article(c, "wire-0312"), {}, models.StoredArticle, "quotes"),
    ("client", "/api/events", {}, models.EventPage, "items"),
    ("linked_client", "/api/events/1/V1", {}, models.EventDetail, "reports"),
    ("client", "/api/quotes", {}, models.QuotePage, "items"),
    ("client", "/api/quotes/facets", {}, models.QuoteFacets, "speakers"),
    ("client", "/api/actors", {}, models.ActorPage, "items"),
    ("linked_client", lambda c: actor_path(c, "Russia"), {}, models.ActorProfile, "aliases"),
    ("linked_client", "/api/actors/Russia/events", {}, models.ActorEvents, None),
    ("linked_client", "/api/timeline", {"actor": "RUS"}, models.Timeline, "events"),
    ("linked_client", "/api/network", {}, models.Network, "edges"),
    ("linked_client", "/api/places", {}, models.Places, "places"),
]


@pytest.mark.parametrize(
    ("fixture", "path", "query", "model", "filled"), ANSWERS, ids=[a[3].__name__ for a in ANSWERS]
)
def test_each_answer_validates_against_its_model_and_declares_every_key(
    request, fixture, path, query, model, filled
):
    client = request.getfixturevalue(fixture)
    response = client.get(path(client) if callable(path) else path, params=query)
    assert response.status_code == 200
    answer = response.json()
    if filled:
        assert answer[filled], f"{filled} is empty: the check would prove nothing"
    assert undocumented(model.model_validate(answer)) == []


def test_extract_answer_validates_against_its_model(client):
    text = "Chile's navy rescued a fishing crew off Valparaiso on Sunday, the navy said."
    answer = client.post("/api/extract", json={"text": text, "published": "2024-03-17"}).json()
    assert answer["entities"] and answer["events"]
    assert undocumented(models.ContractLine.model_validate(answer)) == []


def test_models_leave_the_answers_as_the_store_gives_them(linked_client, linked_store):
    """The response models check and document; they neither drop, add nor retype a key."""
    wanted = EventFilter()
    expected = {
        "/api/articles/1": article_record(linked_store, 1),
        "/api/events/1/V1": event_record(linked_store, 1, "V1"),
        "/api/timeline?actor=RUS": aggregates.actor_timeline(linked_store, [["RUS"]], wanted),
        "/api/actors/Russia/events": aggregates.actor_events(linked_store, "Russia", EventFilter(limit=50)),
        "/api/places": {"places": aggregates.event_places(linked_store, wanted)},
    }
    for path, raw in expected.items():
        # as text, so that an int turned into a float (1 into 1.0) counts as a change
        got = json.dumps(linked_client.get(path).json(), sort_keys=True)
        assert got == json.dumps(jsonable_encoder(raw), sort_keys=True), path


CLASH_ANSWERS = [
    ("/api/articles/1", models.StoredArticle),
    ("/api/events?limit=10", models.EventPage),
    ("/api/events/1/V1", models.EventDetail),
    ("/api/quotes", models.QuotePage),
    ("/api/quotes/facets", models.QuoteFacets),
    ("/api/actors", models.ActorPage),
    ("/api/actors/1", models.ActorProfile),
    ("/api/actors/Russia/events", models.ActorEvents),
    ("/api/timeline?actor=RUS&actor=NATO", models.Timeline),
    ("/api/network", models.Network),
    ("/api/places", models.Places),
]


@pytest.mark.parametrize(("path", "model"), CLASH_ANSWERS, ids=[path for path, _ in CLASH_ANSWERS])
def test_answers_keep_their_shape_on_every_store(clash_client, path, model):
    """Run over SQLite and, when set, PostgreSQL, whose drivers give other Python types (Decimal sums)."""
    response = clash_client.get(path)
    assert response.status_code == 200
    assert undocumented(model.model_validate(response.json())) == []
