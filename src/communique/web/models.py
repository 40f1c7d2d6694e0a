"""The shapes of the JSON API's answers, so that ``/api/openapi.json`` documents every field a client reads.

The models describe the dicts the store and the pipeline already build (``store.browse``,
``web.aggregates``, ``Article.to_contract``); the routes return those dicts unchanged and FastAPI checks
them against these models. Every model lets unknown keys through, because the contract allows fields
to be added: a new field reaches clients before it is documented here, rather than being dropped
(tests/web/test_api.py checks that none is left undocumented).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]

SPAN = "[start, end) character offsets (Unicode code points) into the article text"
JOINED = "several actors joined by '; ', in the order the event names them"


class Answer(BaseModel):
    """A JSON object the API returns; keys not declared here are passed through, not dropped."""

    model_config = ConfigDict(extra="allow")


class Page(Answer):
    """One page of a longer list: ask again with ``offset`` + ``limit`` for the next."""

    total: int = Field(description="how many rows match the filters, over all pages")
    limit: int = Field(description="the page size asked for")
    offset: int = Field(description="how many matching rows were skipped before this page")


# --- the server -------------------------------------------------------------------------------------


class About(Answer):
    """What this server offers."""

    articles: int = Field(description="how many articles the store holds")
    writes: bool = Field(description="whether POST /api/articles may store articles (--allow-writes)")
    extract: bool = Field(description="whether the POST endpoints run the pipeline (off with --no-extract)")
    max_bytes: int = Field(description="the largest request body accepted, in bytes")
    timeout: float = Field(description="seconds one extraction may take before it is answered with 504")
    map: bool = Field(description="whether the map's world outline is built (make assets)")


# --- the extraction contract ------------------------------------------------------------------------


class EntityRecord(Answer):
    """An actor with every mention of it (contract ``entities[]``)."""

    id: str = Field(description="the entity's id in its article (E1, E2, ...)")
    name: str = Field(description="the actor's normalised name")
    kind: str = Field(description="person, organization, country, igo, group, media, place or other")
    country: str | None = Field(description="ISO 3166-1 alpha-3 code of the country it belongs to")
    sector: str | None = Field(description="PLOVER-style sector: government, military, media, ...")
    code: str | None = Field(description="CAMEO actor code (RUSGOVDIP)")
    title: str | None = Field(description="the role or title found in the text")
    mentions: list[Span] = Field(description=f"every mention, coreference included: {SPAN}")


class QuoteRecord(Answer):
    """A quotation with its speaker, cue and channel (contract ``quotes[]``)."""

    id: str = Field(description="the quote's id in its article (Q1, Q2, ...)")
    span: Span = Field(description=f"the quoted words: {SPAN}")
    text: str = Field(description="the quoted words")
    kind: str = Field(description="direct, indirect or mixed")
    speaker: str | None = Field(description="the speaker's entity id")
    speaker_span: Span | None = Field(description=f"the mention naming the speaker here: {SPAN}")
    cue_span: Span | None = Field(description=f"the cue (said, told, according to): {SPAN}")
    channel: str | None = Field(description="the outlet or medium the words came through")
    channel_span: Span | None = Field(description=f"the channel's name: {SPAN}")
    attribution: str = Field(description="speech, writing, thought or perception")
    pieces: list[Span] = Field(
        description=f"the quoted stretches of a quote split by its attribution: {SPAN} each")


class EventRecord(Answer):
    """Who did what to whom, with the evidence for each field (contract ``events[]``)."""

    id: str = Field(description="the event's id in its article (V1, V2, ...)")
    plover: str = Field(description="the PLOVER event type (CONSULT, ASSAULT, ...)")
    trigger_span: Span = Field(description=f"the words that express the event: {SPAN}")
    sentence_span: Span = Field(description=f"the sentence holding it: {SPAN}")
    mode: str | None = Field(description="the PLOVER mode (visit, ...)")
    context: list[str] = Field(description="PLOVER contexts; may be empty")
    cameo: str | None = Field(description="the CAMEO event code")
    source: list[str] = Field(description="entity ids of who acts")
    target: list[str] = Field(description="entity ids of who is acted on; may be empty")
    source_spans: list[Span] = Field(description=f"the source mentions used in this event: {SPAN}")
    target_spans: list[Span] = Field(description=f"the target mentions used in this event: {SPAN}")
    date: str | None = Field(description="when it happened: ISO day, month or year")
    location: str | None = Field(description="the id of the place where it happened")
    modality: str = Field(description="asserted, planned, reported, denied, negated or hypothetical")
    quote: str | None = Field(description="the id of the quote it was stated in")
    goldstein: float | None = Field(description="conflict/cooperation score, -10 to +10")
    quad_class: str | None = Field(description="verbal/material cooperation/conflict")
    confidence: float = Field(description="how sure the extractor is, 0 to 1")
    coded_by: str = Field(default="rules", description="which layer coded it: rules or model (learned)")
    linked: list[str] = Field(description="ids of the other events in this article reporting the same event")


class TimeRecord(Answer):
    """A time expression normalised to TIMEX3 (contract ``times[]``)."""

    id: str = Field(description="the time's id in its article (T1, ...)")
    span: Span = Field(description=SPAN)
    text: str = Field(description="the words as written")
    value: str | None = Field(description="the TIMEX3 value (2022-01-10, 2021-12, P3D, ...)")
    type: str = Field(description="DATE, TIME, DURATION or SET")


class PlaceRecord(Answer):
    """A place name resolved against GeoNames (contract ``places[]``)."""

    id: str = Field(description="the place's id in its article (P1, ...)")
    span: Span = Field(description=SPAN)
    text: str = Field(description="the words as written")
    name: str = Field(description="the place's name")
    geonameid: int | None = Field(description="its GeoNames id")
    lat: float | None = Field(description="latitude, degrees")
    lon: float | None = Field(description="longitude, degrees")
    country: str | None = Field(description="ISO 3166-1 alpha-3 code of its country")
    feature: str | None = Field(description="GeoNames feature code (PPLC, ...)")
    metonymic: bool = Field(description="true where the name stands for a government or people")
    approximate: bool = Field(description="not in the gazetteer: lat/lon are the story's focus")
    resolved_by: str | None = Field(default=None, description="what picked the reading: container, "
                                    "context, dateline, outlet or population")


class DocumentProblem(Answer):
    """A problem with one document; the run went on."""

    stage: str = Field(description="the stage that reported it (ingest, places, store, ...)")
    message: str = Field(description="what went wrong")


class ContractLine(Answer):
    """One article's output line of the extraction contract, with its text."""

    id: str = Field(description="the document's id")
    published: str | None = Field(description="the date relative dates were resolved against")
    published_inferred: bool = Field(description="true when `published` was found in the text, not given")
    title: str | None = Field(description="the article's title")
    url: str | None = Field(description="the article's URL (metadata; never fetched)")
    outlet: str | None = Field(description="the outlet that published it")
    entities: list[EntityRecord]
    quotes: list[QuoteRecord]
    events: list[EventRecord]
    times: list[TimeRecord]
    places: list[PlaceRecord]
    errors: list[DocumentProblem]
    text: str = Field(description="the article text every offset indexes")


