"""The JSON API over a real store: listing, filtering, paging, one record in full, the OpenAPI document."""

from __future__ import annotations


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
