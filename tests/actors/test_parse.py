"""The per-article token index gives the same tokens, entities and sentences as the Doc."""

from __future__ import annotations

from communique.actors.parse import Parse


def test_parse_indexes_tokens_entities_and_sentences(nlp):
    doc = nlp("Anna Berg met the mayor. Then she left Oslo.")
    parse = Parse(doc)
    assert [t.text for t in parse] == [t.text for t in doc]
    assert parse[0].i == 0 and parse[1:3].text == "Berg met"
    oslo = next(t.i for t in doc if t.text == "Oslo")
    assert parse.ent_of[oslo].text == "Oslo"
    assert parse.sentence(oslo) == 1
    assert parse.sentence_start(oslo) == next(t.i for t in doc if t.text == "Then")
    assert parse.ends[len("Anna")] == 0
