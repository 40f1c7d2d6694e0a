"""Events read off the clause around another: allegations, demands and appeals ("X says Y must ...")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from communique.events.arguments import Roles, actor_phrases, subject_of
from communique.events.candidate import Candidate
from communique.events.completion import is_actor_token
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
        if verb is None or _obliged_clause(_clause_verb(cand.trigger.token), lex) is not None:
            continue  # "X said Y must impose tariffs" demands, it does not allege (``demands``)
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
    speakers: set[int] = set()
    for cand in cands:
        token = cand.trigger.token
        obliged = _obliged_clause(_clause_verb(token), lex)
        if not cand.roles.sources or obliged is None or _is_norm(obliged):
            continue
        verb = reporting_verb(obliged, lex)
        sources = subject_of(verb)[0] if verb is not None else []
        if sources and verb.i not in speakers:  # one demand per statement, not one per verb in it
            speakers.add(verb.i)
            found.append((speech_event(verb, "REQUEST", "100", cand, sources, cand.plover.lower()), token.i))
    return found


OBLIGED_CHAIN = frozenset({"xcomp", "acomp", "advcl"})
"""Relations from the trigger up to the verb that carries "must": "the US must be ready to
mediate", "must ensure security to allow aid" (an adverbial clause only as a purpose "to")."""


def _is_norm(verb: Token) -> bool:
    """ "a president must be ready": an obligation of anyone of a kind states a norm, not a demand
    made of an actor (seen on campaign news, corpus/news.jsonl)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ in ("a", "an")
                                                        for d in c.children) for c in verb.children)


def _clause_verb(token: Token) -> Token:
    """The verb whose clause holds ``token``: a noun trigger ("tariffs") is in its verb's clause."""
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def _has_obligation(verb: Token, lex: Lexicon) -> bool:
    """Whether the verb carries an obligation auxiliary of the lexicon ("must")."""
    return any(c.dep_ == "aux" and lex.cue(c.lower_, "obligation") for c in verb.children)


def _obliged_clause(token: Token, lex: Lexicon) -> Token | None:
    """The verb with an obligation auxiliary ("must") that is the trigger or governs it through
    complements, or None."""
    node = token
    for _ in range(3):
        if _has_obligation(node, lex):
            return node
        if node.dep_ not in OBLIGED_CHAIN or node.head.i == node.i:
            return None
        if node.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return None  # "before they demobilize" is when, not what is demanded
        node = node.head
    return None


def bare_demands(sent: Span, lex: Lexicon,
                 derived: list[tuple[Candidate, int]]) -> list[tuple[Candidate, int]]:
    """ "X said China must drop its barriers": a demand whose content holds no trigger of its own;
    the clause's named subject is whom it is made of (a pronoun or a thing, "taxes must rise", is
    no one). A speaker with a demand already makes no second one; the index is -1: no trigger is
    replaced."""
    speakers = {c.trigger.token.i for c, _ in derived}
    found = []
    for token in sent:
        if not _has_obligation(token, lex):
            continue
        verb = reporting_verb(token, lex)
        if verb is None or verb.i in speakers or _is_norm(token):
            continue
        targets = [p for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and is_actor_token(c, lex)
                   for p in actor_phrases(c)]
        sources = subject_of(verb)[0]
        if targets and sources and not set(targets) & set(sources):
            speakers.add(verb.i)
            entry = TriggerEntry(verb.lemma_, "verb", "REQUEST", "100", None, (), None)
            roles = Roles(sources=sources, targets=targets)
            found.append((Candidate(Trigger(verb, entry), entry, roles, "asserted", confidence=0.55,
                                    cameo="100"), -1))
    return found
