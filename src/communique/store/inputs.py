"""What ``communique ingest`` reads beyond ``communique.sources``: CSV, RSS/Atom feed files and WARC files.

Text, HTML and JSONL files, directories and stdin are read by ``communique.sources``; this module
adds the archive-like formats an ingest run meets, and sends every other file back there.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from communique.article import Article
from communique.fetch import FetchError, FetchOptions, fetch, is_url
from communique.sources import (
    KNOWN_SUFFIXES,
    READ_STAGE,
    ReadOptions,
    SourceDocument,
    SourceError,
    count_documents,
    from_bytes,
    from_html,
    from_record,
    read_documents,
    read_file,
    read_jsonl,
    sniff_kind,
    too_large,
    unreadable,
)

CSV_SUFFIXES = frozenset({".csv"})
CSV_FIELD_LIMIT = 131072
"""The csv module's own default field limit, in characters: the least a CSV field may hold here."""
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})
INGEST_SUFFIXES = KNOWN_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES

FEED_MEDIA_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
JSONL_MEDIA_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/json-lines"})

WARC_SIGNATURES = (b"WARC/", b"\x1f\x8b")
"""How a WARC file starts: its version line, or the gzip magic number of a .warc.gz."""

WARC_TAIL_SLACK = 64
"""Bytes after the last whole record that may still be the blank lines ending it, not a cut record."""

BLOCK_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"})
"""Elements of feed content after which a paragraph break belongs, so sentences do not run together."""


@dataclass
class InputSettings:
    """How ingest reads beyond ``ReadOptions``: the CSV text column, URL fetching, notes for the summary."""

    text_column: str = "text"
    fetch: FetchOptions = field(default_factory=FetchOptions)
    notes: list[str] = field(default_factory=list)  # one line per source worth telling about


class DamagedArchive(ValueError):
    """A WARC file cut short or broken past some record; the message says where."""


def suffix_of(path: Path) -> str:
    """The suffix that says the format, ``.warc.gz`` counted as one."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def read_inputs(
    sources: list[str], options: ReadOptions, settings: InputSettings | None = None
) -> Iterator[SourceDocument]:
    """Every document of every source, in the order given."""
    settings = settings or InputSettings()
    for source in sources:
        yield from read_input(source, options, settings)


def read_input(source: str, options: ReadOptions, settings: InputSettings) -> Iterator[SourceDocument]:
    """The documents of one source: stdin (``-``), a URL, a directory, or a file of any ingestable format."""
    path = Path(source)
    if source == "-":
        yield from read_documents("-", options)
    elif is_url(source):
        yield from read_url(source, options, settings)
    elif path.is_dir():
        for found in list_inputs(path)[0]:
            yield from read_path(found, found.relative_to(path).as_posix(), options, settings)
    elif path.is_file():
        yield from read_path(path, path.name, options, settings)
    else:
        raise SourceError(f"input not found: {source}")


def failed(name: str, message: str, source: str) -> SourceDocument:
    """The document standing for a whole source that could not be read."""
    return unreadable(name, message, source=source, failed_source=True)


def list_inputs(root: Path) -> tuple[list[Path], list[Path]]:
    """Files under ``root`` that ingest reads (sorted, recursive, hidden ones left out), and the others."""
    found: list[Path] = []
    skipped: list[Path] = []
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts) or not path.is_file():
            continue
        (found if suffix_of(path) in INGEST_SUFFIXES else skipped).append(path)
    return found, skipped


def read_path(
    path: Path, name: str, options: ReadOptions, settings: InputSettings
) -> Iterator[SourceDocument]:
    """One file's documents, by its suffix."""
    suffix = suffix_of(path)
    if suffix in CSV_SUFFIXES:
        yield from read_csv(path, name, options, settings.text_column)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(path, name, options, settings)
    elif suffix in WARC_SUFFIXES:
        yield from read_warc(path, name, options)
    else:
        yield from read_file(path, name, options)


def read_csv(path: Path, name: str, options: ReadOptions, text_column: str) -> Iterator[SourceDocument]:
    """One document per row; ``id``, ``title``, ``url``, ``outlet``, ``published`` columns used if there."""
    # The csv module refuses fields over 128 KiB by default; an article may be longer. A field
    # up to the byte bound of an acceptable text is read whole, so a text over max_chars is one
    # document the ingest stage rejects with its reason, not a break in the rows.
    csv.field_size_limit(max(CSV_FIELD_LIMIT, options.max_bytes))
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as stream:
        reader = csv.DictReader(stream)
        try:
            columns = reader.fieldnames or []
        except csv.Error as exc:
            yield failed(name, f"{name} is not a readable CSV file: {exc}", str(path))
            return
        if text_column not in columns:
            yield failed(
                name,
                f"{name} has no column {text_column!r} (columns: {', '.join(columns) or 'none'}); "
                "name the text column with --text-column",
                str(path),
            )
            return
        yield from csv_rows(reader, name, str(path), options, text_column)


