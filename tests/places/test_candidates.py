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
