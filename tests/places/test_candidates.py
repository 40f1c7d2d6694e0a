"""Finding toponym mentions beyond NER place entities."""

from __future__ import annotations

from communique.places.candidates import find_mentions
from communique.places.gazetteer import load_gazetteer


def mentions(nlp, text):
    return {m.text: m.adjective for m in find_mentions(nlp(text), load_gazetteer())}


def test_find_mentions_takes_places_inside_organisation_names(nlp):
    found = mentions(nlp, "A spokesman for the US State Department spoke to The Washington Post on Friday.")
    assert "US" in found
    assert "Washington" in found


def test_find_mentions_marks_demonyms_as_adjectives(nlp):
    found = mentions(nlp, "The Russian delegation left the talks early.")
    assert found.get("Russian") is True


def test_find_mentions_ignores_given_names(nlp):
    found = mentions(nlp, "Mary Tyler thanked the voters.")
    assert "Mary" not in found and "Tyler" not in found


def test_find_mentions_takes_a_county_named_as_an_organisation_after_in_as_weak(nlp):
    gazetteer = load_gazetteer()
    text = "Schools in Kanawha stayed closed on Monday after the storm knocked out power."
    doc = nlp(text)
    kanawha = [m for m in find_mentions(doc, gazetteer) if m.text == "Kanawha"]
    if any(e.text == "Kanawha" and e.label_ in ("GPE", "LOC") for e in doc.ents):
        assert kanawha and not kanawha[0].weak  # the NER knew it: an ordinary mention
    else:
        assert kanawha and kanawha[0].weak


def test_find_mentions_leaves_a_county_inside_an_organisation_name_out(nlp):
    text = "The Kanawha County Commission approved the budget on Thursday."
    assert [m.text for m in find_mentions(nlp(text), load_gazetteer())] == []


def test_find_mentions_takes_a_county_in_capitals_outside_any_entity(nlp):
    text = "HORRY COUNTY, S.C. — Two people were hurt in a crash on Tuesday."
    assert "HORRY COUNTY" in [m.text for m in find_mentions(nlp(text), load_gazetteer())]


def with_entities(nlp, text, *labelled):
    """The parse of ``text`` with its entities replaced by ``labelled`` (words, label) pairs, so that
    a test does not depend on what the small model happens to tag."""
    from spacy.tokens import Span

    doc = nlp(text)
    spans, after = [], 0
    for words, label in labelled:
        start = text.index(words, after)
        after = start + len(words)
        span = doc.char_span(start, after, label=label)
        spans.append(Span(doc, span.start, span.end, label=label))
    doc.ents = spans
    return doc


def test_recall_takes_a_town_tagged_as_a_person_beside_a_cue_as_weak(nlp):
    doc = with_entities(nlp, "An Alexandria woman was charged after the fire.", ("Alexandria", "PERSON"))
    assert [(m.text, m.weak) for m in find_mentions(doc, load_gazetteer())] == [("Alexandria", True)]


def test_recall_leaves_a_town_tagged_as_a_person_without_a_cue_out(nlp):
    doc = with_entities(nlp, "Alexandria was charged after the fire.", ("Alexandria", "PERSON"))
    assert find_mentions(doc, load_gazetteer()) == []


def test_recall_leaves_out_the_surname_of_a_person_named_in_full(nlp):
    text = "Andrew Jackson spoke on Monday. Crowds in Jackson cheered."
    doc = with_entities(nlp, text, ("Andrew Jackson", "PERSON"), ("Jackson", "PERSON"))
    assert find_mentions(doc, load_gazetteer()) == []


def test_recall_takes_a_two_word_state_tagged_as_a_person_as_an_ordinary_mention(nlp):
    doc = with_entities(nlp, "West Virginia sued the company on Monday.", ("West Virginia", "PERSON"))
    assert [(m.text, m.weak, m.recalled) for m in find_mentions(doc, load_gazetteer())] == [
        ("West Virginia", False, True)]


def test_find_mentions_reads_a_short_acronym_in_an_organisation_name_as_no_place(nlp):
    doc = with_entities(nlp, "Strikes forced BA to cancel flights from the US on Friday.", ("BA", "ORG"))
    assert [m.text for m in find_mentions(doc, load_gazetteer())] == ["US"]


def test_find_mentions_reads_a_big_towns_county_in_an_organisation_name_in_full(nlp):
    doc = with_entities(nlp, "Reporters at the Suffolk County Times filed the story on Sunday.",
                        ("the Suffolk County Times", "ORG"))
    assert [m.text for m in find_mentions(doc, load_gazetteer())] == ["Suffolk County"]
