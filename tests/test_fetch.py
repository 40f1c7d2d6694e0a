"""Fetching URLs against real HTTP servers on the loopback interface: limits, redirects, refusals."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from communique import fetch as fetching
from communique.cli import main
from communique.fetch import FetchError, FetchOptions, FetchRefused, fetch, is_public, is_url

LOCAL = FetchOptions(enabled=True, allow_private=True, timeout=2.0)
INGEST_ONLY = ["--set", 'pipeline.stages=["ingest"]']

PAGE = (
    b"<html><head><title>Ferry strike ends</title></head><body><article><h1>Ferry strike ends</h1>"
    b"<p>Ferry crews in Bergen ended their three-day strike on Monday after the operator agreed to "
    b"raise wages, a union spokeswoman said.</p><p>The first boats left the harbour at noon, and "
    b"the timetable is expected to be back to normal by Wednesday.</p></article></body></html>"
)


@dataclass
class Route:
    """What the test server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True
    delay: float = 0.0


@dataclass
class Server:
    """A real HTTP server on a loopback address, its routes, and the paths it was asked for."""

    host: str
    port: int
    routes: dict[str, Route]
    requests: list[str]
    hosts: list[str]  # the Host header of each request

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"


def handler_for(
    routes: dict[str, Route], requests: list[str], hosts: list[str]
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            hosts.append(self.headers.get("Host", ""))
            route = routes.get(self.path, Route(status=404, body=b"not here"))
            time.sleep(route.delay)
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args) -> None:  # keep the test output clean
            pass

    return Handler


def start_server(host: str) -> Iterator[Server]:
    routes: dict[str, Route] = {}
    requests: list[str] = []
    hosts: list[str] = []
    httpd = ThreadingHTTPServer((host, 0), handler_for(routes, requests, hosts))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(host, httpd.server_address[1], routes, requests, hosts)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    yield from start_server("127.0.0.1")


@pytest.fixture
def inner_server() -> Iterator[Server]:
    """A second server, on another loopback address: the 'internal' host a redirect points at."""
    yield from start_server("127.0.0.2")


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- what is fetched -------------------------------------------------------------------------------


def test_a_page_on_a_local_server_is_fetched_when_private_addresses_are_allowed(server):
    server.routes["/news/ferry"] = Route(body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    fetched = fetch(server.url("/news/ferry"), LOCAL)
    assert fetched.body == PAGE and fetched.content_type.startswith("text/html")
    assert fetched.url == server.url("/news/ferry") and server.requests == ["/news/ferry"]


def test_the_query_string_reaches_the_server(server):
    server.routes["/search?q=ferry"] = Route(body=b"found")
    assert fetch(server.url("/search?q=ferry"), LOCAL).body == b"found"


def test_the_checked_address_is_connected_to_with_the_url_host_in_the_host_header(server):
    server.routes["/page"] = Route(body=b"hello")
    assert fetch(f"http://localhost:{server.port}/page", LOCAL).body == b"hello"
    assert server.hosts == [f"localhost:{server.port}"]


def test_redirects_are_followed_and_the_final_url_is_kept(server):
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(body=PAGE)
    fetched = fetch(server.url("/old"), LOCAL)
    assert fetched.body == PAGE and fetched.url == server.url("/new")
    assert server.requests == ["/old", "/new"]


# --- what is refused -------------------------------------------------------------------------------


def test_nothing_is_fetched_unless_fetching_is_enabled(server):
    with pytest.raises(FetchRefused, match="--fetch"):
        fetch(server.url("/page"), FetchOptions(allow_private=True))
    assert server.requests == []


def test_a_loopback_address_is_refused_without_allow_private(server):
    with pytest.raises(FetchRefused, match="--allow-private"):
        fetch(server.url("/page"), FetchOptions(enabled=True))
    assert server.requests == []  # refused before connecting


def test_a_name_is_judged_by_the_addresses_it_resolves_to(server):
    with pytest.raises(FetchRefused, match="localhost resolves to"):
        fetch(f"http://localhost:{server.port}/page", FetchOptions(enabled=True))
    assert server.requests == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchRefused, match="only http and https"):
        fetch(url, LOCAL)


@pytest.mark.parametrize("url", ["http://127.0.0.1:port/", "http:///path-only", "http://[::1/"])
def test_a_malformed_url_is_refused_with_a_message(url):
    with pytest.raises(FetchRefused, match="URL"):
        fetch(url, LOCAL)


def test_an_ipv6_loopback_literal_is_refused():
    with pytest.raises(FetchRefused, match="resolves to ::1"):
        fetch("http://[::1]:8080/page", FetchOptions(enabled=True))


