"""Document creation time inference and clause tense."""

from __future__ import annotations

from datetime import date

from communique.times.anchor import clause_tense, infer_creation_time, parse_published


def test_parse_published_takes_the_date_of_a_datetime():
    assert parse_published("2022-01-11T09:30:00Z") == date(2022, 1, 11)
    assert parse_published("") is None


def test_infer_creation_time_prefers_the_dateline():
    text = "GENEVA, March 3, 2021 (Wire) - Talks resumed. The treaty was signed on June 5, 2019."
    assert infer_creation_time(text) == date(2021, 3, 3)


def test_infer_creation_time_takes_the_latest_full_date_without_a_dateline():
    text = "The council first met on 4 May 2020. More talks followed. A deal came on 9 July 2020."
    assert infer_creation_time(text) == date(2020, 7, 9)


def test_infer_creation_time_finds_nothing_in_undated_text():
    assert infer_creation_time("Ministers met on Monday and will meet again next week.") is None


def test_clause_tense_reads_past_future_and_present(nlp):
    doc = nlp("The envoys met on Monday. They will meet on Friday. They meet on Sundays.")
    monday, friday, sundays = (t for t in doc if t.text in ("Monday", "Friday", "Sundays"))
    assert clause_tense(monday) == "past"
    assert clause_tense(friday) == "future"
    assert clause_tense(sundays) == "present"


def test_clause_tense_dates_the_target_of_a_deferral_forward(nlp):
    doc = nlp("The vote was delayed until Thursday. The strike lasted until Thursday.")
    delayed, lasted = (t for t in doc if t.text == "Thursday")
    assert clause_tense(delayed) == "future"
    assert clause_tense(lasted) == "past"


def test_clause_tense_reads_a_planned_infinitive_as_future(nlp):
    doc = nlp("The envoys plan to meet on Friday. A spokesman declined to comment on Friday.")
    planned, declined = (t for t in doc if t.text == "Friday")
    assert clause_tense(planned) == "scheduled"
    assert clause_tense(declined) not in ("future", "scheduled")


def test_clause_tense_reads_a_present_schedule(nlp):
    doc = nlp("The province holds its election on Sunday. The talks follow Sunday's summit.")
    holds, follow = (t for t in doc if t.text == "Sunday")
    assert clause_tense(holds) == "scheduled"
    assert clause_tense(follow) == "present"


def test_clause_tense_of_a_quote_is_the_speakers(nlp):
    doc = nlp('The mayor said: "The city holds its parade on Sunday."')
    sunday = next(t for t in doc if t.text == "Sunday")
    assert clause_tense(sunday) == "present"


def test_clause_tense_of_a_fronted_participle_is_its_clauses(nlp):
    doc = nlp("Speaking to reporters on Sunday, the minister rejected the plan.")
    sunday = next(t for t in doc if t.text == "Sunday")
    assert clause_tense(sunday) == "past"
