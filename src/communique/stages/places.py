"""Places: placeholder until its first real version lands."""

from __future__ import annotations

from communique.article import Article
from communique.stage import Stage


class PlacesStage(Stage):
    """Fills nothing yet."""

    name = "places"
    requires = ("doc", "entities",)
    assigns = ("places",)

    def process(self, article: Article) -> Article:
        return article
