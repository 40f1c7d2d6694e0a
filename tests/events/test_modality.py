"""Tests for event modality."""

from __future__ import annotations

from communique.events.lexicon import load_lexicon
from communique.events.modality import modality


def _modality(parsed, text, word, quoted=False):
    doc = parsed(text).doc
    token = next(t for t in doc if t.text == word)
    return modality(token, load_lexicon(), quoted)


def test_modality_asserted(parsed):
    assert _modality(parsed, "The army attacked the village.", "attacked") == "asserted"


def test_modality_negated(parsed):
    assert _modality(parsed, "The army did not attack the village.", "attack") == "negated"


def test_modality_future_is_planned(parsed):
    assert _modality(parsed, "The ministers will meet in Vienna.", "meet") == "planned"


def test_modality_scheduled_noun_is_planned(parsed):
    assert _modality(parsed, "The scheduled meeting was moved.", "meeting") == "planned"


def test_modality_planning_an_invasion_is_hypothetical(parsed):
    assert _modality(parsed, "Officials say the army is planning an invasion.", "invasion") == "hypothetical"


def test_modality_conditional_is_hypothetical(parsed):
    assert _modality(parsed, "The move would undermine the talks.", "undermine") == "hypothetical"


def test_modality_inside_quotation_is_reported(parsed):
    assert _modality(parsed, "We attacked the camp, the colonel said.", "attacked", quoted=True) == "reported"


def test_modality_complement_of_reporting_verb_is_reported(parsed):
    assert _modality(parsed, "Officials said the rebels attacked the camp.", "attacked") == "reported"


def test_modality_failed_event_is_negated(parsed):
    assert _modality(parsed, "The two sides failed to reach a deal.", "reach") == "negated"


def test_modality_reported_would_is_planned(parsed):
    assert _modality(parsed, "The ministry said it would free the sailors.", "free") == "planned"


def test_modality_conditional_would_stays_hypothetical(parsed):
    assert _modality(parsed, "A strike would hurt the economy.", "hurt") == "hypothetical"
