"""Tests for communique.quotes.hearsay: a hearsay noun's that-clause is a quote only with a source."""

from __future__ import annotations

from communique.quotes.hearsay import find_hearsay, load_hearsay_nouns


def found(parsed, text: str):
    article = parsed(text)
    return [(text[slice(*a.content)], text[slice(*a.source_span)], text[slice(*a.cue_span)], a.mode)
            for a in find_hearsay(article.doc, text)]


def test_a_possessive_names_whose_claim_it_is(parsed):
    text = "The mayor's claim that the budget was balanced drew criticism."
    assert found(parsed, text) == [("that the budget was balanced", "The mayor", "claim", "speech")]


def test_a_by_phrase_names_the_source(parsed):
    text = "The ministry dismissed allegations by the prosecutor that its officials had taken bribes."
    assert found(parsed, text) == [("that its officials had taken bribes", "the prosecutor", "allegations",
                                    "speech")]


def test_a_hearsay_noun_without_a_source_gives_no_quote(parsed):
    text = "The allegations that the mayor took bribes surfaced in May."
    assert found(parsed, text) == []


def test_a_fear_is_a_thought():
    assert load_hearsay_nouns()["fear"] == "thought"
    assert load_hearsay_nouns()["statement"] == "writing"
