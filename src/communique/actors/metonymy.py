"""Metonymy: when a place name stands for its government or people ("Moscow rejects...")."""

from __future__ import annotations

from functools import lru_cache

from communique.actors.vocabulary import read_rows, split_list
from communique.article import Article, Span


@lru_cache(maxsize=1)
def load_cues() -> dict[str, frozenset[str]]:
    """metonymy.tsv: prepositions and verbs whose object acts as an agent."""
    return {relation: frozenset(split_list(words)) for relation, words, *_ in read_rows("metonymy.tsv")}


def acts(token, depth: int = 0) -> bool:
    """True when ``token`` (a spaCy Token heading a name) is used as an agent, not a location.

    Subjects and possessors act; so do objects of "against/with/between" and of verbs such
    as "urge" or "call on". A passive subject ("Kyiv was shelled") is a location.
    """
    cues = load_cues()
    dep = token.dep_
    if dep in ("nsubj", "poss"):
        return True
    if dep == "conj" and depth < 3:
        return acts(token.head, depth + 1)
    if dep == "dobj":
        return token.head.lemma_ in cues["verb"]
    if dep == "pobj":
        prep = token.head
        if prep.dep_ == "agent" or prep.lower_ in cues["prep"]:
            return True
        return prep.lower_ in ("on", "upon") and prep.head.lemma_ in cues["verb"]
    return False


def is_metonymic(article: Article, span: Span) -> bool:
    """Whether the toponym at ``span`` stands for a government or people rather than a place.

    For the places stage: true when the actors stage made the span a mention of a government
    (a seat such as "Moscow" or "the Kremlin" used as an actor) or of a country used as an
    actor ("Russia claims..."). Needs ``article.doc`` for countries; without it only the
    government case is recognised.
    """
    entity = article.entity_at(*span)
    if entity is None or entity.kind in ("place", "person"):
        return False
    if entity.kind != "country":
        return True
    if article.doc is None:
        return False
    tokens = article.doc.char_span(span[0], span[1], alignment_mode="expand")
    return tokens is not None and len(tokens) > 0 and acts(tokens.root)
