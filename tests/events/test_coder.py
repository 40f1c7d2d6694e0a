"""Tests for events/coder.py: which triggers of a sentence stand as events, and their types."""

from __future__ import annotations

import re

from communique.article import Entity
from communique.stages.events import EventsStage

NAMES = ("Ruritania", "Freedonia", "Graustark")


def _code(parsed, text):
    """Run the events stage on made-up text whose listed country names are entities."""
    article = parsed(text)
    for number, name in enumerate(NAMES, start=1):
        mentions = [m.span() for m in re.finditer(name, article.text)]
        if mentions:
            article.entities.append(Entity(f"E{number}", name, "country", mentions=mentions))
    return EventsStage().process(article)


def _types(article):
    return sorted(event.plover for event in article.events)


def test_coder_demand_of_a_protest_is_its_issue(parsed):
    text = ("Thousands of farmers from Ruritania marched through the capital on Tuesday to demand "
            "that the government of Freedonia lift its tariffs on grain, organisers said.")
    assert _types(_code(parsed, text)) == ["PROTEST"]


def test_coder_demand_without_a_protest_stays(parsed):
    text = ("The foreign minister of Ruritania travelled to the capital on Tuesday to demand that "
            "Freedonia lift its tariffs on grain, officials said.")
    assert "REQUEST" in _types(_code(parsed, text))


def test_coder_war_as_a_setting_is_no_attack(parsed):
    text = ("Thousands of refugees fled the civil war in Ruritania last year, the foreign minister "
            "of Freedonia said on Monday.")
    assert "ASSAULT" not in _types(_code(parsed, text))


def test_coder_an_agreement_named_is_no_event(parsed):
    text = ("The president of Ruritania resigned from office on Monday, honouring a plea agreement "
            "with prosecutors in Freedonia.")
    assert "AGREE" not in _types(_code(parsed, text))


def test_coder_an_agreement_signed_is_an_event(parsed):
    text = "Ruritania signed a trade agreement with Freedonia in the capital on Monday, officials said."
    assert "SUPPORT" in _types(_code(parsed, text))


def test_coder_property_blown_up_is_coerce(parsed):
    text = ("Rebels from Ruritania blew up two warehouses beside the harbour of Freedonia on Sunday, "
            "police said.")
    assert _types(_code(parsed, text)) == ["COERCE"]


def test_coder_village_set_on_fire_is_assault(parsed):
    text = "Fighters from Ruritania set fire to a village in Freedonia on Monday, witnesses said."
    assert _types(_code(parsed, text)) == ["ASSAULT"]


def test_coder_talks_measured_by_their_length_are_the_setting(parsed):
    text = ("Negotiators from Ruritania and Freedonia left Graustark without a border deal on Monday "
            "after weeks of talks.")
    assert "CONSULT" not in _types(_code(parsed, text))


def test_coder_summit_that_dates_a_meeting_is_no_event(parsed):
    text = "Ruritania's president met Freedonia's prime minister during a Graustark summit on Tuesday."
    assert _types(_code(parsed, text)) == ["CONSULT"]


def test_coder_a_demand_answered_is_the_answer(parsed):
    text = ("The government of Ruritania conceded on Friday to demands from Freedonia to reopen the "
            "border crossing, officials said.")
    assert _types(_code(parsed, text)) == ["CONCEDE"]


def test_coder_at_the_request_of_is_the_setting(parsed):
    text = ("Ruritania's air force is training pilots to fly fighter jets at the request of "
            "Freedonia's government, a spokesman said.")
    assert "REQUEST" not in _types(_code(parsed, text))


def test_coder_a_letter_received_is_no_visit(parsed):
    text = ("The president of Ruritania said on Monday that he had received a warm letter from the "
            "leader of Freedonia.")
    assert "CONSULT" not in _types(_code(parsed, text))


def test_coder_an_envoy_received_is_a_visit(parsed):
    text = "The president of Ruritania received the foreign minister of Freedonia in the capital on Monday."
    assert _types(_code(parsed, text)) == ["CONSULT"]


def test_coder_a_draft_treaty_put_to_another_side_is_a_proposal(parsed):
    text = ("Ruritania's foreign ministry sent two draft treaties on border security to Freedonia "
            "last month, officials said.")
    assert "AGREE" in _types(_code(parsed, text))


def test_coder_a_ceasefire_is_military_de_escalation(parsed):
    text = "Ruritanian rebels declared a ceasefire with the army of Freedonia on Sunday, a spokesman said."
    assert "RETREAT" in _types(_code(parsed, text))
    assert "CONCEDE" not in _types(_code(parsed, text))


def test_coder_stepping_down_is_a_retreat(parsed):
    text = "The interior minister of Ruritania resigned on Friday after weeks of street protests."
    assert "RETREAT" in _types(_code(parsed, text))


def test_coder_tariffs_reduced_are_a_concession(parsed):
    text = "Ruritania reduced tariffs on steel from Freedonia from 20 percent to 5 percent on Monday."
    assert _types(_code(parsed, text)) == ["CONCEDE"]


def test_coder_tariffs_rolled_back_are_a_concession(parsed):
    text = "Ruritania rolled back its tariffs on Freedonian cheese in exchange for grain purchases."
    assert _types(_code(parsed, text)) == ["CONCEDE"]


def test_coder_tariffs_imposed_stay_coercion(parsed):
    text = "Ruritania imposed tariffs on steel from Freedonia on Monday."
    assert _types(_code(parsed, text)) == ["COERCE"]


def test_coder_a_base_seized_is_an_assault(parsed):
    text = "Ruritanian rebels seized an army base in northern Freedonia on Sunday, officials said."
    assert _types(_code(parsed, text)) == ["ASSAULT"]


def test_coder_troops_offered_are_an_agreement(parsed):
    text = "Ruritania offered to send troops to Freedonia to secure its northern border."
    types = _types(_code(parsed, text))
    assert "AGREE" in types and "THREATEN" not in types


def test_coder_troops_vowed_stay_a_threat(parsed):
    text = "Ruritania vowed to send troops to Freedonia."
    assert _types(_code(parsed, text)) == ["THREATEN"]


def test_coder_publication_suspended_is_coercion(parsed):
    text = "Ruritanian authorities suspended publication of the country's largest opposition newspaper."
    assert _types(_code(parsed, text)) == ["COERCE"]


def test_coder_ceasing_military_operations_is_de_escalation(parsed):
    text = "The army of Ruritania halted its offensive in the hills north of Zenda, a general said."
    assert "RETREAT" in _types(_code(parsed, text))


def test_coder_granting_a_request_is_a_concession(parsed):
    text = ("The defence minister of Ruritania approved a request from Freedonia for help in housing "
            "flood victims.")
    assert "CONCEDE" in _types(_code(parsed, text))
