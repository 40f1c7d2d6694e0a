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


def test_a_slow_extraction_times_out_and_keeps_the_extractor_busy_until_done():
    extractor = Extractor(load_config(), timeout=0.001)  # loading the pipeline alone takes longer
    document = SourceDocument(extractor.document({"id": "slow", "text": TEXT}).article)
    with pytest.raises(ExtractionTimeout):
        extractor.run(document)
    with pytest.raises(ExtractorBusy):
        extractor.run(document)
    extractor.timeout = 120
    deadline = time.monotonic() + 120
    while True:  # once the first run has finished, the extractor takes work again
        try:
            done = extractor.run(SourceDocument(extractor.document({"id": "later", "text": TEXT}).article))
            break
        except ExtractorBusy:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    assert done.article.entities
    extractor.close()
