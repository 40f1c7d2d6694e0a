"""Hostile requests to the JSON API get a 4xx with a message, never a 5xx: huge values, odd numbers,
injection strings, path tricks, a crowded timeline."""

from __future__ import annotations

import time

import pytest

LONG = "x" * 50_000
PAST_INT64 = "9223372036854775808"
INJECTIONS = ("' OR 1=1 --", "RUS'; DROP TABLE articles; --", '" OR ""="', "%' AND 1=0 UNION SELECT 1 --")
CROWD = ",".join(f"A{n:03d}" for n in range(400))

HOSTILE = [
    f"/api/articles?q={LONG}",
    f"/api/articles?outlet={LONG}",
    f"/api/quotes?speaker={LONG}",
    f"/api/quotes?channel={LONG}",
    f"/api/events?actor={LONG}",
    f"/api/events?source={LONG}&target=RUS",
    f"/api/events?target={LONG}",
    f"/api/events?type={LONG}",
    f"/api/actors?q={LONG}",
    f"/api/network?actor={LONG}",
    f"/api/places?target={LONG}",
    f"/api/timeline?actor={LONG}",
    f"/api/actors/{LONG}/events",
    f"/api/events?offset={PAST_INT64}",
    f"/api/articles?offset={PAST_INT64}",
    f"/api/quotes?offset={PAST_INT64}",
    "/api/articles?offset=-1",
    "/api/events?limit=0",
    f"/api/events?limit={PAST_INT64}",
    f"/api/articles/{PAST_INT64}",
    f"/api/articles/{PAST_INT64}0000",
    "/api/articles/-5",
    "/api/articles/0",
    "/api/articles/1e9",
    f"/api/events/{PAST_INT64}/V1",
    f"/api/events/1/{LONG}",
    f"/api/timeline?actor={CROWD}",
    f"/api/timeline?actor={CROWD}&actor={CROWD}",
    "/api/timeline?actor=RUS&actor=NATO&actor=USA",
    "/api/timeline?actor=,,,",
    "/api/timeline?actor=RUS&by=week",
    "/api/events?since=yesterday",
    "/api/events?actor=%00",
    "/api/articles?q=%00%01",
    "/api/events/1/V1%00",
    "/api/../../etc/passwd",
    "/api/articles/..%2F..%2Fetc%2Fpasswd",
    "/api/actors/..%2F..%2F..%2Fetc%2Fpasswd/events",
    "/static/..%2F..%2Fstore%2Fdatabase.py",
    "/api/articles?q=%ff%fe",
    "/api/events?actor=%E2%80%AE%E2%80%8B",
    *(f"/api/articles?q={word}" for word in INJECTIONS),
    *(f"/api/events?actor={word}" for word in INJECTIONS),
    *(f"/api/quotes?speaker={word}" for word in INJECTIONS),
    *(f"/api/timeline?actor={word}" for word in INJECTIONS),
]


def server_errors(client) -> list[tuple[str, int]]:
    """The hostile paths answered with a 5xx (cut short for the message)."""
    statuses = [(path, client.get(path).status_code) for path in HOSTILE]
    return [(path[:100], status) for path, status in statuses if status >= 500]


def test_no_hostile_request_gets_a_server_error(client):
    assert server_errors(client) == []


def test_no_hostile_request_gets_a_server_error_on_every_store(clash_client):
    """SQLite and, when $COMMUNIQUE_TEST_POSTGRES_URL is set, PostgreSQL (32-bit ids, no NUL in text)."""
    assert server_errors(clash_client) == []


@pytest.mark.parametrize(
    "path",
    [f"/api/articles?q={LONG}", f"/api/articles/{PAST_INT64}", f"/api/events?offset={PAST_INT64}",
     f"/api/timeline?actor={CROWD}"],
    ids=["long-search", "huge-id", "huge-offset", "crowded-timeline"],
)
def test_an_out_of_bounds_value_is_422_with_a_message(client, path):
    response = client.get(path)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_injection_strings_find_nothing_and_change_nothing(client):
    total = client.get("/api/articles").json()["total"]
    for word in INJECTIONS:
        assert client.get("/api/articles", params={"q": word}).json()["total"] == 0
        assert client.get("/api/events", params={"actor": word}).json()["total"] == 0
    assert client.get("/api/articles").json()["total"] == total


def test_a_timeline_of_many_actors_within_the_bound_answers_quickly(client):
    started = time.monotonic()
    side = ",".join(f"ZZ{n}" for n in range(20))
    response = client.get("/api/timeline", params=[("actor", side), ("actor", side)])
    assert response.status_code == 200
    assert time.monotonic() - started < 10
