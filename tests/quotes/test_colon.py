"""Lines of speech under a name and a colon: headlines and transcripts."""

from __future__ import annotations

from communique.quotes.colon import find_line_speech, is_one_word_label, names_speaker


def spans(text):
    return [(text[slice(*s.name)], text[slice(*s.content)]) for s in find_line_speech(text)]


def test_a_headline_with_a_name_and_a_colon_is_speech():
    text = "Mendes: Ruritania Will Not Sign the Treaty This Year\n\nThe minister spoke on Monday."
    assert spans(text) == [("Mendes", "Ruritania Will Not Sign the Treaty This Year")]


def test_a_transcript_line_in_capitals_inside_a_quotation_is_speech():
    text = ('Part of the interview:\n\n"HOST: Welcome back to the programme, minister.\n\n'
            '"MENDES: Thank you for having me.')
    assert [name for name, _ in spans(text)] == ["HOST", "MENDES"]


def test_labels_times_and_lower_case_leads_are_not_speech():
    text = ("Photo: Delegates arrive at the summit venue\n"
            "10:30: The talks resumed after a break\n"
            "He said: we will come back with an offer\n"
            "Mendes: Yes\n")
    assert spans(text) == []


def test_one_word_labels_speakers_and_several_words_a_heading():
    assert is_one_word_label("WALLACE") and is_one_word_label("Mendes")
    assert not is_one_word_label("FARM TRADE TALKS")


def test_a_label_names_a_speaker_only_when_a_mention_covers_it():
    label = (0, 9)  # "Lina Park"
    assert names_speaker(label, [(0, 9)], "person")
    assert not names_speaker(label, [(0, 4)], "person")  # "Lina" alone
    assert not names_speaker(label, [(0, 9)], "place")


def test_a_label_ending_with_a_name_after_its_title_names_the_speaker():
    # "Harbour Board Chair Ana Silva: …": the person's mention ends the label
    assert names_speaker((0, 26), [(16, 26)], "person")
    assert not names_speaker((0, 26), [(16, 26)], "place")
    assert not names_speaker((0, 26), [(0, 7)], "person")  # a name opening a heading is no speaker
