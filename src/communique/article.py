"""The Article: one document and every record found in it, with character offsets."""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]
"""A ``[start, end)`` code-point offset pair into ``Article.text``."""

LONGEST_MENTION = 200
"""Characters: ``entity_at`` stops looking back past mentions that start this far before the span
(the longest descriptive mentions, "the six-member team, which …", stay well under it)."""


@dataclass(slots=True)
class Entity:
    """An actor: a person, organisation, country, IGO, group, outlet or place, with all its mentions."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    title: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """A direct, indirect or mixed quotation with its speaker, cue and channel."""

    id: str
    span: Span
    text: str
    kind: str
    speaker: str | None = None
    speaker_span: Span | None = None
    cue_span: Span | None = None
    channel: str | None = None
    channel_span: Span | None = None
    attribution: str = "speech"
    pieces: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """Who did what to whom: a PLOVER/CAMEO-coded event with the evidence for each field."""

    id: str
    plover: str
    trigger_span: Span
    sentence_span: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    source_spans: list[Span] = field(default_factory=list)
    target_spans: list[Span] = field(default_factory=list)
    date: str | None = None
    location: str | None = None
    modality: str = "asserted"
    quote: str | None = None
    goldstein: float | None = None
    quad_class: str | None = None
    confidence: float = 0.5
    coded_by: str = "rules"
    """Which layer coded the event: "rules" (the trigger lexicon and parse rules) or "model" (the
    learned layer, in a clause the rules left uncoded)."""
    linked: list[str] = field(default_factory=list)
    """Ids of the other events in this article that report the same real-world event."""


@dataclass(slots=True)
class Time:
    """A time expression normalised to a TIMEX3 value."""

    id: str
    span: Span
    text: str
    value: str | None
    type: str


@dataclass(slots=True)
class Place:
    """A toponym resolved against GeoNames; ``metonymic`` when it stands for a government or people."""

    id: str
    span: Span
    text: str
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None
    metonymic: bool = False
    approximate: bool = False  # not in the gazetteer: lat/lon are the story's focus, geonameid null
    resolved_by: str | None = None  # container / context / dateline / outlet / population


@dataclass(slots=True)
class DocumentError:
    """A problem with one document; the run goes on."""

    stage: str
    message: str


@dataclass(slots=True)
class Article:
    """One document flowing through the pipeline.

    ``doc`` holds the spaCy parse once the ``nlp`` stage has run; it is never serialised.
    ``published_inferred`` is true when ``published`` was not given but found in the document.
    """

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published_inferred: bool = False
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    doc: Any = None
    _mention_index: list[tuple[int, int, Entity]] | None = field(default=None, repr=False)

    def add_error(self, stage: str, message: str) -> None:
        """Record a per-document problem without stopping the run."""
        self.errors.append(DocumentError(stage, message))

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[start, end)``, preferring the longest overlap."""
        if self._mention_index is None:
            # sorted by span only: two entities may share a span, and entities do not compare
            self._mention_index = sorted(
                ((s, e, ent) for ent in self.entities for s, e in ent.mentions),
                key=lambda item: (item[0], item[1]),
            )
        index = self._mention_index
        i = bisect.bisect_left(index, (end,)) - 1
        best: tuple[int, Entity] | None = None
        while i >= 0:
            s, e, ent = index[i]
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, ent)
            if s + LONGEST_MENTION < start:
                break
            i -= 1
        return best[1] if best else None

    def entity_by_id(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def forget_mention_index(self) -> None:
        """Drop the cached mention index after entities change."""
        self._mention_index = None

    def to_contract(self) -> dict[str, Any]:
        """The output line of the extraction contract (see CONTRACT.md)."""
        return {
            "id": self.id,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "entities": [asdict(e) for e in self.entities],
            "quotes": [asdict(q) for q in self.quotes],
            "events": [asdict(v) for v in self.events],
            "times": [asdict(t) for t in self.times],
            "places": [asdict(p) for p in self.places],
            "errors": [asdict(err) for err in self.errors],
        }

