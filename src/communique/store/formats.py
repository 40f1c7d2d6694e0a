"""POLECAT-style and GDELT-style event rows: one row per linked event, columns as docs/formats.md lists them.

Each row is a story (one real-world event) described by its first report, with counts taken from all
its reports. What the store does not know (COW codes, Wikipedia ids, ethnic and religion codes,
tone, actor geography) is left empty rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from communique.events.cameo import QUAD_CLASSES
from communique.store import schema
from communique.store.links import LinkedEvent, linked_chunks
from communique.store.query import places_of

Columns = list[tuple[str, type]]
Row = dict[str, Any]

QUAD_NUMBERS = {quad: number for number, quad in enumerate(QUAD_CLASSES, start=1)}
"""PLOVER's quad classes as GDELT numbers them: 1 verbal cooperation, 2 material cooperation,
3 verbal conflict, 4 material conflict."""

ACTOR_FIELDS = (
    "Name",
    "Country",
    "COW",
    "Primary {} Sector",
    "Sectors",
    "Title",
    "Name Raw",
    "Wikipedia {} ID",
    "Code",
)
"""The POLECAT fields of one side, as ``Actor ...`` and ``Recipient ...`` columns."""


def side_columns(side: str) -> Columns:
    """The POLECAT columns of one side (``Actor`` or ``Recipient``)."""
    return [(field.format(side) if "{}" in field else f"{side} {field}", str) for field in ACTOR_FIELDS]


POLECAT_COLUMNS: Columns = [
    ("Event ID", int),
    ("Event Date", str),
    ("Story Date", str),
    ("Event Type", str),
    ("Event Mode", str),
    ("Contexts", str),
    ("Quad Code", int),
    ("Goldstein", float),
    *side_columns("Actor"),
    *side_columns("Recipient"),
    ("Placename", str),
    ("City", str),
    ("State", str),
    ("Country", str),
    ("Latitude", float),
    ("Longitude", float),
    ("GeoNames ID", int),
    ("Raw Placename", str),
    ("Feature Type", str),
    ("Source", str),
    ("Story ID", str),
    ("Sentence", str),
    ("Num Reports", int),
    ("Num Articles", int),
    ("Language", str),
    ("Version", str),
]
"""POLECAT-style columns, in order (docs/formats.md)."""

GDELT_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
GDELT_GEO: Columns = [
    ("Type", int),
    ("FullName", str),
    ("CountryCode", str),
    ("ADM1Code", str),
    ("Lat", float),
    ("Long", float),
    ("FeatureID", str),
]

GDELT_COLUMNS: Columns = [
    ("GLOBALEVENTID", int),
    ("SQLDATE", int),
    ("MonthYear", int),
    ("Year", int),
    ("FractionDate", float),
    *[(f"Actor1{name}", str) for name in GDELT_ACTOR],
    *[(f"Actor2{name}", str) for name in GDELT_ACTOR],
    ("IsRootEvent", int),
    ("EventCode", str),
    ("EventBaseCode", str),
    ("EventRootCode", str),
    ("QuadClass", int),
    ("GoldsteinScale", float),
    ("NumMentions", int),
    ("NumSources", int),
    ("NumArticles", int),
    ("AvgTone", float),
    *[(f"Actor1Geo_{name}", kind) for name, kind in GDELT_GEO],
    *[(f"Actor2Geo_{name}", kind) for name, kind in GDELT_GEO],
    *[(f"ActionGeo_{name}", kind) for name, kind in GDELT_GEO],
    ("DATEADDED", int),
    ("SOURCEURL", str),
]
"""GDELT 1.0 event columns, in order (docs/formats.md)."""


@dataclass(frozen=True, slots=True)
class Details:
    """What a chunk of first reports needs beyond their event rows: actors, the words naming them,
    places."""

    actors: dict[tuple, list]
    raw: dict[tuple, list[str]]
    places: dict[tuple, Any]

    def side(self, report, role: str) -> list:
        return self.actors.get((report.article_id, report.id, role), [])

    def words(self, report, role: str) -> list[str]:
        return self.raw.get((report.article_id, report.id, role), [])

    def place(self, report) -> Any:
        return self.places.get((report.article_id, report.location)) if report.location else None


Builder = Callable[[LinkedEvent, Details], Row]


def linked_event_rows(engine: Engine, build: Builder) -> Iterator[Row]:
    """Every linked event in the store, by date, as the rows ``build`` makes."""
    with engine.connect() as connection:
        for chunk in linked_chunks(connection):
            details = details_of(connection, {linked.first.article_id for linked in chunk})
            for linked in chunk:
                yield build(linked, details)


def details_of(connection: Connection, article_ids: set[int]) -> Details:
    """Actors (with sector and title), their mention words and places of the given articles' events."""
    va, en, sp, a = schema.event_actors, schema.entities, schema.event_spans, schema.articles
    actors: dict[tuple, list] = defaultdict(list)
    query = (
        select(
            va.c.article_id,
            va.c.event_id,
            va.c.role,
            en.c.name,
            en.c.country,
            en.c.code,
            en.c.sector,
            en.c.title,
        )
        .join(en, and_(en.c.article_id == va.c.article_id, en.c.id == va.c.entity_id))
        .where(va.c.article_id.in_(article_ids))
        .order_by(va.c.position)
    )
    for row in connection.execute(query):
        actors[row.article_id, row.event_id, row.role].append(row)
    raw: dict[tuple, list[str]] = defaultdict(list)
    words = func.substr(a.c.text, sp.c.start + 1, sp.c.end - sp.c.start).label("words")
    query = (
        select(sp.c.article_id, sp.c.event_id, sp.c.role, words)
        .join(a, a.c.id == sp.c.article_id)
        .where(sp.c.article_id.in_(article_ids))
        .order_by(sp.c.position)
    )
    for row in connection.execute(query):
        raw[row.article_id, row.event_id, row.role].append(row.words)
    return Details(actors, raw, places_of(connection, article_ids))