class StoredArticle(ContractLine):
    """One stored article: its contract line, its text, its row id and where it was read from."""

    article_id: int = Field(description="the article's row id in the store")
    source: str | None = Field(description="the file or source it was ingested from")


class StoreResult(Answer):
    """The outcome of POST /api/articles."""

    stored: bool = Field(description="false when the same text was stored before (it is not run again)")
    article_id: int | None = Field(description="the article's row id in the store")
    errors: list[DocumentProblem]


# --- articles ---------------------------------------------------------------------------------------


class ArticleRow(Answer):
    """An article in a list, with its record counts."""

    id: int = Field(description="the article's row id (GET /api/articles/{id})")
    doc_id: str = Field(description="the document's own id")
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None = Field(description="publication date, ISO")
    source: str | None = Field(description="the file or source it was ingested from")
    events: int = Field(description="how many events it holds")
    quotes: int = Field(description="how many quotes it holds")


class ArticlePage(Page):
    """A page of articles, newest first."""

    items: list[ArticleRow]


# --- events -----------------------------------------------------------------------------------------


class EventColumns(Answer):
    """An event as a flat row, the columns of ``communique events --format jsonl`` (docs/store.md)."""

    article: str = Field(description="the document id of its article")
    url: str | None = Field(description="its article's URL")
    outlet: str | None = Field(description="its article's outlet")
    published: str | None = Field(description="its article's publication date")
    event: str = Field(description="the event's id in its article (V1, ...)")
    date: str | None = Field(description="when it happened: ISO day, month or year")
    plover: str = Field(description="the PLOVER event type")
    mode: str | None = Field(description="the PLOVER mode")
    context: str = Field(description="PLOVER contexts joined by ';' (empty when none)")
    cameo: str | None = Field(description="the CAMEO event code")
    source: str | None = Field(description=f"names of who acts, {JOINED}")
    source_ids: str | None = Field(description=f"their entity ids, {JOINED}")
    source_countries: str | None = Field(description=f"their countries (ISO alpha-3), {JOINED}")
    source_codes: str | None = Field(description=f"their CAMEO actor codes, {JOINED}")
    target: str | None = Field(description=f"names of who is acted on, {JOINED}")
    target_ids: str | None = Field(description=f"their entity ids, {JOINED}")
    target_countries: str | None = Field(description=f"their countries (ISO alpha-3), {JOINED}")
    target_codes: str | None = Field(description=f"their CAMEO actor codes, {JOINED}")
    location: str | None = Field(description="the name of the place where it happened")
    geonameid: int | None = Field(description="that place's GeoNames id")
    lat: float | None = Field(description="that place's latitude, degrees")
    lon: float | None = Field(description="that place's longitude, degrees")
    location_country: str | None = Field(description="that place's country (ISO alpha-3)")
    modality: str = Field(description="asserted, planned, reported, denied, negated or hypothetical")
    quote: str | None = Field(description="the id of the quote it was stated in")
    goldstein: float | None = Field(description="conflict/cooperation score, -10 to +10")
    quad_class: str | None = Field(description="verbal/material cooperation/conflict")
    confidence: float = Field(description="how sure the extractor is, 0 to 1")
    trigger: str = Field(description="the words that express the event")
    trigger_start: int = Field(
        description="where the trigger starts: [start, end) offsets into the article text"
    )
    trigger_end: int = Field(description="where the trigger ends (exclusive)")
    sentence: str = Field(description="the sentence holding it")
    sentence_start: int = Field(description="where the sentence starts: [start, end) offsets into the text")
    sentence_end: int = Field(description="where the sentence ends (exclusive)")
    linked: str = Field(
        description="ids of the other events in its article reporting the same event, ';'-joined"
    )
    source_actors: str | None = Field(description=f"the sources' canonical actors (docs/actors.md), {JOINED}")
    source_actor_ids: str | None = Field(description=f"their canonical actor ids, {JOINED}")
    source_actor_codes: str | None = Field(description=f"their canonical codes (imported win), {JOINED}")
    target_actors: str | None = Field(description=f"the targets' canonical actor names, {JOINED}")
    target_actor_ids: str | None = Field(description=f"their canonical actor ids, {JOINED}")
    target_actor_codes: str | None = Field(description=f"their canonical actor codes, {JOINED}")
    article_id: int = Field(description="its article's row id (GET /api/articles/{id})")


