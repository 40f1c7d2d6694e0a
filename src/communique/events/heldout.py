"""Scoring coded sentences against labelled ones: type and dyad P/R/F1, rules alone and with the model."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from communique.events.candidate import Candidate
from communique.events.coder import code_sentence
from communique.events.learned import LayerSettings, learned_events
from communique.events.lexicon import Lexicon
from communique.events.model import EventModel


@dataclass(slots=True)
class Tally:
    """True positives, predictions and gold items."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def figures(self) -> dict[str, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * self.tp / (self.pred + self.gold) if self.pred + self.gold else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": self.tp,
                "pred": self.pred, "gold": self.gold}


def char_ranges(doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(doc[a].idx, doc[b].idx + len(doc[b].text)) for a, b in ranges]


def overlaps(spans: list[tuple[int, int]], gold: tuple[int, int] | None) -> bool:
    """A gold side with no span is not checked; else some predicted span shares a character."""
    return gold is None or any(s < gold[1] and gold[0] < e for s, e in spans)


RuleCoding = list[tuple[object, list[Candidate]]]
"""The sentences of a parsed text, each with the rules' candidates."""


def rule_coding(doc, lex: Lexicon) -> RuleCoding:
    """The rules' candidates of every sentence (computed once, scored under many settings)."""
    return [(sent, code_sentence(sent, lex, set())) for sent in doc.sents]


def coded(rules: RuleCoding, lex: Lexicon, model: EventModel | None, settings: LayerSettings
          ) -> list[Candidate]:
    """Every candidate of a parsed text: the rules', then the model's in their gaps."""
    found = []
    for sent, cands in rules:
        found.extend(cands)
        if model is not None:
            found.extend(learned_events(sent, lex, model, cands, set(), settings))
    return found


def dyad_matches(cands: list[Candidate], events, doc) -> int:
    """Gold events matched one-to-one (greedily, in order) by a candidate of the same type whose
    source overlaps the gold source and whose target overlaps the gold target, where given."""
    free = list(cands)
    hits = 0
    for event in events:
        for cand in free:
            if cand.plover != event.plover:
                continue
            sources = char_ranges(doc, cand.roles.sources)
            targets = char_ranges(doc, cand.roles.targets)
            if overlaps(sources, event.source) and overlaps(targets, event.target):
                free.remove(cand)
                hits += 1
                break
    return hits


def score(sentences, docs, codings: list[RuleCoding], lex: Lexicon, model: EventModel | None,
          settings: LayerSettings) -> dict[str, dict[str, float]]:
    """Type and dyad P/R/F1 over the sentences, and how many no-event sentences got an event."""
    types, dyads, spurious = Tally(), Tally(), 0
    for sentence, doc, rules in zip(sentences, docs, codings, strict=True):
        cands = coded(rules, lex, model, settings)
        gold = Counter(e.plover for e in sentence.events)
        types.tp += sum((Counter(c.plover for c in cands) & gold).values())
        types.pred += len(cands)
        types.gold += len(sentence.events)
        dyads.tp += dyad_matches(cands, sentence.events, doc)
        dyads.pred += len(cands)
        dyads.gold += len(sentence.events)
        spurious += bool(cands) and not sentence.events
    return {"type": types.figures(), "dyad": dyads.figures(),
            "no_event_sentences_with_events": {"count": spurious,
                                               "of": sum(not s.events for s in sentences)}}
