"""Tests for the events stage: constructions coded with type, source, target and modality."""

from __future__ import annotations

import re

import pytest

from communique.article import Entity, Quote
from communique.stage import StageUnavailable
from communique.stages.events import EventsStage, same_actor

NAMES = ("Ruritania", "Freedonia", "Graustark", "Moscow", "Washington")


def _with_entities(article):
    """Hand-built actors: every listed name becomes an entity with all its mentions."""
    for number, name in enumerate(NAMES, start=1):
        mentions = [m.span() for m in re.finditer(name, article.text)]
        if mentions:
            article.entities.append(Entity(f"E{number}", name, "country", mentions=mentions))
    return article


def _code(parsed, text, quotes=()):
    article = _with_entities(parsed(text))
    article.quotes = list(quotes)
    return EventsStage().process(article)


def _names(article, ids):
    return sorted(article.entity_by_id(i).name for i in ids)


def _only(article, plover):
    found = [e for e in article.events if e.plover == plover]
    assert len(found) == 1, article.events
    return found[0]


def test_events_active_verb(parsed):
    article = _code(parsed, "Ruritania condemned Freedonia on Monday.")
    event = _only(article, "ACCUSE")
    assert _names(article, event.source) == ["Ruritania"]
    assert _names(article, event.target) == ["Freedonia"]
    assert event.modality == "asserted" and event.cameo.startswith("11")


def test_events_passive_inverts_source_and_target(parsed):
    article = _code(parsed, "Freedonia was attacked by Ruritania.")
    event = _only(article, "ASSAULT")
    assert _names(article, event.source) == ["Ruritania"]
    assert _names(article, event.target) == ["Freedonia"]


def test_events_coordinated_subjects_meet_reciprocally(parsed):
    article = _code(parsed, "Ruritania and Freedonia met in Geneva.")
    event = _only(article, "CONSULT")
    assert _names(article, event.source) == ["Ruritania"]
    assert _names(article, event.target) == ["Freedonia"]


def test_events_nominal_with_possessor(parsed):
    article = _code(parsed, "Observers described Moscow's military build-up near the border.")
    event = _only(article, "MOBILIZE")
    assert _names(article, event.source) == ["Moscow"]


def test_events_light_verb_target_in_prepositional_phrase(parsed):
    article = _code(parsed, "Washington held talks with Ruritania.")
    event = _only(article, "CONSULT")
    assert _names(article, event.source) == ["Washington"]
    assert _names(article, event.target) == ["Ruritania"]


def test_events_denied_attack_is_coded_with_denied_modality(parsed):
    article = _code(parsed, "Ruritania denied attacking Freedonia.")
    event = _only(article, "ASSAULT")
    assert event.modality == "denied"
    assert _names(article, event.source) == ["Ruritania"]
    assert _names(article, event.target) == ["Freedonia"]


def test_events_denying_accusations_is_a_rejection(parsed):
    article = _code(parsed, "Ruritania has repeatedly denied the accusations.")
    assert [e.plover for e in article.events] == ["REJECT"]


def test_events_future_meeting_is_planned_agreement(parsed):
    article = _code(parsed, "Ruritania will meet Freedonia next week.")
    event = article.events[0]
    assert event.plover == "AGREE" and event.modality == "planned"
    assert _names(article, event.target) == ["Freedonia"]


def test_events_negated_attack(parsed):
    article = _code(parsed, "Ruritania did not attack Freedonia.")
    assert _only(article, "ASSAULT").modality == "negated"


def test_events_inside_quote_is_reported_and_linked(parsed):
    text = '"Ruritania attacked Freedonia," Washington said.'
    quote = Quote("Q1", (1, 30), text[1:30], "direct", speaker="E5", speaker_span=(32, 42))
    article = _code(parsed, text, quotes=[quote])
    event = _only(article, "ASSAULT")
    assert event.modality == "reported" and event.quote == "Q1"


