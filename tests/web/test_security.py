"""Safe by default: strict headers, markup in the data stays text, request bodies are capped."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from fastapi.testclient import TestClient

from communique.config import load_config
from communique.web.app import STATIC, ServeSettings, create_app
from communique.web.security import BodyLimit, allowed_hosts, host_of

SCRIPTS = sorted(Path(STATIC).glob("*.js"))

HTML_SINKS = re.compile(
    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|srcdoc"
)

LOCAL = "http://127.0.0.1"
"""The base URL of the test clients: the app answers only to its own address."""


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/api/events", "/static/app.js", "/api/articles/999999"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_the_page_loads_nothing_from_elsewhere(client):
    page = client.get("/").text
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    for script in SCRIPTS:
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", script.read_text("utf-8")), script.name


def test_the_html_shell_holds_no_data(client, hostile, stories):
    page = client.get("/").text
    for value in (hostile["title"], hostile["outlet"], "alert", stories[0]["title"], "Orlov"):
        assert value not in page
    assert "<script>" not in page and '<script type="module" src="/static/app.js">' in page


def test_no_script_writes_html(client):
    assert SCRIPTS, "the app's scripts are in the package"
    for script in SCRIPTS:
        assert not HTML_SINKS.search(script.read_text("utf-8")), script.name


def test_hostile_article_comes_back_verbatim_as_json(client, hostile):
    items = client.get("/api/articles", params={"q": "onerror"}).json()["items"]
    assert [item["title"] for item in items] == [hostile["title"]]
    record = client.get(f"/api/articles/{items[0]['id']}")
    assert record.headers["content-type"] == "application/json"
    assert record.json()["text"] == hostile["text"]
    assert record.json()["outlet"] == hostile["outlet"]


def test_oversized_body_is_413_whatever_its_declared_length(store_url):
    settings = ServeSettings(db_url=store_url, max_bytes=1000, config=load_config())
    with TestClient(create_app(settings), base_url=LOCAL) as small:
        declared = small.post("/api/extract", json={"text": "x" * 2000})
        assert declared.status_code == 413

        def chunks():  # no Content-Length: the body arrives in pieces
            for _ in range(5):
                yield b"x" * 400

        streamed = small.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413


def call(app, chunks: list[bytes]) -> tuple[int, bytes | None]:
    """Send a POST whose body comes in ``chunks`` to an ASGI app; its status and the body the app read."""
    seen: dict[str, bytes] = {}
    sent: list[dict] = []
    messages = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)
    ]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    async def inner(scope, receive, send):
        seen["body"] = (await receive())["body"]
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    asyncio.run(app(inner)(scope, receive, send))
    return sent[0]["status"], seen.get("body")


def test_body_limit_passes_a_body_within_the_cap_through_whole():
    limited = lambda inner: BodyLimit(inner, max_bytes=10)  # noqa: E731
    assert call(limited, [b"01234", b"56789"]) == (200, b"0123456789")
    assert call(limited, [b"01234", b"56789", b"!"]) == (413, None)


def test_writes_are_refused_on_a_read_only_server(client):
    answer = client.post("/api/articles", json={"text": "Chile's navy rescued a crew off Valparaiso."})
    assert answer.status_code == 403
    assert "--allow-writes" in answer.json()["detail"]
    assert client.delete("/api/articles/1").status_code == 405


def test_api_docs_pages_that_load_from_a_cdn_are_off(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


# --- Host names (DNS rebinding) ---------------------------------------------------------------------


def test_a_foreign_host_header_is_refused_with_403(client):
    answer = client.get("/api/events", headers={"Host": "evil.example"})
    assert answer.status_code == 403
    assert "--allowed-host" in answer.json()["detail"]
    assert answer.headers["x-frame-options"] == "DENY"
    assert client.get("/", headers={"Host": "evil.example:8000"}).status_code == 403


def test_the_loopback_names_are_answered_with_or_without_a_port(client):
    for host in ("127.0.0.1", "127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/api/events", headers={"Host": host}).status_code == 200, host


def test_an_allowed_host_is_answered(store_url):
    hosts = allowed_hosts("0.0.0.0", ["news.example.org"])
    settings = ServeSettings(db_url=store_url, extract=False, config=load_config(), allowed_hosts=hosts)
    with TestClient(create_app(settings), base_url="http://news.example.org") as named:
        assert named.get("/api/events").status_code == 200
        assert named.get("/api/events", headers={"Host": "other.example.org"}).status_code == 403


def test_the_host_names_follow_the_bound_address():
    assert host_of({"headers": [(b"host", b"[::1]:8000")]}) == "::1"
    assert host_of({"headers": []}) == ""
    assert "localhost" not in allowed_hosts("192.0.2.7")
    assert set(allowed_hosts("192.0.2.7", ["a.example"])) == {"192.0.2.7", "a.example"}


def test_an_unexpected_server_error_carries_the_security_headers(store_url):
    app = create_app(ServeSettings(db_url=store_url, extract=False, config=load_config()))

    def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/api/broken", broken)
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as failing:
        answer = failing.get("/api/broken")
    assert answer.status_code == 500
    assert "default-src 'self'" in answer.headers["content-security-policy"]
