"""Queries over the store: events and quotes as flat rows, filtered by actor, type, speaker and date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, and_, exists, func, or_, select

from communique.store import schema
from communique.store.actors import INITIALS, normalise

ac, al, ea = schema.actors, schema.actor_aliases, schema.entity_actors

CHUNK = 500
"""Rows enriched (actor names, places) per round of queries while streaming a result."""

a, v, va, en, q, p = (
    schema.articles,
    schema.events,
    schema.event_actors,
    schema.entities,
    schema.quotes,
    schema.places,
)

EVENT_COLUMNS: list[tuple[str, type]] = [
    ("article", str),
    ("url", str),
    ("outlet", str),
    ("published", str),
    ("event", str),
    ("date", str),
    ("plover", str),
    ("mode", str),
    ("context", str),
    ("cameo", str),
    ("source", str),
    ("source_ids", str),
    ("source_countries", str),
    ("source_codes", str),
    ("target", str),
    ("target_ids", str),
    ("target_countries", str),
    ("target_codes", str),
    ("location", str),
    ("geonameid", int),
    ("lat", float),
    ("lon", float),
    ("location_country", str),
    ("modality", str),
    ("quote", str),
    ("goldstein", float),
    ("quad_class", str),
    ("confidence", float),
    ("trigger", str),
    ("trigger_start", int),
    ("trigger_end", int),
    ("sentence", str),
    ("sentence_start", int),
    ("sentence_end", int),
    ("linked", str),
    # The canonical actors of each side (``communique actors``): one name, id and code for all the
    # ways the articles name an actor.
    ("source_actors", str),
    ("source_actor_ids", str),
    ("source_actor_codes", str),
    ("target_actors", str),
    ("target_actor_ids", str),
    ("target_actor_codes", str),
]
"""The columns of an event row, in order, with their types (parquet needs them up front)."""

QUOTE_COLUMNS: list[tuple[str, type]] = [
    ("article", str),
    ("url", str),
    ("outlet", str),
    ("published", str),
    ("quote", str),
    ("kind", str),
    ("attribution", str),
    ("speaker", str),
    ("speaker_id", str),
    ("speaker_country", str),
    ("speaker_code", str),
    ("speaker_text", str),
    ("channel", str),
    ("text", str),
    ("start", int),
    ("end", int),
]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list; every field left None matches everything."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Which quotes to list; every field left None matches everything."""

    speaker: str | None = None
    channel: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    attribution: tuple[str, ...] | None = None
    """Only quotes whose attribution (speech, writing, thought, perception) is one of these."""


def actor_matches(word: str) -> ColumnElement[bool]:
    """An entity named by a CAMEO/ISO code (``RUS``, ``RUSGOV``, ``NATO``) or by its name, any case, or
    whose canonical actor is: its code (a user's imported one), its name or any of its aliases, so
    "Antonov" finds the events of "Anatoly Antonov" and "the Russian envoy" once they are one actor."""
    word = word.strip()
    return or_(
        en.c.country == word.upper(),
        en.c.code.startswith(word.upper()),
        func.lower(en.c.name) == word.lower(),
        exists(
            select(ea.c.actor_id)
            .join(ac, ac.c.id == ea.c.actor_id)
            .where(ea.c.article_id == en.c.article_id, ea.c.entity_id == en.c.id, canonical_matches(word))
        ),
    )


def canonical_matches(word: str) -> ColumnElement[bool]:
    """A canonical actor named by a code prefix, its country, one of its aliases, or for a person
    the surname of one ("Antonov": every Antonov, as a search should)."""
    key = normalise(word)
    return or_(
        ac.c.code.startswith(word.upper()),
        ac.c.country == word.upper(),
        ac.c.id.in_(select(al.c.actor_id).where(al.c.alias == key, al.c.origin != INITIALS)),
        and_(ac.c.kind == "person", ac.c.id.in_(select(al.c.actor_id).where(al.c.last_word == key))),
    )


def has_actor(word: str, role: str | None) -> ColumnElement[bool]:
    """The event has an actor in ``role`` (either when None) that matches ``word``."""
    condition = and_(
        va.c.article_id == v.c.article_id,
        va.c.event_id == v.c.id,
        en.c.article_id == va.c.article_id,
        en.c.id == va.c.entity_id,
        actor_matches(word),
    )
    if role:
        condition = and_(condition, va.c.role == role)
    return exists(select(va.c.event_id).select_from(va.join(en, en.c.id == va.c.entity_id)).where(condition))


