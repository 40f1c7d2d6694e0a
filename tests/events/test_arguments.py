"""Tests for finding source and target in the parse."""

from __future__ import annotations

from communique.events.arguments import find_roles
from communique.events.lexicon import load_lexicon
from communique.events.triggers import find_triggers


def _roles(parsed, text, word):
    doc = parsed(text).doc
    trigger = next(t for s in doc.sents for t in find_triggers(s, load_lexicon()) if t.token.text == word)
    roles = find_roles(trigger)
    as_text = lambda ranges: [doc[a : b + 1].text for a, b in ranges]  # noqa: E731
    return as_text(roles.sources), as_text(roles.targets)


def test_arguments_active_verb_subject_and_object(parsed):
    roles = _roles(parsed, "Ruritania accused Freedonia of spying.", "accused")
    assert roles == (["Ruritania"], ["Freedonia"])


def test_arguments_passive_is_inverted(parsed):
    sources, targets = _roles(parsed, "The embassy was attacked by rebels on Monday.", "attacked")
    assert sources == ["rebels"] and targets == ["The embassy"]


def test_arguments_coordinated_subjects_are_all_sources(parsed):
    sources, targets = _roles(parsed, "Ruritania and Freedonia met in Geneva.", "met")
    assert sources == ["Ruritania", "Freedonia"] and targets == []


def test_arguments_possessor_is_source_of_nominal_event(parsed):
    sources, _ = _roles(parsed, "Observers worried about Ruritania's military build-up.", "up")
    assert sources == ["Ruritania"]


def test_arguments_between_gives_both_sources(parsed):
    sources, _ = _roles(parsed, "The meeting between Ruritania and Freedonia ended early.", "meeting")
    assert sources == ["Ruritania", "Freedonia"]


def test_arguments_prepositional_target(parsed):
    sources, targets = _roles(parsed, "The envoy called on Washington to drop the plan.", "called")
    assert sources == ["The envoy"] and targets == ["Washington"]


def test_arguments_listed_apposition_counts_as_coordination(parsed):
    sources, _ = _roles(parsed, "Ruritania, Freedonia, and Graustark met on Friday.", "met")
    assert sources == ["Ruritania", "Freedonia", "Graustark"]


def test_arguments_group_of_a_country_stays_whole_as_target(parsed):
    text = "Ruritanian rebels wounded two Freedonian soldiers in an ambush on Sunday."
    _, targets = _roles(parsed, text, "wounded")
    assert targets == ["two Freedonian soldiers"]


def test_arguments_a_titled_persons_name_is_one_source(parsed):
    # the "of" in the title split it into "Freedonian Secretary" and "Anna" before
    text = "Freedonian Secretary of State Anna Berg met the Ruritanian envoy in Vienna."
    sources, targets = _roles(parsed, text, "met")
    assert sources == ["Freedonian Secretary of State Anna Berg"] and targets == ["the Ruritanian envoy"]


def test_arguments_a_dateline_is_no_side(parsed):
    # the parser hangs the filing place from the attack: it was the attack's source
    sources, _ = _roles(parsed, "ZENDA - A Taliban attack on an army post has killed six soldiers.", "attack")
    assert sources == ["Taliban"]


def test_arguments_the_noun_after_a_dateline_is_the_subject(parsed):
    text = "STRELSAU, Ruritania -- A Freedonian court has charged a former minister with bribery."
    sources, _ = _roles(parsed, text, "charged")
    assert sources == ["A Freedonian court"]


def test_arguments_a_number_of_a_group_is_a_target(parsed):
    # "one" is a CARDINAL entity, which a target never was: the arrest had no target
    text = "Prosecutors in Zenda sought the arrest of one of three smugglers on Friday."
    _, targets = _roles(parsed, text, "arrest")
    assert targets == ["one of three smugglers"]


def test_arguments_two_coordinated_names_stay_two_sources(parsed):
    # the parser hangs the first name from the second: a person's name with an "and" before it
    # is still split
    text = "Donald Trump and Senate Majority Leader John Smith vowed to work together."
    sources, _ = _roles(parsed, text, "vowed")
    assert len(sources) == 2 and sources[0] == "Donald Trump"
