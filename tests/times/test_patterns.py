"""Finding time-expression spans with TimeML extents."""

from __future__ import annotations

from communique.times.patterns import candidate_spans


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
