"""The answer cache: a GET asked again is answered from memory until the store's state moves."""

from __future__ import annotations

import asyncio

import pytest

from communique.web import cache
from communique.web.cache import AnswerCache


class CountingApp:
    """An ASGI app answering every request with its path and how many requests it has seen."""

    def __init__(self, status: int = 200) -> None:
        self.calls = 0
        self.status = status

    async def __call__(self, scope, receive, send) -> None:
        self.calls += 1
        await asyncio.sleep(0.01)  # long enough for identical requests to overlap
        body = f"{scope['path']} #{self.calls}".encode()
        await send({"type": "http.response.start", "status": self.status, "headers": []})
        await send({"type": "http.response.body", "body": body})


def get(app, path: str, method: str = "GET") -> tuple[int, bytes]:
    return asyncio.run(ask(app, path, method))


async def ask(app, path: str, method: str = "GET") -> tuple[int, bytes]:
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": []}
    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture(autouse=True)
def check_every_time(monkeypatch):
    monkeypatch.setattr(cache, "CHECK_EVERY", 0.0)


def test_the_same_get_is_answered_once_while_the_store_stays_the_same():
    inner, state = CountingApp(), [(3, 3)]
    app = AnswerCache(inner, lambda: state[0], 1_000_000)
    assert get(app, "/api/events") == get(app, "/api/events") == (200, b"/api/events #1")
    assert get(app, "/api/quotes") == (200, b"/api/quotes #2")
    assert inner.calls == 2


def test_a_new_article_in_the_store_drops_every_kept_answer():
    inner, state = CountingApp(), [(3, 3)]
    app = AnswerCache(inner, lambda: state[0], 1_000_000)
    get(app, "/api/events")
    state[0] = (4, 4)
    assert get(app, "/api/events") == (200, b"/api/events #2")


def test_identical_requests_at_once_are_computed_once():
    inner = CountingApp()
    app = AnswerCache(inner, lambda: (1, 1), 1_000_000)

    async def together():
        return await asyncio.gather(*(ask(app, "/api/network") for _ in range(20)))

    answers = asyncio.run(together())
    assert {body for _, body in answers} == {b"/api/network #1"}
    assert inner.calls == 1


def test_errors_posts_and_pages_outside_the_api_are_not_kept():
    failing = CountingApp(status=422)
    app = AnswerCache(failing, lambda: (1, 1), 1_000_000)
    get(app, "/api/events")
    get(app, "/api/events")
    assert failing.calls == 2
    inner = CountingApp()
    app = AnswerCache(inner, lambda: (1, 1), 1_000_000)
    get(app, "/", "GET")
    get(app, "/", "GET")
    get(app, "/api/extract", "POST")
    get(app, "/api/extract", "POST")
    assert inner.calls == 4


def test_the_cache_keeps_to_its_size():
    inner = CountingApp()
    app = AnswerCache(inner, lambda: (1, 1), 200)  # each answer is ~15 bytes; at most 200 in all
    for number in range(40):
        get(app, f"/api/articles/{number}")
    assert app.size <= 200
    assert get(app, "/api/articles/0")[1].endswith(b"#41")  # the oldest went first