def test_events_first_person_in_quote_is_the_speaker(parsed):
    text = '"We will never negotiate with Freedonia," Ruritania said.'
    quote = Quote("Q1", (1, 39), text[1:39], "direct", speaker="E1", speaker_span=(42, 51))
    article = _code(parsed, text, quotes=[quote])
    event = _only(article, "REJECT")  # refusing to negotiate rejects the talks (CAMEO 125)
    assert _names(article, event.source) == ["Ruritania"]
    assert event.mode == "consult" and event.cameo == "125"
    assert event.modality == "negated" and event.quote == "Q1"


def test_events_no_political_event_gives_none(parsed):
    article = _code(parsed, "Ruritania said the weather in the capital was mild this week.")
    assert article.events == []


def test_events_spans_point_at_trigger_and_sentence(parsed):
    text = "It rained. Ruritania criticized Freedonia."
    article = _code(parsed, text)
    event = _only(article, "ACCUSE")
    assert text[slice(*event.trigger_span)] == "criticized"
    assert text[slice(*event.sentence_span)].startswith("Ruritania criticized")
    assert [text[slice(*s)] for s in event.source_spans] == ["Ruritania"]


def test_events_goldstein_follows_cameo(parsed):
    article = _code(parsed, "Ruritania signed a treaty with Freedonia.")
    event = _only(article, "SUPPORT")  # PLOVER codes signing an agreement as SUPPORT
    assert event.cameo == "057" and event.goldstein > 0


def test_events_source_without_entity_gets_a_generic_actor(parsed):
    article = parsed("The rebels kidnapped two aid workers.")
    EventsStage().process(article)
    event = _only(article, "ASSAULT")
    assert [article.entity_by_id(i).name for i in event.source] == ["rebels"]
    assert [article.text[slice(*s)] for s in event.source_spans] == ["The rebels"]
    assert event.target == []  # targets keep their spans: generic entities are for sources


def test_events_carry_the_quad_class_of_their_type(parsed):
    article = _code(parsed, "Ruritania bombed Freedonia. Moscow praised Washington.")
    assert _only(article, "ASSAULT").quad_class == "material_conflict"
    assert _only(article, "SUPPORT").quad_class == "verbal_cooperation"


def test_events_pronoun_subject_takes_the_reporting_subject(parsed):
    article = _code(parsed, "Ruritania said it had expelled two diplomats from Freedonia.")
    event = _only(article, "SANCTION")
    assert _names(article, event.source) == ["Ruritania"]
    assert _names(article, event.target) == ["Freedonia"]


def test_events_target_falls_back_to_the_nearest_actor(parsed):
    article = _code(parsed, "Ruritania threatened to close all roads into Freedonia.")
    event = _only(article, "THREATEN")
    assert _names(article, event.target) == ["Freedonia"]


def test_events_non_actor_source_gives_no_event(parsed):
    article = _code(parsed, "Such a step would sanction Freedonia, the weather report said.")
    assert article.events == []


def test_events_refused_cooperation_is_a_rejection(parsed):
    article = _code(parsed, "Ruritania will not lift the embargo on Freedonia.")
    event = _only(article, "REJECT")
    assert event.mode == "concede" and event.cameo.startswith("12")


def test_events_failed_agreement_is_a_rejection(parsed):
    article = _code(parsed, "Ruritania and Freedonia failed to reach an agreement on fishing.")
    assert [e.plover for e in article.events] == ["REJECT"]


def test_events_reported_would_is_a_promise(parsed):
    article = _code(parsed, "Ruritania said it would release the Freedonia fishermen next month.")
    event = _only(article, "AGREE")
    assert event.modality == "planned" and event.mode == "retreat"
    assert _names(article, event.source) == ["Ruritania"]


def test_events_willingness_to_cooperate_is_agreement(parsed):
    article = _code(parsed, "Ruritania is willing to withdraw its troops from Freedonia.")
    assert _only(article, "AGREE").modality == "planned"


def test_events_wish_to_help_is_intent_to_cooperate(parsed):
    article = _code(parsed, "Ruritania wants to help Freedonia after the floods.")
    event = _only(article, "AGREE")
    assert event.cameo.startswith("03")


