"""Find toponym mentions: NER places, demonyms and adjectives ("Russian"), places inside organisation
names ("the Washington Post"), and gazetteer names that NER missed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from communique.places.gazetteer import Gazetteer, stop_names

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
INNER_LABELS = frozenset({"ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
"""Not PERSON: given names are towns somewhere ("Mary", "Tyler"), and a place in a person's name
("Lawrence of Arabia") is rare in news."""
BIG_FEATURES = frozenset({"PCLI", "CONT", "ADM1", "PPLC", "RGN"})
"""Places found inside other names or outside NER must be of these kinds (or a city of 100,000+):
small towns named like people ("Jackson") would flood the output."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym candidate: its span, its text and whether it is an adjective/demonym."""

    start: int
    end: int
    text: str
    adjective: bool = False


def find_mentions(doc, gazetteer: Gazetteer) -> list[Mention]:
    """Toponym mentions in text order, not overlapping."""
    found: dict[tuple[int, int], Mention] = {}
    for mention in entity_mentions(doc, gazetteer):
        found.setdefault((mention.start, mention.end), mention)
    for mention in token_mentions(doc, gazetteer, list(found)):
        found.setdefault((mention.start, mention.end), mention)
    return sorted(found.values(), key=lambda m: m.start)


def entity_mentions(doc, gazetteer: Gazetteer) -> Iterator[Mention]:
    """NER place entities, and places or demonyms inside other entities."""
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            if start < ent.end:
                span = doc[start : ent.end]
                yield Mention(span.start_char, span.end_char, span.text)
        elif ent.label_ in INNER_LABELS:
            yield from inner_mentions(ent, gazetteer)


def inner_mentions(ent, gazetteer: Gazetteer) -> Iterator[Mention]:
    """"US" in "US State Department", "Russian" in "the Russian Foreign Ministry"."""
    tokens = list(ent)
    i = 0
    while i < len(tokens):
        match = longest_name(tokens, i, gazetteer)
        if match:
            j, adjective = match
            span = ent.doc[tokens[i].i : tokens[j - 1].i + 1]
            yield Mention(span.start_char, span.end_char, span.text, adjective)
            i = j
        else:
            i += 1


def longest_name(tokens: list, i: int, gazetteer: Gazetteer) -> tuple[int, bool] | None:
    """(end index, is-adjective) of the longest big place name or demonym starting at ``tokens[i]``."""
    if not tokens[i].text[:1].isupper():
        return None
    for j in range(min(len(tokens), i + 4), i, -1):
        text = " ".join(t.text for t in tokens[i:j])
        if text.lower() in stop_names():
            continue
        if gazetteer.demonym(text) is not None:
            return j, True
        if any(is_big(e) for e in gazetteer.lookup(text)):
            return j, False
    return None


def is_big(entry) -> bool:
    """A place worth finding without NER's help."""
    return entry.feature in BIG_FEATURES or entry.population >= 100_000


def token_mentions(doc, gazetteer: Gazetteer, taken: list[tuple[int, int]]) -> Iterator[Mention]:
    """Capitalised words outside any entity that are demonyms or big place names."""
    covered = {i for ent in doc.ents for i in range(ent.start_char, ent.end_char)}
    covered.update(i for s, e in taken for i in range(s, e))
    tokens = list(doc)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        sentence_initial = token.is_sent_start and token.pos_ != "PROPN"
        if token.idx in covered or not re.match(r"[A-Z]", token.text) or sentence_initial:
            i += 1
            continue
        match = longest_name(tokens, i, gazetteer)
        if match and (match[1] or tokens[i].pos_ == "PROPN"):
            j, adjective = match
            span = doc[i:j]
            yield Mention(span.start_char, span.end_char, span.text, adjective)
            i = j
        else:
            i += 1
