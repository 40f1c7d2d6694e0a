"""The ingest stage: rejects texts that cannot be analysed and normalises the publication date."""

from __future__ import annotations

import pytest

from communique.article import Article
from communique.stages.ingest import (
    IngestStage,
    TextRejected,
    check_text,
    check_variety,
    normalise_published,
)


def ingest(text: str, published: str | None = None, max_chars: int = 1000) -> Article:
    return IngestStage({"max_chars": max_chars}).process(Article(id="t", text=text, published=published))


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_or_blank_text_is_rejected_with_an_error(text: str):
    article = ingest(text)
    assert article.text == ""
    assert article.errors[0].stage == "ingest" and "empty" in article.errors[0].message


def test_text_over_the_limit_is_emptied_and_the_limit_named():
    article = ingest("The delegates met again. " * 10, max_chars=100)
    assert article.text == ""
    assert "stages.ingest.max_chars" in article.errors[0].message


def test_text_with_nul_characters_is_treated_as_binary():
    with pytest.raises(TextRejected, match="binary"):
        check_text("abc\x00def", 100)


def test_good_text_passes_untouched():
    article = ingest("The mayor of Lyon opened the bridge on Friday.", published="2022-01-11")
    assert article.text.startswith("The mayor") and not article.errors


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("2022-01-11", "2022-01-11"), ("2022-01-11T23:10:00Z", "2022-01-11"), ("2022-01-11 08:00", "2022-01-11"),
     ("  2021-12-31  ", "2021-12-31")],
)
def test_published_dates_and_datetimes_become_iso_dates(raw: str, iso: str):
    assert normalise_published(raw) == iso


@pytest.mark.parametrize("raw", ["last Tuesday", "11/01/2022", "2022-13-45", "", None])
def test_unparseable_published_gives_none(raw):
    assert normalise_published(raw) is None


def test_unparseable_published_is_reported_and_cleared():
    article = ingest("Talks resumed.", published="sometime in May")
    assert article.published is None
    assert "not an ISO date" in article.errors[0].message


def test_one_word_repeated_thousands_of_times_is_not_parsed():
    article = IngestStage({}).process(Article(id="t", text="said " * 8_000))
    assert article.text == ""
    assert article.errors[0].stage == "ingest"
    assert "stages.ingest.min_distinct_words" in article.errors[0].message


def test_a_long_report_of_varied_words_passes_the_variety_check():
    # 6,000 words drawn from 400 different ones: a long but ordinary vocabulary (share 0.067)
    words = [f"word{n % 400}" for n in range(6_000)]
    check_variety(" ".join(words), 0.02)


def test_a_short_repetitive_text_is_never_judged_degenerate():
    check_variety("Goal! " * 500, 0.02)


def test_the_variety_check_is_off_at_zero():
    check_variety("said " * 8_000, 0)
