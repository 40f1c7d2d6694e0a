"""Tests for completing roles: pronoun antecedents, reciprocal pairs, the nearest-actor target."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from communique.events.arguments import find_roles
from communique.events.completion import complete_roles, has_actor_source, one_name
from communique.events.lexicon import load_lexicon
from communique.events.triggers import find_triggers


def _complete(parsed, text, word):
    doc = parsed(text).doc
    lex = load_lexicon()
    trigger = next(t for s in doc.sents for t in find_triggers(s, lex) if t.token.text == word)
    roles = complete_roles(trigger, find_roles(trigger), lex)
    as_text = lambda ranges: [doc[a : b + 1].text for a, b in ranges]  # noqa: E731
    return as_text(roles.sources), as_text(roles.targets), has_actor_source(doc, roles, lex)


def test_completion_pronoun_subject_is_the_reporting_subject(parsed):
    sources, _, _ = _complete(parsed, "Ruritania said it would expel the envoy.", "expel")
    assert sources == ["Ruritania"]


def test_completion_coordinated_parties_become_source_and_target(parsed):
    sources, targets, _ = _complete(parsed, "Ruritania and Freedonia signed a treaty.", "signed")
    assert sources == ["Ruritania"] and targets == ["Freedonia"]


def test_completion_non_actor_target_gains_the_nearest_actor(parsed):
    _, targets, _ = _complete(parsed, "The army threatened to close all roads into Freedonia.", "threatened")
    assert "Freedonia" in targets


def test_completion_nearest_actor_is_the_whole_name_not_its_article(parsed):
    _, targets, _ = _complete(
        parsed, "Freedonian unions said they would boycott all trade with the United States.", "boycott")
    assert "the United States" in targets and "the" not in targets


def test_completion_threat_is_aimed_at_the_subject_of_its_condition_too(parsed):
    _, targets, _ = _complete(
        parsed, "Ruritania threatened to expel the Freedonian ambassador unless Freedonia released "
        "the two sailors.", "threatened")
    assert targets[-1] == "Freedonia" and len(targets) > 1


def test_completion_unnamed_target_is_coded_by_the_place_it_is_in(parsed):
    _, targets, _ = _complete(parsed, "Gunmen killed 12 villagers in northern Ruritania on Sunday.", "killed")
    assert targets == ["12 villagers", "northern Ruritania"]


def test_completion_named_target_gains_no_place(parsed):
    text = "Gunmen killed 12 Ruritanian soldiers in Freedonia on Sunday."
    _, targets, _ = _complete(parsed, text, "killed")
    assert "Freedonia" not in targets


def test_completion_place_of_what_the_complement_acts_on_is_a_target(parsed):
    text = "The Ruritanian cabinet agreed to open a new refugee camp in Zenda next year."
    _, targets, _ = _complete(parsed, text, "agreed")
    assert "Zenda" in targets


def test_completion_organisation_named_force_is_coded_by_its_place(parsed):
    text = "Ruritania plans to contribute soldiers to the African Union-led force in Freedonia."
    _, targets, _ = _complete(parsed, text, "contribute")
    assert "Freedonia" in targets


def test_completion_place_of_the_incidents_an_event_happened_in_is_a_target(parsed):
    text = "Rebel gunmen killed 30 villagers in three separate raids in Freedonia on Friday."
    _, targets, _ = _complete(parsed, text, "killed")
    assert "Freedonia" in targets


def test_completion_doer_of_a_rejected_action_is_the_target(parsed):
    text = "The Ruritanian court rejected the appeal of two Freedonian journalists on Monday."
    _, targets, _ = _complete(parsed, text, "rejected")
    assert targets[0] == "two Freedonian journalists"


def test_completion_purpose_clause_is_aimed_at_the_governing_verbs_addressee(parsed):
    text = ("The Freedonian president phoned the Ruritanian prime minister to discuss the future of "
            "the Vorn pipeline.")
    _, targets, _ = _complete(parsed, text, "discuss")
    assert "the Ruritanian prime minister" in targets


def test_completion_doer_of_a_demanded_action_is_the_target(parsed):
    text = "Ruritania demanded the withdrawal of all Freedonian troops from the disputed border region."
    _, targets, _ = _complete(parsed, text, "demanded")
    assert "all Freedonian troops" in targets


def test_completion_actor_target_is_left_alone(parsed):
    _, targets, _ = _complete(parsed, "Ruritania condemned Freedonia in Geneva.", "condemned")
    assert targets == ["Freedonia"]


def test_completion_abstract_source_is_not_an_actor(parsed):
    *_, actor = _complete(parsed, "The decision angered voters and condemned Freedonia.", "condemned")
    assert actor is False


def test_completion_coordinated_parties_split_despite_an_object(parsed):
    sources, targets, _ = _complete(
        parsed, "Ruritania and Freedonia agreed to hold joint naval drills next month.", "agreed")
    assert sources == ["Ruritania"] and targets[0] == "Freedonia"


def test_completion_one_hyphenated_name_is_not_a_pair(nlp):
    words = ["Asia", "-", "Pacific", "Forum", "and", "Ruritania", "agreed"]
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, 0, 4, "ORG"), Span(doc, 5, 6, "GPE")]
    assert one_name(doc, (0, 0), (2, 3))
    assert not one_name(doc, (0, 3), (5, 5))


def test_completion_recipient_hung_from_the_object_is_a_target(nlp):
    # the parse as the small model often gives it: "to Ruritania" attached to "statue"
    words = ["Freedonia", "returned", "the", "statue", "of", "Otto", "to", "Ruritania", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1, 3, 4, 3, 6, 1],
              deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "prep", "pobj", "punct"],
              pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
              tags=["NNP", "VBD", "DT", "NN", "IN", "NNP", "IN", "NNP", "."],
              lemmas=["Freedonia", "return", "the", "statue", "of", "Otto", "to", "Ruritania", "."],
              ents=["B-GPE", "O", "O", "O", "O", "B-PERSON", "O", "B-GPE", "O"],
              sent_starts=[True] + [False] * 8)
    lex = load_lexicon()
    trigger = next(t for t in find_triggers(doc[:], lex) if t.token.text == "returned")
    roles = complete_roles(trigger, find_roles(trigger), lex)
    assert "Ruritania" in [doc[a : b + 1].text for a, b in roles.targets]


def test_completion_mobilized_troops_are_aimed_at_their_opponent(parsed):
    text = ("Ruritania mobilized reservists for an expected command to advance against "
            "Freedonia's radar posts.")
    _, targets, _ = _complete(parsed, text, "mobilized")
    assert targets == ["Freedonia's radar posts"]


def test_completion_a_demand_is_aimed_at_the_subject_of_its_that_clause(parsed):
    text = "The Ruritanian Red Cross repeated its demand today that Freedonia free the prisoners."
    _, targets, _ = _complete(parsed, text, "demand")
    assert targets == ["Freedonia"]


def test_completion_recipient_closing_the_object_of_a_giving_verb(parsed):
    text = "Ruritania returned a painting that was stolen in 1990 from a museum to the Freedonian army."
    _, targets, _ = _complete(parsed, text, "returned")
    assert targets[0] == "the Freedonian army"


def test_completion_only_giving_verbs_look_for_a_closing_recipient(parsed):
    text = "Ruritania rejected a request from Freedonia to send its aircraft to Graustark."
    _, targets, _ = _complete(parsed, text, "rejected")
    assert "Graustark" not in targets


def test_completion_a_statement_speaks_for_whoever_issued_it(parsed):
    text = "The Freedonian foreign ministry issued a statement condemning the raid by Ruritania."
    sources, _, _ = _complete(parsed, text, "condemning")
    assert sources == ["The Freedonian foreign ministry"]


def test_completion_a_protest_is_aimed_at_whom_its_purpose_names(parsed):
    text = ("Striking dockers in Ruritania blocked the harbour road on Friday to press their wage "
            "demands on President Rudolf's government.")
    _, targets, _ = _complete(parsed, text, "blocked")
    assert targets[0] == "President Rudolf" and "the harbour road" not in targets
