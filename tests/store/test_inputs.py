"""Reading CSV, RSS/Atom feed files and WARC archives, next to the formats communique.sources reads."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from communique.cli import main
from communique.sources import ReadOptions, SourceError
from communique.store.inputs import (
    InputSettings,
    count_inputs,
    fetched_kind,
    html_to_text,
    list_inputs,
    read_inputs,
)

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


def read(path: Path | str, settings: InputSettings | None = None) -> list:
    return list(read_inputs([str(path)], OPTIONS, settings))


def test_csv_rows_become_documents_with_their_metadata(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        'id,body,url\nn1,"Talks in Lima ended, officials said.",https://x.example/1\n,Rain fell.,\n'
    )
    first, second = read(path, InputSettings(text_column="body"))
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
    assert not document.runnable and document.failed_source
    message = document.article.errors[0].message
    assert "'text'" in message and "body" in message and "--text-column" in message


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


def write_warc(path: Path, records: list[tuple[str, str, bytes]], gzip: bool = True) -> None:
    """A WARC (gzipped by default) with one response record per (url, content type, body)."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
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


# --- bad sources: one clear message each, and the run goes on --------------------------------------


def test_a_feed_that_is_not_xml_says_so(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text("Ferry crews in Bergen ended their strike; this file is plain text.")
    [document] = read(path)
    assert not document.runnable and document.failed_source
    assert "not well-formed XML" in document.article.errors[0].message


def test_feed_entries_with_only_a_summary_leave_a_note_naming_fetch(tmp_path):
    path = tmp_path / "gazette.rss"
    path.write_text(RSS)  # one entry with content, one with only a description
    settings = InputSettings()
    assert len(read(path, settings)) == 2
    assert settings.notes == [
        "gazette.rss: 1 of 2 entries carry only a summary, which was stored as their text; "
        "pass --fetch to fetch and extract their pages"
    ]


def response(url: str, body: bytes, kind: str = "text/html") -> tuple[str, str, bytes]:
    return (url, kind, body)


def page(number: int) -> bytes:
    return PAGE.replace("Thursday", f"Thursday, meeting {number},").encode()


@pytest.mark.parametrize("gzip", [True, False])
def test_a_warc_cut_inside_a_record_gives_the_pages_before_it_and_one_message(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, [response(f"https://port.example/{n}", page(n)) for n in range(3)], gzip=gzip)
    whole = path.read_bytes()
    third = record_starts(path)[2]
    path.write_bytes(whole[: third + (len(whole) - third) // 2])  # half of the third record
    *pages, last = read(path)
    assert [d.article.id for d in pages] == ["https://port.example/0", "https://port.example/1"]
    assert "meeting 1," in pages[1].article.text
    assert last.failed_source and not last.runnable
    assert "crawl.warc" in last.article.errors[0].message and "truncated" in last.article.errors[0].message


@pytest.mark.parametrize("gzip", [True, False])
def test_a_warc_cut_inside_a_record_header_is_reported_too(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, [response(f"https://port.example/{n}", page(n)) for n in range(2)], gzip=gzip)
    second = record_starts(path)[1]
    path.write_bytes(path.read_bytes()[: second + 40])
    first, last = read(path)
    assert first.article.id == "https://port.example/0" and "truncated" in last.article.errors[0].message


def test_a_whole_warc_gives_no_message(tmp_path):
    path = tmp_path / "crawl.warc"
    write_warc(path, [response(f"https://port.example/{n}", page(n)) for n in range(2)], gzip=False)
    assert [d.failed_source for d in read(path)] == [False, False]


def test_a_url_source_without_fetching_says_to_pass_fetch():
    [document] = list(read_inputs(["https://news.example/world.rss"], OPTIONS))
    assert document.failed_source and "--fetch" in document.article.errors[0].message


@pytest.mark.parametrize(
    ("content_type", "body", "kind"),
    [
        ("application/rss+xml; charset=utf-8", b"<rss/>", "feed"),
        ("text/xml", b"<feed/>", "feed"),
        ("text/html; charset=utf-8", b"<p>x</p>", "html"),
        ("text/plain", b"Rain fell.", "text"),
        ("application/x-ndjson", b'{"id": "1"}', "jsonl"),
        ("", b"<?xml version='1.0'?><rss/>", "feed"),
        ("application/octet-stream", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("image/png", b"\x89PNG", "image/png"),
    ],
)
def test_fetched_bodies_are_told_apart_by_media_type_then_content(content_type, body, kind):
    assert fetched_kind(content_type, body) == kind


def test_every_bad_source_is_named_once_and_the_good_ones_are_stored(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text("Ferry crews in Bergen ended their strike on Monday.")
    (tmp_path / "bad.rss").write_text("plain text, not a feed")
    (tmp_path / "bad.csv").write_text("id,body\nn1,Rain fell in Quito.\n")
    write_warc(tmp_path / "cut.warc.gz", [response(f"https://port.example/{n}", page(n)) for n in range(2)])
    whole = (tmp_path / "cut.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(whole[: len(whole) - 60])
    (tmp_path / "more.txt").write_text("Dock workers in Gdansk resumed wage talks on Thursday.")
    sources = ["bad.rss", "good.txt", "bad.csv", "cut.warc.gz", "more.txt"]
    status = main(["ingest", *sources, "--db", "s.db", "--set", 'pipeline.stages=["ingest"]'])
    err = capsys.readouterr().err
    assert status == 0 and "3 stored" in err  # the two texts and the first page of the archive
    for name, words in [("bad.rss", "not well-formed XML"), ("bad.csv", "no column 'text'"),
                        ("cut.warc.gz", "truncated")]:
        [line] = [line for line in err.splitlines() if f"not stored: {name}" in line]
        assert words in line


def record_starts(path: Path) -> list[int]:
    """The byte offset of every record of a whole WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        return [records.get_record_offset() for _ in records]


def test_a_csv_row_over_the_field_limit_is_one_error_and_the_rows_after_it_are_read(tmp_path):
    path = tmp_path / "news.csv"
    oversized = "word " * 40_000  # 200,000 characters: over the csv module's field limit
    path.write_text(f"id,text\nn1,Rain fell in Lima.\nn2,{oversized}\nn3,Talks ended in Quito.\n")
    documents = list(read_inputs([str(path)], ReadOptions(max_chars=10)))
    assert [d.article.id for d in documents] == ["n1", "news.csv:row-2", "n3"]
    assert not documents[1].runnable and "field limit" in documents[1].article.errors[0].message
    assert documents[2].article.text == "Talks ended in Quito."
