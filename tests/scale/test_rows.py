"""Documents and results as plain rows: what crosses between the driver and the workers."""

from __future__ import annotations

from communique.scale.rows import Place, decode_document, document_of, encode_document, result_row
from communique.sources import SourceDocument, unreadable


def test_a_document_survives_its_encoding(article_factory):
    document = SourceDocument(article_factory(), source="wire.jsonl", echo_text=True)
    document.article.entities = []  # a document going in has no records yet
    back = decode_document(encode_document(document))
    assert back.article.text == document.article.text
    assert back.article.errors == document.article.errors
    assert (back.source, back.echo_text, back.runnable) == ("wire.jsonl", True, True)


def test_a_result_row_gives_back_the_output_line(article_factory):
    document = SourceDocument(article_factory(), source="wire.jsonl")
    row = result_row(document, Place("wire.jsonl", 7), "communique test")
    assert (row["shard"], row["position"], row["month"], row["errors"]) == ("wire.jsonl", 7, "2023-05", 1)
    assert len(row["key"]) == 64
    assert document_of(row).to_output() == document.to_output()


def test_an_unreadable_document_has_no_key_but_keeps_its_errors():
    document = unreadable("line-3", "line 3 is not valid JSON")
    row = result_row(document, Place("bad.jsonl", 2), "communique test")
    assert row["key"] == ""
    back = document_of(row)
    assert not back.runnable
    assert back.to_output() == document.to_output()
