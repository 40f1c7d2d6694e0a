"""Finding time-expression spans with TimeML extents."""

from __future__ import annotations

from communique.times.patterns import candidate_spans, reading


def texts(nlp, text):
    doc = nlp(text)
    return [text[s:e] for s, e in candidate_spans(doc)]


def test_candidate_spans_leave_out_the_preposition(nlp):
    found = texts(nlp, "The delegations met on Monday in the capital.")
    assert "Monday" in found
    assert not any(t.startswith("on ") for t in found)


def test_candidate_spans_split_a_year_range(nlp):
    found = texts(nlp, "The drought of 2009-2010 ruined the harvest.")
    assert found == ["2009", "2010"]


def test_candidate_spans_add_reference_words(nlp):
    assert "currently" in texts(nlp, "The plant is currently closed for repairs.")


def test_candidate_spans_skip_ages(nlp):
    assert texts(nlp, "A 40-year-old farmer was arrested.") == []


def test_candidate_spans_keep_an_offset_adverb_but_not_a_comparison(nlp):
    text = "Profit rose in the third quarter. A year earlier, the firm lost money."
    assert "A year earlier" in texts(nlp, text)
    assert "a week" in texts(nlp, "The rains came a week earlier than usual.")
    assert "20 minutes" in texts(nlp, "The police arrived. 20 minutes later, the gunman surrendered.")


def test_candidate_spans_split_a_duration_from_now(nlp):
    found = texts(nlp, "The bridge will be finished before he is 60, ten years from now.")
    assert "ten years" in found and "now" in found
    assert not any("from" in t for t in found)


def test_candidate_spans_skip_as_soon_as(nlp):
    assert texts(nlp, "Police arrived as soon as the alarm sounded.") == []


def test_reading_gives_a_range_its_unit_and_century():
    assert reading("between 12 and 18 months", 8, 10) == "12 months"
    assert reading("the winter of 1962-63 was cold", 19, 21) == "1963"
    assert reading("about 12 people", 6, 8) == "12"
