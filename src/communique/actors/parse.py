"""One article's parse as plain lists, built once: spaCy makes a new Token object on every
``doc[i]`` and every iteration, which cost the actors stage most of its time."""

from __future__ import annotations

import bisect


class Parse:
    """A spaCy Doc's tokens, entities and sentence starts, indexed once per article.

    Indexing with an int gives the cached Token; a slice gives the Doc's Span (for ``.text`` and
    ``.root``); iteration walks the cached tokens.
    """

    def __init__(self, doc) -> None:
        self.doc = doc
        self.tokens = list(doc)
        self.text = doc.text
        self.lower = [tok.lower_ for tok in self.tokens]
        self.starts = [tok.idx for tok in self.tokens]
        self.ends = {start + len(tok.text): tok.i
                     for start, tok in zip(self.starts, self.tokens, strict=True)}
        """Token index by the character offset where the token ends."""
        self.sent_starts = [sent.start for sent in doc.sents]
        self.set_ents(list(doc.ents))

    def set_ents(self, ents: list) -> None:
        """The entities the actors stage reads (the Doc's own are left as the parser made them)."""
        self.ents = ents
        self.ent_of: list = [None] * len(self.tokens)
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self.doc[key]
        return self.tokens[key]

    def sentence_start(self, token_index: int) -> int:
        """Index of the first token of the sentence holding ``token_index``."""
        return self.sent_starts[bisect.bisect_right(self.sent_starts, token_index) - 1]

    def sentence(self, token_index: int) -> int:
        """Number of the sentence holding ``token_index`` (0-based)."""
        return bisect.bisect_right(self.sent_starts, token_index) - 1