def csv_rows(
    reader: csv.DictReader, name: str, source: str, options: ReadOptions, text_column: str
) -> Iterator[SourceDocument]:
    """The documents of a CSV file's rows; a row the csv module cannot parse (a field over the size
    limit, a NUL byte) is one document with errors, and the rows after it are still read."""
    for number in itertools.count(1):
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield unreadable(f"{name}:row-{number}", f"{name}: row {number} is not readable ({exc}); "
                             "skipped, the rows after it are read", source=source)
            continue
        record = {key: value for key, value in row.items() if key and value}
        record["text"] = row.get(text_column) or ""
        record["id"] = record.get("id") or f"{name}:row-{number}"
        document = from_record(record, f"{name}:row-{number}", options)
        document.source = source
        yield document


def read_feed(
    path: Path, name: str, options: ReadOptions, settings: InputSettings
) -> Iterator[SourceDocument]:
    """One document per entry of an RSS/Atom feed file."""
    size = path.stat().st_size
    if size > options.max_bytes:
        yield too_large(name, str(path), size, options)
        return
    yield from feed_documents(path.read_bytes(), name, str(path), options, settings)


def feed_documents(
    data: bytes, name: str, source: str, options: ReadOptions, settings: InputSettings
) -> Iterator[SourceDocument]:
    """One document per RSS/Atom entry: its full content when the feed has it, else its page or summary."""
    import feedparser  # imported here: only feeds need it

    feed = feedparser.parse(data)
    if not feed.entries:
        yield failed(name, f"{name} is not an RSS or Atom feed with entries{feed_problem(feed)}", source)
        return
    outlet = feed.feed.get("title")
    summaries_only = 0
    for number, entry in enumerate(feed.entries, start=1):
        summaries_only += not entry.get("content")
        yield entry_document(entry, f"{name}#{number}", outlet, source, options, settings.fetch)
    if summaries_only and not settings.fetch.enabled:
        settings.notes.append(
            f"{name}: {summaries_only} of {len(feed.entries)} entries carry only a summary, which was "
            "stored as their text; pass --fetch to fetch and extract their pages"
        )


def feed_problem(feed) -> str:
    """Why feedparser found no entries, when it says so (text that is not XML, a syntax error)."""
    if not feed.get("bozo"):
        return ""
    exc = feed.get("bozo_exception")
    return f" (not well-formed XML: {exc})" if exc else " (not well-formed XML)"


def entry_document(
    entry, fallback_id: str, outlet: str | None, source: str, options: ReadOptions, fetching: FetchOptions
) -> SourceDocument:
    """A document from one feed entry; without content in the feed, its page when fetching is on."""
    content = entry.get("content") or []
    body = content[0] if content else {"value": entry.get("summary", ""), "type": "text/html"}
    text = (
        html_to_text(body.get("value", "")) if "html" in body.get("type", "html") else body.get("value", "")
    )
    article = Article(
        id=entry.get("id") or entry.get("link") or fallback_id,
        text=text,
        title=entry.get("title"),
        url=entry.get("link"),
        outlet=outlet,
        published=entry_date(entry) or options.published,
    )
    if not content and fetching.enabled and article.url:
        fill_from_page(article, source, options, fetching)
    if not article.text:
        article.add_error(READ_STAGE, f"{fallback_id}: the feed entry has no content or summary")
    return SourceDocument(article, source=source)


def fill_from_page(article: Article, source: str, options: ReadOptions, fetching: FetchOptions) -> None:
    """Replace an entry's summary by the main text of its page; on failure keep the summary and say why."""
    try:
        fetched = fetch(article.url or "", fetching)
    except FetchError as exc:
        article.add_error(READ_STAGE, f"page not fetched, the feed's summary is used instead: {exc}")
        return
    page = from_html(fetched.body, article.id, source, options).article
    if page.text:
        article.text = page.text
        article.title = article.title or page.title
    else:
        article.add_error(READ_STAGE, f"{fetched.url}: no article text in the page; the summary is used")


