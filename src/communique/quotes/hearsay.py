"""Hearsay nouns: "Trump's claim that …", "allegations by the prosecutor that …" — the noun's
that-clause is a quote when the noun names its source, and no quote when it does not."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from communique.quotes.attribution import Attribution, trim
from communique.quotes.cues import MODES, CueLexiconError

SOURCE_PREPS = frozenset({"by", "from"})
"""'claims by officials', 'a warning from the ministry': the source after the noun."""


@lru_cache(maxsize=1)
def load_hearsay_nouns() -> dict[str, str]:
    """Noun lemma → attribution, from ``lang/hearsay_nouns.tsv``."""
    nouns: dict[str, str] = {}
    text = files("communique").joinpath("lang/hearsay_nouns.tsv").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        noun, _, mode = line.partition("\t")
        if mode.strip() not in MODES:
            raise CueLexiconError(f"hearsay_nouns.tsv line {number}: unknown attribution {mode!r}")
        nouns[noun.strip().lower()] = mode.strip()
    return nouns


def that_clause(noun: Token) -> Token | None:
    """The noun's complement clause opened by 'that' ("the claim that the vote was rigged")."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and child.i > noun.i and \
                any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            return child
    return None


def noun_source(noun: Token) -> Token | None:
    """Whose the claim is: a possessive ("Trump's", "his") or a 'by'/'from' phrase."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in SOURCE_PREPS:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def hearsay_attribution(text: str, noun: Token, mode: str) -> Attribution | None:
    """The attribution a hearsay noun makes, or None without a that-clause or without a source."""
    clause, source = that_clause(noun), noun_source(noun)
    if clause is None or source is None:
        return None
    tokens = [t for t in source.subtree if t.dep_ != "case"]
    source_span = trim(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    content = trim(text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
    noun_span = (noun.idx, noun.idx + len(noun))
    return Attribution(cue=noun, cue_span=noun_span, content=content, subject=source,
                       source_span=source_span, clause=noun_span, frame="clause", mode=mode)


def find_hearsay(doc: Doc, text: str) -> Iterator[Attribution]:
    """Every hearsay noun of the parse that names its source, in text order."""
    nouns = load_hearsay_nouns()
    strings = doc.vocab.strings
    wanted = {strings.add(noun): mode for noun, mode in nouns.items()}
    for i, lemma in enumerate(doc.to_array([LEMMA]).tolist()):
        mode = wanted.get(lemma)
        if mode is not None and doc[i].pos_ == "NOUN":
            found = hearsay_attribution(text, doc[i], mode)
            if found is not None:
                yield found
