"""Metonymy for the places stage: the actor layer's decision (``communique.actors.metonymy``),
so that a place and the actor over the same name never disagree."""

from __future__ import annotations

from communique.actors.metonymy import is_metonymic as actor_decision
from communique.article import Article


def is_metonymic(article: Article, start: int, end: int, adjective: bool = False) -> bool:
    """True when the toponym at ``[start, end)`` stands for an actor; adjectives ("Russian") never do."""
    return not adjective and actor_decision(article, (start, end))
