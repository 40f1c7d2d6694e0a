"""Actors: placeholder until its first real version lands."""

from __future__ import annotations

from communique.article import Article
from communique.stage import Stage


class ActorsStage(Stage):
    """Fills nothing yet."""

    name = "actors"
    requires = ("doc",)
    assigns = ("entities",)

    def process(self, article: Article) -> Article:
        return article
