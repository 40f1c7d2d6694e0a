"""The stage protocol: one job per module, ``Article -> Article``, with declared needs and fills."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from communique.article import Article

FIELDS = ("text", "doc", "entities", "quotes", "events", "times", "places", "links")
"""What a stage may require or assign. ``text`` and the metadata come with every article."""


class StageUnavailable(RuntimeError):
    """A stage cannot run because a resource it needs is missing; the message says how to fix it."""


class Stage:
    """Base class of every pipeline stage, built-in or plugin.

    Subclasses set ``name``, ``requires`` and ``assigns`` and implement ``process``.
    ``pipe`` may be overridden to work on batches (the nlp stage does, through ``nlp.pipe``).
    Settings come from the ``[stages.NAME]`` table of the config.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        self.settings: dict[str, Any] = dict(settings or {})

    def process(self, article: Article) -> Article:
        """Fill this stage's fields on one article."""
        raise NotImplementedError

    def __call__(self, article: Article) -> Article:
        return self.process(article)

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Process a stream of articles; the default calls ``process`` on each."""
        for article in articles:
            yield self.process(article)
