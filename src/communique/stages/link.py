"""Link: give each event the date and the place that its clause states, through the dependency tree.

"met on Monday" → the time of "Monday"; "arrive in Brussels" → the place of "Brussels". A time or
place elsewhere in the sentence is not taken: it must attach, through its preposition, to the event's
trigger or to the verb that governs the trigger, and goes to the event it hangs closest to. Then the
reports of one real-world event within the article are linked (``communique.link.reports``), and an
undated report takes the date another one states. Linking across articles belongs to the store.
"""

from __future__ import annotations

import re

from communique.article import Article, Event, Place, Time
from communique.link.reports import link_reports
from communique.stage import Stage
from communique.tree import sentence_start

MAX_HOPS = 4
"""Steps up the tree from a time or place to the trigger: "on" → "met" is two; a deeper path crosses
into another clause."""
MODIFIER_COST = 2
"""Extra steps charged to a time that hangs on the trigger as a noun modifier rather than through a
preposition or as an adverbial: the small parser reads "a meeting on 12 January and a discussion on
13 January" with "12 January" as a modifier of "discussion"."""
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "within",
                            "around", "to", "into", "from", "on"})
TEMPORAL_PREPS = frozenset({"on", "in", "at", "during", "since", "until", "by", "from"})
EVENT_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?=$|T)")
"""The contract's event date: a day, a month or a year (a TIME keeps its day; a week or a duration
is not a date)."""


class LinkStage(Stage):
    """Sets ``event.date`` and ``event.location`` from attached time and place expressions.

    Settings: ``published_fallback`` (default false) — give an event with no attached date the
    publication date when its clause is in the past tense (off: it guesses more than it knows).
    """

    name = "link"
    requires = ("doc", "events", "times", "places")
    assigns = ("links",)

    def process(self, article: Article) -> Article:
        if article.doc is None:
            return article
        times = [(t, root_token(article.doc, t.span)) for t in article.times if event_date_value(t)]
        places = [(p, root_token(article.doc, p.span)) for p in article.places if not p.metonymic]
        # Only a record of the event's own sentence can attach to it: grouped once, so a long
        # article does not compare every event with every time and place (issue 14).
        times_in, places_in = by_sentence(times), by_sentence(places)
        claims: list[tuple[Event, Time, int]] = []
        for event in article.events:
            anchors = event_anchors(article.doc, event)
            if not anchors:
                continue
            sentence = sentence_start(anchors[0])
            claim = time_of(times_in.get(sentence, []), anchors)
            if claim is not None:
                claims.append((event, *claim))
            elif self.settings.get("published_fallback", False) and article.published and is_past(anchors):
                event.date = article.published[:10]
            place = attached(places_in.get(sentence, []), anchors, LOCATIVE_PREPS)
            if place is not None:
                event.location = place.id
        assign_dates(claims)
        link_reports(article)
        return article


def by_sentence(records: list[tuple[Time | Place, object]]) -> dict[int, list[tuple[Time | Place, object]]]:
    """Records with a token, by the first token of their sentence, in their order."""
    grouped: dict[int, list[tuple[Time | Place, object]]] = {}
    for record, token in records:
        if token is not None:
            grouped.setdefault(sentence_start(token), []).append((record, token))
    return grouped


def time_of(times: list[tuple[Time, object]], anchors: list) -> tuple[Time, int] | None:
    """The time stated for an event and how many steps away it hangs (0: right after the trigger)."""
    time = adjacent(times, anchors[0])
    if time is not None:
        return time, 0
    return attached_with_hops(times, anchors)


def assign_dates(claims: list[tuple[Event, Time, int]]) -> None:
    """Give each time to the events it hangs closest to: in "talks follow the meeting on Monday"
    the Monday is the meeting's, which it reaches in fewer steps than the talks."""
    nearest: dict[str, int] = {}
    for _, time, hops in claims:
        nearest[time.id] = min(hops, nearest.get(time.id, hops))
    for event, time, hops in claims:
        if hops == nearest[time.id]:
            event.date = event_date_value(time)


def root_token(doc, span: tuple[int, int]):
    """The syntactic head of the tokens covering ``span``, or None."""
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    return chunk.root if chunk is not None and len(chunk) else None


def event_date_value(time: Time) -> str | None:
    """The date part of a DATE or TIME value, or None for durations, sets, weeks and references."""
    if time.type not in ("DATE", "TIME") or not time.value:
        return None
    m = EVENT_DATE.match(time.value)
    return m.group() if m else None


def event_anchors(doc, event: Event) -> list:
    """The trigger token and the verb governing it (the tokens a time or place may attach to)."""
    trigger = root_token(doc, event.trigger_span)
    if trigger is None:
        return []
    anchors = [trigger]
    token = trigger
    for _ in range(MAX_HOPS):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            anchors.append(token)
    return anchors


def adjacent(records: list[tuple[Time, object]], trigger) -> Time | None:
    """A time right after the trigger behind a preposition ("meeting on 12 January", "met on
    Monday"): read from the word order, which the small parser gets right more often than the
    attachment of a second date in a coordination."""
    doc = trigger.doc
    after = trigger.i + 1
    if after >= len(doc) or doc[after].lower_ not in TEMPORAL_PREPS:
        return None
    with_article = after + 1 < len(doc) and doc[after + 1].lower_ == "the"
    starts = {after + 1, after + 2} if with_article else {after + 1}
    sentence = sentence_start(trigger)
    for record, token in records:
        if token is not None and sentence_start(token) == sentence:
            first = doc.char_span(*record.span, alignment_mode="expand")
            if first is not None and first.start in starts:
                return record
    return None


def attached(records: list[tuple[Time | Place, object]], anchors: list, preps: frozenset[str] | None = None):
    """The record whose token climbs to an anchor in the fewest steps (through one of ``preps`` if
    given), or None."""
    found = attached_with_hops(records, anchors, preps)
    return found[0] if found else None


def attached_with_hops(records: list, anchors: list, preps: frozenset[str] | None = None) -> tuple | None:
    """``(record, steps)`` for the record that climbs to an anchor in the fewest steps, or None."""
    best, best_hops = None, MAX_HOPS + MODIFIER_COST + 1
    sentence = sentence_start(anchors[0])
    for record, token in records:
        if token is None or sentence_start(token) != sentence:
            continue
        hops = climb(token, anchors, preps)
        if hops is not None and token.dep_ in ("nmod", "compound", "amod", "poss"):
            hops += MODIFIER_COST
        if hops is not None and hops < best_hops:
            best, best_hops = record, hops
    return (best, best_hops) if best is not None else None


def climb(token, anchors: list, preps: frozenset[str] | None) -> int | None:
    """Steps from ``token`` up to an anchor, or None; with ``preps``, the first step must be a pobj
    of one of those prepositions."""
    if preps is not None and not (token.dep_ == "pobj" and token.head.lower_ in preps):
        return None
    for hops in range(1, MAX_HOPS + 1):
        if token.head is token:
            return None
        token = token.head
        if any(token.i == anchor.i for anchor in anchors):
            return hops
        if token.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "conj") and token.pos_ in ("VERB", "AUX"):
            return None  # a clause of its own: its time is not this event's
    return None


def is_past(anchors: list) -> bool:
    """True when the governing verb is a simple past or a perfect."""
    verb = anchors[-1]
    return verb.tag_ == "VBD" or any(c.lower_ in ("has", "have") for c in verb.children)
