"""Quotes: placeholder until its first real version lands."""

from __future__ import annotations

from communique.article import Article
from communique.stage import Stage


class QuotesStage(Stage):
    """Fills nothing yet."""

    name = "quotes"
    requires = ("doc", "entities",)
    assigns = ("quotes",)

    def process(self, article: Article) -> Article:
        return article
