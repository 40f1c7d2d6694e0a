"""Tests for communique.quotes.marks: quote-mark spans in every style, never an exception."""

from __future__ import annotations

from communique.quotes.marks import find_quote_marks


def quoted(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_quote_marks(text)]


def test_straight_double_quotes_pair_up():
    text = 'The mayor said "we are ready" and "we will rebuild" on Monday.'
    assert quoted(text) == ['"we are ready"', '"we will rebuild"']


def test_curly_quotes_with_nested_single_quotes_are_one_quotation():
    text = "“They call it a ‘special operation’ but it is a war,” the minister said."
    assert quoted(text) == ["“They call it a ‘special operation’ but it is a war,”"]


def test_guillemets_are_quotation_marks():
    text = "Le ministre a dit « nous refusons » hier."
    assert quoted(text) == ["« nous refusons »"]


def test_single_quotes_used_as_quotes_but_not_apostrophes():
    text = "Oslo's mayor calls the plan 'a disaster for the harbour' in the farmers' paper."
    assert quoted(text) == ["'a disaster for the harbour'"]


def test_doubled_single_quotes_stand_for_double_quotes():
    text = "''We lost the vote,'' the senator said."
    assert quoted(text) == ["''We lost the vote,''"]


def test_mixed_curly_open_and_straight_close_still_close():
    text = 'Officials reject any “hostile remarks" from abroad.'
    assert quoted(text) == ['“hostile remarks"']


def test_quotation_runs_on_into_a_paragraph_that_reopens_with_a_mark():
    text = (
        "“The harbour will close for a month.\n\n"
        "“Boats must use the northern pier,” she said.\n\nNext item."
    )
    spans = find_quote_marks(text)
    assert quoted(text) == ["“The harbour will close for a month.", "“Boats must use the northern pier,”"]
    assert [(m.closed, m.continued) for m in spans] == [(False, False), (True, True)]


def test_a_paragraph_that_does_not_reopen_with_a_mark_ends_the_run():
    text = "“The harbour will close.\n\n“Boats must wait.\n\nThe council met on Friday."
    assert [m.continued for m in find_quote_marks(text)] == [False, True]
    assert quoted(text)[-1] == "“Boats must wait."


def test_unclosed_quotation_ends_at_its_paragraph_end():
    text = "He said “the talks are over.\n\nThe delegates went home."
    spans = find_quote_marks(text)
    assert [text[m.start:m.end] for m in spans] == ["“the talks are over."]
    assert spans[0].closed is False


def test_stray_closing_marks_raise_nothing_and_yield_nothing():
    assert find_quote_marks("Prices rose” again ’ in May.") == []


def test_unclosed_straight_quote_is_ended_where_the_next_one_opens():
    text = '"We will not leave, he said. "Never." The end.'
    assert quoted(text)[-1] == '"Never."'


def test_an_opening_mark_typed_as_the_closing_one_closes_the_quotation():
    text = "He called the rebels “traitors“ while visiting the border. The talks resumed."
    assert quoted(text) == ["“traitors“"]


def test_a_closing_mark_typed_as_the_opening_one_opens_a_quotation():
    text = "The post read: ”We will not give in.” The talks resumed."
    assert quoted(text) == ["”We will not give in.”"]


def test_german_low_opening_and_high_closing_marks_pair_up():
    text = "Der Minister sagte „wir bleiben hier“ und ging."
    assert quoted(text) == ["„wir bleiben hier“"]
