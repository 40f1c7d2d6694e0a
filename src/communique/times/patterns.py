"""Find time-expression spans: spaCy DATE/TIME entities, cut to TimeML extents, plus the words spaCy
leaves out ("now", "currently", a lone weekday)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from communique.times.lexicon import load_lexicon

LEADING_DROP = re.compile(
    r"^(?:(?:on|in|at|by|from|since|until|till|through|during|for|between|before|after|of|over|"
    r"about|around|some|approximately|roughly|as of|starting|beginning|within|per)\s+)+",
    re.IGNORECASE,
)
"""TimeML leaves the preposition out of the extent ("met on [Monday]")."""

TRAILING_DROP = re.compile(r"\s+(?:earlier|later|before|after|beforehand|afterwards|prior)$", re.IGNORECASE)
"""TimeML marks "[a month] earlier than usual" as a duration and leaves the adverb out; "a year
earlier" on its own is a point counted from the date just mentioned and keeps it."""
OFFSET_ADVERB = re.compile(r"\b(?:days?|weeks?|months?|quarters?|years?|decades?)\s+(?:earlier|later)$",
                           re.IGNORECASE)
"""Only a day or longer: "twenty minutes later" stays a duration, as TimeML has it."""
COMPARISON = re.compile(r"\s*than\b", re.IGNORECASE)

RANGE = re.compile(r"^(?P<a>\d{4})\s*[-–/]\s*(?P<b>\d{2}|\d{4})$"
                   r"|^(?:from |between )?(?P<c>.+?) (?:to|and|until|through) (?P<d>.+)$")
FROM_NOW = re.compile(r"^(?P<c>.+?) from (?P<d>now|today|tomorrow|yesterday)$", re.IGNORECASE)
"""TimeML marks "[eight years] from [now]" as a duration and the point it counts from."""
LEADING_NUMBER = re.compile(r"^\d{1,3},\s+(?=[a-z])", re.IGNORECASE)
"""A number before a comma is not part of the date after it ("before he is 40, eight years from now")."""
AGE = re.compile(r"\b(?:year|month|week|day)s?[- ]old\b|\baged?\b|\bages\b", re.IGNORECASE)


def candidate_spans(doc) -> Iterator[tuple[int, int]]:
    """Character spans of likely time expressions, in text order, not overlapping."""
    text = doc.text  # built from the tokens on every access: read it once
    spans = []
    for start, end in merged_entities(doc, text):
        if not AGE.search(text[start:end]):
            spans.extend(split_range(*trim(text, start, end)))
    taken = [(s, e) for s, e in spans if e > s]
    taken.extend(extra_spans(text, taken))
    return iter(sorted(set(taken)))


def merged_entities(doc, text: str) -> list[tuple[int, int]]:
    """DATE/TIME entity spans, joining neighbours split by a space ("Friday" + "afternoon")."""
    merged: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if merged and text[merged[-1][1] : ent.start_char].strip() == "":
            merged[-1] = (merged[-1][0], ent.end_char)
        else:
            merged.append((ent.start_char, ent.end_char))
    return merged


