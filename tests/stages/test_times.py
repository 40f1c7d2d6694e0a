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


def found(article, text):
    time = next(t for t in article.times if t.text == text)
    assert article.text[time.span[0] : time.span[1]] == text
    return time.value, time.type


def test_times_stage_dates_quarters_against_the_dateline(parsed):
    article = run(parsed, "Third-quarter profit fell 10%, the company said on Monday.")
    assert found(article, "Third-quarter") == ("2021-Q3", "DATE")


def test_times_stage_counts_a_year_earlier_from_the_quarter_just_mentioned(parsed):
    text = "Net income rose to $8 million in the fourth quarter. A year earlier, the bank earned $6 million."
    article = run(parsed, text)
    assert found(article, "the fourth quarter") == ("2021-Q4", "DATE")
    assert found(article, "A year earlier") == ("2020-Q4", "DATE")


def test_times_stage_dates_the_year_ago_quarter(parsed):
    text = "Sales rose 6% in the third quarter from the year-ago quarter, the retailer said."
    article = run(parsed, text)
    assert found(article, "the year-ago quarter") == ("2020-Q3", "DATE")


def test_times_stage_keeps_a_comparison_a_duration(parsed):
    article = run(parsed, "The harvest began a month earlier than usual.")
    assert found(article, "a month") == ("P1M", "DURATION")


def test_times_stage_skips_the_half_of_a_match(parsed):
    article = run(parsed, "The visitors scored twice in the second half to win the match.")
    assert article.times == []


def test_times_stage_dates_a_past_weekend_and_year_end(parsed):
    article = run(parsed, "Protesters gathered over the weekend. Debt had peaked at year-end.")
    assert found(article, "the weekend") == ("2022-W01-WE", "DATE")
    assert found(article, "year-end") == ("2021", "DATE")


def test_times_stage_reads_references_and_vague_durations(parsed):
    text = "The union has previously rejected such offers, but officials will decide in the coming weeks."
    article = run(parsed, text)
    assert found(article, "previously") == ("PAST_REF", "DATE")
    assert found(article, "the coming weeks") == ("PXW", "DURATION")


def test_times_stage_leaves_as_soon_as_alone(parsed):
    article = run(parsed, "The guards fired as soon as the boat docked.")
    assert [t.text for t in article.times] == []


def test_times_stage_reads_a_year_in_words(parsed):
    article = run(parsed, "The dam was completed in nineteen ninety-six.")
    assert found(article, "nineteen ninety-six") == ("1996", "DATE")


def test_times_stage_splits_a_duration_from_now(parsed):
    article = run(parsed, "The mine will close twenty years from now.")
    assert found(article, "twenty years") == ("P20Y", "DURATION")
    assert found(article, "now") == ("PRESENT_REF", "DATE")


def test_times_stage_gives_a_range_of_durations_one_unit(parsed):
    article = run(parsed, "The repairs could take between 12 and 18 months.")
    assert found(article, "12") == ("P12M", "DURATION")
    assert found(article, "18 months") == ("P18M", "DURATION")


def test_times_stage_reads_a_race_time(parsed):
    article = run(parsed, "She won the marathon in 2:21:09, a course record.")
    assert found(article, "2:21:09") == ("PT2H21M9S", "DURATION")


def test_times_stage_dates_a_postponement_forward(parsed):
    article = run(parsed, "The final was postponed until Saturday because of snow.")
    assert found(article, "Saturday") == ("2022-01-15", "DATE")


def test_times_stage_dates_a_present_schedule_forward(parsed):
    article = run(parsed, "The province holds its election on Sunday.", published="2022-01-14")
    assert found(article, "Sunday") == ("2022-01-16", "DATE")


def test_times_stage_counts_the_next_day_from_the_date_just_mentioned(parsed):
    article = run(parsed, "Police arrested the driver on 3 March. The following day, he was freed.")
    assert found(article, "3 March") == ("2021-03-03", "DATE")
    assert found(article, "The following day") == ("2021-03-04", "DATE")


def test_times_stage_reads_the_first_months_of_a_year_as_a_duration(parsed):
    article = run(parsed, "In the first nine months of 2021, output rose 4%.")
    assert found(article, "the first nine months of 2021") == ("P9M", "DURATION")


def test_times_stage_reads_seconds_after_at_as_a_clock_time(parsed):
    article = run(parsed, "The quake struck at 9:41:07 near the coast.")
    assert found(article, "9:41:07") == ("2022-01-11T09:41:07", "TIME")
