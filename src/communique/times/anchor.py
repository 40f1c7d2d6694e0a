"""The document creation time (given, or inferred from a dateline or the latest full date) and the tense
of the clause a time expression sits in."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from communique.times import calendar as cal
from communique.times.lexicon import load_lexicon

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
DATELINE_CHARS = 120
"""A dateline ("GENEVA, Jan. 10 (Reuters) -") opens a story: a date this near the start with only
capitals, commas and spaces before it."""
DATELINE_PREFIX = re.compile(r"^[\sA-Z.,'()/\-]*$")


def parse_published(value: str | None) -> date | None:
    """The date part of an ISO date or datetime, or None."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    return cal.safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None


@lru_cache(maxsize=1)
def full_date_pattern() -> re.Pattern[str]:
    """"January 10, 2022", "10 Jan. 2022", "2022-01-10"."""
    names = "|".join(sorted(load_lexicon().months, key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?P<m1>{names})\.? (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y1>\d{{4}})"
        rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? (?P<m2>{names})\.?,? (?P<y2>\d{{4}})"
        rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))\b",
        re.IGNORECASE,
    )


def full_dates(text: str) -> list[tuple[int, date]]:
    """Every explicit day-month-year date in ``text`` with its offset, in text order."""
    months = load_lexicon().months
    found = []
    for m in full_date_pattern().finditer(text):
        year, month, day = (m[f"{part}1"] or m[f"{part}2"] or m[f"{part}3"] for part in "ymd")
        number = int(month) if month.isdigit() else months[month.lower()]
        if (found_date := cal.safe_date(int(year), number, int(day))) is not None:
            found.append((m.start(), found_date))
    return found


def infer_creation_time(text: str) -> date | None:
    """A dateline date near the top if there is one, else the latest full date in the text."""
    dates = full_dates(text)
    head = [d for offset, d in dates if offset < DATELINE_CHARS and DATELINE_PREFIX.match(text[:offset])]
    if head:
        return head[0]
    return max((d for _, d in dates), default=None)


def governing_verb(token):
    """The verb whose clause holds ``token``: the token's nearest verbal ancestor (four steps at most)."""
    for _ in range(5):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


DEFERRAL_PREPS = frozenset({"until", "till", "to", "for"})


def clause_tense(token) -> str | None:
    """"past", "future", "present" or None for the clause of ``token`` (a spaCy Token)."""
    verb = governing_verb(token)
    if verb is None:
        return None
    if is_deferral_target(token, verb):
        return cal.FUTURE
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or ("going" in words and any(c.lower_ == "to" for c in verb.children)):
        return cal.FUTURE
    if "to" in words and verb.head.lemma_.lower() in load_lexicon().prospective_heads:
        return cal.SCHEDULED  # "plans to meet Monday", "is due to arrive Sunday": today or later
    if any(a.tag_ == "VBD" for a in auxes) or (verb.tag_ == "VBD" and not auxes):
        return cal.PAST
    if verb.tag_ == "VBN" and (not auxes or words & {"has", "have", "had", "was", "were"}):
        return cal.PAST
    if words & {"would", "could", "might", "may", "should", "must", "can"}:
        return None
    if is_adverbial_participle(verb, auxes):
        head = governing_verb(verb.head)
        return clause_tense(head) if head is not None else None
    if is_scheduled(token, verb, auxes) and not in_quotation(token):
        return cal.SCHEDULED
    return cal.PRESENT


def in_quotation(token) -> bool:
    """True inside quotation marks in the token's paragraph: a quote's present tense is the speaker's
    ("Why don't you surprise them on Tuesday?"), not a schedule seen from the dateline."""
    text = token.doc.text
    start = text.rfind("\n", 0, token.idx) + 1
    before = text[start : token.idx]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def is_adverbial_participle(verb, auxes) -> bool:
    """True for a participle set off by a comma ("Speaking on Sunday, the senator attacked ...", "...,
    telling reporters on Friday"): it takes the tense of the clause it hangs on."""
    if verb.tag_ not in ("VBG", "VBN") or auxes or verb.dep_ != "advcl" or verb.head.i == verb.i:
        return False
    left = verb.left_edge.i
    return verb.i < verb.head.i or (left > 0 and verb.doc[left - 1].text == ",")


def is_scheduled(token, verb, auxes) -> bool:
    """True for a present-tense verb that the time hangs on directly ("Wisconsin holds its primary on
    Tuesday", "a service is planned Friday"): news writes what is scheduled in the present. A time
    on a noun ("talks follow the meeting on Monday") is that noun's own and is left out."""
    finite = verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes)
    habit = token.tag_ in ("NNS", "NNPS") or token.lower_.endswith("days")  # "meet on Sundays"
    if not finite or verb.tag_ == "VBG" or habit:
        return False
    head = token.head.head if token.dep_ == "pobj" else token.head
    return head.i == verb.i


def is_deferral_target(token, verb) -> bool:
    """True for the new time of a deferral: "postponed until Saturday", "delayed to March", "set for
    Monday" name a time after the report, whatever the tense of the verb."""
    prep = token.head
    return (token.dep_ == "pobj" and prep.lower_ in DEFERRAL_PREPS and prep.head.i == verb.i
            and verb.lemma_.lower() in load_lexicon().deferral_verbs)
