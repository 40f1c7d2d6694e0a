"""Modality of an event: asserted, planned, reported, denied, negated or hypothetical."""

from __future__ import annotations

from spacy.tokens import Token

from communique.events.lexicon import Lexicon

MODALITIES = ("asserted", "planned", "reported", "denied", "negated", "hypothetical")
CONTROL_DEPS = frozenset({"xcomp", "dobj", "pobj", "prep", "acomp", "nsubjpass"})
"""Relations through which a planning or modal verb governs an event ("planning an invasion")."""


def _words(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


def _has_cue(token: Token, lex: Lexicon, cls: str, deps: frozenset[str] | None = None) -> bool:
    """True when a child of ``token`` (restricted to ``deps``) is a cue of class ``cls``."""
    return any((deps is None or c.dep_ in deps) and any(lex.cue(w, cls) for w in _words(c))
               for c in token.children)


def is_negated(token: Token, lex: Lexicon) -> bool:
    """A negation on the trigger ("did not attack", "never met", "no talks")."""
    return _has_cue(token, lex, "negation", frozenset({"neg", "det", "advmod"}))


def governors(token: Token, limit: int = 3) -> list[Token]:
    """The verbs and nouns that govern ``token`` through control or object relations."""
    found = []
    for _ in range(limit):
        if token.dep_ not in CONTROL_DEPS or token.head.i == token.i:
            break
        token = token.head
        found.append(token)
    return found


def is_hypothetical(token: Token, lex: Lexicon) -> bool:
    """A modal, a condition, or a planning verb above the trigger ("would undermine", "plans to")."""
    for node in [token, *governors(token)]:
        if _has_cue(node, lex, "hypothetical", frozenset({"aux", "mark"})):
            return True
        planning = node.pos_ in ("VERB", "AUX", "ADJ") and lex.cue(node.lemma_.lower(), "hypothetical")
        if node.i != token.i and planning:
            return True
    return any(c.dep_ == "amod" and lex.cue(c.lower_, "hypothetical") for c in token.children)


def is_planned(token: Token, lex: Lexicon) -> bool:
    """Future tense, a schedule, or a planned-event modifier ("will meet", "the scheduled talks")."""
    for node in [token, *governors(token)]:
        if _has_cue(node, lex, "planned", frozenset({"aux"})):
            return True
        if node.i != token.i and any(lex.cue(w, "planned") for w in _words(node)):
            return True
    return _has_cue(token, lex, "planned", frozenset({"amod", "compound", "advmod"}))


def reporting_verb(token: Token, lex: Lexicon) -> Token | None:
    """The reporting verb ("said", "announced") whose complement holds the trigger, or None."""
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return None
        if node.dep_ in ("ccomp", "parataxis") and lex.cue(node.head.lemma_.lower(), "report"):
            return node.head
        if node.dep_ not in ("ccomp", "xcomp", "conj", "dobj", "pobj", "prep", "parataxis"):
            return None
        node = node.head
    return None


def attitude(token: Token, lex: Lexicon) -> bool:
    """ "was reluctant to meet", "uncomfortable discussing": a feeling about an action is not the
    action; the adjective governs the trigger, or is the complement of the verb that does."""
    if token.dep_ not in ("xcomp", "advcl", "ccomp"):
        return False
    head = token.head
    if head.pos_ == "ADJ" and lex.cue(head.lemma_.lower(), "attitude"):
        return True
    return _has_cue(head, lex, "attitude", frozenset({"acomp"}))


def failed(token: Token, lex: Lexicon) -> bool:
    """A failure verb above the trigger ("failed to reach agreement"): the event did not happen."""
    return any(lex.cue(node.lemma_.lower(), "failure") for node in governors(token))


def is_backshifted_future(token: Token, lex: Lexicon) -> bool:
    """ "X said it would attack": a reported "would" is the speaker's "will", not a condition."""
    if not _has_cue(token, lex, "backshift", frozenset({"aux"})):
        return False
    if _has_cue(token, lex, "hypothetical", frozenset({"mark"})):
        return False
    return reporting_verb(token, lex) is not None


def modality(token: Token, lex: Lexicon, quoted: bool) -> str:
    """The modality of an event triggered by ``token``; ``quoted`` when it lies in a quotation."""
    if is_negated(token, lex) or failed(token, lex):
        return "negated"
    if is_backshifted_future(token, lex):
        return "planned"
    if is_hypothetical(token, lex):
        return "hypothetical"
    if is_planned(token, lex):
        return "planned"
    if quoted or reporting_verb(token, lex) is not None:
        return "reported"
    return "asserted"
