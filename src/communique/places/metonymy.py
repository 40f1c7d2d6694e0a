"""Metonymy for the places stage: the actor layer's decision (``communique.actors.metonymy``),
so that a place and the actor over the same name never disagree."""

from __future__ import annotations

from communique.actors.metonymy import acts
from communique.actors.metonymy import is_metonymic as actor_decision
from communique.article import Article


def is_metonymic(article: Article, start: int, end: int, adjective: bool = False,
                 recalled: bool = False) -> bool:
    """True when the toponym at ``[start, end)`` stands for an actor; adjectives ("Russian") never do.

    A ``recalled`` name (one the NER took for a person or an organisation, "Tamil Nadu said") is
    judged by the same syntactic rule alone: the entity over it says nothing about the place.
    """
    if adjective:
        return False
    if not recalled:
        return actor_decision(article, (start, end))
    tokens = article.doc.char_span(start, end, alignment_mode="expand") if article.doc is not None else None
    return tokens is not None and len(tokens) > 0 and acts(tokens.root)