def entry_date(entry) -> str | None:
    """The entry's publication (else update) date as ``YYYY-MM-DD``."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, with a blank line after each block so paragraphs stay apart."""
    import lxml.html
    from lxml.etree import ParserError

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except ParserError:
        return fragment
    for element in root.iter():
        if element.tag in BLOCK_TAGS or element.tag == "br":
            element.tail = ("\n\n" if element.tag != "br" else "\n") + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_url(url: str, options: ReadOptions, settings: InputSettings) -> Iterator[SourceDocument]:
    """The documents of a URL (with ``--fetch``): a feed's entries, a page's main text, or JSONL or text."""
    try:
        fetched = fetch(url, settings.fetch)
    except FetchError as exc:
        yield failed(url, str(exc), url)
        return
    kind = fetched_kind(fetched.content_type, fetched.body)
    if kind == "feed":
        yield from feed_documents(fetched.body, url, url, options, settings)
    elif kind == "jsonl":
        yield from read_jsonl(io.BytesIO(fetched.body), options)
    elif kind in ("html", "text"):
        document = from_bytes(fetched.body, fetched.url, url, kind, options)
        document.article.url = document.article.url or fetched.url
        document.echo_text = False
        yield document
    else:
        yield failed(url, f"{url} is {kind}, not a web page, a feed or text; not read", url)


def fetched_kind(content_type: str, body: bytes) -> str:
    """``feed``, ``html``, ``jsonl`` or ``text`` from the media type, else from the first bytes; or
    the media type itself when it is none of these (an image, a PDF)."""
    media = content_type.partition(";")[0].strip().lower()
    if media in FEED_MEDIA_TYPES:
        return "feed"
    if media in JSONL_MEDIA_TYPES:
        return "jsonl"
    if "html" in media:
        return "html"
    if media == "text/plain":
        return "text"
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if media and not media.startswith("text/") and media != "application/octet-stream":
        return media
    return sniff_kind(body[:8192])


def read_warc(path: Path, name: str, options: ReadOptions) -> Iterator[SourceDocument]:
    """One document per HTML response of a WARC file (gzipped or not), read as a stream.

    A file cut short or broken gives the documents before the damage, then one document saying
    where it is; the run goes on with the next source.
    """
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    # warcio 1.x raises AttributeError on a record header cut before its target URI, and zlib or
    # EOF errors on a broken gzip member: all mean the same to a user, a damaged file.
    damaged = (DamagedArchive, ArchiveLoadFailed, StatusAndHeadersParserException, AttributeError,
               EOFError, zlib.error)
    with path.open("rb") as stream:
        # warcio reads any bytes as broken records with warnings only: check the signature first.
        if not stream.read(5).startswith(WARC_SIGNATURES):
            yield failed(name, f"{name} is not a WARC file (no WARC/ header, not gzip)", str(path))
            return
        stream.seek(0)
        try:
            yield from warc_documents(stream, name, str(path), options)
        except damaged as exc:
            yield failed(name, f"{name} is truncated or damaged, not read further: {exc}", str(path))
        except OSError as exc:
            yield failed(name, f"cannot read {name}: {exc.strerror or exc}", str(path))


def warc_documents(stream, name: str, source: str, options: ReadOptions) -> Iterator[SourceDocument]:
    """The documents of a WARC stream; a record cut short raises ``DamagedArchive`` instead of giving
    half a page."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream)
    end = 0
    for record in records:
        document = warc_document(record, name, source, options) if is_html_response(record) else None
        start = records.get_record_offset()  # reads the rest of the record, so its length is known
        end = start + records.get_record_length()
        if getattr(record.raw_stream, "limit", 0) > 0:  # bytes the record's Content-Length promised
            raise DamagedArchive(f"the record at byte {start:,} is cut short")
        if document is not None:
            yield document
    check_tail(stream, end)


def check_tail(stream, end: int) -> None:
    """After the last whole record only its closing blank lines may follow; anything else is a cut record."""
    stream.seek(end)
    tail = stream.read(WARC_TAIL_SLACK + 1)
    if tail.strip(b"\r\n"):
        raise DamagedArchive(f"the file ends inside an incomplete record at byte {end:,}")


def is_html_response(record) -> bool:
    """A successful HTTP response holding an HTML page."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    kind = record.http_headers.get_header("Content-Type") or ""
    return status == "200" and "html" in kind.lower()


def warc_document(record, name: str, source: str, options: ReadOptions) -> SourceDocument:
    """A document from one WARC response: the page's main text, its URL the record's target."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    data = record.content_stream().read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return too_large(url or name, source, len(data), options)
    document = from_html(data, url or name, source, options)
    document.article.url = url or document.article.url
    document.echo_text = False
    return document


def count_inputs(sources: list[str]) -> int | None:
    """How many documents the sources hold, when that is cheap to know; None for stdin, URLs, CSV, feeds,
    WARC."""
    total = 0
    for source in sources:
        if is_url(source):
            return None
        path = Path(source)
        files = list_inputs(path)[0] if path.is_dir() else [path]
        if source == "-" or any(suffix_of(f) not in KNOWN_SUFFIXES for f in files):
            return None
        total += sum(count_documents(str(f)) or 0 for f in files)
    return total
