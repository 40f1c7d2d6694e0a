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
