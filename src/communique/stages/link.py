"""Link: placeholder until its first real version lands."""

from __future__ import annotations

from communique.article import Article
from communique.stage import Stage


class LinkStage(Stage):
    """Fills nothing yet."""

    name = "link"
    requires = ("events", "times", "places",)
    assigns = ("links",)

    def process(self, article: Article) -> Article:
        return article