def joined(values: list) -> str | None:
    """Several values in one cell, ``; ``-separated; None when there are none."""
    kept = [str(value) for value in values if value]
    return "; ".join(kept) if kept else None


def polecat_side(side: str, actors: list, words: list[str]) -> Row:
    """The POLECAT columns of one side; several actors are joined in every column in the same order."""
    first_sector = actors[0].sector if actors else None
    return {
        f"{side} Name": joined([x.name for x in actors]),
        f"{side} Country": joined([x.country for x in actors]),
        f"{side} COW": None,
        f"Primary {side} Sector": first_sector,
        f"{side} Sectors": joined([x.sector for x in actors]),
        f"{side} Title": joined([x.title for x in actors]),
        f"{side} Name Raw": joined(words),
        f"Wikipedia {side} ID": None,
        f"{side} Code": joined([x.code for x in actors]),
    }


def polecat_row(linked: LinkedEvent, details: Details) -> Row:
    """A POLECAT-style row for one linked event."""
    first = linked.first
    place = details.place(first)
    feature = place.feature if place else None
    return {
        "Event ID": linked.story_id,
        "Event Date": linked.date,
        "Story Date": first.published,
        "Event Type": first.plover,
        "Event Mode": first.mode,
        "Contexts": joined(first.context or []),
        "Quad Code": QUAD_NUMBERS.get(first.quad_class),
        "Goldstein": first.goldstein,
        **polecat_side("Actor", details.side(first, "source"), details.words(first, "source")),
        **polecat_side("Recipient", details.side(first, "target"), details.words(first, "target")),
        "Placename": place.name if place else None,
        "City": place.name if feature and feature.startswith("PPL") else None,
        "State": place.name if feature and feature.startswith("ADM1") else None,
        "Country": place.country if place else None,
        "Latitude": place.lat if place else None,
        "Longitude": place.lon if place else None,
        "GeoNames ID": place.geonameid if place else None,
        "Raw Placename": place.text if place else None,
        "Feature Type": feature,
        "Source": first.outlet,
        "Story ID": first.doc_id,
        "Sentence": first.sentence,
        "Num Reports": linked.reports,
        "Num Articles": linked.articles,
        "Language": "en",
        "Version": first.pipeline,
    }


