"""Tests for the learned layer's features: which tokens are predicates, what describes them."""

from __future__ import annotations

from communique.events.features import predicate_features, predicates, token_vector, vector_features
from communique.events.lexicon import load_lexicon


def _sent(parsed, text):
    return next(iter(parsed(text).doc.sents))


def test_features_predicates_are_verbs_and_nouns_with_an_actor(parsed):
    sent = _sent(parsed, "Ruritania's blockade of the port closed the market and traders left.")
    assert [t.text for t in predicates(sent)] == ["blockade", "closed", "left"]  # not "port", "market"


def test_features_describe_the_word_and_its_arguments(parsed):
    sent = _sent(parsed, "Freedonian jets strafed the border town of Norvik on Sunday.")
    verb = next(t for t in sent if t.text == "strafed")
    feats = predicate_features(verb, load_lexicon())
    assert feats["lemma=strafe"] == 1.0 and feats["dobj=town"] == 1.0
    assert "prep=on" in feats and feats["has:nsubj"] == 1.0
    assert not any(name.startswith("self:lex=") for name in feats)  # "strafe" is not in the lexicon


def test_features_say_what_the_lexicon_makes_of_a_lexicon_word(parsed):
    sent = _sent(parsed, "Freedonian jets bombed the border town of Norvik on Sunday.")
    verb = next(t for t in sent if t.text == "bombed")
    assert predicate_features(verb, load_lexicon())["self:lex=ASSAULT"] == 1.0


def test_features_token_vector_is_the_parsers_own(parsed):
    sent = _sent(parsed, "Ruritania snubbed the envoy.")
    vector = token_vector(sent[1])
    assert vector is not None and vector.shape == (sent.doc.tensor.shape[1],)
    named = vector_features(vector)
    assert len(named) == len(vector) and named["v0"] == float(vector[0])