def test_a_redirect_to_a_private_address_is_refused(server, inner_server, monkeypatch):
    # Without the internet, 127.0.0.1 stands in for a public web server: the policy is told to
    # count it as public. The redirect then points at 127.0.0.2, which the policy sees as loopback.
    real_is_public = fetching.is_public
    monkeypatch.setattr(fetching, "is_public", lambda ip: ip == "127.0.0.1" or real_is_public(ip))
    inner_server.routes["/admin"] = Route(body=b"internal secrets")
    server.routes["/story"] = Route(status=302, headers={"Location": inner_server.url("/admin")})
    assert fetch(server.url("/story"), LOCAL).body == b"internal secrets"  # allowed: the redirect works
    with pytest.raises(FetchRefused, match=r"127\.0\.0\.2"):
        fetch(server.url("/story"), FetchOptions(enabled=True))
    assert inner_server.requests == ["/admin"]  # only the allowed run reached it


def test_a_redirect_to_another_scheme_is_refused(server):
    server.routes["/story"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchRefused, match="only http and https"):
        fetch(server.url("/story"), LOCAL)


def test_redirects_are_limited(server):
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(server.url("/a"), FetchOptions(enabled=True, allow_private=True, max_redirects=3))
    assert len(server.requests) == 4


# --- limits and failures ---------------------------------------------------------------------------


def test_a_body_declared_over_the_cap_is_not_read(server):
    server.routes["/big"] = Route(body=b"x" * 5000)
    with pytest.raises(FetchError, match="5,000 bytes, more than the limit of 1,000"):
        fetch(server.url("/big"), FetchOptions(enabled=True, allow_private=True, max_bytes=1000))


def test_a_body_without_a_length_is_stopped_at_the_cap(server):
    server.routes["/stream"] = Route(body=b"y" * 300_000, send_length=False)
    with pytest.raises(FetchError, match="over the limit of 100,000 bytes"):
        fetch(server.url("/stream"), FetchOptions(enabled=True, allow_private=True, max_bytes=100_000))
    server.routes["/small"] = Route(body=b"y" * 90_000, send_length=False)
    assert len(fetch(server.url("/small"), FetchOptions(enabled=True, allow_private=True,
                                                        max_bytes=100_000)).body) == 90_000


