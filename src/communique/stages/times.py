"""Times: find time expressions and normalise them to TIMEX3 values against the publication date."""

from __future__ import annotations

from datetime import date

from communique.article import Article, Time
from communique.stage import Stage
from communique.times.anchor import clause_tense, infer_creation_time, parse_published
from communique.times.normalise import normalise
from communique.times.patterns import candidate_spans, reading
from communique.times.periods import is_game_period


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
        reference = None
        for start, end in candidate_spans(article.doc):
            timex = normalise_span(article, start, end, anchor, reference)
            if timex is not None:
                value, kind = timex
                article.times.append(
                    Time(f"T{len(article.times) + 1}", (start, end), article.text[start:end], value, kind)
                )
                reference = next_reference(reference, value, kind)
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


def normalise_span(article: Article, start: int, end: int, anchor: date | None,
                   reference: str | None = None) -> tuple[str | None, str] | None:
    """(value, type) of the text in ``[start, end)``, reading tense from the clause it sits in and
    counting "a year earlier" from ``reference``, the date mentioned last."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    tense = clause_tense(span.root) if span is not None and len(span) else None
    timex = normalise(reading(article.text, start, end), anchor, tense, reference)
    if timex is None or (span is not None and is_game_period(article.text[start:end], span.sent)):
        return None
    return timex.value, timex.type


def next_reference(reference: str | None, value: str | None, kind: str) -> str | None:
    """The date later offsets count from: the last DATE or TIME with a calendar value (its day part)."""
    if kind not in ("DATE", "TIME") or not value or not value[:4].isdigit():
        return reference
    return value.split("T")[0]
