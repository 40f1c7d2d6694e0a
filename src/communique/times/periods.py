"""Rules for periods of a year and offsets from the period just mentioned: quarters and halves
("third-quarter profit" → ``1989-Q3``), "the year-ago quarter", "year-end", "the weekend", decades in
words, years in words ("nineteen ninety-six"), and "a year earlier" after "the third quarter"."""

from __future__ import annotations

import re
from datetime import date

from communique.times import calendar as cal
from communique.times.durations import COUNT_RE, UNIT_RE, number_of, point_value
from communique.times.lexicon import TimexLexicon, load_lexicon
from communique.times.timex import DATE, Timex

PART_MONTHS = {"Q": 3, "H": 6}
"""Months in one quarter (Q) and one half (H) of a year."""
PERIOD_VALUE = re.compile(r"(?P<year>\d{4})(?P<rest>-(?:Q[1-4]|H[12]|SP|SU|FA|WI|\d{2}))?")
"""A DATE value naming a year or a period of one: ``1989``, ``1989-Q3``, ``1989-H1``, ``1989-SP``,
``1989-10``."""


def rule_part_of_year(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"the third quarter", "third-quarter", "the first half of 1989", "fiscal 1990's second quarter"."""
    m = re.fullmatch(r"(?:the )?(?:(?:fiscal |calendar )?(?P<y1>\d{4})(?:'s)? )?(?:fiscal |calendar )?"
                     r"(?P<ord>[a-z0-9]+) (?P<part>[a-z]+)"
                     r"(?: of (?:fiscal |calendar |the year )?(?P<y2>\d{4})"
                     r"| of (?P<rel>the|this|last|next) (?:fiscal |calendar )?year)?", text)
    if not m or m["ord"] not in lex.ordinals or m["part"] not in lex.year_parts:
        return None
    part, index = lex.year_parts[m["part"]], lex.ordinals[m["ord"]]
    if index * PART_MONTHS[part] > 12:
        return None
    year = m["y1"] or m["y2"]
    if year is None and m["rel"] and anchor is not None:
        year = str(anchor.year + {"last": -1, "next": 1}.get(m["rel"], 0))
    return Timex(f"{year or part_year(anchor, part, index, tense)}-{part}{index}", DATE)


def is_game_period(text: str, sentence) -> bool:
    """True for a quarter or half with no year in a sentence with no money, percentage or business
    word: "in the second half" of a football match, not of a fiscal year."""
    if not re.search(r"\b(?:quarter|half)\b", text, re.I) or re.search(r"\d{4}|\byear|fiscal", text, re.I):
        return False
    if any(ent.label_ in ("MONEY", "PERCENT") for ent in sentence.ents):
        return False
    words = load_lexicon().business_words
    return not any(token.lower_ in words for token in sentence)


def part_year(anchor: date | None, part: str, index: int, tense: str | None) -> str:
    """The year of a quarter or half named without one.

    Past: the latest such period that has begun by the dateline ("fourth-quarter profit rose" in
    February is last year's). Future: the earliest that has not ended. Otherwise the nearest one, a
    tie going to the earlier (results are reported after the period).
    """
    if anchor is None:
        return "XXXX"
    length = PART_MONTHS[part]
    first, last = (index - 1) * length + 1, index * length
    if tense == cal.PAST:
        return str(anchor.year if first <= anchor.month else anchor.year - 1)
    if tense == cal.FUTURE:
        return str(anchor.year + 1 if last < anchor.month else anchor.year)
    month = anchor.year * 12 + anchor.month - 1

    def distance(year: int) -> int:
        start, end = year * 12 + first - 1, year * 12 + last - 1
        return max(start - month, month - end, 0)

    return str(min((anchor.year - 1, anchor.year, anchor.year + 1), key=distance))


def rule_year_end(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"year-end", "the end of the year": a past-tense clause means the last one that has passed."""
    m = re.fullmatch(r"(?:the )?(?:(?:fiscal |calendar )?year end|year's end"
                     r"|end of (?:the )?(?:fiscal |calendar )?year)(?: (?P<year>\d{4}))?", text)
    if not m:
        return None
    if m["year"]:
        return Timex(m["year"], DATE)
    if anchor is None:
        return Timex("XXXX", DATE)
    passed = tense == cal.PAST and anchor.month < 12  # in December the year's end is at hand
    return Timex(str(anchor.year - 1 if passed else anchor.year), DATE)


def rule_weekend(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"the weekend": the one before the dateline in a past clause, the next one in a future clause,
    else the dateline's own week's; an ISO week value ``1989-W44-WE``."""
    if text not in ("the weekend", "weekend"):
        return None
    if anchor is None:
        return Timex("XXXX-WXX-WE", DATE)
    if tense not in (cal.PAST, cal.FUTURE):
        return Timex(cal.week_value(anchor) + "-WE", DATE)
    saturday = cal.weekday_date(anchor, 5, tense)
    return Timex(cal.week_value(saturday) + "-WE", DATE)


def rule_decade_words(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"the '80s", "the eighties", "the nineteen-eighties" → ``198``; the century is the dateline's
    unless that decade is still to come in it."""
    m = re.fullmatch(r"(?:the )?(?:'(?P<digit>\d)0s|(?:(?P<hundreds>[a-z]+) )?(?P<tens>[a-z]+ies))", text)
    if not m:
        return None
    if m["digit"]:
        decade = int(m["digit"])
    else:
        tens = number_of(m["tens"][:-3] + "y", lex)
        if tens is None or not 20 <= tens <= 90:
            return None
        decade = int(tens) // 10
        if m["hundreds"]:
            century = number_of(m["hundreds"], lex)
            return Timex(f"{int(century)}{decade}", DATE) if century and 10 <= century <= 20 else None
    century = 19 if anchor is None else anchor.year // 100 - (decade * 10 > anchor.year % 100)
    return Timex(f"{century}{decade}", DATE)


def rule_year_words(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"nineteen ninety-six" → 1996, "the year two thousand" → 2000, "twenty twenty" → 2020."""
    m = re.fullmatch(r"(?:the year )?(?P<words>[a-z]+(?: [a-z]+){1,4})", text)
    year = year_in_words(m["words"].split(), lex) if m else None
    return Timex(str(year), DATE) if year is not None else None


def year_in_words(words: list[str], lex: TimexLexicon) -> int | None:
    """The year a spoken form names, or None: "two thousand and one", "nineteen oh five"."""
    if words[:2] == ["two", "thousand"]:
        rest = words[2:][1:] if words[2:3] == ["and"] else words[2:]
        small = under_hundred(rest, lex) if rest else 0
        return 2000 + small if small is not None else None
    high = lex.numbers.get(words[0])
    if high is None or not 10 <= high <= 21 or high % 1:
        return None
    rest = words[1:]
    if rest[:1] == ["hundred"]:
        rest = rest[1:][1:] if rest[1:2] == ["and"] else rest[1:]
        small = under_hundred(rest, lex) if rest else 0
    elif rest[:1] == ["oh"]:
        small = under_hundred(rest[1:], lex)
        small = small if small is not None and small < 10 else None
    else:
        small = under_hundred(rest, lex)
        small = small if small is not None and small >= 10 else None
    return int(high) * 100 + small if small is not None else None


def under_hundred(words: list[str], lex: TimexLexicon) -> int | None:
    """0..99 from "ninety six", "twelve", "five"; None for anything else."""
    values = [lex.numbers.get(w) for w in words]
    if not values or None in values or any(v % 1 for v in values):
        return None
    if len(values) == 1 and values[0] < 100:
        return int(values[0])
    if len(values) == 2 and values[0] in range(20, 100, 10) and 1 <= values[1] <= 9:
        return int(values[0] + values[1])
    return None


def rule_offset(text: str, reference: str | None, anchor: date | None, lex: TimexLexicon) -> Timex | None:
    """"a year earlier", "two days later": the period just mentioned moved by that much ("a year
    earlier" after "the third quarter" of 1989 is ``1988-Q3``), or the dateline when none was."""
    m = re.fullmatch(COUNT_RE + r" " + UNIT_RE + r" (?P<dir>earlier|later)", text)
    if not m or m["unit"] not in lex.units:
        return None
    amount, unit = number_of(m["count"], lex), lex.units[m["unit"]]
    if amount is None and m["count"] not in lex.vague_numbers:
        return None
    if amount is None:
        return Timex("PAST_REF" if m["dir"] == "earlier" else "FUTURE_REF", DATE)
    steps = int(amount) * (-1 if m["dir"] == "earlier" else 1)
    value = shifted_reference(reference, unit, steps)
    if value is None and anchor is not None:
        value = point_value(cal.shift(anchor, unit, steps), unit)
    return Timex(value, DATE)


def rule_anaphoric(text: str, reference: str | None, anchor: date | None, lex: TimexLexicon) -> Timex | None:
    """"the next day", "the following year", "the previous day", "the day before", "that day": a step
    from the date just mentioned ("On June 4 ... The previous day" is June 3). None without one, so
    the dateline rules take it."""
    relations = "|".join(lex.anaphoric_relations)
    m = (re.fullmatch(rf"(?:the )?(?P<rel>{relations}) (?P<unit>day|week|month|year)", text)
         or re.fullmatch(r"the (?P<unit>day|week|month|year) (?P<rel>before|after)", text))
    if not m or reference is None or not text.startswith(("the ", "that ")):
        return None  # "next week" without an article counts from the dateline
    step = {"before": -1, "after": 1}.get(m["rel"]) or lex.anaphoric_relations[m["rel"]]
    value = shifted_reference(reference, lex.units[m["unit"]], step)
    return Timex(value, DATE) if value is not None else None


def rule_the_part(text: str, reference: str | None, anchor: date | None, lex: TimexLexicon) -> Timex | None:
    """"the quarter", "the half": the quarter or half just mentioned ("Third-quarter profit rose ... For
    the quarter, revenue was ..."); None when the date mentioned last is not one."""
    m = re.fullmatch(r"the (?P<part>[a-z]+)", text)
    if not m or m["part"] not in lex.year_parts or reference is None:
        return None
    if not re.fullmatch(rf"\d{{4}}-{lex.year_parts[m['part']]}\d", reference):
        return None
    return Timex(reference, DATE)


def rule_year_ago_period(text: str, reference: str | None, anchor: date | None,
                         lex: TimexLexicon) -> Timex | None:
    """"the year-ago quarter", "the year-earlier period": the period just mentioned a year back."""
    starts = "|".join(re.escape(w) for w in lex.year_ago_words)
    m = re.fullmatch(rf"(?:the )?(?:{starts})(?:'s)? (?P<what>quarter|half|period|month|season|year)", text)
    if not m:
        return None
    value = shifted_reference(reference, "Y", -1)
    if value is None and anchor is not None:
        value = str(anchor.year - 1)
    return Timex(value, DATE)


def shifted_reference(reference: str | None, unit: str, steps: int) -> str | None:
    """``reference`` (a DATE value) moved by ``steps`` units at its own granularity, or None when the
    two do not fit (a quarter moved by days)."""
    if reference is None:
        return None
    day = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", reference)
    if day:
        found = cal.safe_date(int(day[1]), int(day[2]), int(day[3]))
        return point_value(cal.shift(found, unit, steps), unit) if found else None
    m = PERIOD_VALUE.fullmatch(reference)
    if not m:
        return None
    year, rest = int(m["year"]), m["rest"] or ""
    if unit == "Y":
        return f"{year + steps}{rest}"
    if unit == "Q" and rest.startswith("-Q"):
        shifted_year, month = cal.shift_months(year, (int(rest[2]) - 1) * 3 + 1, 3 * steps)
        return f"{shifted_year}-Q{(month - 1) // 3 + 1}"
    if unit == "M" and re.fullmatch(r"-\d{2}", rest):
        return cal.month_value(*cal.shift_months(year, int(rest[1:]), steps))
    return None