def test_a_server_that_does_not_answer_in_time_times_out(server):
    server.routes["/slow"] = Route(body=PAGE, delay=3.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(server.url("/slow"), FetchOptions(enabled=True, allow_private=True, timeout=0.5))
    assert time.monotonic() - started < 2.5


def test_an_http_error_status_is_reported(server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(server.url("/missing"), LOCAL)


def test_a_port_nobody_listens_on_cannot_be_connected_to():
    with pytest.raises(FetchError, match="cannot connect"):
        fetch(f"http://127.0.0.1:{closed_port()}/page", LOCAL)


# --- the address policy ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2a00:1450:4001:80b::200e", True),
        ("127.0.0.1", False),
        ("10.20.30.40", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # the cloud metadata service
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.251", False),  # multicast, which ipaddress.is_global lets through
        ("240.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd12:3456::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
    ],
)
def test_only_globally_routable_unicast_addresses_are_public(address, public):
    assert is_public(address) is public


@pytest.mark.parametrize(
    ("source", "url"),
    [("https://news.example/feed.rss", True), ("http://x.example", True), ("news.jsonl", False),
     ("-", False), ("C:/news/a.txt", False), ("feeds/world.rss", False)],
)
def test_urls_are_told_apart_from_paths(source, url):
    assert is_url(source) is url


# --- ingest with --fetch ---------------------------------------------------------------------------


def test_an_unreachable_url_is_reported_and_the_rest_of_the_run_is_stored(
    server, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "local.txt").write_text("Ferry crews in Bergen ended their strike on Monday.")
    server.routes["/ferry"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    dead = f"http://127.0.0.1:{closed_port()}/gone"
    status = main(["ingest", dead, server.url("/ferry"), "local.txt", "--db", "s.db", "--fetch",
                   "--allow-private", *INGEST_ONLY])
    err = capsys.readouterr().err
    assert status == 0
    assert "2 stored" in err and f"not stored: {dead}" in err and "cannot connect" in err


def test_a_url_source_without_fetch_is_a_usage_error_naming_the_option(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", "https://news.example/world.rss", "--db", "s.db", *INGEST_ONLY]) == 2
    err = capsys.readouterr().err
    assert "--fetch" in err and err.count("\n") == 1
    assert not (tmp_path / "s.db").exists()


def test_a_private_url_without_allow_private_is_reported_not_fetched(server, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "local.txt").write_text("Ferry crews in Bergen ended their strike on Monday.")
    status = main(["ingest", server.url("/ferry"), "local.txt", "--db", "s.db", "--fetch", *INGEST_ONLY])
    err = capsys.readouterr().err
    assert status == 0 and "1 stored" in err and "--allow-private" in err
    assert server.requests == []


def serve_feed(server: Server, item: Callable[[str], str]) -> str:
    """A one-entry RSS feed on the server whose entry links to /ferry; its URL."""
    link = server.url("/ferry")
    server.routes["/ferry"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    server.routes["/feed"] = Route(
        body=(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Gazette</title>"
              f"<item><title>Ferry strike ends</title><link>{link}</link>{item(link)}</item>"
              "</channel></rss>").encode(),
        headers={"Content-Type": "application/rss+xml"},
    )
    return server.url("/feed")


def test_a_feed_url_entry_with_only_a_summary_gets_its_page_text(server):
    from communique.sources import ReadOptions
    from communique.store.inputs import InputSettings, read_inputs

    feed = serve_feed(server, lambda link: "<description>Strike over.</description>")
    [document] = read_inputs([feed], ReadOptions(), InputSettings(fetch=LOCAL))
    article = document.article
    assert "ended their three-day strike" in article.text and "Strike over." not in article.text
    assert (article.title, article.outlet, article.url) == ("Ferry strike ends", "Harbour Gazette",
                                                             server.url("/ferry"))
    assert server.requests == ["/feed", "/ferry"]


def test_a_feed_entry_whose_page_fails_keeps_its_summary_and_says_why(server):
    from communique.sources import ReadOptions
    from communique.store.inputs import InputSettings, read_inputs

    feed = serve_feed(server, lambda link: "<description>Strike over.</description>")
    server.routes["/ferry"] = Route(status=500, body=b"oops")
    [document] = read_inputs([feed], ReadOptions(), InputSettings(fetch=LOCAL))
    assert document.article.text == "Strike over."
    assert "HTTP 500" in document.article.errors[0].message and document.runnable


# --- https: the address is connected to, the certificate is checked against the host name ---------


@pytest.fixture
def tls_server(tmp_path, monkeypatch) -> Iterator[int]:
    """An https server on 127.0.0.1 with a certificate for 'localhost', trusted through $SSL_CERT_FILE."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    routes = {"/": Route(body=b"secure hello")}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(routes, [], []))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_https_checks_the_certificate_against_the_host_name_not_the_address(tls_server):
    assert fetch(f"https://localhost:{tls_server}/", LOCAL).body == b"secure hello"
    with pytest.raises(FetchError, match="TLS failed"):
        fetch(f"https://127.0.0.1:{tls_server}/", LOCAL)  # the certificate names localhost only


# --- a body that trickles in -----------------------------------------------------------------------


@dataclass
class Trickler:
    """A raw loopback server that declares a long body, then sends one byte every ``pause`` seconds."""

    port: int
    stop: threading.Event

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slow-story"


def trickle(listener: socket.socket, stop: threading.Event, pause: float) -> None:
    while not stop.is_set():
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        with connection:
            connection.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
            connection.sendall(head)
            try:
                while not stop.wait(pause):
                    connection.sendall(b"<")
            except OSError:
                pass  # the client hung up: what the deadline should make it do


@pytest.fixture
def trickler() -> Iterator[Trickler]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()
    # Each byte comes well inside the per-read timeout, so only a deadline on the whole body can end it.
    thread = threading.Thread(target=trickle, args=(listener, stop, 0.05), daemon=True)
    thread.start()
    yield Trickler(listener.getsockname()[1], stop)
    stop.set()
    listener.close()


def test_a_body_trickling_in_under_its_declared_length_is_cut_at_the_deadline(trickler):
    options = FetchOptions(enabled=True, allow_private=True, timeout=0.5, deadline=1.5)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"not done within 1\.5 s"):
        fetch(trickler.url, options)
    assert time.monotonic() - started < 3.0


def test_the_default_options_have_a_deadline_on_the_whole_fetch():
    assert 0 < FetchOptions().deadline <= 120


def test_ingest_fetch_deadline_cuts_a_trickling_url_and_the_run_goes_on(
    trickler, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    local = tmp_path / "local.jsonl"
    local.write_text('{"id": "kept", "text": "Dock workers in Gdansk voted to end their strike."}\n')
    started = time.monotonic()
    code = main(["ingest", trickler.url, str(local), "--fetch", "--allow-private", "--fetch-timeout", "1",
                 "--fetch-deadline", "1", "--db", str(tmp_path / "news.db"), *INGEST_ONLY])
    assert time.monotonic() - started < 10
    assert code == 0
    err = capsys.readouterr().err
    assert "not done within 1 s" in err
    assert "1 stored" in err