def test_events_intent_to_attack_is_a_threat(parsed):
    article = _code(parsed, "Ruritania wants to invade Freedonia.")
    event = _only(article, "THREATEN")
    assert event.cameo.startswith("13") and event.mode == "assault"


def test_events_scheduled_meeting_keeps_its_consult_code(parsed):
    article = _code(parsed, "Ruritania will meet Freedonia in Moscow next week.")
    event = _only(article, "AGREE")
    assert event.cameo.startswith("04")


def test_events_peacekeepers_sent_are_aid(parsed):
    article = _code(parsed, "Ruritania deployed 300 peacekeepers to Freedonia.")
    event = _only(article, "AID")
    assert event.cameo == "074" and _names(article, event.target) == ["Freedonia"]


def test_events_peacekeepers_withdrawn_are_a_sanction(parsed):
    article = _code(parsed, "Ruritania withdrew its peacekeepers from Freedonia.")
    assert _only(article, "SANCTION").cameo == "1662"


def test_events_joint_exercise_with_a_partner_is_cooperation(parsed):
    article = _code(parsed, "Ruritania held a military exercise with Freedonia in May.")
    assert [e.plover for e in article.events] == ["COOPERATE"]


def test_events_content_of_an_allegation_is_not_an_event(parsed):
    text = "Ruritania alleged that Freedonia had helped the rebels and bombed the dam."
    article = _code(parsed, text)
    assert [e.plover for e in article.events] == ["ACCUSE"]


def test_events_compound_noun_of_light_verb_decides_the_type(parsed):
    article = _code(parsed, "Washington issued a travel warning for Freedonia.")
    assert [e.plover for e in article.events] == ["SANCTION"]


def test_events_noun_agent_from_phrase_is_the_source(parsed):
    article = _code(parsed, "Freedonia faces growing pressure from Ruritania.")
    event = _only(article, "REQUEST")
    assert _names(article, event.source) == ["Ruritania"]


def test_events_must_under_a_reporting_verb_is_a_demand(parsed):
    article = _code(parsed, "Ruritania said on Monday that Freedonia must return the seized ship.")
    event = _only(article, "REQUEST")
    assert _names(article, event.source) == ["Ruritania"]
    assert _names(article, event.target) == ["Freedonia"]
    assert event.cameo == "100" and event.mode == "retreat"


def test_events_relative_clause_background_is_not_coded(parsed):
    text = "Ruritania praised the volunteers who rescued Freedonia fishermen."
    article = _code(parsed, text)
    assert [e.plover for e in article.events] == ["SUPPORT"]


def test_events_acronym_is_an_actor_source(parsed):
    article = parsed("The RDF returned six paintings to the museum.")
    EventsStage().process(article)
    event = _only(article, "RETREAT")
    assert [article.text[slice(*s)] for s in event.source_spans] == ["The RDF"]


def test_events_vow_to_attack_is_a_threat(parsed):
    article = _code(parsed, "Ruritania vowed to attack Freedonia.")
    event = _only(article, "THREATEN")
    assert event.modality == "planned" and event.cameo == "138"
    assert [e.plover for e in article.events] == ["THREATEN"]


def test_events_weapon_named_by_in_is_the_source_of_a_passive_attack(parsed):
    article = _code(parsed, "Two Freedonia guards were killed in a car bombing on Sunday.")
    event = _only(article, "ASSAULT")
    assert [article.text[slice(*s)] for s in event.source_spans] == ["a car bombing"]


def test_events_verb_restating_a_coded_attack_is_dropped(parsed):
    article = _code(parsed, "Ten people were killed in an air strike by Ruritania.")
    assert [e.plover for e in article.events] == ["ASSAULT"]
    assert _names(article, article.events[0].source) == ["Ruritania"]


def test_events_wanting_another_actor_to_act_is_an_appeal(parsed):
    article = _code(parsed, "Washington wants Ruritania to attack Freedonia.")
    event = _only(article, "REQUEST")
    assert _names(article, event.source) == ["Washington"]
    assert _names(article, event.target) == ["Ruritania"]
    assert event.cameo == "020" and event.mode == "assault"


