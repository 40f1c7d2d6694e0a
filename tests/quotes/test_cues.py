"""Tests for communique.quotes.cues: the cue lexicon loader."""

from __future__ import annotations

import pytest

from communique.quotes.cues import CueLexiconError, load_cues, read_cue_forms, read_cues


def test_packaged_lexicon_knows_speech_and_belief_verbs():
    lexicon = load_cues()
    assert "clause" in lexicon.cues_for("say")[0].frames
    assert lexicon.cues_for("believe")[0].cls == "belief"


def test_particle_cues_are_kept_apart_from_the_bare_verb():
    lexicon = read_cues("call\tobject\tspeech\ncall for\tprep\tspeech\n")
    particles = {cue.particle for cue in lexicon.cues_for("call")}
    assert particles == {None, "for"}


def test_repeated_entries_merge_their_frames():
    lexicon = read_cues("claim\tclause\tspeech\nclaim\tobject\tspeech\n")
    assert lexicon.cues_for("claim")[0].frames == {"clause", "object"}


def test_unknown_frame_is_reported_with_its_line():
    with pytest.raises(CueLexiconError, match="line 2"):
        read_cues("# comment\nsay\tshouting\tspeech\n")


def test_the_attribution_column_says_how_the_source_came_by_the_content():
    lexicon = load_cues()
    modes = {lemma: lexicon.cues_for(lemma)[0].mode for lemma in ("say", "tweet", "believe", "show")}
    assert modes == {"say": "speech", "tweet": "writing", "believe": "thought", "show": "perception"}


def test_a_line_without_attribution_is_speech_and_an_unknown_one_is_an_error():
    assert read_cues("mutter\tclause\tspeech\n").cues_for("mutter")[0].mode == "speech"
    with pytest.raises(CueLexiconError, match="line 1"):
        read_cues("mutter\tclause\tspeech\trumour\n")


def test_unknown_lemma_has_no_cues():
    assert load_cues().cues_for("swim") == ()


def test_a_form_the_lemmatizer_misreads_maps_to_its_cue():
    lexicon = load_cues()
    assert lexicon.lemma_of("Hopes", "hop") == "hope"
    assert lexicon.lemma_of("said", "say") == "say"
    assert lexicon.cues_for(lexicon.lemma_of("hoped", "hop"))[0].mode == "thought"


def test_a_cue_forms_line_without_a_lemma_is_an_error():
    with pytest.raises(CueLexiconError, match="line 2"):
        read_cue_forms("# comment\nhopes\n")


def test_a_cue_of_asking_reads_if_clauses_as_questions_and_say_does_not():
    lexicon = load_cues()
    assert "question" in lexicon.cues_for("ask")[0].frames
    assert "question" not in lexicon.cues_for("say")[0].frames