class EventRow(EventColumns):
    """An event in a list: its flat row, its article's row id and title."""

    title: str | None = Field(description="its article's title")


class EventPage(Page):
    """A page of events, oldest first."""

    items: list[EventRow]


class Report(Answer):
    """One stored report of a real-world event, in some article."""

    article_id: int = Field(description="the row id of the article reporting it")
    doc_id: str = Field(description="that article's document id")
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    event_id: str = Field(description="the event's id in that article")
    plover: str = Field(description="the PLOVER type it was coded with there")
    date: str | None = Field(description="the date it was given there")
    trigger: str = Field(description="the trigger words")
    trigger_start: int = Field(description="[start, end) offsets of the trigger into that article's text")
    trigger_end: int
    sentence: str = Field(description="the sentence holding it")
    sentence_start: int = Field(description="[start, end) offsets of the sentence into that article's text")
    sentence_end: int


class EventDetail(EventRow):
    """One event: its flat row, its contract record and every stored report of the same event."""

    record: EventRecord = Field(description="the event as the contract gives it, with every span")
    reports: list[Report] = Field(
        description="every stored report of the same real-world event across the store, this one included"
    )


# --- quotes -----------------------------------------------------------------------------------------


class QuoteRow(Answer):
    """A quote as a flat row, the columns of ``communique quotes``, with its article's row id."""

    article_id: int = Field(description="its article's row id (GET /api/articles/{id})")
    article: str = Field(description="the document id of its article")
    url: str | None
    outlet: str | None
    published: str | None
    quote: str = Field(description="the quote's id in its article (Q1, ...)")
    kind: str = Field(description="direct, indirect or mixed")
    attribution: str = Field(description="speech, writing, thought or perception")
    speaker: str | None = Field(description="the speaker's name")
    speaker_id: str | None = Field(description="the speaker's entity id")
    speaker_country: str | None = Field(description="the speaker's country (ISO alpha-3)")
    speaker_code: str | None = Field(description="the speaker's CAMEO actor code")
    speaker_text: str | None = Field(description="the mention naming the speaker, as written")
    channel: str | None = Field(description="the outlet or medium the words came through")
    text: str = Field(description="the quoted words")
    start: int = Field(description="where the quote starts: [start, end) offsets into the article text")
    end: int = Field(description="where the quote ends (exclusive)")


