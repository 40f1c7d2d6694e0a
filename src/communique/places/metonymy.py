"""Decide whether a place name stands for its government, team or people ("Moscow rejects") or for the
place itself ("arrive in Moscow"), from its dependency role and the class of the word it attaches to.

The rule (word classes in ``lang/places_metonymy.json``):
- subject of a verb other than a state/location verb ("lie", "border", "have") → metonymic;
- possessor of a noun that is not a part or property of the place ("Moscow's military build-up",
  not "Moscow's streets") → metonymic;
- object or indirect object of a verb other than a verb of motion, attack or naming ("urged Russia",
  not "visited Russia") → metonymic;
- object of a non-locative preposition ("called on Washington", "talks with Russia", "backing from
  the United States"), except to/from after a word of motion ("travel to Russia", "ambassador to
  Moscow") and "of" unless after a relational noun ("the interest of China") → metonymic;
- everything else (after locative prepositions, compounds, appositions) → literal.
Conjuncts share the role of the first conjunct.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class MetonymyLexicon:
    """Word classes for the metonymy rule."""

    literal_subject_verbs: frozenset[str]
    literal_possessed_nouns: frozenset[str]
    literal_object_verbs: frozenset[str]
    locative_preps: frozenset[str]
    motion_words: frozenset[str]
    relational_heads: frozenset[str]


@lru_cache(maxsize=1)
def load_metonymy_lexicon() -> MetonymyLexicon:
    """The packaged word classes, read once."""
    path = resources.files("communique").joinpath("lang", "places_metonymy.json")
    raw = json.loads(path.read_text("utf-8"))
    return MetonymyLexicon(*(frozenset(raw[name]) for name in (
        "literal_subject_verbs", "literal_possessed_nouns", "literal_object_verbs", "locative_preps",
        "motion_words", "relational_heads")))


def span_root(doc, start: int, end: int):
    """The syntactic head of the tokens in ``[start, end)``, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def is_metonymic(doc, start: int, end: int) -> bool:
    """True when the place at ``[start, end)`` stands for an actor rather than a location."""
    token = span_root(doc, start, end)
    if token is None:
        return False
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    lex = load_metonymy_lexicon()
    head = token.head
    if token.dep_ in ("nsubj", "csubj"):
        return head.lemma_.lower() not in lex.literal_subject_verbs
    if token.dep_ == "poss":
        return not {head.lower_, head.lemma_.lower()} & lex.literal_possessed_nouns
    if token.dep_ in ("dobj", "dative"):
        return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in lex.literal_object_verbs
    if token.dep_ == "pobj":
        return relational_object(token, lex)
    return False


def relational_object(token, lex: MetonymyLexicon) -> bool:
    """"called on Washington", "talks with Russia", "attacked by Turkey"; not "flew to Moscow"."""
    prep = token.head
    governor = prep.head
    word, lemma = prep.lower_, governor.lemma_.lower()
    if word == "of":
        return lemma in lex.relational_heads or governor.lower_ in lex.relational_heads
    if word in lex.locative_preps or prep.pos_ not in ("ADP", "SCONJ"):
        return False
    if word in ("to", "from", "toward", "towards"):
        return lemma not in lex.motion_words and governor.lower_ not in lex.motion_words
    return True
