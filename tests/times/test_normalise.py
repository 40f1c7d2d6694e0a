"""Normalising time-expression text against a fixed dateline (Tuesday 2022-01-11) and its edges."""

from __future__ import annotations

from datetime import date

import pytest

from communique.times.normalise import normalise

DATELINE = date(2022, 1, 11)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("January 10, 2022", None, "2022-01-10"),
        ("10 January 2022", None, "2022-01-10"),
        ("10 January", "past", "2022-01-10"),
        ("Jan. 10", None, "2022-01-10"),
        ("the 10th of January", None, "2022-01-10"),
        ("10/01/2022", None, "2022-01-10"),
        ("2022-01-10", None, "2022-01-10"),
        ("12 January", "past", "2022-01-12"),
        ("December 2021", None, "2021-12"),
        ("1998", None, "1998"),
    ],
)
def test_normalise_reads_absolute_dates_at_their_granularity(text, tense, value):
    assert normalise(text, DATELINE, tense).value == value


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("Monday", "past", "2022-01-10"),
        ("Monday", "future", "2022-01-17"),
        ("Wednesday", "future", "2022-01-12"),
        ("Wednesday", "past", "2022-01-05"),
        ("Wednesday", "present", "2022-01-12"),
        ("Tuesday", "past", "2022-01-11"),
        ("Tuesday", "future", "2022-01-18"),
        ("last Tuesday", None, "2022-01-04"),
        ("next Monday", None, "2022-01-17"),
    ],
)
def test_normalise_resolves_weekdays_by_tense(text, tense, value):
    assert normalise(text, DATELINE, tense).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yesterday", "2022-01-10"),
        ("today", "2022-01-11"),
        ("tomorrow", "2022-01-12"),
        ("last week", "2022-W01"),
        ("this week", "2022-W02"),
        ("next month", "2022-02"),
        ("last month", "2021-12"),
        ("earlier this year", "2022"),
        ("last year", "2021"),
        ("two days ago", "2022-01-09"),
        ("three years ago", "2019"),
        ("last summer", "2021-SU"),
        ("the 1990s", "199"),
        ("the 20th century", "19"),
    ],
)
def test_normalise_resolves_relative_expressions(text, value):
    assert normalise(text, DATELINE, None).value == value


def test_normalise_bare_month_follows_tense():
    assert normalise("December", DATELINE, "past").value == "2021-12"
    assert normalise("December", DATELINE, "future").value == "2022-12"
    assert normalise("February", DATELINE, "future").value == "2022-02"


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("two years", "P2Y", "DURATION"),
        ("18 months", "P18M", "DURATION"),
        ("the past several months", "PXM", "DURATION"),
        ("a decade", "P10Y", "DURATION"),
        ("24 hours", "PT24H", "DURATION"),
        ("every week", "P1W", "SET"),
        ("every Monday", "XXXX-WXX-1", "SET"),
        ("now", "PRESENT_REF", "DATE"),
        ("currently", "PRESENT_REF", "DATE"),
        ("recently", "PAST_REF", "DATE"),
        ("the future", "FUTURE_REF", "DATE"),
        ("soon", "FUTURE_REF", "DATE"),
        ("previously", "PAST_REF", "DATE"),
        ("current", "PRESENT_REF", "DATE"),
        ("recent", "PAST_REF", "DATE"),
        ("the coming weeks", "PXW", "DURATION"),
        ("recent years", "PXY", "DURATION"),
        ("2:08:41", "PT2H8M41S", "DURATION"),
        ("third-quarter", "2021-Q3", "DATE"),
        ("the weekend", "2022-W02-WE", "DATE"),
        ("the end of the year", "2022", "DATE"),
        ("nineteen ninety-six", "1996", "DATE"),
        ("early in the 20th century", "19", "DATE"),
    ],
)
def test_normalise_gives_durations_sets_and_references(text, value, kind):
    timex = normalise(text, DATELINE, None)
    assert (timex.value, timex.type) == (value, kind)


def test_normalise_part_of_day_makes_a_time():
    timex = normalise("Monday morning", DATELINE, "past")
    assert (timex.value, timex.type) == ("2022-01-10TMO", "TIME")
    assert normalise("8 pm", DATELINE, None).value == "2022-01-11T20"
    assert normalise("9:41:07 a.m.", DATELINE, None).value == "2022-01-11T09:41:07"


def test_normalise_crosses_the_turn_of_a_year():
    new_year = date(2022, 1, 3)  # a Monday
    assert normalise("last week", new_year, None).value == "2021-W52"
    assert normalise("Friday", new_year, "past").value == "2021-12-31"
    assert normalise("30 December", new_year, "past").value == "2021-12-30"
    assert normalise("2 January", date(2021, 12, 30), "future").value == "2022-01-02"
    assert normalise("next month", date(2021, 12, 30), None).value == "2022-01"


def test_normalise_handles_a_leap_day():
    march = date(2024, 3, 1)
    assert normalise("yesterday", march, None).value == "2024-02-29"
    assert normalise("February 29", march, "past").value == "2024-02-29"
    assert normalise("a year ago", date(2024, 2, 29), None).value == "2023"


def test_normalise_leaves_relative_values_unresolved_without_a_dateline():
    assert normalise("yesterday", None, "past").value is None
    assert normalise("Monday", None, "past").value == "XXXX-WXX-1"
    assert normalise("10 January 2022", None, None).value == "2022-01-10"


def test_normalise_refuses_text_that_is_not_a_time():
    assert normalise("the ministry", DATELINE, None) is None


def test_normalise_counts_offsets_from_the_reference():
    assert normalise("a year earlier", DATELINE, "past", reference="2021-Q3").value == "2020-Q3"
    assert normalise("two days later", DATELINE, "past", reference="2021-12-30").value == "2022-01-01"
    assert normalise("the year-earlier period", DATELINE, None, reference="2021-H2").value == "2020-H2"
