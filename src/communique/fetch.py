"""Fetching a web page or feed for ``communique ingest --fetch``: opt-in, bounded, public addresses only.

What this guards against, and what it does not:

- Server-side request forgery through the addresses a user or a feed hands us: every host is
  resolved here, each of its addresses is checked (loopback, private, link-local, multicast,
  reserved, unspecified and shared/CGNAT ranges are refused unless ``allow_private``), and the
  connection goes to the checked IP itself, with the host name sent only in the ``Host`` header
  and as the TLS server name. There is no second DNS look-up between the check and the connect,
  so DNS rebinding (a name answering a public address to the check and a private one to the
  connect) has nothing to swap. Every redirect target goes through the same check.
- Resource exhaustion: a connect timeout and a per-read timeout, a deadline for the whole
  download (a server dripping one byte per read would otherwise never time out: a watchdog shuts
  the socket at the deadline, since a buffered read of a chunk waits for all of it), a cap on the
  body (checked against ``Content-Length`` first, then while streaming, after decompression),
  and at most ``max_redirects`` redirects.
- Not guarded: what a public server does on our behalf (an open proxy, a public host that
  forwards to its own network), environment proxies (none are used: urllib3 ignores
  ``$HTTP_PROXY``), and the content itself (it is parsed by feedparser and trafilatura, which
  read untrusted input anyway).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from communique import __version__

USER_AGENT = f"communique/{__version__} (news event extraction)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 65536


class FetchError(Exception):
    """A URL could not be fetched (unreachable, timed out, too large, an HTTP error); the message says why."""


class FetchRefused(FetchError):
    """A URL not fetched by policy: fetching is off, the scheme is not http(s), or the address is private."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Whether and how URLs are fetched. Off by default: ``communique ingest --fetch`` turns it on."""

    enabled: bool = False
    allow_private: bool = False
    timeout: float = 10.0  # seconds, for the connect and for each read
    deadline: float = 60.0  # seconds for a whole fetch, redirects included
    max_bytes: int = 5_000_000
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body: the final URL (after redirects), its media type and its bytes."""

    url: str
    content_type: str
    body: bytes


def is_url(source: str) -> bool:
    """True for a source that names a URL rather than a file (any ``scheme://``)."""
    scheme, sep, _ = source.partition("://")
    return bool(sep) and scheme.isalpha() and len(scheme) > 1


def fetch(url: str, options: FetchOptions) -> Fetched:
    """GET ``url`` under ``options``: redirects followed and re-checked, the body capped."""
    if not options.enabled:
        raise FetchRefused(f"{url} is a URL: pass --fetch to fetch it (off by default)")
    started = time.monotonic()
    for _ in range(options.max_redirects + 1):
        target = Target.of(url)
        pool, response = connect(target, url, options, started)
        with pool:
            try:
                location = response.headers.get("Location")
                if response.status in REDIRECT_STATUSES and location:
                    url = urljoin(url, location)
                    continue
                if response.status != 200:
                    answer = f"HTTP {response.status} {response.reason or ''}".strip()
                    raise FetchError(f"{url}: the server answered {answer}")
                body = read_capped(response, url, options, started)
                return Fetched(url, response.headers.get("Content-Type", ""), body)
            finally:
                response.release_conn()
    raise FetchError(f"{url}: more than {options.max_redirects} redirects")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a URL points: scheme, host (IDNA-encoded, IPv6 without brackets), port and request path."""

    scheme: str
    host: str
    port: int
    path: str
    explicit_port: bool

    @classmethod
    def of(cls, url: str) -> Target:
        """The target of an http(s) URL; any other URL is refused."""
        try:
            parts = urlsplit(url)
            port = parts.port
            host = (parts.hostname or "").encode("idna").decode("ascii") if parts.hostname else ""
        except (ValueError, UnicodeError) as exc:
            raise FetchRefused(f"{url}: not a valid URL ({exc})") from exc
        if parts.scheme not in ("http", "https"):
            raise FetchRefused(f"{url}: only http and https URLs are fetched, not {parts.scheme}")
        if not host:
            raise FetchRefused(f"{url}: no host name in the URL")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default = 443 if parts.scheme == "https" else 80
        return cls(parts.scheme, host, port or default, path, port is not None)

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}" if self.explicit_port else host


def connect(target: Target, url: str, options: FetchOptions, started: float):
    """Send the GET to the first checked address of the host that accepts a connection (a name may
    have an IPv6 and an IPv4 address, and a server listen on one only); the pool and the response,
    whose body is not read yet."""
    import urllib3  # imported here: only runs with --fetch need it

    addresses = checked_addresses(target.host, target.port, options.allow_private)
    for number, address in enumerate(addresses, start=1):
        pool = connection_pool(target, address, options)
        try:
            return pool, send(pool, target, url, options, started)
        except urllib3.exceptions.NewConnectionError as exc:
            pool.close()
            if number == len(addresses):
                raise FetchError(f"{url}: {describe(exc, options)}") from exc
        except BaseException:
            pool.close()
            raise
    raise FetchError(f"{url}: no address to connect to")  # getaddrinfo never answers an empty list


def send(pool, target: Target, url: str, options: FetchOptions, started: float):
    """Send the GET; a failure to connect is left to the caller, which may try another address."""
    import urllib3

    headers = {"Host": target.host_header, "User-Agent": USER_AGENT, "Accept": "*/*"}
    try:
        return pool.urlopen("GET", target.path, headers=headers, redirect=False, retries=False,
                            preload_content=False, timeout=remaining_timeout(options, started, url))
    except urllib3.exceptions.NewConnectionError:
        raise
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"{url}: {describe(exc, options)}") from exc


def connection_pool(target: Target, address: str, options: FetchOptions):
    """A one-connection pool to ``address``; for https the certificate is checked against the host
    name, not the address."""
    import urllib3

    timeout = urllib3.Timeout(connect=options.timeout, read=options.timeout)
    if target.scheme == "http":
        return urllib3.HTTPConnectionPool(address, target.port, timeout=timeout, maxsize=1, retries=False)
    return urllib3.HTTPSConnectionPool(
        address, target.port, timeout=timeout, maxsize=1, retries=False, cert_reqs="CERT_REQUIRED",
        server_hostname=target.host, assert_hostname=target.host,
    )


def checked_addresses(hostname: str, port: int, allow_private: bool) -> list[str]:
    """The IP addresses of ``hostname`` to connect to; refused when any of them is not public."""
    try:
        infos = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        why = getattr(exc, "strerror", None) or exc
        raise FetchError(f"cannot resolve host {hostname!r}: {why}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]).partition("%")[0] for info in infos))
    if not allow_private:
        # Every address is checked, not only the one used: a name that answers both a public and a
        # private address is refused, whichever one the resolver happens to put first.
        for address in addresses:
            if not is_public(address):
                raise FetchRefused(
                    f"{hostname} resolves to {address}, a private, loopback or reserved address; "
                    "not fetched (pass --allow-private to allow it)"
                )
    return addresses


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (IPv4-mapped IPv6 judged by its IPv4 address)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    # is_global alone lets IPv4 multicast through, hence the explicit checks.
    return ip.is_global and not (
        ip.is_multicast or ip.is_loopback or ip.is_link_local or ip.is_reserved
        or ip.is_unspecified or ip.is_private
    )


def remaining_timeout(options: FetchOptions, started: float, url: str):
    """The connect/read timeout, shortened so that the whole fetch keeps to its deadline."""
    import urllib3

    left = options.deadline - (time.monotonic() - started)
    if left <= 0:
        raise FetchError(f"{url}: not done within {options.deadline:g} s")
    return urllib3.Timeout(connect=min(options.timeout, left), read=min(options.timeout, left))


def read_capped(response, url: str, options: FetchOptions, started: float) -> bytes:
    """The response body, streamed; stopped once it passes ``max_bytes`` or the deadline."""
    import urllib3

    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise FetchError(f"{url}: {int(declared):,} bytes, more than the limit of {options.max_bytes:,}")
    late = FetchError(f"{url}: not done within {options.deadline:g} s")
    chunks: list[bytes] = []
    size = 0
    with deadline_watchdog(response, options.deadline - (time.monotonic() - started)) as expired:
        try:
            for chunk in response.stream(CHUNK_BYTES):
                size += len(chunk)
                if size > options.max_bytes:
                    raise FetchError(f"{url}: over the limit of {options.max_bytes:,} bytes; not read on")
                if time.monotonic() - started > options.deadline:
                    raise late
                chunks.append(chunk)
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if expired.is_set():
                raise late from exc
            raise FetchError(f"{url}: {describe(exc, options)}") from exc
    if expired.is_set():
        raise late
    return b"".join(chunks)


@contextmanager
def deadline_watchdog(response, seconds: float) -> Iterator[threading.Event]:
    """Shut the response's socket once ``seconds`` have passed; the event says whether it had to.

    A per-read timeout cannot cut a server that sends one byte just before each read would time out:
    the buffered read of one chunk keeps waiting for the rest of it. Shutting the socket from another
    thread wakes that read at once.
    """
    expired = threading.Event()

    def cut() -> None:
        expired.set()
        sock = getattr(getattr(response, "connection", None), "sock", None)
        if sock is not None:
            with suppress(OSError):  # already closed: the read is over anyway
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(seconds, 0.0), cut)
    timer.daemon = True
    timer.start()
    try:
        yield expired
    finally:
        timer.cancel()


def describe(exc: Exception, options: FetchOptions) -> str:
    """A short reason for a urllib3 failure: cannot connect, timed out, TLS, or a broken connection."""
    import urllib3

    reason = getattr(exc, "reason", None) or exc  # MaxRetryError wraps the failure; others are it
    # NewConnectionError is a subclass of ConnectTimeoutError in urllib3 2, so it is tested first.
    if isinstance(reason, urllib3.exceptions.NewConnectionError):
        cause = reason.__cause__ or reason.__context__
        return f"cannot connect: {getattr(cause, 'strerror', None) or cause or reason}"
    if isinstance(reason, urllib3.exceptions.TimeoutError):
        return f"timed out (limit {options.timeout:g} s)"
    if isinstance(reason, urllib3.exceptions.SSLError):
        return f"TLS failed: {reason}"
    if isinstance(reason, urllib3.exceptions.ProtocolError):
        return f"the connection broke: {reason}"
    return str(reason)
