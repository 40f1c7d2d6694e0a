"""Channels: the outlet, platform or medium a statement came through ("told Sputnik", "on Facebook")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Token

KINDS = frozenset({"outlet", "platform", "medium", "outlet_word"})
CHANNEL_PREPS = frozenset({"in", "on", "at", "with", "via", "through", "during", "to", "according"})
HEARER_DEPS = frozenset({"dobj", "dative"})
"""A cue's hearer is its channel when it names an outlet: "told Sputnik", "told CNN"."""


class ChannelLexiconError(ValueError):
    """A line of channels.tsv cannot be read; the message names the line."""


@dataclass(frozen=True, slots=True)
class ChannelLexicon:
    """Known outlets and platforms (by name), medium nouns, and words that end outlet names."""

    names: dict[str, str]
    media: frozenset[str]
    outlet_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel found in the text: its name and character span."""

    name: str
    span: tuple[int, int]
    kind: str


def read_channels(text: str) -> ChannelLexicon:
    """Parse channels.tsv text."""
    names: dict[str, str] = {}
    media: set[str] = set()
    words: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or parts[1].strip() not in KINDS:
            raise ChannelLexiconError(
                f"channels.tsv line {number}: expected 'pattern<TAB>kind', kind in {sorted(KINDS)}"
            )
        pattern, kind = parts[0].strip(), parts[1].strip()
        if kind == "medium":
            media.add(pattern.lower())
        elif kind == "outlet_word":
            words.add(pattern)
        else:
            names[pattern] = kind
    return ChannelLexicon(names, frozenset(media), frozenset(words))


@lru_cache(maxsize=1)
def load_channels() -> ChannelLexicon:
    """The packaged channel lexicon, read once per process."""
    return read_channels(files("communique").joinpath("lang/channels.tsv").read_text(encoding="utf-8"))


EntityKind = Callable[[int, int], str | None]
"""Looks up the kind of the entity covering a character span ("media" marks an outlet)."""


def name_tokens(head: Token) -> list[Token]:
    """A noun and its compound/proper-name modifiers, without determiners: 'the Associated Press'."""
    left = [c for c in head.lefts
            if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "NOUN", "ADJ")]
    tokens = [t for t in head.doc[min([head.i] + [t.i for t in left]): head.i + 1] if t.pos_ != "DET"]
    return tokens or [head]


def as_outlet(head: Token, lexicon: ChannelLexicon, entity_kind: EntityKind) -> Channel | None:
    """The named outlet or platform this noun is, if it is one."""
    tokens = name_tokens(head)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    name = "".join(t.text_with_ws for t in tokens).strip()
    kind = lexicon.names.get(name) or lexicon.names.get(head.text)
    if kind is None and head.pos_ == "PROPN" and head.text in lexicon.outlet_words:
        kind = "outlet"
    if kind is None and entity_kind(start, end) == "media":
        kind = "outlet"
    return Channel(name, (start, end), kind) if kind else None


def as_medium(head: Token, lexicon: ChannelLexicon) -> Channel | None:
    """A form of statement: 'a statement', 'a press conference', 'an interview'."""
    prev = head.doc[head.i - 1] if head.i > 0 else None
    if prev is not None and f"{prev.lower_} {head.lower_}" in lexicon.media:
        return Channel(f"{prev.lower_} {head.lower_}", (prev.idx, head.idx + len(head)), "medium")
    if head.lemma_.lower() in lexicon.media and head.pos_ == "NOUN":
        return Channel(head.lemma_.lower(), (head.idx, head.idx + len(head)), "medium")
    return None


def channel_in(
    head: Token, lexicon: ChannelLexicon, entity_kind: EntityKind, depth: int = 0
) -> Channel | None:
    """The channel a prepositional object names, looking inside a medium for its outlet
    ('a statement shared on Facebook' → Facebook, 'an interview with CNN' → CNN)."""
    outlet = as_outlet(head, lexicon, entity_kind)
    if outlet is not None:
        return outlet
    medium = as_medium(head, lexicon)
    if medium is None or depth > 0:
        return medium
    for inner in _prep_objects(head, deep=True):
        found = channel_in(inner, lexicon, entity_kind, depth + 1)
        if found is not None and found.kind != "medium":
            return found
    return medium


def _prep_objects(token: Token, deep: bool = False) -> list[Token]:
    """Objects of the channel prepositions under ``token`` (through participles when ``deep``)."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in CHANNEL_PREPS:
            found += [g for g in child.children if g.dep_ == "pobj"]
            if child.lower_ == "according":
                found += [g for to in child.children for g in to.children if g.dep_ == "pobj"]
        elif deep and child.dep_ in ("acl", "relcl", "prep"):
            found += _prep_objects(child, deep=False)
    return found


def find_channel(cue: Token, lexicon: ChannelLexicon, entity_kind: EntityKind) -> Channel | None:
    """The channel stated with a cue verb: its hearer, or a preposition on it (or on its head when
    the cue is a participle or a conjunct). Named outlets and platforms beat medium nouns."""
    candidates = [c for c in cue.children if c.dep_ in HEARER_DEPS]
    candidates += _prep_objects(cue)
    if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head.pos_ in ("VERB", "AUX"):
        candidates += _prep_objects(cue.head)
    best: Channel | None = None
    for token in candidates:
        found = channel_in(token, lexicon, entity_kind) if token.dep_ not in HEARER_DEPS \
            else as_outlet(token, lexicon, entity_kind)
        if found is not None and (best is None or (best.kind == "medium" and found.kind != "medium")):
            best = found
    return best
