"""Rules for points in time: calendar dates at their own granularity, relative days and periods, clock
times, weekdays and parts of the day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from communique.times import calendar as cal
from communique.times.lexicon import TimexLexicon
from communique.times.timex import DATE, TIME, Timex

DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
RELATIONS = {"this": 0, "current": 0, "last": -1, "latest": -1, "previous": -1, "this past": -1, "next": 1,
             "coming": 1, "this coming": 1}
ZONES = r"(?: (?:gmt|utc|bst|cet|cest|est|edt|et|pst|pdt|local time|local))?"


def rule_relative(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"yesterday", "tonight", "last week", "next month", "this year", "last June", "next Monday"."""
    if text in ("tonight", "last night"):
        text = "today night" if text == "tonight" else "yesterday night"
    base, part = split_part_of_day(text, lex)
    return with_part(relative_point(base, anchor, tense, lex), part)


def relative_point(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """The relative day or period named by ``text`` (no part of day)."""
    if text in ("year", "the year"):
        text = "this year"
    if text in DAY_WORDS:
        return Timex(cal.day_value(anchor + timedelta(days=DAY_WORDS[text])) if anchor else None, DATE)
    m = re.fullmatch(r"(?:the )?(?P<rel>this past|this coming|this|current|latest|last|previous|next|coming) "
                     r"(?:fiscal |financial |calendar )?(?P<what>[a-z]+)", text)
    if not m:
        return None
    step, what = RELATIONS[m.group("rel")], m.group("what")
    if what.endswith("s") and lex.units.get(what[:-1]) == lex.units.get(what):
        return None  # "the coming weeks", "the past months": a duration of unknown length (PXW)
    if what in lex.weekdays:
        return relative_weekday(anchor, lex.weekdays[what], step)
    if what in lex.months:
        return relative_month(anchor, lex.months[what], step)
    if what in lex.seasons:
        relation = {-1: "last", 1: "next"}.get(step)
        code = lex.seasons[what]
        return Timex(f"{cal.season_year(anchor, code, relation, tense)}-{code}" if anchor else None, DATE)
    unit = lex.units.get(what)
    if unit is None or unit in ("H", "MIN", "S", "NI", "FN", "DE", "CE"):
        return None
    return Timex(relative_period(anchor, unit, step) if anchor else None, DATE)


def relative_period(anchor: date, unit: str, step: int) -> str:
    """The week, weekend, month, quarter, year or decade ``step`` periods from the anchor's."""
    if unit == "WE":
        return cal.week_value(anchor + timedelta(weeks=step)) + "-WE"
    if unit == "Q":
        year, month = cal.shift_months(anchor.year, anchor.month, 3 * step)
        return f"{year}-Q{(month - 1) // 3 + 1}"
    if unit == "CE":
        return f"{anchor.year // 100 + step:02d}"
    if unit == "DE":
        return str(anchor.year // 10 + step)
    return durations_point(cal.shift(anchor, unit, step), unit)


def durations_point(day: date, unit: str) -> str:
    """A date written at the granularity of ``unit``."""
    if unit == "Y":
        return str(day.year)
    if unit == "M":
        return cal.month_value(day.year, day.month)
    if unit == "W":
        return cal.week_value(day)
    return cal.day_value(day)


def relative_weekday(anchor: date | None, weekday: int, step: int) -> Timex:
    """"last Monday" (strictly before), "next Monday" (strictly after), "this Monday" (this week)."""
    if anchor is None:
        return Timex(f"XXXX-WXX-{weekday + 1}", DATE)
    if step < 0:
        back = (anchor.weekday() - weekday) % 7 or 7
        return Timex(cal.day_value(anchor - timedelta(days=back)), DATE)
    if step > 0:
        return Timex(cal.day_value(anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)), DATE)
    return Timex(cal.day_value(anchor + timedelta(days=weekday - anchor.weekday())), DATE)


def relative_month(anchor: date | None, month: int, step: int) -> Timex:
    """"last June" (the latest June before this month), "next June", "this June"."""
    if anchor is None:
        return Timex(f"XXXX-{month:02d}", DATE)
    year = anchor.year
    if step < 0 and month >= anchor.month:
        year -= 1
    elif step > 0 and month <= anchor.month:
        year += 1
    return Timex(cal.month_value(year, month), DATE)


def split_part_of_day(text: str, lex: TimexLexicon) -> tuple[str, str | None]:
    """("friday", "AF") from "friday afternoon"; "this morning" → ("today", "MO")."""
    words = text.split()
    if len(words) >= 2 and words[-1] in lex.parts_of_day:
        rest = " ".join(words[:-1])
        return ("today" if rest == "this" else rest), lex.parts_of_day[words[-1]]
    return text, None


def with_part(found: Timex | None, part: str | None) -> Timex | None:
    """A day value turned into a TIME of that part of the day."""
    if found is None or part is None:
        return found
    if found.value is None:
        return Timex(None, TIME)
    if not re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}|[\dX]{4}-WXX-\d", found.value):
        return None
    return Timex(f"{found.value}T{part}", TIME)


