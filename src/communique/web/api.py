"""The JSON API under ``/api``: articles, events, quotes, actors, timelines, the network, places, extraction.

Every GET reads through the read-only engine; the two POSTs run the pipeline, and only ``POST
/api/articles`` writes, when the server was started with ``--allow-writes``. Filters mean what the
command line's options mean (``communique events --help``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from communique.quotes.cues import ATTRIBUTIONS, REPORTED_ATTRIBUTIONS
from communique.runner import PipelineUnavailable
from communique.store import profiles
from communique.store.browse import article_page, article_record, event_page, event_record, quote_page
from communique.store.query import EventFilter, QuoteFilter
from communique.store.timeline import PERIODS
from communique.web import aggregates, models
from communique.web.encoding import JSONAnswer
from communique.web.extraction import (
    ExtractionFailed,
    ExtractionTimeout,
    Extractor,
    ExtractorBusy,
    extract_and_store,
)

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
"""An ISO day, month or year, as ``--since``/``--until`` take."""

MAX_PAGE = 500

MAX_TEXT = 200
"""Characters in a search or filter value: a name or a phrase. A 50,000-character value made SQLite
refuse the LIKE pattern (a 500), and no analyst types one."""

MAX_META = 2000
"""Characters in a document's title, URL or outlet (the text itself is bounded by --max-bytes)."""

MAX_ROW = 2**31 - 1
"""Largest row id and offset: the id columns are 32-bit integers in PostgreSQL, and a bigger number
made its driver fail (a 500) instead of finding nothing."""

MAX_SIDE = 20
"""Actors in one timeline side (RUS,BLR,...): each is one more EXISTS per event; hundreds ran for 90 s."""

PLAIN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
"""No NUL or other control characters (PostgreSQL refuses NUL in text; none belongs in a filter)."""

router = APIRouter(prefix="/api")


def reader(request: Request) -> Engine:
    """The read-only engine."""
    return request.app.state.reader


Store = Annotated[Engine, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_ROW, description="rows to skip")]
RowId = Annotated[int, Path(ge=1, le=MAX_ROW, description="the article's row id")]


def text_query(description: str) -> Any:
    """A bounded free-text query parameter."""
    return Query(max_length=MAX_TEXT, pattern=PLAIN, description=description)


def text_field(description: str) -> Any:
    """A bounded free-text filter of a query model."""
    return Field(None, max_length=MAX_TEXT, pattern=PLAIN, description=description)
Since = Annotated[str | None, Query(pattern=DATE, description="from this date on (YYYY-MM-DD, inclusive)")]
Until = Annotated[str | None, Query(pattern=DATE, description="up to this date (inclusive)")]
ATTRIBUTION_LIST = rf"^(all|({'|'.join(ATTRIBUTIONS)})(,({'|'.join(ATTRIBUTIONS)}))*)$"
Who = "a country or CAMEO code prefix (RUS, RUSGOV, NATO) or an exact name"


class PeriodFilters(BaseModel):
    """The type and date filters of ``communique events``."""

    type: str | None = text_field("a PLOVER type (CONSULT) or a CAMEO code prefix (04)")
    since: str | None = Field(None, pattern=DATE, description="from this date on (inclusive)")
    until: str | None = Field(None, pattern=DATE, description="up to this date (inclusive)")

    def to_filter(self, limit: int | None = None) -> EventFilter:
        return EventFilter(**self.model_dump(), limit=limit)


class EventFilters(PeriodFilters):
    """The event filters of ``communique events``: actors, type and dates."""

    actor: str | None = text_field(f"an actor on either side: {Who}")
    source: str | None = text_field(f"the event's source (who acts): {Who}")
    target: str | None = text_field(f"the event's target: {Who}")


Filters = Annotated[EventFilters, Query()]
Period = Annotated[PeriodFilters, Query()]


class Document(BaseModel):
    """A contract input object: ``text`` is required, the rest optional."""

    text: str = Field(description="the article text; offsets in the answer index it (code points)")
    id: str = Field("api", max_length=MAX_TEXT, description="the document's id, echoed back")
    published: str | None = Field(
        None, max_length=40, description="publication date, YYYY-MM-DD; relative dates use it"
    )
    title: str | None = Field(None, max_length=MAX_META)
    url: str | None = Field(None, max_length=MAX_META, description="kept as metadata; never fetched")
    outlet: str | None = Field(None, max_length=MAX_META)


