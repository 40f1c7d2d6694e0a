"""Report: a human-readable summary of one processed article, for the terminal (``extract --pretty``)."""

from __future__ import annotations

from communique.article import Article, Entity, Event, Quote

QUOTE_WIDTH = 160
"""Quotes longer than this are shortened in the report (the JSONL output keeps them whole)."""

QUOTE_MARKS = "\"'“”‘’«»„ "
"""Marks stripped from a quote's ends, since the report puts its own around it."""


def render(article: Article, source: str | None = None) -> str:
    """The article's entities, quotes and events as indented plain text."""
    sections = [
        header(article, source),
        section("Entities", [entity_line(e) for e in article.entities]),
        section("Quotes", [quote_line(article, q) for q in article.quotes]),
        section("Events", [event_line(article, v) for v in article.events]),
    ]
    if article.errors:
        sections.append(section("Errors", [f"{e.stage}: {e.message}" for e in article.errors]))
    return "\n".join(sections) + "\n"


def header(article: Article, source: str | None) -> str:
    """``== id — title (published …)``."""
    parts = [f"== {source or article.id}"]
    if article.title:
        parts.append(f"— {article.title}")
    if article.published:
        inferred = ", inferred" if article.published_inferred else ""
        parts.append(f"(published {article.published}{inferred})")
    return " ".join(parts)


def section(title: str, lines: list[str]) -> str:
    """A titled block of indented lines, with ``none`` when it is empty."""
    body = [f"  {line}" for line in lines] or ["  none"]
    return "\n".join([f"{title} ({len(lines)})", *body])


def entity_line(entity: Entity) -> str:
    """``E1 Name [person, RUS, RUSGOVDIP] "title" ×3``."""
    facts = ", ".join(str(f) for f in (entity.kind, entity.country, entity.sector, entity.code) if f)
    title = f' "{entity.title}"' if entity.title else ""
    return f"{entity.id} {entity.name} [{facts}]{title} ×{len(entity.mentions)}"


def quote_line(article: Article, quote: Quote) -> str:
    """``Q1 Speaker (via Channel, direct, speech): “text”``."""
    speaker = name_of(article, quote.speaker) if quote.speaker else speaker_text(article, quote)
    via = f"via {quote.channel}, " if quote.channel else ""
    return f"{quote.id} {speaker} ({via}{quote.kind}, {quote.attribution}): “{shorten(quote.text)}”"


def speaker_text(article: Article, quote: Quote) -> str:
    """The speaker mention's own text when it is not linked to an entity, else ``unknown speaker``."""
    if quote.speaker_span:
        start, end = quote.speaker_span
        return article.text[start:end]
    return "unknown speaker"


def event_line(article: Article, event: Event) -> str:
    """``V1 CONSULT/visit 046: Source → Target, 2022-01-12, in Geneva [planned] «met»``."""
    kind = "/".join(p for p in (event.plover, event.mode) if p)
    code = f" {event.cameo}" if event.cameo else ""
    who = f"{names(article, event.source)} → {names(article, event.target)}"
    when = f", {event.date}" if event.date else ""
    where = f", in {place_name(article, event.location)}" if event.location else ""
    modality = f" [{event.modality}]" if event.modality != "asserted" else ""
    said = f" (in {event.quote})" if event.quote else ""
    start, end = event.trigger_span
    return f"{event.id} {kind}{code}: {who}{when}{where}{modality}{said} «{article.text[start:end]}»"


def names(article: Article, ids: list[str]) -> str:
    """Entity names joined with ``+``, or ``?`` when there are none."""
    return " + ".join(name_of(article, i) for i in ids) or "?"


def name_of(article: Article, entity_id: str) -> str:
    """The entity's name, or its bare id when it is not in the article."""
    entity = article.entity_by_id(entity_id)
    return entity.name if entity else entity_id


def place_name(article: Article, place_id: str) -> str:
    """The place's name, or its bare id when it is not in the article."""
    place = next((p for p in article.places if p.id == place_id), None)
    return place.name if place else place_id


def shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    """One line of at most ``width`` characters, ending in ``…`` when cut."""
    flat = " ".join(text.split()).strip(QUOTE_MARKS)
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
