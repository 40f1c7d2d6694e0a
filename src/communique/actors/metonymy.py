"""Metonymy: when a place name stands for its government, team or people ("Moscow rejects",
"talks with Beijing") rather than the place ("arrive in Moscow").

One rule serves both stages: the actors stage asks ``acts`` whether a seat of government is the
government, and the places stage asks ``is_metonymic``, which defers to the entity the actors
stage built over the span and otherwise applies the same ``acts``.

The rule (word classes in ``lang/metonymy.json``):
- subject of a verb other than a state/location verb ("lie", "border", "host") -> acts;
- possessor of a noun that is not a part or property of the place ("Moscow's demands", not
  "Moscow's streets") -> acts;
- object of a verb other than a verb of motion, attack or naming ("urged Russia", not
  "visited Russia") -> acts;
- object of a non-locative preposition ("called on Washington", "talks with Russia", "by
  Turkey"), except to/from after a word of motion ("flew to Moscow") and "of" unless after a
  relational noun ("the interests of China") -> acts;
- everything else (after locative prepositions, compounds, appositions, passive subjects) ->
  a location. Conjuncts share the role of the first conjunct.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from communique.article import Article, Span


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
def load_lexicon() -> MetonymyLexicon:
    """lang/metonymy.json, read once per process."""
    raw = json.loads((files("communique.lang") / "metonymy.json").read_text(encoding="utf-8"))
    return MetonymyLexicon(*(frozenset(raw[name]) for name in (
        "literal_subject_verbs", "literal_possessed_nouns", "literal_object_verbs", "locative_preps",
        "motion_words", "relational_heads")))


def acts(token) -> bool:
    """True when ``token`` (a spaCy Token heading a place name) stands for an actor."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    lex = load_lexicon()
    head, dep = token.head, token.dep_
    if dep in ("nsubj", "csubj"):
        return head.lemma_.lower() not in lex.literal_subject_verbs
    if dep == "poss":
        return not {head.lower_, head.lemma_.lower()} & lex.literal_possessed_nouns
    if dep in ("dobj", "dative"):
        return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in lex.literal_object_verbs
    if dep == "pobj":
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


def is_government(entity) -> bool:
    """A country's government (CAMEO code ISO3 + GOV), as seats and institutions become."""
    return entity.kind == "organization" and entity.code is not None and entity.code.endswith("GOV")


def is_metonymic(article: Article, span: Span) -> bool:
    """Whether the toponym at ``span`` stands for a government, team or people.

    A span the actors stage made a whole mention of a government ("the Kremlin"; "Moscow" where
    it acts) is metonymic; one inside a person's name is not; otherwise ``acts`` decides on the
    span's head, as it decided for the seats. Other organisations over a toponym are not taken
    as a sign: on places/geowebnews they were mostly venues the NER calls ORG ("Barclays Center",
    "Northwestern Memorial Hospital"), and trusting them cut literal_as_false .883 -> .868.
    """
    entity = article.entity_at(*span)
    if entity is not None:
        if entity.kind == "person":
            return False
        if is_government(entity) and tuple(span) in {tuple(m) for m in entity.mentions}:
            return True
    if article.doc is None:
        return False
    tokens = article.doc.char_span(span[0], span[1], alignment_mode="expand")
    return tokens is not None and len(tokens) > 0 and acts(tokens.root)
