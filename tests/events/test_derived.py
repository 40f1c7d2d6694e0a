"""Tests for events read off the surrounding clause: allegations, demands, appeals."""

from __future__ import annotations

from communique.events.coder import code_sentence
from communique.events.lexicon import load_lexicon


def _coded(parsed, text):
    doc = parsed(text).doc
    found = [c for s in doc.sents for c in code_sentence(s, load_lexicon(), set())]
    as_text = lambda ranges: [doc[a : b + 1].text for a, b in ranges]  # noqa: E731
    return [(c.plover, c.cameo, as_text(c.roles.sources), as_text(c.roles.targets)) for c in found]


def test_derived_belief_about_an_attack_is_an_accusation(parsed):
    found = _coded(parsed, "Ruritania believes that Freedonia attacked the pipeline.")
    assert found == [("ACCUSE", "112", ["Ruritania"], ["Freedonia"])]


def test_derived_must_is_a_demand_by_the_speaker(parsed):
    found = _coded(parsed, "Ruritania said that Freedonia must withdraw its troops.")
    assert found == [("REQUEST", "100", ["Ruritania"], ["Freedonia"])]


def test_derived_wanting_another_to_act_is_an_appeal(parsed):
    found = _coded(parsed, "Ruritania wants Freedonia to release the prisoners.")
    assert found == [("REQUEST", "020", ["Ruritania"], ["Freedonia"])]


def test_derived_must_clause_with_no_trigger_is_still_a_demand(parsed):
    found = _coded(parsed, "Ruritania declared on Monday that Freedonia must lower its import tariffs.")
    assert ("REQUEST", "100", ["Ruritania"], ["Freedonia"]) in found


def test_derived_must_on_a_governing_verb_makes_the_content_a_demand(parsed):
    text = "Ruritania said Freedonia must stand ready to mediate in the feud of the rebels and the army."
    found = _coded(parsed, text)
    assert [f[0] for f in found] == ["REQUEST"] and found[0][2:] == (["Ruritania"], ["Freedonia"])


def test_derived_must_with_no_actor_subject_is_no_demand(parsed):
    found = _coded(parsed, "Ruritanian officials said taxes must rise next year.")
    assert not any(f[0] == "REQUEST" for f in found)


def test_derived_obligation_of_anyone_of_a_kind_is_no_demand(parsed):
    text = "The Ruritanian senator said a governor must be willing to meet foreign investors."
    found = _coded(parsed, text)
    assert not any(f[0] == "REQUEST" for f in found)