def test_events_own_announced_threat_is_not_an_allegation(parsed):
    article = _code(parsed, "Ruritania announced that it will impose a curfew in Freedonia.")
    assert [e.plover for e in article.events] == ["THREATEN"]


def _types(article):
    return sorted(e.plover for e in article.events)


def test_events_country_us_inside_a_quotation_is_not_the_speaker(parsed):
    text = '"Ruritania will never accept the Ruritania-US talks," Graustark said.'
    article = _with_entities(parsed(text))
    us = text.index("US")
    article.entities.append(Entity("E9", "United States", "country", mentions=[(us, us + 2)]))
    speaker = text.index("Graustark")
    article.quotes = [Quote("Q1", (1, text.index(',"')), text[1:text.index(',"')], "direct",
                            speaker="E3", speaker_span=(speaker, speaker + 9))]
    EventsStage().process(article)
    talks = [e for e in article.events if "E9" in e.source + e.target]
    assert talks and all("E3" not in e.target for e in talks)


def test_events_attitude_towards_an_action_is_no_event(parsed):
    article = _code(parsed, "Freedonia was reluctant to meet Ruritania.")
    assert "CONSULT" not in _types(article) and "AGREE" not in _types(article)


def test_events_expletive_it_is_no_source(parsed):
    article = _code(parsed, "It was important to attack the rebels.")
    assert article.events == []


def test_events_fallback_target_is_not_the_speaker(parsed):
    article = _code(parsed, "Graustark said that Freedonia was discussing security guarantees.")
    for event in article.events:
        assert "E3" not in event.target


def test_events_talks_inside_a_relative_clause_are_background(parsed):
    text = "Ruritania condemned the officials who are working to stall the Freedonia-Graustark talks."
    assert "CONSULT" not in _types(_code(parsed, text))


def test_events_meeting_used_as_time_anchor_is_no_event(parsed):
    article = _code(parsed, "Before the meeting with Freedonia, Ruritania expelled a diplomat.")
    assert "CONSULT" not in _types(article) and "AGREE" not in _types(article)


def test_events_talks_that_follow_a_meeting_are_news_too(parsed):
    text = "The Ruritania-Freedonia talks follow a meeting between Graustark and Freedonia on Monday."
    article = _code(parsed, text)
    pairs = sorted(_names(article, e.source + e.target) for e in article.events if e.plover == "CONSULT")
    assert pairs == [["Freedonia", "Graustark"], ["Freedonia", "Ruritania"]]


def test_events_an_event_named_as_a_time_anchor_is_not_coded(parsed):
    # the invasion is old news here: coded, it would take this sentence's date
    article = _code(parsed, "Freedonia recalled its envoy after the invasion of Ruritania by Graustark.")
    assert "ASSAULT" not in [e.plover for e in article.events]


def test_events_dated_future_meeting_is_an_agreement_to_meet(parsed):
    # PLOVER codes a future cooperative action as AGREE, whether or not a day is given
    event = _only(_code(parsed, "Ruritania and Freedonia will meet on Wednesday in Geneva."), "AGREE")
    assert event.modality == "planned"


def test_events_undated_future_meeting_is_an_intent(parsed):
    article = _code(parsed, "Ruritania and Freedonia will meet in Geneva.")
    assert _only(article, "AGREE").mode == "consult"


def test_events_recipient_of_the_verb_carrying_a_noun_event_is_the_target(parsed):
    article = _code(parsed, "Ruritania published two draft agreements on security to Freedonia.")
    event = _only(article, "AGREE")
    assert _names(article, event.target) == ["Freedonia"]


def test_events_self_directed_event_is_dropped(parsed):
    article = _with_entities(parsed("Ruritania held talks with Moscow."))
    moscow = article.entities.pop()  # Moscow stands for Ruritania here: one actor, two names
    article.entities[0].mentions.extend(moscow.mentions)
    EventsStage().process(article)
    assert article.events == []