class QuotePage(Page):
    """A page of quotes, oldest article first."""

    items: list[QuoteRow]


class Facet(Answer):
    """A value to filter quotes by, with how many quotes have it."""

    name: str
    quotes: int = Field(description="how many stored quotes have it")


class QuoteFacets(Answer):
    """The speakers, channels and outlets of the stored quotes, most quoted first."""

    speakers: list[Facet]
    channels: list[Facet]
    outlets: list[Facet]


# --- actors -----------------------------------------------------------------------------------------


class ActorRow(Answer):
    """A canonical actor (docs/actors.md): one row however many articles name it, with its counts."""

    id: int = Field(description="the actor's id (GET /api/actors/{id})")
    name: str = Field(description="its canonical name")
    kind: str = Field(description="person, organization, country, igo, group, media, place or other")
    country: str | None = Field(description="ISO 3166-1 alpha-3 code of the country it belongs to")
    sector: str | None = Field(description="PLOVER-style sector: government, military, media, ...")
    code: str | None = Field(description="CAMEO actor code (an imported one wins)")
    origin: str = Field(description="inferred from the articles, or imported from a dictionary")
    articles: int = Field(description="how many articles name it")
    as_source: int = Field(description="how many events it is a source of")
    as_target: int = Field(description="how many events it is a target of")


class ActorPage(Page):
    """A page of canonical actors, busiest first."""

    items: list[ActorRow]


class ActorAlias(Answer):
    """A name an actor goes by."""

    name: str = Field(description="as an article or a dictionary wrote it")
    origin: str = Field(
        description="inferred (an entity's name), imported, mention (a shorter form an article used) "
        "or initials (guessed from a longer name; found by a search, never joined by)"
    )


class ActorRole(Answer):
    """A role of a person: stated by an article (dated by it) or imported with its period."""

    role: str = Field(description="as the article wrote it (Russian ambassador to the US)")
    seen: str | None = Field(description="the publication date of the article stating it")
    valid_from: str | None = Field(description="an imported role's first day")
    valid_to: str | None = Field(description="an imported role's last day")
    article_id: int | None = Field(description="the row id of the article stating it")
    title: str | None = Field(description="that article's title")


