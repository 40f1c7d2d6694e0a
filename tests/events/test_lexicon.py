"""Tests for the trigger lexicon loader."""

from __future__ import annotations

import pytest

from communique.events.lexicon import (
    PLOVER_TYPES,
    LexiconError,
    build_lexicon,
    load_lexicon,
    parse_line,
    read_entries,
)

TSV = "\n".join([
    "# a comment",
    "meet\tverb\tCONSULT\t040\t-\tdiplomatic\twith\t-",
    "call on\tverb\tREQUEST\t020\t-\t-\ton\t-",
    "call for\tverb\tREQUEST\t020\t-\t-\tnone\t-",
    "hold talk\tlight\tCONSULT\t046\t-\t-\t-\t-",
    "air strike\tnoun\tASSAULT\t195\t-\tmilitary\t-\t-",
    "receive aid\tlight\tAID\t070\t-\t-\tfrom\tinverse",
    "will\tcue\tplanned\t-\t-\t-\t-\t-",
    "",
])


def test_lexicon_indexes_entries_by_how_they_are_matched():
    lex = build_lexicon(read_entries(TSV))
    assert lex.verbs["meet"].plover == "CONSULT"
    assert lex.phrasal[("call", "on")].target_preps == ("on",)
    assert lex.light[("hold", "talk")].cameo == "046"
    assert lex.nouns["air strike"].context == ("military",)
    assert lex.cue("will", "planned") and not lex.cue("will", "hypothetical")


def test_lexicon_reads_no_target_and_inverse_roles():
    lex = build_lexicon(read_entries(TSV))
    assert lex.phrasal[("call", "for")].no_target
    assert lex.light[("receive", "aid")].inverse
    assert not lex.verbs["meet"].inverse


def test_lexicon_expands_alternative_trigger_words_into_one_entry_each():
    lex = build_lexicon(read_entries("give|send food|medicine\tlight\tAID\t073\t-\t-\tto\t-\n"))
    expected = [("give", "food"), ("give", "medicine"), ("send", "food"), ("send", "medicine")]
    assert sorted(lex.light) == expected
    assert {entry.cameo for entry in lex.light.values()} == {"073"}


def test_lexicon_rejects_unknown_plover_type():
    with pytest.raises(LexiconError, match="PLOVER"):
        parse_line("meet\tverb\tTALK\t040\t-\t-\t-\t-", "x:1")


def test_lexicon_rejects_short_line_with_its_location():
    with pytest.raises(LexiconError, match="x:7"):
        parse_line("meet\tverb\tCONSULT", "x:7")


def test_packaged_lexicon_covers_every_plover_type():
    lex = load_lexicon()
    entries = [*lex.verbs.values(), *lex.nouns.values(), *lex.light.values(), *lex.phrasal.values()]
    assert {e.plover for e in entries} == PLOVER_TYPES
    assert lex.cue("say", "report") and lex.cue("would", "hypothetical")
