"""Periods of a year, years in words and offsets from the period just mentioned (``times/periods.py``)."""

from __future__ import annotations

from datetime import date

import pytest

from communique.times import periods
from communique.times.lexicon import load_lexicon

NOVEMBER = date(1989, 11, 1)  # a Wednesday
FEBRUARY = date(1990, 2, 14)  # a Wednesday


def value(rule, text, anchor=NOVEMBER, tense=None):
    found = rule(text, anchor, tense, load_lexicon())
    return None if found is None else (found.value, found.type)


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("the third quarter", NOVEMBER, "past", "1989-Q3"),
        ("third quarter", NOVEMBER, None, "1989-Q3"),
        ("the fourth quarter", FEBRUARY, "past", "1989-Q4"),
        ("the fourth quarter", FEBRUARY, None, "1989-Q4"),
        ("the first quarter", NOVEMBER, "future", "1990-Q1"),
        ("the second half", FEBRUARY, "future", "1990-H2"),
        ("the first half of 1988", NOVEMBER, "past", "1988-H1"),
        ("fiscal 1990's second quarter", NOVEMBER, None, "1990-Q2"),
        ("the fourth quarter of last year", FEBRUARY, "past", "1989-Q4"),
        ("the first half of the year", NOVEMBER, "past", "1989-H1"),
    ],
)
def test_rule_part_of_year_names_the_quarter_or_half(text, anchor, tense, expected):
    assert value(periods.rule_part_of_year, text, anchor, tense) == (expected, "DATE")


def test_rule_part_of_year_refuses_a_fifth_quarter_and_a_third_half():
    assert value(periods.rule_part_of_year, "the fifth quarter") is None
    assert value(periods.rule_part_of_year, "the third half") is None


def test_rule_year_end_is_last_years_in_a_past_clause():
    assert value(periods.rule_year_end, "year end", NOVEMBER, "past") == ("1988", "DATE")
    assert value(periods.rule_year_end, "the end of the year", NOVEMBER, "future") == ("1989", "DATE")
    assert value(periods.rule_year_end, "year end", date(1989, 12, 8), "past") == ("1989", "DATE")
    assert value(periods.rule_year_end, "year end 1991", NOVEMBER, "past") == ("1991", "DATE")


def test_rule_weekend_follows_the_tense():
    assert value(periods.rule_weekend, "the weekend", NOVEMBER, "past") == ("1989-W43-WE", "DATE")
    assert value(periods.rule_weekend, "the weekend", NOVEMBER, "future") == ("1989-W44-WE", "DATE")
    assert value(periods.rule_weekend, "the weekend", None, "past") == ("XXXX-WXX-WE", "DATE")


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("the eighties", NOVEMBER, "198"),
        ("the nineties", NOVEMBER, "189"),
        ("the nineties", date(2013, 3, 1), "199"),
        ("the '60s", NOVEMBER, "196"),
        ("the nineteen twenties", date(2013, 3, 1), "192"),
    ],
)
def test_rule_decade_words_gives_the_decade(text, anchor, expected):
    assert value(periods.rule_decade_words, text, anchor) == (expected, "DATE")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nineteen ninety six", "1996"),
        ("the year two thousand", "2000"),
        ("two thousand and one", "2001"),
        ("nineteen oh five", "1905"),
        ("nineteen hundred", "1900"),
        ("twenty twenty", "2020"),
    ],
)
def test_rule_year_words_reads_spoken_years(text, expected):
    assert value(periods.rule_year_words, text) == (expected, "DATE")


def test_rule_year_words_refuses_counts():
    assert value(periods.rule_year_words, "twenty six") is None
    assert value(periods.rule_year_words, "nineteen six") is None


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("a year earlier", "1989-Q3", "1988-Q3"),
        ("a year earlier", "1989-H1", "1988-H1"),
        ("a quarter earlier", "1989-Q1", "1988-Q4"),
        ("two years later", "1985", "1987"),
        ("two days later", "1989-03-30", "1989-04-01"),
        ("a month earlier", "1989-03", "1989-02"),
        ("a year earlier", None, "1988"),
        ("a year earlier", "PRESENT_REF", "1988"),
    ],
)
def test_rule_offset_counts_from_the_period_just_mentioned(text, reference, expected):
    found = periods.rule_offset(text, reference, NOVEMBER, load_lexicon())
    assert (found.value, found.type) == (expected, "DATE")


def test_rule_offset_refuses_a_word_that_is_not_an_amount():
    assert periods.rule_offset("it years later", "1989-Q3", NOVEMBER, load_lexicon()) is None


def test_rule_offset_with_a_vague_amount_is_a_reference():
    found = periods.rule_offset("several years earlier", "1989-Q3", NOVEMBER, load_lexicon())
    assert found.value == "PAST_REF"


def test_rule_year_ago_period_moves_the_reference_back_a_year():
    lex = load_lexicon()
    def moved(text, reference):
        found = periods.rule_year_ago_period(text, reference, NOVEMBER, lex)
        return None if found is None else found.value

    assert moved("the year ago quarter", "1989-Q3") == "1988-Q3"
    assert moved("the year earlier period", "1989-H1") == "1988-H1"
    assert moved("the year ago quarter", None) == "1988"
    assert moved("the quarter", "1989-Q3") is None


def test_is_game_period_tells_a_match_from_a_fiscal_year(nlp):
    match = nlp("The visitors scored twice in the second half to win the match.")
    accounts = nlp("Sales rose 4% in the second half, the retailer said.")
    assert periods.is_game_period("the second half", next(match.sents)) is True
    assert periods.is_game_period("the second half", next(accounts.sents)) is False
    assert periods.is_game_period("the second half of 1989", next(match.sents)) is False


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("the next day", "1989-03-03", "1989-03-04"),
        ("the previous day", "1989-06-04", "1989-06-03"),
        ("the following year", "1985", "1986"),
        ("the day before", "1989-06-04", "1989-06-03"),
        ("that day", "1989-06-04", "1989-06-04"),
        ("the same year", "1989-06-04", "1989"),
    ],
)
def test_rule_anaphoric_steps_from_the_date_just_mentioned(text, reference, expected):
    found = periods.rule_anaphoric(text, reference, NOVEMBER, load_lexicon())
    assert (found.value, found.type) == (expected, "DATE")


def test_rule_anaphoric_leaves_deictic_words_to_the_dateline():
    lex = load_lexicon()
    assert periods.rule_anaphoric("next week", "1989-03-03", NOVEMBER, lex) is None
    assert periods.rule_anaphoric("the next day", None, NOVEMBER, lex) is None


def test_rule_the_part_is_the_quarter_just_mentioned():
    lex = load_lexicon()
    assert periods.rule_the_part("the quarter", "1989-Q3", NOVEMBER, lex).value == "1989-Q3"
    assert periods.rule_the_part("the half", "1989-Q3", NOVEMBER, lex) is None
    assert periods.rule_the_part("the quarter", "1989-10-05", NOVEMBER, lex) is None
