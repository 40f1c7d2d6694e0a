"""Tests for finding verbal, nominal and light-verb triggers."""

from __future__ import annotations

from communique.events.lexicon import load_lexicon
from communique.events.triggers import find_triggers, noun_keys


def _triggers(parsed, text):
    doc = parsed(text).doc
    lex = load_lexicon()
    return [(t.token.text, t.entry.plover, t.kind) for s in doc.sents for t in find_triggers(s, lex)]


def test_triggers_find_verb(parsed):
    assert ("condemned", "ACCUSE", "verb") in _triggers(parsed, "Ruritania condemned the decision.")


def test_triggers_light_verb_phrase_absorbs_its_noun(parsed):
    found = _triggers(parsed, "Ruritania held talks with Freedonia on Monday.")
    assert found == [("held", "CONSULT", "light")]


def test_triggers_verb_with_preposition(parsed):
    found = _triggers(parsed, "The minister called on Freedonia to withdraw its troops.")
    assert ("called", "REQUEST", "verb") in found


def test_triggers_preposition_before_the_verb_is_no_particle(parsed):
    # "On ..., X called Y" is a phone call or a naming, not "call on" (a request)
    found = _triggers(parsed, "On Friday, the minister called her Freedonian counterpart.")
    assert ("called", "REQUEST", "verb") not in found


def test_triggers_hyphenated_noun(parsed):
    doc = parsed("The military build-up worried the neighbours.").doc
    head = next(t for t in doc if t.text == "up")
    assert "build-up" in noun_keys(head)


def test_triggers_reporting_verb_alone_is_no_trigger(parsed):
    assert _triggers(parsed, "The spokesman said the weather was fine.") == []


def test_triggers_adjective_complement_of_light_verb(parsed):
    found = _triggers(parsed, "A court found the minister guilty of fraud.")
    assert ("found", "ACCUSE", "light") in found


def test_light_verb_reads_the_modifier_of_its_object(nlp):
    """ "ended mediation efforts": the light phrase is the verb and the object's modifier
    ("end mediation"); the noun "efforts" alone names nothing."""
    doc = nlp("The envoy of Ruritania ended mediation efforts between Freedonia and Graustark on Monday.")
    found = find_triggers(doc[:], load_lexicon())
    assert ("ended", "SANCTION") in [(t.token.lower_, t.entry.plover) for t in found]
    assert "efforts" not in [t.token.lower_ for t in found]


def test_preposition_of_a_date_is_no_particle(nlp):
    """ "called X on Wednesday" is a telephone call, not "called on X" (a request)."""
    doc = nlp("The prime minister of Ruritania called the new leader of Freedonia on Thursday "
              "evening to congratulate her on the election result.")
    found = find_triggers(doc[:], load_lexicon())
    assert [(t.token.lower_, t.entry.plover) for t in found] == [("congratulate", "SUPPORT")]