def test_events_noun_that_only_dates_the_clause_is_not_coded(parsed):
    text = "Ruritania accused Freedonia of spying ahead of the talks between Moscow and Washington."
    article = _code(parsed, text)
    assert [e.plover for e in article.events] == ["ACCUSE"]
    article = _code(parsed, "Before the meeting with Freedonia, Ruritania condemned the raid.")
    assert "CONSULT" not in [e.plover for e in article.events]


def test_events_noun_after_an_ordinary_preposition_is_still_coded(parsed):
    article = _code(parsed, "Ruritania prepared for the talks with Freedonia in Geneva.")
    assert _only(article, "CONSULT")


def test_events_call_for_an_investigation_is_an_accusation(parsed):
    article = _code(parsed, "Ruritania called for an inquiry into the shelling of its villages.")
    event = _only(article, "ACCUSE")
    assert _names(article, event.source) == ["Ruritania"]
    assert event.mode == "investigate"


def test_events_call_for_something_else_stays_a_request(parsed):
    assert _only(_code(parsed, "Ruritania called for new elections in Freedonia."), "REQUEST")


def test_events_name_in_apposition_to_a_plain_noun_is_the_actor(parsed):
    article = _code(parsed, "Ruritania banned the opposition newspaper Freedonia Daily on Monday.")
    event = next(e for e in article.events if e.target)
    assert _names(article, event.target) == ["Freedonia"]


def test_events_an_ordered_deed_is_coded_as_the_deed_by_whoever_ordered_it(parsed):
    article = _code(parsed, "Ruritania ordered the arrest of Freedonia's consul on Monday.")
    event = _only(article, "COERCE")
    assert _names(article, event.source) == ["Ruritania"]
    assert _names(article, event.target) == ["Freedonia"]
    assert "REQUEST" not in [e.plover for e in article.events]


def test_events_an_order_to_say_something_stays_a_request(parsed):
    article = _code(parsed, "Ruritania ordered Freedonia to explain the incident.")
    assert _only(article, "REQUEST")


def test_events_call_for_sanctions_accuses_whom_they_are_against(parsed):
    article = _code(parsed, "Freedonia called for sanctions against Ruritania over the raid.")
    event = _only(article, "ACCUSE")
    assert _names(article, event.source) == ["Freedonia"]
    assert _names(article, event.target) == ["Ruritania"]
    assert event.mode is None


def test_events_calling_on_someone_to_talk_is_a_visit(parsed):
    article = _code(parsed, "Freedonia's envoy called on Ruritania's president to discuss the border.")
    visit = next(e for e in article.events if e.mode == "visit")
    assert visit.plover == "CONSULT" and visit.cameo == "042"
    assert "REQUEST" not in [e.plover for e in article.events]


def test_events_calling_on_someone_to_act_stays_a_request(parsed):
    article = _code(parsed, "Freedonia called on Ruritania to withdraw its troops.")
    assert _only(article, "REQUEST").mode is None


def test_events_sanctions_imposed_are_coercion_and_aid_suspended_is_a_sanction(parsed):
    # PLOVER as POLECAT codes it: sanctions force restrictions on the target (COERCE); SANCTION
    # is reducing relations or aid
    imposed = _only(_code(parsed, "Ruritania imposed sanctions on Freedonia."), "COERCE")
    assert imposed.cameo.startswith("16")
    assert _only(_code(parsed, "Ruritania expelled Freedonia's ambassador."), "SANCTION")


def test_events_agreeing_a_deal_is_an_agreement_reached_and_agreeing_to_act_a_promise(parsed):
    reached = _only(_code(parsed, "Ruritania and Freedonia agreed a trade deal on Monday."), "SUPPORT")
    assert reached.cameo == "057"
    assert _only(_code(parsed, "Ruritania agreed to withdraw its troops from Freedonia."), "AGREE")


