"""Tests for the learned layer: events in the rules' gaps, with actors from the parse."""

from __future__ import annotations

from communique.events.coder import code_sentence
from communique.events.learned import LayerSettings, gaps, learned_events
from communique.events.lexicon import load_lexicon


def _learned(parsed, model, text, scope="sentence", words="new"):
    doc = parsed(text).doc
    lex = load_lexicon()
    found = []
    for sent in doc.sents:
        rules = code_sentence(sent, lex, set())
        settings = LayerSettings(scope, words=words, taught_only=True)
        found.extend(learned_events(sent, lex, model, rules, set(), settings))
    as_text = lambda ranges: [doc[a : b + 1].text for a, b in ranges]  # noqa: E731
    return [(c.plover, c.trigger.token.text, as_text(c.roles.sources), as_text(c.roles.targets), c)
            for c in found]


def test_learned_codes_an_attack_verb_the_lexicon_lacks(parsed, tiny_model):
    (event,) = _learned(parsed, tiny_model, "Graustark's helicopters strafed the village of Morna on Monday.")
    plover, trigger, sources, targets, cand = event
    assert (plover, trigger) == ("ASSAULT", "strafed")
    assert sources == ["Graustark's helicopters"] and targets == ["the village of Morna"]
    assert cand.coded_by == "model" and 0.0 < cand.confidence <= 1.0
    assert cand.cameo.startswith("19") and cand.modality == "asserted"


def test_learned_takes_modality_from_the_rules_code(parsed, tiny_model):
    (event,) = _learned(parsed, tiny_model, "Rebel gunners pummelled the convoy near Dalsk, officials said.")
    assert event[0] == "ASSAULT" and event[4].modality == "reported"


def test_learned_passive_takes_the_agent_as_source(parsed, tiny_model):
    (event,) = _learned(parsed, tiny_model, "The border post was strafed by Freedonian jets on Sunday.")
    assert event[2] == ["Freedonian jets"] and event[3] == ["The border post"]


def test_learned_sentence_without_an_event_gets_none(parsed, tiny_model):
    assert _learned(parsed, tiny_model, "Heavy snow fell across the mountain passes on Sunday.") == []


def test_learned_no_event_without_an_actor_as_source(parsed, tiny_model):
    assert _learned(parsed, tiny_model, "It was strafed repeatedly during the night.") == []


def test_learned_leaves_sentences_the_rules_coded(parsed, tiny_model):
    text = "Ruritania accused Freedonia of spying, and residents said Freedonian jets strafed the border."
    assert _learned(parsed, tiny_model, text) == []
    (event,) = _learned(parsed, tiny_model, text, scope="clause")
    assert event[:2] == ("ASSAULT", "strafed")


def test_learned_gaps_skip_the_clauses_of_rule_triggers(parsed):
    doc = parsed("Ruritania accused Freedonia of spying.").doc
    sent = next(iter(doc.sents))
    rules = code_sentence(sent, load_lexicon(), set())
    lex = load_lexicon()
    assert rules and gaps(sent, rules, "clause", lex) == [] and gaps(sent, rules, "sentence", lex) == []


def test_learned_gaps_leave_out_the_words_of_the_lexicon(parsed):
    doc = parsed("Ruritania will not allow developments, and rebel jets strafed the border.").doc
    sent = next(iter(doc.sents))
    assert [t.text for t in gaps(sent, [], "sentence", load_lexicon(), "new")] == ["strafed"]


def test_learned_gaps_of_lexicon_words_are_the_triggers_the_rules_dropped(parsed):
    # "allow" with a bare object is a lexicon word the rules drop on purpose; "strafed" is unknown
    doc = parsed("Ruritania will not allow developments, and rebel jets strafed the border.").doc
    sent = next(iter(doc.sents))
    lex = load_lexicon()
    assert [t.text for t in gaps(sent, [], "sentence", lex, "lexicon")] == ["allow"]
    assert [t.text for t in gaps(sent, [], "sentence", lex, "all")] == ["allow", "strafed"]


def test_learned_words_setting_decides_which_gaps_the_model_sees(parsed, tiny_model):
    text = "Ruritania will not allow developments, and rebel jets strafed the border."
    lexicon_only = _learned(parsed, tiny_model, text, words="lexicon")
    assert all(event[1] != "strafed" for event in lexicon_only)
