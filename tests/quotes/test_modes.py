"""Tests for communique.quotes.modes: speech turned writing by a written medium or a document."""

from __future__ import annotations

from communique.quotes.attribution import find_attributions
from communique.quotes.channels import Channel
from communique.quotes.cues import load_cues
from communique.quotes.modes import is_written_noun, quote_mode


def attribution_in(parsed, text: str):
    article = parsed(text)
    (found,) = find_attributions(article.doc, text, load_cues())
    return found


def test_no_attribution_is_speech():
    assert quote_mode(None, None) == "speech"


def test_said_on_a_social_network_is_writing(parsed):
    found = attribution_in(parsed, "The minister said that the border would stay open.")
    platform = Channel("Telegram", (0, 8), "platform")
    assert quote_mode(found, None) == "speech"
    assert quote_mode(found, platform) == "writing"


def test_a_letter_as_the_subject_makes_writing(parsed):
    found = attribution_in(parsed, "The letter said that the factory would close in June.")
    assert is_written_noun(found.subject)
    assert quote_mode(found, None) == "writing"


def test_a_thought_stays_a_thought_whatever_the_medium(parsed):
    found = attribution_in(parsed, "The governor fears that the dam will break.")
    assert quote_mode(found, Channel("statement", (0, 9), "medium")) == "thought"
