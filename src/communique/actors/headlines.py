"""Names in Title Case lines: a capital in a headline proves nothing, so the body must confirm it.

"Bernie Sanders Promises Action", "Buffalo to Albany", "Disavow Lindsey Graham Endorsement":
in a line written in headline case every word is capitalised, and the name finder takes runs
of them for names. A name there is kept only as far as the article's other lines write it
("Bernie Sanders", "Lindsey Graham"); the rest of the line's capitalised words are claimed so
that no later pass makes a name of them. Vocabulary names (countries, IGOs, outlets) and
institutions are found before and are not touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "over", "the", "to", "up", "vs", "via", "with",
})
"""Words a headline leaves in lower case; they neither prove nor disprove Title Case."""
TITLE_CASE_SHARE = 1.0
"""Share of the other words starting with a capital that makes a line a headline (the same
rule as scripts/event_actor_audit.py): all of them. At 0.75, captions and sentences full of
names ("Space Shuttle Columbia lifts off from Launch Pad 39A") passed, and entities/gum_news
proper_r fell 0.899 -> 0.885."""
MIN_TITLE_WORDS = 4
MIN_BODY_CHARS = 80
"""Below this much other text (a sentence) there is nothing to confirm a name against: the rule
stays off. The corpus has articles of a headline and one sentence."""
WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def is_title_case(line: str) -> bool:
    """A line whose words, short function words aside, nearly all start with a capital."""
    words = [w for w in WORD.findall(line) if w.lower() not in SMALL_WORDS]
    if len(words) < MIN_TITLE_WORDS:
        return False
    return sum(1 for w in words if w[0].isupper()) >= TITLE_CASE_SHARE * len(words)


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text's Title Case lines."""
    ranges, start = [], 0
    for line in text.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        if is_title_case(text[start:end]):
            ranges.append((start, end))
        start += len(line)
    return ranges


def blanked(text: str, ranges: list[tuple[int, int]]) -> str:
    """The text with the given ranges replaced by spaces (offsets kept)."""
    chars = list(text)
    for start, end in ranges:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def written_in(body: str, phrase: str) -> bool:
    """True when ``phrase`` occurs in ``body`` as whole words, with the same capitals."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", body) is not None


def confirmed_part(doc, start: int, end: int, body: str) -> tuple[int, int] | None:
    """The longest token range inside ``[start, end)`` that the body writes, earliest first."""
    for width in range(end - start, 0, -1):
        for first in range(start, end - width + 1):
            text = doc.text[doc[first].idx:doc[first + width - 1].idx + len(doc[first + width - 1].text)]
            if any(ch.isalpha() for ch in text) and written_in(body, text):
                return first, first + width
    return None


@dataclass(frozen=True, slots=True)
class HeadlineText:
    """A text's Title Case lines and the rest of it (same offsets, headlines blanked)."""

    lines: tuple[tuple[int, int], ...]
    body: str

    def confirms(self, start: int, end: int, phrase: str) -> bool:
        """False for a phrase at ``[start, end)`` inside a headline that the body never writes."""
        inside = any(s <= start and end <= e for s, e in self.lines)
        return not inside or written_in(self.body, phrase)


def headline_text(text: str) -> HeadlineText | None:
    """The text's headlines and body, or None when it has no headline or too little body."""
    lines = title_case_lines(text)
    if not lines:
        return None
    body = blanked(text, lines)
    if len(body.strip()) < MIN_BODY_CHARS:
        return None
    return HeadlineText(tuple(lines), body)


def confirm_headline_names(doc, claimed: list) -> None:
    """Trim spaCy's entities in Title Case lines to what the body confirms and claim the other
    capitalised words of those lines. ``doc`` is an ``actors.parse.Parse``."""
    headlines = headline_text(doc.text)
    if headlines is None:
        return
    lines, body = headlines.lines, headlines.body
    inside = [any(s <= tok.idx < e for s, e in lines) for tok in doc]
    # the body's reading of a name wins: "Bernie Sanders Promises Action" is an ORG to the NER,
    # "Bernie Sanders" in the body a PERSON
    labels = {ent.text: ent.label_ for ent in doc.ents if not inside[ent.start]}
    kept = []
    for ent in doc.ents:
        if not inside[ent.start]:
            kept.append(ent)
            continue
        part = confirmed_part(doc, ent.start, ent.end, body)
        if part is not None:
            label = labels.get(doc[part[0]:part[1]].text, ent.label_)
            kept.append(Span(doc.doc, part[0], part[1], label=label))
    doc.set_ents(kept)
    named = {i for ent in kept for i in range(ent.start, ent.end)}
    for tok in doc:
        if inside[tok.i] and claimed[tok.i] is None and tok.i not in named and tok.text[:1].isupper():
            claimed[tok.i] = "headline"