def type_matches(word: str) -> ColumnElement[bool]:
    """A PLOVER type (``consult``, any case) or a CAMEO code prefix (``04`` is every consult code)."""
    word = word.strip()
    return v.c.cameo.startswith(word) if word.isdigit() else v.c.plover == word.upper()


def day(column: ColumnElement) -> ColumnElement[str]:
    """An ISO date, month or year as a comparable day: ``2022-01`` and ``2022`` → ``2022-01-01``."""
    return func.substr(column + "-01-01", 1, 10)


def in_period(column: ColumnElement, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Conditions keeping dates in ``[since, until]`` (inclusive; a month counts as its first day)."""
    conditions = []
    if since:
        conditions.append(day(column) >= day_of(since))
    if until:
        conditions.append(day(column) <= day_of(until))
    return conditions


def day_of(value: str) -> str:
    """``2022-01`` → ``2022-01-01``: the same rule as ``day`` for a value given on the command line."""
    return (value + "-01-01")[:10]


def event_query(wanted: EventFilter) -> Select:
    """Matching events with their article, trigger and sentence text, ordered by date."""
    when = event_day()
    query = select(
        v,
        a.c.doc_id,
        a.c.url,
        a.c.outlet,
        a.c.published,
        func.substr(a.c.text, v.c.trigger_start + 1, v.c.trigger_end - v.c.trigger_start).label("trigger"),
        func.substr(a.c.text, v.c.sentence_start + 1, v.c.sentence_end - v.c.sentence_start).label(
            "sentence"
        ),
    ).join(a, a.c.id == v.c.article_id)
    query = query.where(*event_conditions(wanted)).order_by(when, a.c.id, func.length(v.c.id), v.c.id)
    return query.limit(wanted.limit) if wanted.limit else query


def event_day() -> ColumnElement[str]:
    """When an event happened: its own date, else its article's publication date."""
    return func.coalesce(v.c.date, a.c.published)


def event_conditions(wanted: EventFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a filter, over ``events`` joined with ``articles``."""
    conditions = in_period(event_day(), wanted.since, wanted.until)
    conditions += [
        has_actor(word, role)
        for word, role in ((wanted.actor, None), (wanted.source, "source"), (wanted.target, "target"))
        if word
    ]
    if wanted.type:
        conditions.append(type_matches(wanted.type))
    return conditions


def event_rows(engine: Engine, wanted: EventFilter = EventFilter()) -> Iterator[dict[str, Any]]:
    """Every matching event as a flat row (``EVENT_COLUMNS``), actor and place names filled in."""
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True).execute(event_query(wanted))
        while chunk := list(islice(result, CHUNK)):
            actors = actors_of(connection, {row.article_id for row in chunk})
            placed = places_of(connection, {row.article_id for row in chunk})
            for row in chunk:
                yield event_row(row, actors, placed)


def actors_of(connection, article_ids: set[int]) -> dict[tuple, list]:
    """Event actors with their entities, by (article, event, role), in position order."""
    rows = connection.execute(
        select(
            va.c.article_id,
            va.c.event_id,
            va.c.role,
            en.c.id,
            en.c.name,
            en.c.country,
            en.c.code,
            ac.c.id.label("actor_id"),
            ac.c.name.label("actor_name"),
            ac.c.code.label("actor_code"),
        )
        .join(en, and_(en.c.article_id == va.c.article_id, en.c.id == va.c.entity_id))
        .outerjoin(ea, and_(ea.c.article_id == en.c.article_id, ea.c.entity_id == en.c.id))
        .outerjoin(ac, ac.c.id == ea.c.actor_id)
        .where(va.c.article_id.in_(article_ids))
        .order_by(va.c.position)
    )
    found: dict[tuple, list] = defaultdict(list)
    for row in rows:
        found[row.article_id, row.event_id, row.role].append(row)
    return found


def places_of(connection, article_ids: set[int]) -> dict[tuple, Any]:
    """Places by (article, place id)."""
    rows = connection.execute(select(p).where(p.c.article_id.in_(article_ids)))
    return {(row.article_id, row.id): row for row in rows}


def event_row(row, actors: dict[tuple, list], placed: dict[tuple, Any]) -> dict[str, Any]:
    """One flat event row."""
    out = {
        "article": row.doc_id,
        "url": row.url,
        "outlet": row.outlet,
        "published": row.published,
        "event": row.id,
        "date": row.date,
        "plover": row.plover,
        "mode": row.mode,
        "context": ";".join(row.context or []),
        "cameo": row.cameo,
    }
    for role in ("source", "target"):
        out.update(actor_columns(role, actors.get((row.article_id, row.id, role), [])))
    place = placed.get((row.article_id, row.location)) if row.location else None
    out.update(
        {
            "location": place.name if place else None,
            "geonameid": place.geonameid if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "location_country": place.country if place else None,
        }
    )
    out.update(
        {
            name: getattr(row, name)
            for name in (
                "modality",
                "quote",
                "goldstein",
                "quad_class",
                "confidence",
                "trigger",
                "trigger_start",
                "trigger_end",
                "sentence",
                "sentence_start",
                "sentence_end",
            )
        }
    )
    out["linked"] = ";".join(row.linked or [])
    for role in ("source", "target"):
        out.update(canonical_columns(role, actors.get((row.article_id, row.id, role), [])))
    return out


def actor_columns(role: str, actors: list) -> dict[str, str | None]:
    """``source``, ``source_ids``, ``source_countries``, ``source_codes``: several actors joined by ``; ``."""
    return {
        role: joined([x.name for x in actors]),
        f"{role}_ids": joined([x.id for x in actors]),
        f"{role}_countries": joined([x.country for x in actors]),
        f"{role}_codes": joined([x.code for x in actors]),
    }


def canonical_columns(role: str, actors: list) -> dict[str, str | None]:
    """``source_actors``, ``source_actor_ids``, ``source_actor_codes``: each side's canonical actors."""
    names = [x.actor_name for x in actors]
    return {
        f"{role}_actors": joined(names),
        f"{role}_actor_ids": joined([x.actor_id for x in actors]),
        f"{role}_actor_codes": joined([x.actor_code for x in actors]),
    }


def joined(values: list) -> str | None:
    """Several actors' values joined by ``; `` (an unknown one as empty), None for no actor."""
    return "; ".join(str(x) if x is not None else "" for x in values) if values else None


def quote_query(wanted: QuoteFilter) -> Select:
    """Matching quotes with their article, speaker entity and speaker mention text."""
    speaker = en.alias("speaker")
    query = (
        select(
            q,
            a.c.doc_id,
            a.c.url,
            a.c.outlet,
            a.c.published,
            speaker.c.name.label("speaker_name"),
            speaker.c.country.label("speaker_country"),
            speaker.c.code.label("speaker_code"),
            func.substr(a.c.text, q.c.speaker_start + 1, q.c.speaker_end - q.c.speaker_start).label(
                "speaker_text"
            ),
        )
        .join(a, a.c.id == q.c.article_id)
        .outerjoin(speaker, and_(speaker.c.article_id == q.c.article_id, speaker.c.id == q.c.speaker))
    )
    conditions = in_period(a.c.published, wanted.since, wanted.until)
    if wanted.speaker:
        word = wanted.speaker.strip()
        conditions.append(
            or_(
                speaker.c.country == word.upper(),
                speaker.c.code.startswith(word.upper()),
                func.lower(speaker.c.name).contains(word.lower()),
            )
        )
    if wanted.channel:
        conditions.append(func.lower(q.c.channel).contains(wanted.channel.strip().lower()))
    if wanted.attribution:
        conditions.append(q.c.attribution.in_(wanted.attribution))
    query = query.where(*conditions).order_by(a.c.published, a.c.id, func.length(q.c.id), q.c.id)
    return query.limit(wanted.limit) if wanted.limit else query


def quote_rows(engine: Engine, wanted: QuoteFilter = QuoteFilter()) -> Iterator[dict[str, Any]]:
    """Every matching quote as a flat row (``QUOTE_COLUMNS``)."""
    with engine.connect() as connection:
        for row in connection.execution_options(stream_results=True).execute(quote_query(wanted)):
            yield quote_row(row)


def quote_row(row) -> dict[str, Any]:
    """One row of ``quote_query`` as a flat row (``QUOTE_COLUMNS``)."""
    return {
        "article": row.doc_id,
        "url": row.url,
        "outlet": row.outlet,
        "published": row.published,
        "quote": row.id,
        "kind": row.kind,
        "attribution": row.attribution,
        "speaker": row.speaker_name,
        "speaker_id": row.speaker,
        "speaker_country": row.speaker_country,
        "speaker_code": row.speaker_code,
        "speaker_text": row.speaker_text,
        "channel": row.channel,
        "text": row.text,
        "start": row.start,
        "end": row.end,
    }
