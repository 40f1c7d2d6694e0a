"""Reports of one real-world event in one article: the same kind of action between the same actors.

"the scheduled meeting between Moscow and the alliance" and "Russia and NATO will meet on
Wednesday" are two reports of one meeting; linking them lets the undated one take the date the
other states. Two reports link when their CAMEO roots (else PLOVER types) agree, their actors are
the same countries or organisations (in any order for reciprocal actions such as meetings), and
their dates, where given, are compatible.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from communique.article import Article, Entity, Event
from communique.link import rules
from communique.link.rules import ReportKey, most_precise

compatible = rules.dates_compatible
"""Dates agree within the precision of the less precise one (the rule of ``link.rules``)."""


def actor_identity(entity: Entity) -> str:
    """What makes two actors the same (``link.rules.actor_identity`` of the entity)."""
    return rules.actor_identity(entity.country, entity.code, entity.name)


def side(article: Article, ids: Iterable[str]) -> frozenset[str]:
    """The identities of the entities one side of an event names."""
    entities = (article.entity_by_id(i) for i in ids)
    return frozenset(actor_identity(e) for e in entities if e is not None)


def report_key(article: Article, event: Event) -> ReportKey | None:
    """The key two reports of one event share, or None when the event has fewer than two actors
    (one actor alone, "Russia denied", is too common to tell two events apart)."""
    sources, targets = side(article, event.source), side(article, event.target)
    return rules.report_key(event.plover, event.cameo, sources, targets)


def group_reports(article: Article) -> list[list[Event]]:
    """Events that report the same real-world event, in groups of two or more."""
    by_key: dict[ReportKey, list[Event]] = defaultdict(list)
    for event in article.events:
        key = report_key(article, event)
        if key is not None:
            by_key[key].append(event)
    groups = [group for events in by_key.values() for group in split_by_date(events)]
    return [group for group in groups if len(group) > 1]


def split_by_date(events: list[Event]) -> list[list[Event]]:
    """Events of one key split into groups of compatible dates. Undated events join the group only
    when there is exactly one: with two dates ("met on Monday", "meet again on Wednesday") an
    undated report could be either."""
    dated: list[list[Event]] = []
    for event in (e for e in events if e.date):
        home = next((g for g in dated if all(compatible(event.date, o.date) for o in g)), None)
        if home is None:
            dated.append([event])
        else:
            home.append(event)
    undated = [e for e in events if not e.date]
    if len(dated) <= 1:
        return [(dated[0] if dated else []) + undated]
    return dated


def link_reports(article: Article) -> None:
    """Set ``linked`` on every grouped event and give undated reports the group's date (the most
    precise one stated)."""
    for group in group_reports(article):
        date = most_precise(e.date for e in group)
        for event in group:
            event.linked = [other.id for other in group if other is not event]
            if event.date is None:
                event.date = date