def found(value: Any, what: str) -> Any:
    """``value``, or a 404 saying which record is missing."""
    if value is None:
        raise HTTPException(404, f"no {what}")
    return value


@router.get("", response_model=models.About, summary="What this server offers")
def about(request: Request, store: Store) -> dict[str, Any]:
    state = request.app.state
    totals = article_page(store, limit=1)["total"]
    return {
        "articles": totals,
        "writes": state.writer is not None,
        "extract": state.extractor is not None,
        "max_bytes": state.settings.max_bytes,
        "timeout": state.settings.timeout,
        "map": state.map_ready,
    }


@router.get(
    "/articles",
    response_model=models.ArticlePage,
    summary="Articles, newest first; search in titles and texts",
)
def articles(
    store: Store,
    q: Annotated[str | None, text_query("words the title or text contains (any case)")] = None,
    outlet: Annotated[str | None, text_query("part of the outlet's name")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return JSONAnswer(article_page(store, q, outlet, since, until, limit, offset))


@router.get(
    "/articles/{article_id}",
    response_model=models.StoredArticle,
    summary="One article: its text and every record, with offsets",
)
def article(store: Store, article_id: RowId) -> Response:
    return JSONAnswer(found(article_record(store, article_id), f"article {article_id}"))


@router.get(
    "/events",
    response_model=models.EventPage,
    summary="Events, oldest first, filtered as `communique events`",
)
def events(store: Store, filters: Filters, limit: Limit = 50, offset: Offset = 0) -> Response:
    return JSONAnswer(event_page(store, filters.to_filter(limit), offset))


@router.get(
    "/events/{article_id}/{event_id}",
    response_model=models.EventDetail,
    summary="One event with its spans and linked reports",
)
def event(
    store: Store,
    article_id: RowId,
    event_id: Annotated[str, Path(max_length=MAX_TEXT, pattern=PLAIN, description="V1, V2, ...")],
) -> Response:
    record = event_record(store, article_id, event_id)
    return JSONAnswer(found(record, f"event {event_id} in article {article_id}"))


@router.get("/quotes", response_model=models.QuotePage, summary="Quotes by speaker, channel and outlet")
def quotes(
    store: Store,
    speaker: Annotated[str | None, text_query("part of the speaker's name, or a country/code")] = None,
    channel: Annotated[str | None, text_query("part of the channel's name")] = None,
    outlet: Annotated[str | None, text_query("part of the outlet's name")] = None,
    attribution: Annotated[str, Query(
        pattern=ATTRIBUTION_LIST,
        description="comma-separated attributions: speech, writing, thought, perception, or all",
    )] = ",".join(REPORTED_ATTRIBUTIONS),
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    kinds = ATTRIBUTIONS if attribution == "all" else tuple(attribution.split(","))
    wanted = QuoteFilter(speaker=speaker, channel=channel, since=since, until=until, limit=limit,
                         attribution=kinds)
    return JSONAnswer(quote_page(store, wanted, outlet, offset))


@router.get(
    "/quotes/facets",
    response_model=models.QuoteFacets,
    summary="Speakers, channels and outlets of the quotes, with counts",
)
def quote_facets(store: Store) -> Response:
    return JSONAnswer(aggregates.quote_facets(store))


@router.get(
    "/actors", response_model=models.ActorPage, summary="Canonical actors with their article and event counts"
)
def actors(
    store: Store,
    q: Annotated[str | None, text_query("part of the actor's name or of any of its aliases")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return JSONAnswer(aggregates.actor_page(store, q, limit, offset))


@router.get(
    "/actors/{actor_id:int}",
    response_model=models.ActorProfile,
    summary="One canonical actor: aliases, roles over time, events as source and target, quotes",
)
def actor_profile(
    store: Store,
    actor_id: Annotated[int, Path(ge=1, le=MAX_ROW, description="the actor's id (GET /api/actors)")],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="events per side and quotes listed")] = 100,
) -> Response:
    return JSONAnswer(found(profiles.actor_profile(store, actor_id, limit), f"actor {actor_id}"))


@router.get(
    "/actors/{actor:path}/events",
    response_model=models.ActorEvents,
    summary="An actor's events as source and as target",
)
def actor_events(
    store: Store,
    actor: Annotated[str, Path(max_length=MAX_TEXT, pattern=PLAIN, description="an actor's name")],
    filters: Filters,
    limit: Limit = 50,
) -> Response:
    return JSONAnswer(aggregates.actor_events(store, actor, filters.to_filter(limit)))


@router.get(
    "/timeline",
    response_model=models.Timeline,
    summary="Linked events of one actor side or between two; each real-world event once",
)
def timeline(
    store: Store,
    actor: Annotated[
        list[str],
        Query(
            min_length=1,
            max_length=2,
            description=f"an actor side, given once or twice (the events "
            f"between two sides); several actors in one side joined by commas (RUS,BLR): {Who}",
        ),
    ],
    filters: Period,
    by: Annotated[str, Query(pattern="^(" + "|".join(PERIODS) + ")$")] = "month",
    limit: Limit = 200,
) -> Response:
    sides = actor_sides(actor)
    return JSONAnswer(aggregates.actor_timeline(store, sides, filters.to_filter(), by, limit))


def actor_sides(values: list[str]) -> list[list[str]]:
    """The actor sides of ``?actor=RUS,BLR&actor=NATO``; 422 for an empty, too long or too crowded side."""
    sides = [[word.strip() for word in side.split(",") if word.strip()] for side in values]
    if not all(sides):
        raise HTTPException(422, "every actor side names at least one actor")
    if any(len(side) > MAX_SIDE for side in sides):
        raise HTTPException(422, f"an actor side names at most {MAX_SIDE} actors")
    if any(len(word) > MAX_TEXT or not re.match(PLAIN, word) for side in sides for word in side):
        raise HTTPException(422, f"an actor is at most {MAX_TEXT} characters, without control characters")
    return sides


@router.get(
    "/network",
    response_model=models.Network,
    summary="Who did what to whom: actor pairs by PLOVER quad class",
)
def network(store: Store, filters: Filters, limit: Limit = 300) -> Response:
    return JSONAnswer(aggregates.network(store, filters.to_filter(), limit))


@router.get(
    "/places", response_model=models.Places, summary="Where the matching events happened, with coordinates"
)
def places(store: Store, filters: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> Response:
    return JSONAnswer({"places": aggregates.event_places(store, filters.to_filter(), limit)})


def extractor(request: Request) -> Extractor:
    """The pipeline runner, or 403 when this server does not extract."""
    found = request.app.state.extractor
    if found is None:
        raise HTTPException(403, "extraction is switched off on this server (started with --no-extract)")
    return found


def writer(request: Request) -> Engine:
    """The writing engine, or 403 on a read-only server."""
    engine = request.app.state.writer
    if engine is None:
        raise HTTPException(403, "this server is read-only; start it with --allow-writes to add articles")
    return engine


@router.post(
    "/extract", response_model=models.ContractLine, summary="Text in, contract out (nothing is stored)"
)
def extract(document: Document, runner: Annotated[Extractor, Depends(extractor)]) -> dict[str, Any]:
    done = guarded(runner, lambda: runner.run(runner.document(document.model_dump(exclude_none=True))))
    line = done.article.to_contract()
    line["text"] = done.article.text
    return line


@router.post(
    "/articles",
    response_model=models.StoreResult,
    status_code=201,
    summary="Extract one article and keep it in the store",
)
def add_article(
    document: Document,
    runner: Annotated[Extractor, Depends(extractor)],
    engine: Annotated[Engine, Depends(writer)],
) -> dict[str, Any]:
    return guarded(runner, lambda: extract_and_store(runner, engine, document.model_dump(exclude_none=True)))


def guarded(runner: Extractor, work):
    """Run ``work``, turning the extractor's refusals into HTTP answers a client can act on."""
    try:
        return work()
    except ExtractorBusy as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": "5"}) from exc
    except ExtractionTimeout as exc:
        raise HTTPException(504, str(exc)) from exc
    except ExtractionFailed as exc:  # the document broke the extraction process; the server goes on
        raise HTTPException(422, f"this document could not be processed: {exc}") from exc
    except PipelineUnavailable as exc:
        raise HTTPException(503, f"the pipeline cannot run here: {exc}") from exc
