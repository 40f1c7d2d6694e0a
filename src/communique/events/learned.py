"""The learned layer: events the rules leave uncoded, found, typed and given actors by the event model."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from communique.events.arguments import find_roles
from communique.events.candidate import Candidate
from communique.events.completion import clause_root, complete_roles, has_actor_source
from communique.events.features import predicate_features, predicates, token_vector
from communique.events.lexicon import Lexicon, TriggerEntry
from communique.events.modality import attitude, modality
from communique.events.model import NONE, EventModel
from communique.events.triggers import Trigger, noun_keys

SCOPES = ("sentence", "clause")
"""Where the model may add events: only in sentences with no rule event, or in any clause
without one."""
WORDS = ("lexicon", "new", "all")
"""Which words the model may code: words of the trigger lexicon the rules left uncoded, words the
lexicon lacks, or both."""


@dataclass(frozen=True, slots=True)
class LayerSettings:
    """How the learned layer runs: its gap scope and, when set, a threshold over the model's own."""

    scope: str = "sentence"
    threshold: float | None = None
    words: str = "lexicon"
    """One of ``WORDS``."""
    taught_only: bool = False
    """Code only words the training set taught as triggers."""


def entry_for(token: Token, plover: str, lex: Lexicon) -> TriggerEntry:
    """The lexicon's entry for the word when it has this type (its mode, CAMEO code and target
    prepositions); else a bare entry of that type."""
    kind = "noun" if token.pos_ == "NOUN" else "verb"
    entries = [lex.verbs.get(token.lemma_.lower())] if kind == "verb" else [
        lex.nouns.get(k) for k in noun_keys(token)]
    for entry in entries:
        if entry is not None and entry.plover == plover and entry.kind == kind:
            return entry
    return TriggerEntry(token.lemma_.lower(), kind, plover, None, None, (), None)


def covered_clauses(cands: list[Candidate]) -> set[int]:
    """Token indices of the clause roots that hold a rule event."""
    return {clause_root(c.trigger.token).i for c in cands}


def is_lexicon_word(token: Token, lex: Lexicon) -> bool:
    """True when the trigger lexicon has the word: as a verb, a verb with its particle, a noun
    (with its modifier), or either word of a light-verb phrase ("held talks"). The rules read
    those; where they dropped one, often on purpose ("will not allow developments"), the model
    may judge it again only when sure (seed/antonov type_f1 0.897 -> 0.839 at threshold 0.5,
    unchanged at 0.7)."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        if lemma in lex.verbs or any((lemma, c.lower_) in lex.phrasal for c in token.rights):
            return True
        return any((lemma, c.lemma_.lower()) in lex.light for c in token.children)
    if any(key in lex.nouns for key in noun_keys(token)):
        return True
    return (token.head.lemma_.lower(), lemma) in lex.light


def gaps(sent: Span, rule_cands: list[Candidate], scope: str, lex: Lexicon, words: str = "lexicon"
         ) -> list[Token]:
    """The predicates of the sentence the model may code: none where the rules coded the
    sentence (scope ``sentence``), else those of the clauses without a rule event; of them, the
    words of the trigger lexicon, the others, or all (``words``, one of ``WORDS``)."""
    if rule_cands and scope == "sentence":
        return []
    covered = covered_clauses(rule_cands)
    return [t for t in predicates(sent) if clause_root(t).i not in covered
            and (words == "all" or (words == "lexicon") == is_lexicon_word(t, lex))]


def code_gap(token: Token, lex: Lexicon, model: EventModel, threshold: float, quoted: set[int],
             taught_only: bool = False) -> Candidate | None:
    """The model's event for one predicate, or None: no event, too unsure, or no actor as source."""
    if taught_only and not model.knows(token.lemma_.lower()):
        return None  # a word never taught as a trigger: the type would be a guess from context
    feats, vector = predicate_features(token, lex), token_vector(token)
    plover, prob = model.events.best_event(feats, vector)
    if plover == NONE or prob < threshold or attitude(token, lex) or clause_root(token).dep_ == "relcl":
        return None
    entry = entry_for(token, plover, lex)
    trigger = Trigger(token, entry)
    roles = complete_roles(trigger, find_roles(trigger), lex)
    if not has_actor_source(token.doc, roles, lex):
        return None  # PLOVER needs a source: no actor, no event
    cameo = entry.cameo or model.cameo.best({**feats, f"plover={plover}": 1.0}, vector)[0]
    mood = modality(token, lex, token.i in quoted)
    return Candidate(trigger, entry, roles, mood, confidence=round(prob, 2), cameo=cameo, coded_by="model")


def learned_events(sent: Span, lex: Lexicon, model: EventModel, rule_cands: list[Candidate],
                   quoted: set[int], settings: LayerSettings) -> list[Candidate]:
    """The model's events in the rules' gaps of one sentence: at most one per clause, the surest."""
    threshold = model.threshold if settings.threshold is None else settings.threshold
    best: dict[int, Candidate] = {}
    for token in gaps(sent, rule_cands, settings.scope, lex, settings.words):
        cand = code_gap(token, lex, model, threshold, quoted, settings.taught_only)
        if cand is None:
            continue
        home = clause_root(token).i
        if home not in best or cand.confidence > best[home].confidence:
            best[home] = cand
    return sorted(best.values(), key=lambda c: c.trigger.token.i)
