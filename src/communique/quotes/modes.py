"""How a quote reached its source's words: speech, writing, thought or perception."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from communique.quotes.attribution import Attribution
from communique.quotes.channels import Channel
from communique.wordlists import read_word_list

SPEECH = "speech"
WRITING = "writing"
WRITTEN_CHANNEL_KINDS = frozenset({"platform"})
"""A statement on a social network is posted, not spoken ("said on Twitter")."""


@lru_cache(maxsize=1)
def written_media() -> frozenset[str]:
    """Nouns for written statements (``lang/written_media.txt``)."""
    return read_word_list("written_media.txt")


def is_written_noun(token: Token | None) -> bool:
    """The token names a written statement: 'the report', 'a statement', 'court documents'."""
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    prev = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    words = written_media()
    return token.lemma_.lower() in words or f"{prev} {token.lemma_.lower()}" in words


def quote_mode(attribution: Attribution | None, channel: Channel | None) -> str:
    """The cue's attribution, turned to writing when the words came through a written medium
    ('said in a statement', 'wrote on Facebook') or from a document ('the report said')."""
    if attribution is None:
        return SPEECH
    if attribution.mode != SPEECH:
        return attribution.mode
    if channel is not None and (channel.kind in WRITTEN_CHANNEL_KINDS or channel.name in written_media()):
        return WRITING
    return WRITING if is_written_noun(attribution.subject) else SPEECH
