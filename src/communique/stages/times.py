"""Times: find time expressions and normalise them to TIMEX3 values against the publication date."""

from __future__ import annotations

from datetime import date

from communique.article import Article, Time
from communique.stage import Stage
from communique.times.anchor import clause_tense, infer_creation_time, parse_published
from communique.times.normalise import normalise
from communique.times.patterns import candidate_spans


class TimesStage(Stage):
    """Fills ``article.times``; infers ``article.published`` from the text when it is missing.

    Settings: ``infer_published`` (default true) — look for a dateline or the latest full date when
    ``published`` is not given.
    """

    name = "times"
    requires = ("doc",)
    assigns = ("times",)

    def process(self, article: Article) -> Article:
        anchor = self.anchor(article)
        article.times = []
        for start, end in candidate_spans(article.doc):
            timex = normalise_span(article, start, end, anchor)
            if timex is not None:
                value, kind = timex
                article.times.append(
                    Time(f"T{len(article.times) + 1}", (start, end), article.text[start:end], value, kind)
                )
        return article

    def anchor(self, article: Article) -> date | None:
        """The creation time relative expressions resolve against; inferred (and recorded) if missing."""
        given = parse_published(article.published)
        if given is not None or not self.settings.get("infer_published", True):
            return given
        inferred = infer_creation_time(article.text)
        if inferred is not None:
            article.published = inferred.isoformat()
            article.published_inferred = True
        return inferred


def normalise_span(article: Article, start: int, end: int,
                   anchor: date | None) -> tuple[str | None, str] | None:
    """(value, type) of the text in ``[start, end)``, reading tense from the clause it sits in."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    tense = clause_tense(span.root) if span is not None and len(span) else None
    timex = normalise(article.text[start:end], anchor, tense)
    if timex is None:
        return None
    return timex.value, timex.type
