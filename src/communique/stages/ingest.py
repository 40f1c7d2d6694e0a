"""Ingest: check an article's text and metadata before anything parses it."""

from __future__ import annotations

import datetime as dt
import re

from communique.article import Article
from communique.stage import Stage


class TextRejected(ValueError):
    """The text cannot be analysed at all (empty, too long)."""


class IngestStage(Stage):
    """Validates the text and normalises ``published`` to an ISO date; problems go to ``errors``.

    An article whose text is rejected keeps an empty ``text`` for the later stages,
    so they produce no records for it, and the reason is in its errors.
    """

    name = "ingest"
    requires = ("text",)
    assigns = ()

    def process(self, article: Article) -> Article:
        try:
            check_text(article.text, int(self.settings.get("max_chars", 2_000_000)))
            check_variety(article.text, float(self.settings.get("min_distinct_words", 0.02)))
        except TextRejected as exc:
            article.add_error(self.name, str(exc))
            article.text = ""
        if article.published is not None:
            normalised = normalise_published(article.published)
            if normalised is None:
                article.add_error(
                    self.name,
                    f"published {article.published!r} is not an ISO date or datetime; "
                    "relative dates are left unresolved",
                )
            article.published = normalised
        return article


def check_text(text: str, max_chars: int) -> None:
    """Raise ``TextRejected`` for text that cannot be analysed."""
    if not isinstance(text, str):
        raise TextRejected(f"text must be a string, got {type(text).__name__}")
    if not text.strip():
        raise TextRejected("text is empty or only whitespace; nothing to extract")
    if len(text) > max_chars:
        raise TextRejected(
            f"text has {len(text):,} characters, over the limit of {max_chars:,} "
            "(setting stages.ingest.max_chars); split the document or raise the limit"
        )
    if "\x00" in text:
        raise TextRejected("text contains NUL characters; it looks like a binary file, not text")


VARIETY_MIN_WORDS = 5_000
"""Texts shorter than this many words are never judged degenerate: short repetitive texts (a list
of scores, a chant) are cheap to parse and may hold something."""

WORD = re.compile(r"\w+")


def check_variety(text: str, min_distinct: float) -> None:
    """Raise ``TextRejected`` for a long text made of a handful of words repeated over and over.

    Such a text ("said said said ...", one phrase pasted 10,000 times) holds no news, yet the
    parser alone spends 10-15 s on 40,000 words of it (issue 14). News prose of 5,000 words or
    more uses a fifth to a third of its words once or more as distinct forms; a share under
    ``min_distinct`` (setting stages.ingest.min_distinct_words, 0 = off) is not prose.
    """
    if min_distinct <= 0 or len(text) < VARIETY_MIN_WORDS * 2:
        return
    words = WORD.findall(text.lower())
    if len(words) < VARIETY_MIN_WORDS:
        return
    distinct = len(set(words))
    if distinct < min_distinct * len(words):
        raise TextRejected(
            f"text repeats {distinct:,} distinct words over {len(words):,} words; it is not prose "
            "and is not parsed (setting stages.ingest.min_distinct_words)"
        )


def normalise_published(value: object) -> str | None:
    """``published`` as ``YYYY-MM-DD``, or None when it is not an ISO date/datetime."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    try:
        return dt.date.fromisoformat(raw[:10]).isoformat() if len(raw) >= 10 else None
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None
