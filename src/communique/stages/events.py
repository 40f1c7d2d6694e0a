"""Events: placeholder until its first real version lands."""

from __future__ import annotations

from communique.article import Article
from communique.stage import Stage


class EventsStage(Stage):
    """Fills nothing yet."""

    name = "events"
    requires = ("doc", "entities", "quotes",)
    assigns = ("events",)

    def process(self, article: Article) -> Article:
        return article