class ActorEvidence(Answer):
    """Why some of the actor's entities joined it."""

    evidence: str = Field(description="new, name, surname, surname in article, full name, acronym, code, ...")
    entities: int = Field(description="how many stored entities joined it so")


class QuoteList(Answer):
    """Quotes, at most ``limit`` of them."""

    total: int = Field(description="how many quotes match, beyond the ones listed")
    items: list[QuoteRow]


class EventList(Answer):
    """Events of one role, at most ``limit`` of them."""

    total: int = Field(description="how many events match, beyond the ones listed")
    items: list[EventRow]


class ActorProfile(Answer):
    """One canonical actor: its names, roles over time, how its entities joined it, its events as
    source and as target, and its quotes."""

    id: int
    name: str = Field(description="its canonical name")
    kind: str = Field(description="person, organization, country, igo, group, media, place or other")
    country: str | None = Field(description="ISO 3166-1 alpha-3 code of the country it belongs to")
    sector: str | None = Field(description="PLOVER-style sector")
    code: str | None = Field(description="CAMEO actor code (an imported one wins)")
    origin: str = Field(description="inferred from the articles, or imported from a dictionary")
    aliases: list[ActorAlias]
    roles: list[ActorRole] = Field(description="oldest first")
    evidence: list[ActorEvidence] = Field(description="the joins of its entities, commonest first")
    articles: int = Field(description="how many articles name it")
    as_source: EventList
    as_target: EventList
    quotes: QuoteList = Field(description="quotes whose speaker is this actor")


class ActorEvents(Answer):
    """An actor's events as source and as target."""

    actor: str = Field(description="the actor as asked for")
    as_source: EventList
    as_target: EventList


# --- timeline, network, places ----------------------------------------------------------------------


class PeriodCount(Answer):
    """Linked events of one PLOVER type in one period (``communique timeline --counts``)."""

    period: str = Field(description="the day, month or year (2024-03)")
    plover: str = Field(description="the PLOVER type")
    events: int = Field(description="real-world events (stories), each counted once")
    reports: int = Field(description="the reports of them")
    articles: int = Field(description="the articles reporting them")
    goldstein: float | None = Field(description="the reports' mean Goldstein score")


class LinkedEvent(EventColumns):
    """One real-world event: the flat row of its first report and how widely it was reported."""

    reports: int = Field(description="how many stored reports tell of it")
    articles: int = Field(description="how many articles tell of it")
    story: int = Field(description="the story id shared by all its reports")


class Timeline(Answer):
    """The events of one actor side, or between two, and their counts per period."""

    sides: list[list[str]] = Field(description="the actor sides as read from `actor`")
    by: str = Field(description="the period counted by: day, month or year")
    periods: list[PeriodCount]
    events: list[LinkedEvent] = Field(description="one row per real-world event, by date")


class NetworkNode(Answer):
    """A canonical actor in the network."""

    name: str
    id: int | None = Field(description="its canonical actor's id (GET /api/actors/{id})")
    events: int = Field(description="events on its edges")


class NetworkEdge(Answer):
    """Events from one actor to another of one PLOVER quad class."""

    source: str = Field(description="who acts")
    target: str = Field(description="who is acted on")
    source_id: int | None = Field(description="the source's canonical actor id")
    target_id: int | None = Field(description="the target's canonical actor id")
    quad_class: str | None = Field(description="verbal/material cooperation/conflict")
    events: int


class Network(Answer):
    """Who did what to whom."""

    nodes: list[NetworkNode] = Field(description="actors, busiest first")
    edges: list[NetworkEdge] = Field(description="actor pairs per quad class, busiest first")


class EventPlace(Answer):
    """A resolved place where matching events happened."""

    name: str
    country: str | None = Field(description="ISO 3166-1 alpha-3 code of its country")
    lat: float = Field(description="latitude, degrees")
    lon: float = Field(description="longitude, degrees")
    events: int = Field(description="how many matching events happened there")


class Places(Answer):
    """Where the matching events happened."""

    places: list[EventPlace] = Field(description="one point per place, most events first")
