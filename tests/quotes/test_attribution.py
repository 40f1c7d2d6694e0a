"""Tests for communique.quotes.attribution: cue, subject and content clause from the parse."""

from __future__ import annotations

from communique.quotes.attribution import find_attributions
from communique.quotes.cues import load_cues


def attributions(parsed, text: str):
    article = parsed(text)
    return text, list(find_attributions(article.doc, text, load_cues()))


def test_that_clause_is_the_content_and_the_subject_the_source(parsed):
    text, found = attributions(parsed, "The mayor said that the bridge would reopen in May.")
    (a,) = found
    assert text[slice(*a.content)] == "that the bridge would reopen in May"
    assert text[slice(*a.source_span)] == "The mayor"
    assert text[slice(*a.cue_span)] == "said"


def test_conjoined_cue_inherits_the_subject(parsed):
    text, found = attributions(parsed, "The company denied the report and said that its mines were safe.")
    said = next(a for a in found if a.cue.text == "said")
    assert text[slice(*said.source_span)] == "The company"


def test_according_to_names_the_source_and_leaves_the_clause(parsed):
    text, found = attributions(parsed, "Wheat prices rose by a third, according to the farmers' union.")
    (a,) = found
    assert text[slice(*a.source_span)] == "the farmers' union"
    assert text[slice(*a.content)] == "Wheat prices rose by a third"


def test_call_for_a_noun_phrase_holds_no_content(parsed):
    text, found = attributions(parsed, "The union called for a new wage deal.")
    (a,) = found
    assert a.content is None
    assert text[slice(*a.cue_span)] == "called for"


def test_call_on_takes_who_is_called_on_and_the_to_clause_as_a_request(parsed):
    text, found = attributions(parsed, "The union called on employers to raise wages by May.")
    (a,) = found
    assert text[slice(*a.content)] == "employers to raise wages by May"
    assert text[slice(*a.cue_span)] == "called on"
    assert (a.frame, a.mode) == ("infinitive", "speech")


def test_an_urged_to_clause_is_content_with_its_hearer_as_subject(parsed):
    text, found = attributions(parsed, "The minister urged the rebels to lay down their weapons.")
    (a,) = found
    assert text[slice(*a.content)] == "the rebels to lay down their weapons"
    assert text[slice(*a.source_span)] == "The minister"


def test_an_intention_to_act_is_no_attribution_content(parsed):
    _, found = attributions(parsed, "The charity intends to open a new shelter in the spring.")
    assert all(a.content is None for a in found)


def test_a_bare_noun_phrase_object_is_marked_as_an_object(parsed):
    _, found = attributions(parsed, "The minister welcomed the agreement on Tuesday.")
    assert all(a.content is None or a.frame == "object" for a in found)


def test_belief_verbs_carry_thought_and_tweets_writing(parsed):
    _, found = attributions(parsed, "Analysts believe that rates will fall. "
                            "The senator tweeted that the bill was dead.")
    assert [(a.cue.text, a.mode) for a in found] == [("believe", "thought"), ("tweeted", "writing")]


def test_recipient_of_tell_is_not_content(parsed):
    text, found = attributions(parsed, "She told reporters that the vote was rigged.")
    (a,) = found
    assert text[slice(*a.content)] == "that the vote was rigged"


def test_relative_clause_speaker_is_the_noun_it_describes(parsed):
    text, found = attributions(parsed, "The farmers, who say that the canal is dry, marched on Friday.")
    (a,) = found
    assert text[slice(*a.source_span)].startswith("The farmers")


def test_of_two_subjects_the_one_next_to_the_cue_is_the_source(parsed):
    # The parser takes the quotation's last words ("Or Denver") for a second subject of "said".
    text, found = attributions(parsed, "“Like Boston. Or Denver,” Mayor Jane Smith said. "
                                       "“The numbers are worse.”")
    said = next(a for a in found if a.cue.text == "said")
    assert text[slice(*said.source_span)] == "Mayor Jane Smith"



def test_the_sources_next_deed_inside_the_content_keeps_the_sources_subject(parsed):
    # 'urged' hangs on 'fail' in the parse; in the cue's tense and not the content's, it is the
    # minister's second verb phrase, not the plan's.
    text, found = attributions(parsed, "The minister said the plan will fail and urged voters to reject it.")
    urged = next(a for a in found if a.cue.text == "urged")
    assert text[slice(*urged.source_span)] == "The minister"


def test_and_added_after_the_content_is_a_second_attribution_of_the_same_source(parsed):
    text, found = attributions(parsed, "The mayor said the fire was an accident and added that nobody "
                                       "was hurt.")
    added = next(a for a in found if a.cue.text == "added")
    assert text[slice(*added.content)] == "that nobody was hurt"
    assert text[slice(*added.source_span)] == "The mayor"

