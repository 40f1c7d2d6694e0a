"""Safety at the HTTP layer: strict response headers, a cap on request bodies, and only known ``Host`` names.

The page loads nothing but its own files (``default-src 'self'``), runs no inline script, and may not be
framed; the data it shows is only ever set as text by the scripts, and the headers are the second line.
A web page the user visits could point a name it controls at 127.0.0.1 (DNS rebinding) and read the
local app through it; the browser then sends that name as ``Host``, so a request naming a host other
than the bound address or an allowed name is refused with 403.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
"""The names a server bound to a loopback address answers to without --allowed-host."""


class HostCheck:
    """Answers 403 to a request whose ``Host`` header (port left out) is not one of ``allowed``."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(name.lower().strip("[]") for name in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or host_of(scope) in self.allowed:
            await self.app(scope, receive, send)
            return
        why = "this server answers only to its own address; start it with --allowed-host NAME for another"
        await answer(send, 403, why)


def host_of(scope: Scope) -> str:
    """The request's host name, lower case, without its port or IPv6 brackets ("" when absent)."""
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):
                return host[1:].partition("]")[0]
            return host.rpartition(":")[0] if host.count(":") == 1 else host
    return ""


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The names a server bound to ``bound`` answers to: that address, the loopback names when it is
    a loopback or wildcard address, and ``extra``."""
    names = [bound, *extra]
    if bound in LOOPBACK_NAMES or bound in ("0.0.0.0", "::"):
        names += LOOPBACK_NAMES
    return tuple(dict.fromkeys(names))


class BodyLimit:
    """Answers 413 to a request whose body is over ``max_bytes``, whether it says its length or not.

    The body is read (up to the cap) before the app sees the request, then handed over whole.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if declared_length(scope) > self.max_bytes:
            await too_large(send, self.max_bytes)
            return
        body, complete = await read_body(receive, self.max_bytes)
        if not complete:
            await too_large(send, self.max_bytes)
            return
        await self.app(scope, replay(body, receive), send)


def declared_length(scope: Scope) -> int:
    """The request's Content-Length, 0 when absent or unreadable."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


async def read_body(receive: Receive, max_bytes: int) -> tuple[bytes, bool]:
    """The body, and False when it went past ``max_bytes`` (reading stops there)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), True  # the client went away: let the app see an empty body
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            return b"", False
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), True


def replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` giving the body read already, then whatever the client sends next (a disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def too_large(send: Send, max_bytes: int) -> None:
    """A 413 response with a JSON body saying the limit."""
    await answer(send, 413, f"request body over the limit of {max_bytes} bytes")


async def answer(send: Send, status: int, detail: str) -> None:
    """An error response with a JSON body ``{"detail": ...}``, as FastAPI gives its own."""
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
