"""Events read off the clause around another: allegations, demands and appeals ("X says Y must ...")."""

from __future__ import annotations

from spacy.tokens import Token

from communique.events.arguments import Roles, subject_of
from communique.events.candidate import Candidate
from communique.events.lexicon import Lexicon, TriggerEntry
from communique.events.modality import reporting_verb
from communique.events.triggers import Trigger

CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"})
Phrase = tuple[int, int]


def speech_event(verb: Token, plover: str, cameo: str, cand: Candidate,
                 sources: list[Phrase], mode: str | None = None) -> Candidate:
    """The speaker's own event: ``verb``'s subject acts on the source of the embedded ``cand``."""
    entry = TriggerEntry(verb.lemma_, "verb", plover, cameo, mode, (), None)
    roles = Roles(sources=sources, targets=list(cand.roles.sources))
    return Candidate(Trigger(verb, entry), entry, roles, "asserted", confidence=0.55, cameo=cameo)


def _other_actor(sources: list[Phrase], cand: Candidate) -> bool:
    """True when the speaker is someone else than the embedded event's source."""
    return bool(sources) and bool(cand.roles.sources) and not set(sources) & set(cand.roles.sources)


def allegations(cands: list[Candidate], lex: Lexicon) -> list[tuple[Candidate, int]]:
    """ "X believes that Y is planning an invasion": X accuses Y; with the replaced trigger index."""
    found = []
    for cand in cands:
        if cand.plover not in CONFLICT_TYPES or not cand.roles.sources:
            continue
        verb = _alleging_verb(cand.trigger.token, lex)
        if verb is None:
            continue
        sources, _ = subject_of(verb)
        # "X announced it will impose a curfew" is X's own threat, not an allegation
        if _other_actor(sources, cand):
            found.append((speech_event(verb, "ACCUSE", "112", cand, sources), cand.trigger.token.i))
    return found


def _alleging_verb(token: Token, lex: Lexicon) -> Token | None:
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return None
        head = node.head
        if node.dep_ == "ccomp" and _alleges(node, head, lex):
            return head
        node = node.head
    return None


def _alleges(clause: Token, verb: Token, lex: Lexicon) -> bool:
    """ "X believes/says that Y ...": a cue verb before a that-clause (not "..., police said")."""
    lemma = verb.lemma_.lower()
    if lex.cue(lemma, "allege"):
        return True
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return marked and verb.i < clause.i and lex.cue(lemma, "report")


def appeals(cands: list[Candidate], lex: Lexicon) -> list[tuple[Candidate, int]]:
    """ "X wants Y to attack Z": X appeals to Y (REQUEST, CAMEO 020); with the replaced index."""
    found = []
    for cand in cands:
        token = cand.trigger.token
        verb = token.head
        if token.dep_ not in ("ccomp", "xcomp") or not lex.cue(verb.lemma_.lower(), "intent"):
            continue
        sources = subject_of(verb)[0]
        if _other_actor(sources, cand):
            found.append((speech_event(verb, "REQUEST", "020", cand, sources, cand.plover.lower()), token.i))
    return found


def demands(cands: list[Candidate], lex: Lexicon) -> list[tuple[Candidate, int]]:
    """ "X said Y must return the ship": X demands of Y (REQUEST, CAMEO 10); with the replaced index."""
    found = []
    for cand in cands:
        token = cand.trigger.token
        if not cand.roles.sources or not any(
                c.dep_ == "aux" and lex.cue(c.lower_, "obligation") for c in token.children):
            continue
        verb = reporting_verb(token, lex)
        sources = subject_of(verb)[0] if verb is not None else []
        if sources:
            found.append((speech_event(verb, "REQUEST", "100", cand, sources, cand.plover.lower()), token.i))
    return found
