"""Features of a predicate for the learned event layer: its words, its arguments, its parse vector."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Token

from communique.events.lexicon import Lexicon
from communique.events.triggers import noun_keys

ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "xcomp", "ccomp", "prt",
                           "agent", "acomp", "oprd", "neg", "aux", "poss", "compound", "amod"})
"""Children of a predicate whose relation and word are features ("dobj=troops", "prt=off")."""
NOUN_ACTOR_PREPS = frozenset({"between", "by", "against", "with", "on", "from", "of", "among"})
"""Prepositions through which a noun names its actors ("the talks between X and Y")."""
WINDOW = 4
"""Content words this many tokens either side of the predicate are bag-of-words features."""
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "ADP"})
VECTOR_PREFIX = "v"


def is_predicate(token: Token) -> bool:
    """A token that may report an event: a full verb, or a noun with an actor of its own
    (a possessor, a name modifying it, "between"/"by"/"against" phrase)."""
    if token.pos_ == "VERB":
        return True
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    for child in token.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ in ("compound", "amod") and (child.ent_type_ or child.pos_ == "PROPN"):
            return True
        if child.dep_ == "prep" and child.lower_ in NOUN_ACTOR_PREPS and child.lower_ != "of":
            return True
    return False


def predicates(sent) -> list[Token]:
    """The predicate tokens of a sentence, in text order."""
    return [t for t in sent if is_predicate(t)]


def _lex_types(token: Token, lex: Lexicon) -> set[str]:
    """The PLOVER types the trigger lexicon gives a word, as a verb or as a noun."""
    found = set()
    entry = lex.verbs.get(token.lemma_.lower())
    if entry is not None:
        found.add(entry.plover)
    for key in noun_keys(token):
        entry = lex.nouns.get(key)
        if entry is not None:
            found.add(entry.plover)
    return found


def _argument_features(token: Token, lex: Lexicon, feats: dict[str, float]) -> None:
    for child in token.children:
        dep = child.dep_
        if dep in ARGUMENT_DEPS:
            feats[f"{dep}={child.lemma_.lower()}"] = 1.0
            feats[f"has:{dep}"] = 1.0
            if child.ent_type_:
                feats[f"{dep}:ent={child.ent_type_}"] = 1.0
            for plover in _lex_types(child, lex):
                feats[f"{dep}:lex={plover}"] = 1.0
        elif dep in ("prep", "agent", "dative"):
            prep = child.lower_
            feats[f"prep={prep}"] = 1.0
            for obj in child.children:
                if obj.dep_ == "pobj":
                    feats[f"prep:{prep}={obj.lemma_.lower()}"] = 1.0
                    if obj.ent_type_:
                        feats[f"prep:{prep}:ent={obj.ent_type_}"] = 1.0
                    for plover in _lex_types(obj, lex):
                        feats[f"pobj:lex={plover}"] = 1.0


def _context_features(token: Token, feats: dict[str, float]) -> None:
    head = token.head
    feats[f"dep={token.dep_}"] = 1.0
    if head.i != token.i:
        feats[f"head={head.lemma_.lower()}"] = 1.0
        feats[f"head_dep={token.dep_}:{head.pos_}"] = 1.0
    doc = token.doc
    sent = token.sent
    first, last = max(sent.start, token.i - WINDOW), min(sent.end, token.i + WINDOW + 1)
    for other in doc[first:last]:
        if other.i != token.i and other.pos_ in CONTENT_POS:
            feats[f"w={other.lemma_.lower()}"] = 0.5


def token_vector(token: Token) -> np.ndarray | None:
    """The parser's own context vector of the token (spaCy's ``doc.tensor``): already computed by
    the parse, so it costs nothing; None when the pipeline keeps no tensor."""
    tensor = token.doc.tensor
    if tensor is None or not getattr(tensor, "size", 0) or len(tensor) <= token.i:
        return None
    return np.asarray(tensor[token.i], dtype=np.float32)


def vector_features(vector: np.ndarray | None) -> dict[str, float]:
    """The vector as named features ("v0" ... "v95"), the form training sees it in."""
    if vector is None:
        return {}
    return {f"{VECTOR_PREFIX}{n}": float(value) for n, value in enumerate(vector)}


def predicate_features(token: Token, lex: Lexicon) -> dict[str, float]:
    """Sparse features of one predicate: lemma, form, arguments (with their lexicon types), context
    (its vector comes apart, from ``token_vector``)."""
    lemma = token.lemma_.lower()
    feats: dict[str, float] = {
        "bias": 1.0, f"lemma={lemma}": 1.0, f"pos={token.pos_}": 1.0, f"tag={token.tag_}": 1.0,
    }
    for key in noun_keys(token)[:-1]:
        feats[f"key={key}"] = 1.0
    # what the lexicon makes of the word itself: the layer may also judge lexicon words the rules
    # left uncoded ("were released from detention", "is providing assistance"), and there the
    # lexicon's type is the best single clue to the event's type
    for plover in _lex_types(token, lex):
        feats[f"self:lex={plover}"] = 1.0
    _argument_features(token, lex, feats)
    _context_features(token, feats)
    return feats
