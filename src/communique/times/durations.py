"""Rules for durations ("two years"), offsets from the anchor ("two days ago") and sets ("every week")."""

from __future__ import annotations

import re
from datetime import date

from communique.times import calendar as cal
from communique.times.lexicon import TimexLexicon
from communique.times.timex import DATE, DURATION, SET, Timex


def number_of(word: str, lex: TimexLexicon) -> float | None:
    """``"two"`` → 2, ``"18"`` → 18, vague words → None."""
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return float(word)
    return lex.numbers.get(word)


def duration_value(amount: float | None, unit: str) -> str:
    """``P2Y``, ``PT24H``, ``PXM`` (vague amount), ``P10Y`` for a decade."""
    if unit in ("DE", "CE") and amount is not None:
        amount, unit = amount * (10 if unit == "DE" else 100), "Y"
    count = "X" if amount is None else (f"{amount:g}" if amount % 1 else str(int(amount)))
    if unit in ("H", "MIN", "S"):
        return f"PT{count}{'M' if unit == 'MIN' else unit}"
    if unit in ("NI", "WE", "FN"):
        return f"P{count}{'D' if unit == 'NI' else 'W' if unit == 'FN' else 'WE'}"
    return f"P{count}{unit}"


UNIT_RE = r"(?P<unit>[a-z]+)"
COUNT_RE = r"(?P<count>[\d.]+|[a-z]+(?: [a-z]+){0,2}?)"


def rule_duration(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"two years", "the past several months", "a decade", "days", "recent weeks", "four-week", "the
    first nine months of 1989"."""
    m = re.fullmatch(r"(?:the )?(?:(?:past|last|next|coming|previous|following|first|final|recent) )?"
                     + COUNT_RE + r" " + UNIT_RE + r"(?: long| old| or so| of (?:fiscal )?\d{4}"
                     r"| of (?:the|this|last) (?:fiscal )?year)?", text)
    if m and m.group("unit") in lex.units:
        count = m.group("count")
        unit = lex.units[m.group("unit")]
        if count in lex.vague_numbers or count == "recent":
            return Timex(duration_value(None, unit), DURATION)
        amount = number_of(count, lex)
        if amount is not None:
            return Timex(duration_value(amount, unit), DURATION)
    m = re.fullmatch(r"(?:the )?(?P<rel>past |recent |coming |next |following )?" + UNIT_RE, text)
    if m and m.group("unit") in lex.units:
        word = m.group("unit")
        plural = word.endswith("s") and lex.units.get(word[:-1]) == lex.units[word]
        if plural or m.group("rel") in ("past ", "next ", "coming ", "following "):
            return Timex(duration_value(None if plural else 1, lex.units[word]), DURATION)
    return None


def rule_elapsed(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"2:08:41", a race time: ``PT2H8M41S``."""
    m = re.fullmatch(r"(?P<h>\d):(?P<m>\d{2}):(?P<s>\d{2}(?:\.\d+)?)", text)
    if not m or int(m["m"]) > 59 or float(m["s"]) >= 60:
        return None
    seconds = m["s"].lstrip("0") or "0"
    return Timex(f"PT{m['h']}H{int(m['m'])}M{seconds}S", DURATION)


def rule_ago(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"two days ago", "four years ago", "a week earlier" (point before the anchor, at that unit)."""
    m = re.fullmatch(COUNT_RE + r" " + UNIT_RE + r" (?P<dir>ago|from now|hence)", text)
    if not m or m.group("unit") not in lex.units:
        return None
    unit = lex.units[m.group("unit")]
    amount = number_of(m.group("count"), lex)
    if amount is None:
        return Timex("PAST_REF" if m.group("dir") == "ago" else "FUTURE_REF", DATE)
    if anchor is None:
        return Timex(None, DATE)
    sign = -1 if m.group("dir") == "ago" else 1
    return Timex(point_value(cal.shift(anchor, unit, sign * int(amount)), unit), DATE)


def point_value(day: date, unit: str) -> str:
    """A date written at the granularity of the unit it was reached by."""
    if unit in ("Y", "DE", "CE"):
        return str(day.year) if unit == "Y" else str(day.year)[:3]
    if unit == "M":
        return cal.month_value(day.year, day.month)
    if unit == "W":
        return cal.week_value(day)
    return cal.day_value(day)


def rule_set(text: str, anchor: date | None, tense: str | None, lex: TimexLexicon) -> Timex | None:
    """"every week", "each Monday", "every morning", "annually"."""
    if text in lex.set_words:
        return Timex(lex.set_words[text], SET)
    m = re.fullmatch(r"(?:every|each|per) (?:other |single )?(?P<word>[a-z]+)", text)
    if not m:
        return None
    word = m.group("word")
    if word in lex.units:
        return Timex(duration_value(1, lex.units[word]), SET)
    if word in lex.weekdays:
        return Timex(f"XXXX-WXX-{lex.weekdays[word] + 1}", SET)
    if word in lex.parts_of_day:
        return Timex(f"XXXX-XX-XXT{lex.parts_of_day[word]}", SET)
    if word in lex.seasons:
        return Timex(f"XXXX-{lex.seasons[word]}", SET)
    return None
