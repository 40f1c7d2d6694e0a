"""What ``communique ingest`` reads beyond ``communique.sources``: CSV, RSS/Atom feed files and WARC files.

Text, HTML and JSONL files, directories and stdin are read by ``communique.sources``; this module
adds the archive-like formats an ingest run meets, and sends every other file back there.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterator
from pathlib import Path

from communique.article import Article
from communique.sources import (
    KNOWN_SUFFIXES,
    READ_STAGE,
    ReadOptions,
    SourceDocument,
    SourceError,
    count_documents,
    from_html,
    from_record,
    read_documents,
    read_file,
    too_large,
    unreadable,
)

CSV_SUFFIXES = frozenset({".csv"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})
INGEST_SUFFIXES = KNOWN_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES

WARC_SIGNATURES = (b"WARC/", b"\x1f\x8b")
"""How a WARC file starts: its version line, or the gzip magic number of a .warc.gz."""

BLOCK_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"})
"""Elements of feed content after which a paragraph break belongs, so sentences do not run together."""


def suffix_of(path: Path) -> str:
    """The suffix that says the format, ``.warc.gz`` counted as one."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def read_inputs(
    sources: list[str], options: ReadOptions, text_column: str = "text"
) -> Iterator[SourceDocument]:
    """Every document of every source, in the order given."""
    for source in sources:
        yield from read_input(source, options, text_column)


def read_input(source: str, options: ReadOptions, text_column: str) -> Iterator[SourceDocument]:
    """The documents of one source: stdin (``-``), a directory, or a file of any ingestable format."""
    path = Path(source)
    if source == "-":
        yield from read_documents("-", options)
    elif path.is_dir():
        for found in list_inputs(path)[0]:
            yield from read_path(found, found.relative_to(path).as_posix(), options, text_column)
    elif path.is_file():
        yield from read_path(path, path.name, options, text_column)
    else:
        raise SourceError(f"input not found: {source}")


def list_inputs(root: Path) -> tuple[list[Path], list[Path]]:
    """Files under ``root`` that ingest reads (sorted, recursive, hidden ones left out), and the others."""
    found: list[Path] = []
    skipped: list[Path] = []
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts) or not path.is_file():
            continue
        (found if suffix_of(path) in INGEST_SUFFIXES else skipped).append(path)
    return found, skipped


def read_path(path: Path, name: str, options: ReadOptions, text_column: str) -> Iterator[SourceDocument]:
    """One file's documents, by its suffix."""
    suffix = suffix_of(path)
    if suffix in CSV_SUFFIXES:
        yield from read_csv(path, name, options, text_column)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(path, name, options)
    elif suffix in WARC_SUFFIXES:
        yield from read_warc(path, name, options)
    else:
        yield from read_file(path, name, options)


def read_csv(path: Path, name: str, options: ReadOptions, text_column: str) -> Iterator[SourceDocument]:
    """One document per row; ``id``, ``title``, ``url``, ``outlet``, ``published`` columns used if there."""
    # The csv module refuses fields over 128 KiB by default; an article may be longer.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_chars + 1))
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as stream:
        reader = csv.DictReader(stream)
        if text_column not in (reader.fieldnames or []):
            yield unreadable(
                name,
                f"{name} has no column {text_column!r} (columns: "
                f"{', '.join(reader.fieldnames or [])}); use --text-column",
                source=str(path),
            )
            return
        for number, row in enumerate(reader, start=1):
            record = {key: value for key, value in row.items() if key and value}
            record["text"] = row.get(text_column) or ""
            record["id"] = record.get("id") or f"{name}:row-{number}"
            document = from_record(record, f"{name}:row-{number}", options)
            document.source = str(path)
            yield document


def read_feed(path: Path, name: str, options: ReadOptions) -> Iterator[SourceDocument]:
    """One document per RSS/Atom entry: its full content when the feed has it, else its summary."""
    import feedparser  # imported here: only feeds need it

    if path.stat().st_size > options.max_bytes:
        yield too_large(name, str(path), path.stat().st_size, options)
        return
    feed = feedparser.parse(path.read_bytes())
    if not feed.entries:
        problem = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        yield unreadable(name, f"{name} is not an RSS or Atom feed with entries{problem}", source=str(path))
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        yield entry_document(entry, f"{name}#{number}", outlet, str(path), options)


def entry_document(
    entry, fallback_id: str, outlet: str | None, source: str, options: ReadOptions
) -> SourceDocument:
    """A document from one feed entry."""
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
    if not text:
        article.add_error(READ_STAGE, f"{fallback_id}: the feed entry has no content or summary")
    return SourceDocument(article, source=source)


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


def read_warc(path: Path, name: str, options: ReadOptions) -> Iterator[SourceDocument]:
    """One document per HTML response of a WARC file (gzipped or not), read as a stream."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as stream:
        # warcio reads any bytes as broken records with warnings only: check the signature first.
        if not stream.read(5).startswith(WARC_SIGNATURES):
            yield unreadable(name, f"{name} is not a WARC file (no WARC/ header, not gzip)", source=str(path))
            return
        stream.seek(0)
        try:
            for record in ArchiveIterator(stream):
                if is_html_response(record):
                    yield warc_document(record, name, str(path), options)
        except ArchiveLoadFailed as exc:
            message = f"{name}: not a readable WARC file past this point: {exc}"
            yield unreadable(name, message, source=str(path))


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
    """How many documents the sources hold, when that is cheap to know; None for stdin, CSV, feeds, WARC."""
    total = 0
    for source in sources:
        path = Path(source)
        files = list_inputs(path)[0] if path.is_dir() else [path]
        if source == "-" or any(suffix_of(f) not in KNOWN_SUFFIXES for f in files):
            return None
        total += sum(count_documents(str(f)) or 0 for f in files)
    return total