def rule_clock(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"8 pm", "15:00 GMT Saturday", "Monday at 9:30 a.m."."""
    m = re.fullmatch(r"(?:(?P<pre>(?!at ).+?),? )?(?:at )?(?P<h>\d{1,2})"
                     r"(?::(?P<m>\d{2})(?::(?P<s>\d{2}))?)? ?(?P<ampm>[ap]\.?m\.?)?"
                     + ZONES + r"(?:,? (?:on )?(?P<post>.+))?", text)
    if not m or not (m.group("m") or m.group("ampm")) or int(m.group("h")) > 24:
        return None
    hour = int(m.group("h")) % 12 + (12 if (m.group("ampm") or "").startswith("p") else 0)
    if not m.group("ampm"):
        hour = int(m.group("h"))
    clock = f"{hour:02d}:{m.group('m')}" if m.group("m") else f"{hour:02d}"
    if m.group("s"):
        clock += f":{m.group('s')}"
    day_text = m.group("pre") or m.group("post")
    if day_text:
        day = rule_relative(day_text, anchor, tense, lex) or rule_calendar(day_text, anchor, tense, lex)
        if day is None or day.value is None or "T" in day.value:
            return None
        return Timex(f"{day.value}T{clock}", TIME)
    return Timex(f"{cal.day_value(anchor) if anchor else 'XXXX-XX-XX'}T{clock}", TIME)


def rule_calendar(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """Absolute and partial calendar dates, weekdays, months, seasons, years, decades, centuries."""
    base, part = split_part_of_day(text, lex)
    base = re.sub(r"^(?:" + "|".join(lex.weekdays) + r"),? (?=\S+ \S+)", "", base)
    for parse in CALENDAR_PARSERS:
        found = parse(base, anchor, tense, lex)
        if found is not None:
            return with_part(found, part)
    return None


def parse_numeric(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"2022-01-10", "10/01/2022", "1/10/22": day-month or month-day, whichever lies nearer the anchor."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        day = cal.safe_date(int(m[1]), int(m[2]), int(m[3]))
        return Timex(cal.day_value(day), DATE) if day else None
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})", text)
    if not m:
        return None
    year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
    readings = (cal.safe_date(year, int(m[2]), int(m[1])), cal.safe_date(year, int(m[1]), int(m[2])))
    options = [d for d in readings if d]
    if not options:
        return None
    reference = anchor or date(year, 7, 1)
    return Timex(cal.day_value(min(options, key=lambda d: abs((d - reference).days))), DATE)


def month_number(word: str, lex: TimexLexicon) -> int | None:
    """1..12 for a month name or abbreviation (with or without its dot)."""
    return lex.months.get(word.rstrip("."))


def parse_month_day(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"January 10, 2022", "10 January 2022", "Jan. 10", "the 10th of January"."""
    m = (re.fullmatch(r"(?P<mon>[a-z]+\.?) (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<year>\d{4}))?", text)
         or re.fullmatch(r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<mon>[a-z]+\.?)"
                         r"(?:,? (?P<year>\d{4}))?", text))
    if not m or month_number(m["mon"], lex) is None:
        return None
    month, day = month_number(m["mon"], lex), int(m["day"])
    if m["year"]:
        found = cal.safe_date(int(m["year"]), month, day)
        return Timex(cal.day_value(found), DATE) if found else None
    if anchor is None:
        return Timex(f"XXXX-{month:02d}-{day:02d}", DATE)
    found = cal.day_month_year(anchor, month, day, tense)
    return Timex(cal.day_value(found), DATE) if found else None


def parse_month(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"December 2021" → 2021-12 (never a made-up day); "December" alone → the one the tense points at."""
    m = re.fullmatch(r"(?P<mon>[a-z]+\.?)(?:,? (?:of )?(?P<year>\d{4}))?", text)
    month = month_number(m["mon"], lex) if m else None
    if month is None or len(m["mon"]) < 3:
        return None
    if m["year"]:
        return Timex(cal.month_value(int(m["year"]), month), DATE)
    if anchor is None:
        return Timex(f"XXXX-{month:02d}", DATE)
    return Timex(cal.month_value(cal.month_year(anchor, month, tense), month), DATE)


def parse_weekday(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"Monday": the one the clause's tense points at (see ``calendar.weekday_date``)."""
    weekday = lex.weekdays.get(text.rstrip("."))
    if weekday is None or len(text) < 3:
        return None
    if anchor is None:
        return Timex(f"XXXX-WXX-{weekday + 1}", DATE)
    return Timex(cal.day_value(cal.weekday_date(anchor, weekday, tense)), DATE)


def parse_year_like(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"1998", "fiscal 2021", "the 1990s" → 199, "the 20th century" → 19, "summer 2021", "the summer"."""
    m = re.fullmatch(r"(?:fiscal |the year |calendar )?(\d{4})", text)
    if m and 1000 <= int(m[1]) <= 2199:
        return Timex(m[1], DATE)
    m = re.fullmatch(r"(?:the )?(\d{3})0s", text)
    if m:
        return Timex(m[1], DATE)
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", text)
    if m:
        return Timex(f"{int(m[1]) - 1:02d}", DATE)
    m = re.fullmatch(r"(?:the )?(?P<season>[a-z]+)(?: of)?(?: (?P<year>\d{4}))?", text)
    if m and m["season"] in lex.seasons:
        code = lex.seasons[m["season"]]
        if m["year"]:
            return Timex(f"{m['year']}-{code}", DATE)
        year = str(cal.season_year(anchor, code, None, tense)) if anchor else "XXXX"
        return Timex(f"{year}-{code}", DATE)
    return None


CALENDAR_PARSERS = (parse_numeric, parse_month_day, parse_month, parse_weekday, parse_year_like)
