"""The times stage on parsed made-up text."""

from __future__ import annotations

from communique.stages.times import TimesStage


def run(parsed, text, **kwargs):
    return TimesStage().process(parsed(text, **kwargs))


def test_times_stage_resolves_a_weekday_in_a_past_clause(parsed):
    article = run(parsed, "The two ministers met on Monday in the capital.")
    monday = next(t for t in article.times if t.text == "Monday")
    assert (monday.value, monday.type) == ("2022-01-10", "DATE")
    assert article.text[monday.span[0] : monday.span[1]] == "Monday"
    assert monday.id == "T1"


def test_times_stage_resolves_a_future_weekday(parsed):
    article = run(parsed, "The council will convene on Wednesday to vote on the budget.")
    assert [t.value for t in article.times] == ["2022-01-12"]


def test_times_stage_keeps_month_granularity(parsed):
    article = run(parsed, "The ministry in December 2021 published two draft treaties.")
    assert [(t.text, t.value) for t in article.times] == [("December 2021", "2021-12")]


def test_times_stage_infers_a_missing_dateline(parsed):
    text = "OSLO, March 3, 2021 - Negotiators said yesterday that talks would resume."
    article = run(parsed, text, published=None)
    assert article.published == "2021-03-03"
    assert article.published_inferred is True
    assert "2021-03-02" in [t.value for t in article.times]


def test_times_stage_leaves_relative_dates_unresolved_without_any_date(parsed):
    article = run(parsed, "Negotiators said yesterday that talks would resume.", published=None)
    assert article.published is None
    assert article.published_inferred is False
    assert [t.value for t in article.times if t.text == "yesterday"] == [None]
