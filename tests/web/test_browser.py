"""The web app in a real headless browser: views draw from the API and markup in the data stays text.

Needs Chromium (Debian: ``apt-get install chromium``); skipped when no browser is found.
"""

from __future__ import annotations

import html
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

BROWSER = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
    None,
)

pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium found (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(store_path) -> Iterator[str]:
    """``communique serve`` over the test store; its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "communique",
            "serve",
            "--db",
            str(store_path),
            "--port",
            str(port),
            "--no-extract",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api", timeout=5).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def rendered(url: str, tmp_path) -> str:
    """The page's DOM once its scripts have run."""
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=10000",
        "--dump-dom",
        url,
    ]
    result = subprocess.run(command, capture_output=True, timeout=120, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def hostile_id(base: str) -> int:
    import json

    with urllib.request.urlopen(f"{base}/api/articles?q=onerror", timeout=10) as answer:
        return json.load(answer)["items"][0]["id"]


def test_hostile_article_renders_as_text(server, hostile, tmp_path):
    dom = rendered(f"{server}/#/article/{hostile_id(server)}", tmp_path)
    assert 'data-ready="yes"' in dom
    assert "<img" not in dom and "<b>" not in dom  # no element was made from the data
    assert dom.count("<script") == 1  # the app's own module, nothing from the article
    assert html.escape(hostile["title"], quote=False) in dom
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom
    assert 'href="javascript:' not in dom


def test_article_view_highlights_the_chosen_events_parts(server, client, tmp_path):
    row = client.get("/api/events", params={"source": "RUS", "target": "NATO"}).json()["items"][0]
    dom = rendered(f"{server}/#/article/{row['article_id']}?event={row['event']}", tmp_path)
    assert f"Event {row['event']}" in dom
    for kind in ("hl-source", "hl-target", "hl-trigger", "hl-actor", "hl-quote"):
        assert kind in dom, kind


def test_events_table_lists_the_stored_events(server, client, tmp_path):
    total = client.get("/api/events").json()["total"]
    dom = rendered(f"{server}/#/events", tmp_path)
    assert f"1–{total} of {total}" in dom
    assert dom.count('<tr class="clickable"') == total


def test_actor_page_shows_names_roles_events_and_quotes(server, client, tmp_path):
    actors = client.get("/api/actors").json()["items"]
    profiles = [client.get(f"/api/actors/{a['id']}").json() for a in actors]
    profile = next(p for p in profiles if p["quotes"]["total"] and p["as_source"]["total"])  # all parts drawn
    dom = rendered(f"{server}/#/actor/{profile['id']}", tmp_path)
    assert f'<h1 class="actor-name">{html.escape(profile["name"])}</h1>' in dom
    assert "Roles over time" in dom and "How its mentions were joined" in dom
    assert f"As source (acting): {profile['as_source']['total']}" in dom
    assert f"Quotes: {profile['quotes']['total']}" in dom
    for alias in profile["aliases"]:
        assert html.escape(alias["name"], quote=False) in dom


def test_event_tables_and_the_network_link_to_actor_pages(server, tmp_path):
    assert 'href="#/actor/' in rendered(f"{server}/#/events", tmp_path)
    assert 'href="#/actor/' in rendered(f"{server}/#/network", tmp_path)
