"""Reading documents: JSONL contract lines, text and HTML files, directories and stdin."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from communique.sources import (
    READ_STAGE,
    ReadOptions,
    SourceError,
    count_documents,
    decode,
    drop_heading,
    list_directory,
    read_documents,
    read_jsonl,
    read_stream,
    sniff_kind,
)

OPTIONS = ReadOptions()
PAGE = (
    "<html><head><title>Ministers meet in Lisbon</title>"
    '<meta property="article:published_time" content="2023-05-02T09:30:00Z"></head>'
    "<body><nav>Home | World | Sport</nav><article><h1>Ministers meet in Lisbon</h1>"
    "<p>The Portuguese foreign minister received her Moroccan counterpart in Lisbon on Tuesday "
    "to discuss fishing rights off the Atlantic coast, officials said.</p>"
    "<p>Both sides said they hoped to sign a new agreement before the end of the summer season.</p>"
    "</article></body></html>"
)


def jsonl(*lines: str | bytes) -> io.BytesIO:
    return io.BytesIO(b"".join((x.encode() if isinstance(x, str) else x) + b"\n" for x in lines))


def read_lines(*lines: str | bytes, options: ReadOptions = OPTIONS):
    return list(read_jsonl(jsonl(*lines), options))


def test_jsonl_line_keeps_contract_fields():
    line = json.dumps({"id": "d1", "text": "Talks began.", "published": "2022-01-11", "title": "T",
                       "url": "https://example.org/a", "outlet": "Example Wire", "gold": {"x": 1}})
    (doc,) = read_lines(line)
    art = doc.article
    assert (art.id, art.text, art.published, art.title, art.url, art.outlet) == (
        "d1", "Talks began.", "2022-01-11", "T", "https://example.org/a", "Example Wire")
    assert doc.runnable and not art.errors


def test_blank_lines_are_skipped_but_counted_in_line_ids():
    docs = read_lines('{"id": "a", "text": "One."}', "", "   ", "{oops")
    assert [d.article.id for d in docs] == ["a", "line-4"]


def test_malformed_json_line_becomes_an_unrunnable_document_with_an_error():
    (doc,) = read_lines('{"id": "x", "text": "unterminated')
    assert not doc.runnable
    assert doc.article.id == "line-1"
    assert doc.article.errors[0].stage == READ_STAGE
    assert "not valid JSON" in doc.article.errors[0].message


def test_json_that_is_not_an_object_is_an_error():
    (doc,) = read_lines('["a", "list"]')
    assert not doc.runnable and "not an object" in doc.article.errors[0].message


def test_missing_id_gets_a_line_based_id_and_an_error():
    _, doc = read_lines('{"id": "a", "text": "One."}', '{"text": "Two."}')
    assert doc.article.id == "line-2"
    assert doc.runnable and doc.article.text == "Two."
    assert "no usable 'id'" in doc.article.errors[0].message


def test_numeric_id_is_kept_as_a_string():
    (doc,) = read_lines('{"id": 17, "text": "One."}')
    assert doc.article.id == "17" and not doc.article.errors


def test_text_that_is_not_a_string_is_not_run():
    (doc,) = read_lines('{"id": "n", "text": 42}')
    assert not doc.runnable and doc.article.id == "n"
    assert "'text' must be a string" in doc.article.errors[0].message


def test_metadata_of_the_wrong_type_is_ignored_with_an_error():
    (doc,) = read_lines('{"id": "m", "text": "One.", "published": 20220111}')
    assert doc.article.published is None
    assert "'published' must be a string" in doc.article.errors[0].message


def test_invalid_utf8_is_replaced_and_reported():
    (doc,) = read_lines(b'{"id": "u", "text": "Caf\xe9 talks in Paris."}')
    assert doc.runnable
    assert doc.article.text == "Caf\ufffd talks in Paris."
    assert "not valid UTF-8" in doc.article.errors[0].message


def test_published_option_fills_only_lines_without_a_date():
    options = ReadOptions(published="2024-03-14")
    own, missing = read_lines(
        '{"id": "a", "text": "x", "published": "2020-01-01"}', '{"id": "b", "text": "y"}', options=options
    )
    assert own.article.published == "2020-01-01"
    assert missing.article.published == "2024-03-14"


def test_oversized_line_is_reported_without_being_read_and_the_next_line_still_comes():
    options = ReadOptions(max_chars=10)
    huge = '{"id": "big", "text": "' + "a" * (options.max_bytes + 10) + '"}'
    big, after = read_lines(huge, '{"id": "after", "text": "Fine."}', options=options)
    assert big.article.id == "big" and not big.runnable
    assert "stages.ingest.max_chars" in big.article.errors[0].message
    assert after.article.id == "after" and after.runnable


def test_text_file_becomes_one_document_with_its_text_echoed(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbfRebels left the town.\r\nTroops entered it.")
    (doc,) = read_documents(str(path), ReadOptions(published="2022-01-11"))
    assert doc.article.id == "story.txt"
    assert doc.article.text == "Rebels left the town.\nTroops entered it."
    assert doc.article.published == "2022-01-11"
    out = doc.to_output()
    assert out["text"] == doc.article.text and out["source"] == str(path)


def test_html_file_gives_body_text_title_and_date(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (doc,) = read_documents(str(path), OPTIONS)
    art = doc.article
    assert art.title == "Ministers meet in Lisbon"
    assert art.published == "2023-05-02"
    assert art.text.startswith("The Portuguese foreign minister")
    assert "Home | World" not in art.text


def test_html_page_date_wins_over_the_published_option(tmp_path: Path):
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    (doc,) = read_documents(str(path), ReadOptions(published="2024-03-14"))
    assert doc.article.published == "2023-05-02"


def test_binary_file_is_an_error_document(tmp_path: Path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (doc,) = read_documents(str(path), OPTIONS)
    assert not doc.runnable
    assert "binary" in doc.article.errors[0].message


def test_file_too_large_for_the_limit_is_not_read(tmp_path: Path):
    options = ReadOptions(max_chars=5)
    path = tmp_path / "long.txt"
    path.write_bytes(b"word " * (options.max_bytes // 5 + 1))
    (doc,) = read_documents(str(path), options)
    assert not doc.runnable and "not read" in doc.article.errors[0].message


def test_directory_is_read_recursively_in_sorted_order_without_hidden_or_unknown_files(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Second.")
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "c.jsonl").write_text('{"id": "c1", "text": "Third."}\n{"id": "c2", "text": "Fourth."}\n')
    (tmp_path / ".git" / "notes.txt").write_text("hidden")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    docs = list(read_documents(str(tmp_path), OPTIONS))
    assert [d.article.id for d in docs] == ["a.txt", "b/z.txt", "c1", "c2"]
    assert list_directory(tmp_path)[1] == [tmp_path / "photo.jpg"]
    assert count_documents(str(tmp_path)) == 4


def test_missing_path_raises_source_error(tmp_path: Path):
    with pytest.raises(SourceError):
        list(read_documents(str(tmp_path / "nope.jsonl"), OPTIONS))


def test_stdin_with_jsonl_gives_one_document_per_line():
    stream = jsonl(*(json.dumps({"id": f"s{i}", "text": "x" * 5000}) for i in range(3)))
    docs = list(read_stream(stream, "stdin", OPTIONS))
    assert [d.article.id for d in docs] == ["s0", "s1", "s2"]
    assert all(len(d.article.text) == 5000 for d in docs)


def test_stdin_with_plain_text_is_one_document():
    stream = io.BytesIO(b"Delegates from Chile and Peru met in Lima.\nThey agreed on a border plan.")
    (doc,) = read_stream(stream, "stdin", ReadOptions(published="2022-01-11"))
    assert doc.article.id == "stdin" and doc.echo_text
    assert doc.article.text.endswith("border plan.")
    assert doc.article.published == "2022-01-11"


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b'  {"id": 1}', "jsonl"), (b"<!DOCTYPE html><html>", "html"), (b"The minister said", "text")],
)
def test_sniff_kind_tells_jsonl_html_and_text_apart(head: bytes, kind: str):
    assert sniff_kind(head) == kind


def test_decode_reports_the_offset_of_the_first_bad_byte():
    text, note = decode(b"ab\xffcd")
    assert text == "ab\ufffdcd" and "offset 2" in note


def test_drop_heading_removes_only_a_first_line_equal_to_the_title():
    assert drop_heading("Talks end\nThe talks ended.", "Talks end") == "The talks ended."
    assert drop_heading("Talks ended today.", "Talks end") == "Talks ended today."


def test_rejected_text_is_not_echoed_back():
    (doc,) = read_stream(io.BytesIO(b"Some text."), "stdin", OPTIONS)
    doc.article.text = ""  # what the ingest stage does to a text it rejects
    assert doc.to_output()["text"] == ""


@pytest.mark.parametrize("line", ["[" * 50_000 + "]" * 50_000, '{"a":' * 50_000 + "1" + "}" * 50_000])
def test_a_line_nested_too_deeply_is_one_error_and_the_next_line_still_comes(line: str):
    bad, good = read_lines(line, json.dumps({"id": "next", "text": "Talks resumed in Lima."}))
    assert not bad.runnable and bad.article.id == "line-1"
    assert "nested too deeply" in bad.article.errors[0].message
    assert good.article.id == "next" and good.runnable


def test_an_integer_too_long_to_convert_is_an_error_not_a_crash():
    [bad] = read_lines('{"id": "n", "text": "Rain.", "count": ' + "9" * 10_000 + "}")
    assert not bad.runnable and "not readable JSON" in bad.article.errors[0].message


def test_lone_surrogates_become_replacement_characters_at_the_same_offsets():
    [document] = read_lines('{"id": "s\\udfff", "text": "The mayor said \\ud800 the bridge would open."}')
    assert document.article.text == "The mayor said \ufffd the bridge would open."
    assert document.article.id == "s\ufffd"
    assert [e.stage for e in document.article.errors] == [READ_STAGE, READ_STAGE]
    assert "lone surrogate" in document.article.errors[0].message
