"""Find toponym mentions: NER places, demonyms and adjectives ("Russian"), places inside organisation
names ("the Washington Post"), and gazetteer names that NER missed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from communique.places.gazetteer import Gazetteer, read_sided_words, stop_names

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
INNER_LABELS = frozenset({"ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
"""Not PERSON: given names are towns somewhere ("Mary", "Tyler"), and a place in a person's name
("Lawrence of Arabia") is rare in news."""
BIG_FEATURES = frozenset({"PCLI", "CONT", "ADM1", "PPLC", "RGN"})
"""Places found inside other names or outside NER must be of these kinds (or a city of 100,000+):
small towns named like people ("Jackson") would flood the output."""


RECALL_LABELS = frozenset({"PERSON", "ORG"})
"""Labels the small NER model gives town names it does not know ("Alexandria woman charged")."""
MAX_RECALL_TOKENS = 3


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym candidate: its span, its text, whether it is an adjective/demonym, and whether it is
    ``weak`` (a name NER called something else, kept only where the article's places back it)."""

    start: int
    end: int
    text: str
    adjective: bool = False
    weak: bool = False
    recalled: bool = False
    """Found in a person or organisation entity (``weak`` or a two-word state such as "Tamil Nadu")."""


def find_mentions(doc, gazetteer: Gazetteer) -> list[Mention]:
    """Toponym mentions in text order, not overlapping."""
    found: dict[tuple[int, int], Mention] = {}
    for mention in entity_mentions(doc, gazetteer):
        found.setdefault((mention.start, mention.end), mention)
    for mention in token_mentions(doc, gazetteer, list(found)):
        found.setdefault((mention.start, mention.end), mention)
    for mention in recall_mentions(doc, gazetteer, list(found)):
        found.setdefault((mention.start, mention.end), mention)
    return sorted(found.values(), key=lambda m: m.start)


def recall_cues() -> dict[str, frozenset[str]]:
    """``before`` and ``after`` words of ``lang/places_recall_cues.tsv``."""
    return read_sided_words("places_recall_cues.tsv", ("before", "after"))


def recall_mentions(doc, gazetteer: Gazetteer, taken: list[tuple[int, int]]) -> Iterator[Mention]:
    """Places in person or organisation entities of up to three words that the gazetteer knows as a
    whole: a state or country of two words or more ("Tamil Nadu", "West Virginia": no person's
    name) as an ordinary mention; any other with a place cue beside it ("in Kanawha", "an
    Alexandria woman") as a weak one. Names inside longer organisation names stay out: the entity
    must be the place name and nothing else."""
    cues = recall_cues()
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    for ent in doc.ents:
        if ent.label_ not in RECALL_LABELS or len(ent) > MAX_RECALL_TOKENS:
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        if len(ent) == 1 and ent.text in surnames:
            continue  # "Jackson" where "Andrew Jackson" is named: the person's surname
        entries = gazetteer.lookup(ent.text) if gazetteer.demonym(ent.text) is None else []
        if len(ent) > 1 and any(e.feature in ("ADM1", "PCLI") and e.name == ent.text for e in entries):
            yield Mention(ent.start_char, ent.end_char, ent.text, recalled=True)
        elif entries and has_place_cue(ent, cues):
            yield Mention(ent.start_char, ent.end_char, ent.text, weak=True, recalled=True)


def has_place_cue(ent, cues: dict[str, frozenset[str]]) -> bool:
    """A cue word right before or right after the entity."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return before in cues["before"] or after in cues["after"]


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
    """"US" in "US State Department", "Russian" in "the Russian Foreign Ministry"; a big place's name
    goes on to its county's full name ("the Suffolk County Times": Suffolk County, not Suffolk, Va.)."""
    tokens = list(ent)
    i = 0
    while i < len(tokens):
        match = longest_name(tokens, i, gazetteer)
        if match:
            match = max(match, longest_name(tokens, i, gazetteer, counties=True) or match)
            j, adjective = match
            span = ent.doc[tokens[i].i : tokens[j - 1].i + 1]
            yield Mention(span.start_char, span.end_char, span.text, adjective)
            i = j
        else:
            i += 1


def longest_name(tokens: list, i: int, gazetteer: Gazetteer,
                 counties: bool = False) -> tuple[int, bool] | None:
    """(end index, is-adjective) of the longest big place name or demonym starting at ``tokens[i]``;
    with ``counties``, a county's full name ("HORRY COUNTY") counts as big."""
    if not tokens[i].text[:1].isupper():
        return None
    for j in range(min(len(tokens), i + 4), i, -1):
        text = " ".join(t.text for t in tokens[i:j])
        if text.lower() in stop_names():
            continue
        if gazetteer.demonym(text) is not None:
            return j, True
        if is_acronym(text) and text.lower() not in gazetteer.aliases:
            continue  # "BA" (British Airways) is not Ba, Fiji; "US", "UK" are aliases
        if any(is_big(e) or (counties and is_county_name(e, text)) for e in gazetteer.lookup(text)):
            return j, False
    return None


def is_acronym(text: str) -> bool:
    """Two or three capital letters (periods allowed): an acronym outside NER places, unless an alias
    (four would take "ROME" and "OSLO" in datelines)."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper()


def is_county_name(entry, text: str) -> bool:
    """True when ``text`` is a second-level division's full name ("Horry County", not "Horry")."""
    return entry.feature == "ADM2" and entry.name.lower() == text.lower() and " " in text


def is_big(entry) -> bool:
    """A place worth finding without NER's help (a county is not: "Kanawha County Schools", "the Orange
    County Register" are organisations, and counties are named after people)."""
    return entry.feature in BIG_FEATURES or (entry.feature != "ADM2" and entry.population >= 100_000)


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
        match = longest_name(tokens, i, gazetteer, counties=True)
        if match and (match[1] or tokens[i].pos_ == "PROPN"):
            j, adjective = match
            span = doc[i:j]
            yield Mention(span.start_char, span.end_char, span.text, adjective)
            i = j
        else:
            i += 1
