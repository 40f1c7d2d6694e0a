"""Times: placeholder until its first real version lands."""

from __future__ import annotations

from communique.article import Article
from communique.stage import Stage


class TimesStage(Stage):
    """Fills nothing yet."""

    name = "times"
    requires = ("doc",)
    assigns = ("times",)

    def process(self, article: Article) -> Article:
        return article
