"""POST /api/extract and POST /api/articles: the real pipeline behind the API, with its limits."""

from __future__ import annotations

import shutil
import time

import pytest
from fastapi.testclient import TestClient

from communique.config import load_config
from communique.sources import SourceDocument
from communique.web.app import ServeSettings, create_app
from communique.web.extraction import ExtractionTimeout, Extractor, ExtractorBusy

TEXT = "Chile's navy rescued the crew of a fishing boat off Valparaiso on Sunday, officials said."

LOCAL = "http://127.0.0.1"
"""The base URL of the test clients: the app answers only to its own address."""


def test_extract_returns_the_contract_with_offsets_into_the_text(client):
    answer = client.post("/api/extract", json={"id": "navy", "text": TEXT, "published": "2022-01-11"})
    assert answer.status_code == 200
    line = answer.json()
    assert line["id"] == "navy" and line["text"] == TEXT
    names = {TEXT[s:e] for entity in line["entities"] for s, e in entity["mentions"]}
    assert any("Chile" in name for name in names)
    assert any(TEXT[p["span"][0] : p["span"][1]] == "Valparaiso" for p in line["places"])


def test_extract_stores_nothing(client):
    before = client.get("/api/articles").json()["total"]
    client.post("/api/extract", json={"text": TEXT})
    assert client.get("/api/articles").json()["total"] == before


def test_extract_needs_a_text(client):
    assert client.post("/api/extract", json={"id": "empty"}).status_code == 422


def test_extraction_can_be_switched_off(store_url):
    settings = ServeSettings(db_url=store_url, extract=False, config=load_config())
    with TestClient(create_app(settings), base_url=LOCAL) as off:
        assert off.post("/api/extract", json={"text": TEXT}).status_code == 403
        assert off.get("/api").json()["extract"] is False


def test_allow_writes_lets_an_article_in_once(store_path, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(store_path, copy)
    settings = ServeSettings(db_url=f"sqlite:///{copy}", allow_writes=True, config=load_config())
    with TestClient(create_app(settings), base_url=LOCAL) as writable:
        before = writable.get("/api/articles").json()["total"]
        first = writable.post("/api/articles", json={"id": "navy", "text": TEXT, "published": "2022-01-11"})
        assert first.status_code == 201 and first.json()["stored"] is True
        stored = writable.get(f"/api/articles/{first.json()['article_id']}").json()
        assert stored["text"] == TEXT and stored["places"]
        again = writable.post("/api/articles", json={"id": "navy", "text": TEXT})
        assert again.json() == {"stored": False, "article_id": first.json()["article_id"], "errors": []}
        assert writable.get("/api/articles").json()["total"] == before + 1


def test_an_extraction_past_the_time_limit_is_stopped_and_the_next_one_runs():
    extractor = Extractor(load_config(), timeout=0.001)  # no document is parsed that fast
    try:
        with pytest.raises(ExtractionTimeout):
            extractor.run(SourceDocument(extractor.document({"id": "slow", "text": TEXT}).article))
        extractor.timeout = 120
        done = extractor.run(SourceDocument(extractor.document({"id": "later", "text": TEXT}).article))
        assert any("Chile" in entity.name for entity in done.article.entities)
    finally:
        extractor.close()


def test_a_second_request_while_one_runs_is_told_the_extractor_is_busy():
    extractor = Extractor(load_config(), timeout=120)
    extractor._busy.acquire()  # as a running extraction holds it
    try:
        with pytest.raises(ExtractorBusy):
            extractor.run(SourceDocument(extractor.document({"id": "second", "text": TEXT}).article))
    finally:
        extractor._busy.release()
        extractor.close()


def test_a_document_that_kills_the_extraction_process_gets_an_error_and_the_server_goes_on(store_url):
    """One word said 40,000 times once crashed the server (a native crash after 15 s and 1 GiB)."""
    settings = ServeSettings(db_url=store_url, timeout=20, extract_memory_mb=1024, config=load_config())
    with TestClient(create_app(settings), base_url=LOCAL) as server:
        started = time.monotonic()
        hostile = server.post("/api/extract", json={"id": "said", "text": "said " * 40_000})
        assert hostile.status_code in (200, 422, 504)  # an answer, whatever the pipeline made of it
        assert time.monotonic() - started < 120
        assert server.get("/api/events").status_code == 200
        after = server.post("/api/extract", json={"id": "navy", "text": TEXT, "published": "2022-01-11"})
        assert after.status_code == 200 and after.json()["entities"]