def trim(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The span without a leading preposition or a trailing possessive/punctuation."""
    chunk = text[start:end]
    m = LEADING_DROP.match(chunk) or LEADING_NUMBER.match(chunk)
    if m and m.end() < len(chunk):
        start += m.end()
    while end > start and text[end - 1] in " .,;:'’\"":
        if text[end - 1] == "." and re.search(r"\b(?:[a-z]\.[a-z]|jan|feb|aug|sept?|oct|nov|dec)\.$",
                                             text[start:end], re.I):
            break
        end -= 1
    if text[start:end].lower().endswith(("'s", "’s")):
        end -= 2
    m = TRAILING_DROP.search(text[start:end])
    offset = OFFSET_ADVERB.search(text[start:end]) and not COMPARISON.match(text, end)
    if m and m.start() > 0 and not offset:
        end = start + m.start()
    return text, start, end


def split_range(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"2009-2010" and "1957-58" as two years; "from June to August" as two months; "two years from
    now" as a duration and "now"."""
    chunk = text[start:end]
    m = RANGE.match(chunk) or FROM_NOW.match(chunk)
    if not m:
        return [(start, end)]
    if m.re is FROM_NOW:
        return [(start + m.start("c"), start + m.end("c")), (start + m.start("d"), start + m.end("d"))]
    if m["a"]:
        return [(start + m.start("a"), start + m.end("a")), (start + m.start("b"), start + m.end("b"))]
    left, right = m["c"], m["d"]
    if (looks_like_point(left) and looks_like_point(right)) or (is_count(left) and is_duration(right)):
        return [(start + m.start("c"), start + m.end("c")), (start + m.start("d"), start + m.end("d"))]
    return [(start, end)]


def is_count(text: str) -> bool:
    """True for a bare number, in digits or a word ("12", "two")."""
    return re.fullmatch(r"\d+", text) is not None or text.lower() in load_lexicon().numbers


def is_duration(text: str) -> bool:
    """True for a count and a unit ("18 months", "three years")."""
    words = text.lower().split()
    return len(words) == 2 and is_count(words[0]) and words[1] in load_lexicon().units


ELAPSED_LIKE = re.compile(r"\d:\d{2}:\d{2}(?:\.\d+)?")
RANGE_TAIL = re.compile(r"\s*(?:-|–|and|to|or)\s*(?:\d+|[a-z]+) (?P<unit>[a-z]+)\b", re.IGNORECASE)
YEAR_RANGE_HEAD = re.compile(r"(?P<century>\d{2})\d{2}\s*[-–/]\s*$")


def reading(text: str, start: int, end: int) -> str:
    """The text to normalise for the span ``[start, end)``: the first count of a range of durations
    takes the unit of the second ("between [12] and 18 months" reads "12 months"), the short second
    year of a range takes the first one's century ("1957-[58]" reads "1958"), a time with seconds
    after "at" keeps it and reads as a clock time, not a race time ("at [9:41:07]")."""
    piece = text[start:end]
    if ELAPSED_LIKE.fullmatch(piece) and text[max(0, start - 3) : start].lower() == "at ":
        return "at " + piece
    if re.fullmatch(r"\d{2}", piece):
        head = YEAR_RANGE_HEAD.search(text, max(0, start - 8), start)
        if head:
            return head["century"] + piece
    if is_count(piece):
        tail = RANGE_TAIL.match(text, end)
        if tail and tail["unit"].lower() in load_lexicon().units:
            return f"{piece} {tail['unit']}"
    return piece


def looks_like_point(text: str) -> bool:
    """True for a piece of a range that names a time on its own (a month, a weekday, a year)."""
    lex = load_lexicon()
    words = text.lower().replace(",", "").split()
    return bool(words) and (words[0].rstrip(".") in lex.months or words[0] in lex.weekdays
                            or re.fullmatch(r"\d{4}", words[0]) is not None)


ELAPSED = re.compile(r"(?<!\bat )\b\d:\d{2}:\d{2}(?:\.\d+)?\b(?! ?(?:[ap]\.?m\b|gmt|utc|local))",
                     re.IGNORECASE)
"""A race or stage time ("finished in 2:08:41"): a one-digit hour with seconds is an elapsed time in
news copy; a clock time with seconds comes after "at", or with two digits, a.m./p.m. or a zone."""


def extra_spans(text: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Reference words ("now", "currently", "the past"), weekdays and race times that spaCy did not
    tag as times."""
    for m in ELAPSED.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            yield m.start(), m.end()
    for m in anaphoric_pattern().finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            yield m.start(), m.end()
    for m in reference_pattern().finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if m.group().lower() == "now" and is_discourse_now(text, m.start()):
            continue
        if in_excluded_phrase(text, m.start(), m.end()):
            continue
        yield m.start(), m.end()


def in_excluded_phrase(text: str, start: int, end: int) -> bool:
    """True when the word is part of a phrase that is not a time ("as soon as", "current account")."""
    word = text[start:end].lower()
    for phrase in load_lexicon().ref_exclusions:
        at = phrase.find(word)
        if at < 0:
            continue
        begin = start - at
        if begin >= 0 and text[begin : begin + len(phrase)].lower() == phrase:
            return True
    return False


@lru_cache(maxsize=1)
def anaphoric_pattern() -> re.Pattern[str]:
    """"the following year", "the previous day": spaCy often leaves them untagged."""
    relations = "|".join(w for w, step in load_lexicon().anaphoric_relations.items() if step)
    return re.compile(rf"\bthe (?:{relations}) (?:day|week|month|year)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def reference_pattern() -> re.Pattern[str]:
    """Reference words and full weekday names, longest first."""
    lex = load_lexicon()
    weekdays = {w for w in lex.weekdays if len(w) > 4}  # full names only: "Sun", "Wed" are words too
    words = sorted(lex.standalone_refs | weekdays, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def is_discourse_now(text: str, offset: int) -> bool:
    """"now" in "now that ..." is a conjunction, not a time."""
    following = text[offset + 3 : offset + 9].lower()
    return following.startswith(" that")
