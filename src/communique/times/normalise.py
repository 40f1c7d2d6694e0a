"""Normalise the text of one time expression to a TIMEX3 ``(value, type)`` against an anchor date.

Hand-written rules rather than a library. Measured on TempEval-3 platinum with the shared
evaluator (2026-11-28): dateparser 0.09 value F1, ctparse 0.3.6 0.22 (run on spaCy DATE/TIME spans:
weekdays always resolved forward, a bare month left without a year, day precision only, no weeks,
seasons, sets or references), timexy 0.1.3 0.14 (absolute dates only, no reference date, full
timestamps). These rules scored 0.87 then, 0.90 since issue 17: they keep the granularity the text
gives ("December 2021" is ``2021-12``, never a made-up day) and read tense from the clause (see
``anchor.clause_tense``).
"""

from __future__ import annotations

import re
from datetime import date

from communique.times import dates, durations, periods
from communique.times.lexicon import TimexLexicon, load_lexicon
from communique.times.timex import DATE, Timex

RULES = (
    periods.rule_part_of_year,
    periods.rule_weekend,
    periods.rule_decade_words,
    periods.rule_year_words,
    durations.rule_elapsed,
    durations.rule_set,
    dates.rule_relative,
    durations.rule_ago,
    durations.rule_duration,
    dates.rule_clock,
    dates.rule_calendar,
)
"""Tried in order on the cleaned text; the first that answers wins."""


def clean(text: str) -> str:
    """Lower case, one space between words, no edge punctuation, hyphens and possessives as spaces."""
    text = text.lower().replace("’", "'").replace("–", "-")
    text = re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=\d)-(?=[a-z])", " ", text)
    text = re.sub(r"'s$|(?<=s)'(?=\s|$)", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:!?\"'()")


def strip_modifiers(text: str, lex: TimexLexicon) -> str:
    """Drop leading mods ("early", "the end of", "almost") that TIMEX3 keeps in ``mod``, not ``value``."""
    changed = True
    while changed:
        changed = False
        for word in sorted(lex.modifiers, key=len, reverse=True):
            if text.startswith(word + " ") and len(text) > len(word) + 1:
                text, changed = text[len(word) + 1 :].strip(), True
                break
    return text


def normalise(text: str, anchor: date | None, tense: str | None = None,
              reference: str | None = None) -> Timex | None:
    """The TIMEX3 of ``text``, or None when it is not a time expression these rules know.

    ``reference`` is the value of the date mentioned last before ``text``: "a year earlier" and "the
    year-ago quarter" count from it.
    """
    lex = load_lexicon()
    raw = clean(text)
    if raw in lex.refs:
        return Timex(lex.refs[raw], DATE)
    found = periods.rule_year_end(raw, anchor, tense, lex)
    if found is not None:
        return found
    body = strip_modifiers(raw, lex)
    for referential in (periods.rule_offset, periods.rule_anaphoric, periods.rule_the_part,
                        periods.rule_year_ago_period):
        found = referential(body, reference, anchor, lex)
        if found is not None:
            return found
    for rule in RULES:
        found = rule(body, anchor, tense, lex)
        if found is not None:
            return found
    return None