def test_events_financial_support_is_aid_and_plain_support_is_support(parsed):
    aid = _only(_code(parsed, "Ruritania sent financial support to Freedonia."), "AID")
    assert aid.cameo == "071"
    assert _only(_code(parsed, "Ruritania voiced support for Freedonia's bid."), "SUPPORT")


def test_events_an_agentless_arrest_is_by_the_country_where_it_happens(parsed):
    article = _code(parsed, "Two Freedonia reporters were arrested in Ruritania on Monday.")
    event = _only(article, "COERCE")
    assert _names(article, event.source) == ["Ruritania"]


def test_events_an_agentless_arrest_in_a_month_has_no_source(parsed):
    article = _code(parsed, "Two reporters were arrested in January.")
    assert article.events == []


def test_events_aid_reduced_is_a_sanction_and_support_pledged_is_support(parsed):
    article = _code(parsed, "Ruritania reduced military aid to Freedonia.")
    reduced = _only(article, "SANCTION")
    assert _names(article, reduced.target) == ["Freedonia"]
    assert _only(_code(parsed, "Ruritania pledged its full support for Freedonia."), "SUPPORT")


def test_events_allowing_someone_to_act_concedes_and_a_bare_allow_is_no_event(parsed):
    article = _code(parsed, "Ruritania allowed Freedonia's observers to enter the port.")
    event = _only(article, "CONCEDE")
    assert _names(article, event.source) == ["Ruritania"]
    assert _code(parsed, "Ruritania will not allow such developments.").events == []


def test_events_blowing_up_is_an_assault(parsed):
    article = _code(parsed, "Ruritania blew up two bridges near Freedonia.")
    assert _names(article, _only(article, "ASSAULT").source) == ["Ruritania"]


def test_events_rule_events_say_they_were_coded_by_rules(parsed):
    article = _code(parsed, "Ruritania criticized Freedonia on Monday.")
    assert [e.coded_by for e in article.events] == ["rules"]


def test_events_model_setting_empty_codes_with_the_rules_alone(parsed):
    stage = EventsStage({"model": ""})
    assert stage.model is None
    article = stage.process(_with_entities(parsed("Ruritania criticized Freedonia on Monday.")))
    assert [e.plover for e in article.events] == ["ACCUSE"]


def test_events_missing_model_file_makes_the_stage_unavailable(tmp_path):
    with pytest.raises(StageUnavailable, match=r"stages\.events\.model"):
        EventsStage({"model": str(tmp_path / "none.json.gz")})


def test_events_unknown_model_words_is_refused():
    with pytest.raises(StageUnavailable, match="model_words"):
        EventsStage({"model": "", "model_words": "verbs"})


def test_events_unknown_model_scope_is_refused():
    with pytest.raises(StageUnavailable, match="model_scope"):
        EventsStage({"model": "", "model_scope": "paragraph"})


def test_events_promise_takes_the_recipient_of_its_content(parsed):
    article = _code(parsed, "Ruritania agreed to send two patrol boats to Freedonia in April.")
    event = next(e for e in article.events if e.plover == "AGREE")
    assert _names(article, event.source) == ["Ruritania"]
    assert _names(article, event.target) == ["Freedonia"]


def test_events_threat_takes_the_opponent_named_in_its_content(parsed):
    article = _code(parsed, "Ruritania threatened to close all roads with Freedonia.")
    event = _only(article, "THREATEN")
    assert _names(article, event.target) == ["Freedonia"]


def test_events_source_is_never_its_own_target(parsed):
    article = _code(parsed, "Ruritania condemned Freedonia and Ruritania on Monday.")
    event = _only(article, "ACCUSE")
    assert _names(article, event.source) == ["Ruritania"]
    assert _names(article, event.target) == ["Freedonia"]
    ruritania = article.entity_by_id(event.source[0]).mentions
    assert not set(event.target_spans) & set(ruritania)


def test_events_people_of_one_country_are_not_one_actor(parsed):
    article = _with_entities(parsed("Ruritania condemned Freedonia."))
    first, second = article.entities
    first.kind = second.kind = "person"
    first.code = second.code = "RURGOV"
    assert not same_actor(first.id, second.id, article)
    first.kind = second.kind = "organization"
    assert same_actor(first.id, second.id, article)


