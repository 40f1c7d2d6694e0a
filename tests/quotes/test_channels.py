"""Tests for communique.quotes.channels: outlets, platforms and media of a statement."""

from __future__ import annotations

import pytest

from communique.quotes.channels import ChannelLexiconError, find_channel, load_channels, read_channels


def no_entity(start: int, end: int) -> None:
    return None


def channel_of(parsed, text: str, verb: str):
    doc = parsed(text).doc
    cue = next(t for t in doc if t.text == verb)
    return find_channel(cue, load_channels(), no_entity)


def test_hearer_that_is_an_outlet_is_the_channel(parsed):
    found = channel_of(parsed, "The minister told Reuters that the border would reopen.", "told")
    assert found.name == "Reuters"


def test_hearer_that_is_not_an_outlet_is_no_channel(parsed):
    assert channel_of(parsed, "The minister told reporters that the border would reopen.", "told") is None


def test_platform_inside_a_statement_beats_the_medium(parsed):
    text = "In a statement posted on Telegram on Sunday, the governor said that two bridges were damaged."
    assert channel_of(parsed, text, "said").name == "Telegram"


def test_medium_alone_is_named_by_its_noun(parsed):
    text = "The ministry said in a statement that the grain deal was suspended."
    assert channel_of(parsed, text, "said").name == "statement"


def test_press_conference_is_a_medium(parsed):
    text = "The coach said at a press conference that the team was tired."
    assert channel_of(parsed, text, "said").name == "press conference"


def test_interview_with_an_outlet_names_the_outlet(parsed):
    text = "The general said in an interview with CNN that the army was ready."
    assert channel_of(parsed, text, "said").name == "CNN"


def test_bad_kind_is_reported_with_its_line():
    with pytest.raises(ChannelLexiconError, match="line 1"):
        read_channels("Sputnik\tnewspaper\n")
