"""Quotes: direct, indirect and mixed quotations with their speaker, cue and channel."""

from __future__ import annotations

from communique.article import Article
from communique.quotes.assembly import extract_quotes
from communique.stage import Stage


class QuotesStage(Stage):
    """Finds who said, reported or believed what: fills ``article.quotes``."""

    name = "quotes"
    requires = ("doc", "entities")
    assigns = ("quotes",)

    def process(self, article: Article) -> Article:
        if article.doc is None:
            return article
        article.quotes = extract_quotes(article)
        return article