def gdelt_dates(date: str | None) -> Row:
    """SQLDATE (a day only), MonthYear, Year and FractionDate (the year plus the share of it gone
    by that day) from an ISO day, month or year."""
    parts = (date or "")[:10].split("-")
    if not parts[0].isdigit():
        return {"SQLDATE": None, "MonthYear": None, "Year": None, "FractionDate": None}
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else None
    day = dt.date(year, month, int(parts[2])) if len(parts) > 2 and month else None
    return {
        "SQLDATE": int(day.strftime("%Y%m%d")) if day else None,
        "MonthYear": year * 100 + month if month else None,
        "Year": year,
        "FractionDate": round(year + (day.timetuple().tm_yday - 1) / 365, 4) if day else None,
    }


def gdelt_actor(number: int, actors: list) -> Row:
    """The GDELT columns of one actor (the side's first): its CAMEO code, name, country, and the
    three-letter type codes that follow the country in its code ("RUSGOVDIP" → GOV, DIP)."""
    actor = actors[0] if actors else None
    code = actor.code if actor else None
    rest = code[len(actor.country) :] if code and actor.country and code.startswith(actor.country) else code
    types = [rest[i : i + 3] for i in range(0, len(rest or ""), 3)][:3]
    row: Row = {f"Actor{number}{name}": None for name in GDELT_ACTOR}
    row.update(
        {
            f"Actor{number}Code": code,
            f"Actor{number}Name": actor.name if actor else None,
            f"Actor{number}CountryCode": actor.country if actor else None,
        }
    )
    for n, kind in enumerate(types, start=1):
        row[f"Actor{number}Type{n}Code"] = kind
    return row


def geo_type(place) -> int | None:
    """GDELT's place type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    feature = place.feature or ""
    american = place.country == "USA"
    if feature.startswith("PCL"):
        return 1
    if feature.startswith("ADM1"):
        return 2 if american else 5
    return 3 if american else 4


def gdelt_geo(prefix: str, place) -> Row:
    """The GDELT place columns of a place (all empty without one)."""
    if place is None:
        return {f"{prefix}_{name}": None for name, _ in GDELT_GEO}
    return {
        f"{prefix}_Type": geo_type(place),
        f"{prefix}_FullName": place.name,
        f"{prefix}_CountryCode": place.country,
        f"{prefix}_ADM1Code": None,
        f"{prefix}_Lat": place.lat,
        f"{prefix}_Long": place.lon,
        f"{prefix}_FeatureID": str(place.geonameid) if place.geonameid is not None else None,
    }


def gdelt_row(linked: LinkedEvent, details: Details) -> Row:
    """A GDELT-style row for one linked event."""
    first = linked.first
    cameo = first.cameo
    added = first.ingested_at
    return {
        "GLOBALEVENTID": linked.story_id,
        **gdelt_dates(linked.date),
        **gdelt_actor(1, details.side(first, "source")),
        **gdelt_actor(2, details.side(first, "target")),
        "IsRootEvent": None,
        "EventCode": cameo,
        "EventBaseCode": cameo[:3] if cameo else None,
        "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": QUAD_NUMBERS.get(first.quad_class),
        "GoldsteinScale": first.goldstein,
        "NumMentions": linked.reports,
        "NumSources": linked.outlets or None,
        "NumArticles": linked.articles,
        "AvgTone": None,
        **gdelt_geo("Actor1Geo", None),
        **gdelt_geo("Actor2Geo", None),
        **gdelt_geo("ActionGeo", details.place(first)),
        "DATEADDED": int(added.strftime("%Y%m%d")) if added else None,
        "SOURCEURL": first.url,
    }


LINKED_FORMATS: dict[str, tuple[Columns, Builder]] = {
    "polecat": (POLECAT_COLUMNS, polecat_row),
    "gdelt": (GDELT_COLUMNS, gdelt_row),
}
"""The export tables with one row per linked event."""
