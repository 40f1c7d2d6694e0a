"""Answers of the read-only API kept per store state: a GET asked again is answered from memory.

The browsing server never writes, and the store only changes when an ``ingest`` adds articles (each
in one transaction with its records and links; nothing is ever deleted). So an answer holds until the
number of articles or the highest article id moves. That state is read at most once a second, so an
answer may lag a new article by that much. Identical requests that arrive while the first is being
computed wait for it rather than run the same queries again. A POST makes the next request read the
state at once, so an article added through the API shows up in the next answer.

Why: under 200 concurrent clients the queries themselves (10-70 ms each) saturated one core, and the
queue made p99 latency 26 s (scripts/bench_api.py, docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from anyio import to_thread
from sqlalchemy import Engine, func, select

from communique.store import schema
from communique.web.security import ASGIApp, Message, Receive, Scope, Send

CHECK_EVERY = 1.0
"""Seconds between two reads of the store's state: the most an answer can lag an ingest."""

MAX_ENTRY_SHARE = 8
"""No single answer takes more than 1/8 of the cache (a big timeline would evict everything else)."""


@dataclass(frozen=True, slots=True)
class Stored:
    """One kept answer: its status line headers and its body."""

    headers: list[tuple[bytes, bytes]]
    body: bytes


def store_state(engine: Engine) -> Hashable:
    """What changes whenever an article is stored: the number of articles and the highest id."""
    articles = schema.articles
    with engine.connect() as connection:
        return tuple(connection.execute(select(func.count(), func.max(articles.c.id))).one())


class AnswerCache:
    """Keeps the 200 answers of ``GET /api/...`` up to ``max_bytes`` in all, least recently used out."""

    def __init__(self, app: ASGIApp, state: Callable[[], Hashable], max_bytes: int) -> None:
        self.app = app
        self.state = state
        self.max_bytes = max_bytes
        self.entries: OrderedDict[bytes, Stored] = OrderedDict()
        self.size = 0
        self.current: Hashable = None
        self.checked = float("-inf")
        self.pending: dict[bytes, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not cacheable(scope):
            if scope["type"] == "http" and scope["method"] != "GET":
                self.checked = float("-inf")  # a POST may have stored an article: look again next time
            await self.app(scope, receive, send)
            return
        await self.refresh()
        key = scope["path"].encode() + b"?" + scope.get("query_string", b"")
        while key in self.pending:  # the same answer is being computed: wait for it
            await self.pending[key].wait()
        if (kept := self.entries.get(key)) is not None:
            self.entries.move_to_end(key)
            await replay(kept, send)
            return
        self.pending[key] = asyncio.Event()
        try:
            await self.app(scope, receive, self.recorder(key, send))
        finally:
            self.pending.pop(key).set()

    async def refresh(self) -> None:
        """Read the store's state once a second; forget every answer when it moved."""
        now = time.monotonic()
        if now - self.checked < CHECK_EVERY:
            return
        self.checked = now
        state = await to_thread.run_sync(self.state)
        if state != self.current:
            self.current = state
            self.entries.clear()
            self.size = 0

    def recorder(self, key: bytes, send: Send) -> Send:
        """A ``send`` that passes the answer on and keeps it when it is a whole 200."""
        parts: list[bytes] = []
        start: Message = {}
        state = self.current

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                parts.append(message.get("body", b""))
                if not message.get("more_body", False) and state == self.current:
                    self.keep(key, Stored(list(start.get("headers", [])), b"".join(parts)))
            await send(message)

        return record

    def keep(self, key: bytes, answer: Stored) -> None:
        if len(answer.body) * MAX_ENTRY_SHARE > self.max_bytes:
            return
        self.entries[key] = answer
        self.size += len(answer.body)
        while self.size > self.max_bytes:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)


def cacheable(scope: Scope) -> bool:
    """A GET of the JSON API (the static files have their own caching headers)."""
    return scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith("/api")


async def replay(kept: Stored, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": kept.headers})
    await send({"type": "http.response.body", "body": kept.body})
