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


def test_call_for_takes_the_object_of_its_particle(parsed):
    text, found = attributions(parsed, "The union called for a new wage deal.")
    (a,) = found
    assert text[slice(*a.content)] == "a new wage deal"
    assert text[slice(*a.cue_span)] == "called for"


def test_recipient_of_tell_is_not_content(parsed):
    text, found = attributions(parsed, "She told reporters that the vote was rigged.")
    (a,) = found
    assert text[slice(*a.content)] == "that the vote was rigged"


def test_relative_clause_speaker_is_the_noun_it_describes(parsed):
    text, found = attributions(parsed, "The farmers, who say that the canal is dry, marched on Friday.")
    (a,) = found
    assert text[slice(*a.source_span)].startswith("The farmers")
