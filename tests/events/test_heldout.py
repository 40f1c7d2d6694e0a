"""Tests for scoring coded sentences against labelled ones (the held-out figures of training)."""

from __future__ import annotations

from communique.events.heldout import Tally, overlaps, rule_coding, score
from communique.events.learned import LayerSettings
from communique.events.lexicon import load_lexicon
from communique.events.training import LabelledEvent, LabelledSentence


def test_heldout_tally_gives_precision_recall_and_f1():
    figures = Tally(tp=3, pred=4, gold=6).figures()
    assert (figures["p"], figures["r"], figures["f1"]) == (0.75, 0.5, 0.6)
    assert Tally().figures()["f1"] == 0.0


def test_heldout_a_side_without_gold_span_is_not_checked():
    assert overlaps([], None)
    assert overlaps([(0, 5)], (4, 9)) and not overlaps([(0, 4)], (4, 9))


def test_heldout_rules_scored_on_type_dyad_and_no_event_sentences(parsed):
    lex = load_lexicon()
    accused = "Ruritania accused Freedonia of spying."
    sentences = [
        LabelledSentence(accused, [LabelledEvent("ACCUSE", "112", (10, 17), (0, 9), (18, 27))]),
        LabelledSentence("Prices rose in March.", []),
    ]
    docs = [parsed(s.text).doc for s in sentences]
    figures = score(sentences, docs, [rule_coding(d, lex) for d in docs], lex, None, LayerSettings())
    assert figures["type"]["tp"] == 1 and figures["dyad"]["tp"] == 1
    assert figures["no_event_sentences_with_events"] == {"count": 0, "of": 1}
