"""Calendar arithmetic: shifts that clamp to month ends, ISO weeks across a year boundary."""

from __future__ import annotations

from datetime import date

from communique.times import calendar as cal


def test_shift_clamps_a_leap_day_to_the_end_of_february():
    assert cal.shift(date(2024, 2, 29), "Y", -1) == date(2023, 2, 28)
    assert cal.shift(date(2022, 3, 31), "M", -1) == date(2022, 2, 28)


def test_week_value_uses_the_iso_year():
    assert cal.week_value(date(2021, 1, 1)) == "2020-W53"
    assert cal.week_value(date(2022, 1, 11)) == "2022-W02"


def test_day_month_year_prefers_a_near_date_over_a_past_tense():
    assert cal.day_month_year(date(2022, 1, 11), 1, 12, cal.PAST) == date(2022, 1, 12)
    assert cal.day_month_year(date(2022, 1, 11), 6, 1, cal.PAST) == date(2021, 6, 1)
    assert cal.day_month_year(date(2022, 1, 11), 2, 30, None) is None


def test_weekday_date_of_a_schedule_is_today_or_later():
    friday = date(2022, 1, 14)
    assert cal.weekday_date(friday, 4, cal.SCHEDULED) == friday
    assert cal.weekday_date(friday, 1, cal.SCHEDULED) == date(2022, 1, 18)
    assert cal.weekday_date(friday, 1, cal.PRESENT) == date(2022, 1, 11)


def test_day_month_year_follows_a_past_tense_beyond_a_week():
    january = date(2022, 1, 11)
    assert cal.day_month_year(january, 3, 3, cal.PAST) == date(2021, 3, 3)
    assert cal.day_month_year(january, 3, 3, cal.FUTURE) == date(2022, 3, 3)
    assert cal.day_month_year(january, 1, 14, cal.PAST) == date(2022, 1, 14)
