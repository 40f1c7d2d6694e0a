"""The entities of one article while they are being found: keyed drafts that collect mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from communique.article import Entity, Span

Key = tuple[str, ...]
"""What makes two mentions one entity: ("country", "RUS"), ("body", "RUS", "GOV", "government"), ..."""


@dataclass(slots=True)
class Mention:
    """One mention: token range ``[start, end)``, character span, and its form."""

    start: int
    end: int
    span: Span
    key: Key
    form: str = "proper"  # proper, nominal or pronoun
    subject: bool = False


@dataclass(slots=True)
class Draft:
    """An entity being built; ``gender`` and ``plural`` serve pronoun agreement only."""

    key: Key
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    title: str | None = None
    gender: str | None = None
    plural: bool = False
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)


class Registry:
    """Drafts by key, in order of first mention, and every mention found so far."""

    def __init__(self) -> None:
        self.drafts: dict[Key, Draft] = {}
        self.mentions: list[Mention] = []
        self.aliases: dict[Key, Key] = {}

    def add(self, draft: Draft, mention: Mention) -> Draft:
        """Record a mention of ``draft`` (merged with an existing draft of the same key)."""
        if draft.key in self.aliases:
            draft = self.drafts[self.aliases[draft.key]]
        known = self.drafts.setdefault(draft.key, draft)
        if known is not draft:
            improve(known, draft)
        mention.key = known.key
        known.mentions.append(mention)
        self.mentions.append(mention)
        return known

    def merge(self, source: Key, target: Key) -> None:
        """Make the draft ``source`` part of ``target``: its mentions move, its key becomes an alias."""
        moved = self.drafts.pop(source)
        into = self.drafts[target]
        for mention in moved.mentions:
            mention.key = target
        into.mentions.extend(moved.mentions)
        improve(into, moved)
        self.aliases[source] = target
        for alias, key in self.aliases.items():
            if key == source:
                self.aliases[alias] = target

    def covers(self, span: Span) -> bool:
        """Whether some mention already overlaps ``span``."""
        return any(m.span[0] < span[1] and span[0] < m.span[1] for m in self.mentions)

    def get(self, key: Key) -> Draft | None:
        """The draft with this key, or None."""
        return self.drafts.get(key)

    def entities(self) -> list[Entity]:
        """Finished entities, numbered E1.. in order of first mention; spans sorted, deduplicated."""
        ordered = sorted(self.drafts.values(), key=lambda d: min(m.span for m in d.mentions))
        return [to_entity(f"E{n}", draft) for n, draft in enumerate(ordered, 1)]


def improve(known: Draft, other: Draft) -> None:
    """Fill what ``known`` lacks from ``other``; the longest proper name wins."""
    if len(other.name) > len(known.name) and other.kind == known.kind:
        known.name = other.name
    for attr in ("country", "sector", "code", "title", "gender", "role"):
        if getattr(known, attr) is None and getattr(other, attr) is not None:
            setattr(known, attr, getattr(other, attr))


def to_entity(entity_id: str, draft: Draft) -> Entity:
    """The contract record of a draft."""
    spans = sorted({m.span for m in draft.mentions})
    return Entity(
        id=entity_id, name=draft.name, kind=draft.kind, country=draft.country,
        sector=draft.sector, code=draft.code, title=draft.title, mentions=spans,
    )
