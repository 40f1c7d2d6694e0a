"""Speech introduced by a name and a colon at the start of a line: a headline ("Pence: Flowers
Won't Be at Debate") or a transcript ("WALLACE: Let's start with ..."). The parser sees no
reporting verb there, so these lines are read from their layout."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from communique.wordlists import read_word_list

NAME_WORD = r"[^\W\d_][\w.'’-]*"
LINE_SPEECH = re.compile(
    rf"""^[ \t"“'‘]*(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}})[ \t]*:[ \t]+(?P<content>\S[^\n]*)""",
    re.MULTILINE,
)
"""A line opening with one to four words, a colon, and the rest of the line."""

MIN_CONTENT_WORDS = 3
SPEAKER_KINDS = frozenset({"person", "organization", "igo", "group", "media", "country"})
"""Entity kinds that can stand before a colon as the one speaking ("Pence: …", "Kremlin: …")."""
NAMED_SHARE = 0.8
"""Share of the label an entity mention must cover for the label to name that entity: "US-CHINA
TRADE" holds the country "US" but is a heading, not a speaker."""


@lru_cache(maxsize=1)
def line_labels() -> frozenset[str]:
    """Words that open a labelled line which is not speech (``lang/line_labels.txt``)."""
    return read_word_list("line_labels.txt")


@dataclass(frozen=True, slots=True)
class LineSpeech:
    """One line of speech: who (as written), the colon, and what they said, as character spans."""

    name: tuple[int, int]
    cue: tuple[int, int]
    content: tuple[int, int]


def find_line_speech(text: str) -> Iterator[LineSpeech]:
    """Every line that reads "Name: what they said"."""
    for match in LINE_SPEECH.finditer(text):
        name = match.group("name")
        words = name.split()
        if not all(word[0].isupper() for word in words) or words[0].lower() in line_labels():
            continue
        content_start, content_end = match.span("content")
        content_end = content_start + len(match.group("content").rstrip(" \t\"”"))
        if len(text[content_start:content_end].split()) < MIN_CONTENT_WORDS:
            continue
        colon = text.index(":", match.end("name"))
        yield LineSpeech(match.span("name"), (colon, colon + 1), (content_start, content_end))


def is_one_word_label(name: str) -> bool:
    """One word before the colon names who speaks: a headline's "Pence: …", "Poll: …", a
    transcript's "WALLACE: …". Several words that are no name ("US-CHINA TRADE: …", "Stealth
    Over Health: …") make a heading."""
    return len(name.split()) == 1


def names_speaker(name: tuple[int, int], mentions: list[tuple[int, int]], kind: str) -> bool:
    """An entity of a speaking kind whose mention covers the label ("Pence", "Kremlin") or ends it."""
    if kind not in SPEAKER_KINDS:
        return False
    length = name[1] - name[0]
    # or the label ends with the name, after a title or an outlet ("Dr. Ben Carson", "McCain
    # Challenger Kelli Ward", "NY Post"): polnear_train has 8 such speaking labels, no heading
    return any(min(e, name[1]) - max(s, name[0]) >= NAMED_SHARE * length or (e == name[1] and s > name[0])
               for s, e in mentions)