def test_events_group_noun_source_gets_an_entity(parsed):
    article = _code(parsed, "Police arrested two Freedonia diplomats on Monday.")
    event = _only(article, "COERCE")
    assert event.source and article.entity_by_id(event.source[0]).name == "Police"


def test_events_unresolved_pronoun_source_gives_no_event(parsed):
    article = _code(parsed, "They condemned Freedonia on Monday.")
    assert not [e for e in article.events if e.plover == "ACCUSE"]


def test_events_the_two_governments_agreeing_are_source_and_target(extract):
    article = extract("Norway and Chile held talks in Geneva on Monday, and the two "
                      "governments agreed to share fishing data from next month.")
    agreed = next(e for e in article.events if article.text[slice(*e.trigger_span)] == "agreed")
    names = lambda ids: [article.entity_by_id(i).name for i in ids]  # noqa: E731
    assert names(agreed.source) == ["Norway"] and names(agreed.target) == ["Chile"]


def test_events_place_in_the_source_phrase_is_no_target(extract):
    article = extract("Norway's embassy in Geneva criticised the new fishing rules on Monday.")
    event = next(e for e in article.events if e.plover == "ACCUSE")
    assert "Geneva" not in [article.text[slice(*s)] for s in event.target_spans]
    assert all(article.entity_by_id(t).name != "Geneva" for t in event.target)


def test_events_place_of_another_clause_is_no_target(extract):
    article = extract("Norway and Chile held talks in Geneva on Monday, and the two "
                      "governments agreed to share fishing data from next month.")
    agreed = next(e for e in article.events if article.text[slice(*e.trigger_span)] == "agreed")
    assert all(article.entity_by_id(t).kind != "place" for t in agreed.target)


def test_events_reaction_to_the_agreement_targets_its_parties(extract):
    article = extract("Norway and Chile agreed to share fishing data on Monday. "
                      "Peru criticised the agreement on Tuesday.")
    event = next(e for e in article.events if e.plover == "ACCUSE")
    assert sorted(article.entity_by_id(t).name for t in event.target) == ["Chile", "Norway"]


def test_a_lone_pronoun_no_entity_resolved_is_no_target(extract):
    text = ("Our reporter asked for the inspection records in March. The Ruritanian customs agency "
            "refused to give us the records, and the port authority accused them of hiding the files.")
    article = extract(text)
    assert article.events, "the refusal and the accusation are events"
    targets = [text[s:e].lower() for event in article.events for s, e in event.target_spans]
    assert "us" not in targets and "them" not in targets


def test_the_reporter_of_an_event_is_not_its_target(extract):
    text = ("Norway and Chile agreed on Monday to share fishing data. The European Commission welcomed "
            "the agreement and offered to pay for the survey ships, according to a spokesperson in Lisbon.")
    article = extract(text)
    welcomed = next(e for e in article.events if article.text[slice(*e.trigger_span)] == "welcomed")
    spans = [article.text[slice(*s)] for s in welcomed.target_spans]
    assert "a spokesperson" not in spans and "Lisbon" not in spans
    assert sorted(article.entity_by_id(t).name for t in welcomed.target) == ["Chile", "Norway"]


def test_events_a_titled_person_is_the_person_not_the_longer_name_in_the_title(extract):
    # the phrase is one since a person's name is never split; its longest mention is the group's
    article = extract("Human Rights Watch researcher Ann Lee criticised the Ruritanian government on Monday.")
    event = next(e for e in article.events if e.plover == "ACCUSE")
    assert article.entity_by_id(event.source[0]).name.endswith("Lee")


def test_events_purpose_clause_keeps_the_place_its_governing_verb_addresses(extract):
    article = extract("Norway's foreign minister has called Ankara to apologize for the incident.")
    event = next(e for e in article.events if article.text[slice(*e.trigger_span)] == "apologize")
    assert "Ankara" in [article.text[slice(*s)] for s in event.target_spans]
