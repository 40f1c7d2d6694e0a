"""Reading CSV, RSS/Atom feed files and WARC archives, next to the formats communique.sources reads."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from communique.sources import ReadOptions, SourceError
from communique.store.inputs import count_inputs, html_to_text, list_inputs, read_inputs

OPTIONS = ReadOptions(published="2022-01-11")

RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Gazette</title>
<item><title>Ferry strike ends</title><link>https://gazette.example/ferry</link>
<guid>gazette-1</guid><pubDate>Mon, 05 Jun 2023 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Ferry crews in Bergen ended their strike.</p>
<p>Boats sail again on Tuesday.</p>]]></content:encoded></item>
<item><title>Port fees</title><link>https://gazette.example/fees</link>
<description>The port raised its fees.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley News</title>
<entry><title>Bridge reopens</title><id>urn:valley:7</id><link href="https://valley.example/bridge"/>
<updated>2023-07-01T10:00:00Z</updated><summary>The old bridge over the river reopened on Saturday.</summary>
</entry></feed>"""

PAGE = (
    "<html><head><title>Dock talks resume</title></head><body><article><h1>Dock talks resume</h1>"
    "<p>Dock workers and the port authority of Gdansk resumed wage talks on Thursday, a union "
    "spokesman said after the first meeting in a month.</p>"
    "<p>Both sides said they hoped to reach an agreement before the summer season begins.</p>"
    "</article></body></html>"
)


def read(path: Path | str, **kwargs) -> list:
    return list(read_inputs([str(path)], OPTIONS, **kwargs))


def test_csv_rows_become_documents_with_their_metadata(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        'id,body,url\nn1,"Talks in Lima ended, officials said.",https://x.example/1\n,Rain fell.,\n'
    )
    first, second = read(path, text_column="body")
    assert (first.article.id, first.article.text, first.article.url) == (
        "n1",
        "Talks in Lima ended, officials said.",
        "https://x.example/1",
    )
    assert second.article.id == "news.csv:row-2" and second.article.errors == []
    assert first.article.published == "2022-01-11"


def test_a_csv_without_the_text_column_says_which_columns_it_has(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("id,body\nn1,Hello\n")
    [document] = read(path)
    assert not document.runnable
    assert "'text'" in document.article.errors[0].message and "body" in document.article.errors[0].message


def test_rss_entries_carry_content_title_link_date_and_outlet(tmp_path):
    path = tmp_path / "gazette.rss"
    path.write_text(RSS)
    ferry, fees = (d.article for d in read(path))
    assert ferry.text == "Ferry crews in Bergen ended their strike.\n\nBoats sail again on Tuesday."
    assert (ferry.id, ferry.title, ferry.url, ferry.published, ferry.outlet) == (
        "gazette-1",
        "Ferry strike ends",
        "https://gazette.example/ferry",
        "2023-06-05",
        "Harbour Gazette",
    )
    assert (
        fees.text == "The port raised its fees." and fees.published == "2022-01-11"
    )  # no date: the fallback


def test_atom_entries_use_their_summary_and_updated_date(tmp_path):
    path = tmp_path / "valley.atom"
    path.write_text(ATOM)
    [entry] = (d.article for d in read(path))
    assert (entry.id, entry.published, entry.url) == (
        "urn:valley:7",
        "2023-07-01",
        "https://valley.example/bridge",
    )
    assert entry.text.startswith("The old bridge")


def test_a_feed_file_without_entries_is_one_unreadable_document(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<html>not a feed</html>")
    [document] = read(path)
    assert not document.runnable and "feed" in document.article.errors[0].message


def write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    """A gzipped WARC with one response record per (url, content type, body)."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, kind, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.0")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def test_warc_html_responses_become_documents_and_the_rest_is_left_out(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("https://port.example/talks", "text/html; charset=utf-8", PAGE.encode()),
            ("https://port.example/logo.png", "image/png", b"\x89PNG...."),
        ],
    )
    [document] = read(path)
    assert document.article.id == "https://port.example/talks" == document.article.url
    assert "resumed wage talks" in document.article.text and document.article.title == "Dock talks resume"


def test_a_file_that_is_not_a_warc_is_reported_not_raised(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive\n" * 10)
    documents = read(path)
    assert len(documents) == 1 and not documents[0].runnable
    assert "not a WARC file" in documents[0].article.errors[0].message


def test_directories_mix_every_format_and_skip_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("Talks in Lima ended.")
    (tmp_path / "b.rss").write_text(RSS)
    (tmp_path / "c.csv").write_text("text\nRain fell in Quito.\n")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4")
    found, skipped = list_inputs(tmp_path)
    assert [p.name for p in found] == ["a.txt", "b.rss", "c.csv"] and [p.name for p in skipped] == ["d.pdf"]
    assert len(read(tmp_path)) == 4


def test_several_sources_are_read_in_the_order_given(tmp_path):
    (tmp_path / "x.txt").write_text("First story.")
    (tmp_path / "y.txt").write_text("Second story.")
    documents = list(read_inputs([str(tmp_path / "y.txt"), str(tmp_path / "x.txt")], OPTIONS))
    assert [d.article.id for d in documents] == ["y.txt", "x.txt"]


def test_a_missing_source_is_a_source_error(tmp_path):
    with pytest.raises(SourceError):
        read(tmp_path / "nothing.jsonl")


def test_counting_is_exact_for_line_formats_and_unknown_for_archives(tmp_path):
    (tmp_path / "n.jsonl").write_text('{"id": "1", "text": "a"}\n{"id": "2", "text": "b"}\n')
    (tmp_path / "f.rss").write_text(RSS)
    assert count_inputs([str(tmp_path / "n.jsonl")]) == 2
    assert count_inputs([str(tmp_path)]) is None


def test_html_fragments_keep_paragraphs_apart():
    assert html_to_text("<p>One  sentence.</p><p>Two<br>lines.</p>") == "One sentence.\n\nTwo\nlines."
