"""Sources: read documents from JSONL contract lines, text and HTML files, directories or stdin."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from communique.article import Article

READ_STAGE = "read"
"""The stage name under which reading problems are recorded in a document's ``errors``."""

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
KNOWN_SUFFIXES = JSONL_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES

CONTRACT_INPUT_FIELDS = ("published", "title", "url", "outlet")
"""Optional input fields of a contract line (``id`` and ``text`` are handled on their own)."""

SNIFF_BYTES = 8192
SURROGATE_RE = re.compile("[\ud800-\udfff]")
"""A UTF-16 surrogate code point: in a Python string only from a lone JSON escape."""
_ID_IN_PREFIX = re.compile(rb'"id"\s*:\s*"((?:[^"\\]|\\.){1,200})"')


class SourceError(ValueError):
    """The input cannot be opened at all (missing path, unreadable directory); a usage error."""


@dataclass(slots=True)
class SourceDocument:
    """One document as read, before or after the pipeline.

    ``runnable`` is false when reading already failed (a malformed line): such a document
    goes straight to the output with its errors. A document read from a text or HTML file
    has a ``source`` path and ``echo_text`` set, because its text is not in the input
    anywhere a user could apply the offsets to. ``failed_source`` marks the one document that
    stands for a whole source that could not be read (a feed that is not XML, a truncated
    archive, an unreachable URL): its message is always shown, however many others there are.
    """

    article: Article
    runnable: bool = True
    source: str | None = None
    echo_text: bool = False
    failed_source: bool = False

    def to_output(self) -> dict[str, Any]:
        """The output line: the contract record, plus ``text`` and ``source`` for files."""
        line = self.article.to_contract()
        if self.echo_text:
            line["text"] = self.article.text  # after ingest, so a rejected text is not echoed back
        if self.source is not None:
            line["source"] = self.source
        return line


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read: the fallback publication date and the size limit from the ingest settings."""

    published: str | None = None
    max_chars: int = 2_000_000

    @property
    def max_bytes(self) -> int:
        """Bytes past which a file or line cannot hold an acceptable text, even fully escaped.

        A code point is at most 4 UTF-8 bytes, or 12 bytes as a JSON surrogate-pair escape.
        """
        return self.max_chars * 12 + 65536


def read_documents(
    source: str, options: ReadOptions, stdin: BinaryIO | None = None
) -> Iterator[SourceDocument]:
    """Every document of ``source``: a JSONL/text/HTML file, a directory of them, or ``-``."""
    if source == "-":
        yield from read_stream(stdin or sys.stdin.buffer, "stdin", options)
        return
    path = Path(source)
    if path.is_dir():
        yield from read_directory(path, options)
    elif path.is_file():
        yield from read_file(path, path.name, options)
    else:
        raise SourceError(f"input not found: {source}")


def list_directory(root: Path) -> tuple[list[Path], list[Path]]:
    """Files under ``root`` with a known suffix (sorted, recursive, hidden ones left out), and the others."""
    found: list[Path] = []
    skipped: list[Path] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        (found if path.suffix.lower() in KNOWN_SUFFIXES else skipped).append(path)
    return found, skipped


def read_directory(root: Path, options: ReadOptions) -> Iterator[SourceDocument]:
    """The documents of every known file under ``root``, in sorted path order."""
    found, _ = list_directory(root)
    for path in found:
        yield from read_file(path, path.relative_to(root).as_posix(), options)


def read_file(path: Path, doc_id: str, options: ReadOptions) -> Iterator[SourceDocument]:
    """The documents of one file, by its suffix, or by its content when the suffix says nothing."""
    kind = file_kind(path)
    if kind == "jsonl":
        with path.open("rb") as stream:
            yield from read_jsonl(stream, options)
        return
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            yield too_large(doc_id, str(path), size, options)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield unreadable(doc_id, f"cannot read {path}: {exc.strerror or exc}", source=str(path))
        return
    yield from_bytes(data, doc_id, str(path), kind, options)


def file_kind(path: Path) -> str:
    """``jsonl``, ``html`` or ``text``: from the suffix, else from the first bytes."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError:
        return "text"
    return sniff_kind(head)


def sniff_kind(head: bytes) -> str:
    """Guess the kind of a file or stream from its first bytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    lowered = stripped[:1024].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    return "text"


def read_stream(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[SourceDocument]:
    """JSONL from a stream, or one plain-text (or HTML) document when it does not look like JSONL."""
    head = stream.read(SNIFF_BYTES)
    kind = sniff_kind(head)
    if kind == "jsonl":
        yield from read_jsonl(_Prefixed(head, stream), options)
        return
    rest = stream.read(options.max_bytes + 1 - len(head))
    data = head + rest
    if len(data) > options.max_bytes:
        yield too_large(name, name, len(data), options)
        return
    yield from_bytes(data, name, name, kind, options)


def from_bytes(data: bytes, doc_id: str, source: str, kind: str, options: ReadOptions) -> SourceDocument:
    """A document from the bytes of a text or HTML file."""
    if b"\x00" in data[:SNIFF_BYTES]:
        return unreadable(doc_id, f"{source} looks like a binary file, not text; skipped", source=source)
    if kind == "html":
        return from_html(data, doc_id, source, options)
    text, problem = decode(data)
    article = Article(id=doc_id, text=text.replace("\r\n", "\n"), published=options.published)
    if problem:
        article.add_error(READ_STAGE, f"{source}: {problem}")
    return SourceDocument(article, source=source, echo_text=True)


def from_html(data: bytes, doc_id: str, source: str, options: ReadOptions) -> SourceDocument:
    """A document from an HTML page: trafilatura's main text, title and date."""
    import trafilatura  # imported here: it is only needed for HTML and takes time to load

    page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    text = (getattr(page, "text", None) or "") if page is not None else ""
    title = getattr(page, "title", None) if page is not None else None
    text = drop_heading(text, title)
    article = Article(
        id=doc_id,
        text=text,
        title=title,
        published=(getattr(page, "date", None) if page is not None else None) or options.published,
        url=getattr(page, "url", None) if page is not None else None,
    )
    if not text:
        article.add_error(READ_STAGE, f"{source}: no article text found in the HTML page")
    return SourceDocument(article, source=source, echo_text=True)


def drop_heading(text: str, title: str | None) -> str:
    """The body text without a first line that only repeats the title (it is kept in ``title``)."""
    first, sep, rest = text.partition("\n")
    if title and sep and first.strip() == title.strip():
        return rest.lstrip("\n")
    return text


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 text (a BOM dropped), with undecodable bytes replaced and a note saying so."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        note = (
            f"not valid UTF-8 (first bad byte at offset {exc.start}); "
            "undecodable bytes were replaced with U+FFFD"
        )
        return data.decode("utf-8", errors="replace"), note


def read_jsonl(stream: BinaryIO, options: ReadOptions) -> Iterator[SourceDocument]:
    """One document per non-blank line of contract JSONL; a bad line becomes a document with errors."""
    number = 0
    while True:
        raw = stream.readline(options.max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
            skip_rest_of_line(stream)
            yield oversized_line(raw, number, options)
        elif raw.strip():
            yield parse_line(raw, number, options)


def skip_rest_of_line(stream: BinaryIO) -> None:
    """Read past the end of the current line without keeping it."""
    while chunk := stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


def parse_line(raw: bytes, number: int, options: ReadOptions) -> SourceDocument:
    """A document from one JSONL line."""
    line_id = f"line-{number}"
    text, problem = decode(raw)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return unreadable(line_id, f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return unreadable(line_id, f"line {number} is JSON nested too deeply to read; not read")
    except ValueError as exc:  # an integer of thousands of digits, over Python's conversion limit
        return unreadable(line_id, f"line {number} is not readable JSON: {exc}")
    if not isinstance(record, dict):
        return unreadable(line_id, f"line {number} is a JSON {type(record).__name__}, not an object")
    document = from_record(record, line_id, options)
    if problem:
        document.article.add_error(READ_STAGE, f"line {number}: {problem}")
    return document


def from_record(record: dict[str, Any], line_id: str, options: ReadOptions) -> SourceDocument:
    """A document from a contract input object; missing or wrong fields are noted in its errors."""
    problems: list[str] = []
    record = without_surrogates(record, line_id, problems)
    doc_id = record.get("id")
    if isinstance(doc_id, int | float) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id:
        problems.append(f"no usable 'id' (got {doc_id!r}); the id {line_id!r} was given instead")
        doc_id = line_id
    text = record.get("text")
    if not isinstance(text, str):
        problems.append(f"'text' must be a string, got {type(text).__name__}; nothing to extract")
        return unreadable(doc_id, *problems)
    meta = {key: record[key] for key in CONTRACT_INPUT_FIELDS if isinstance(record.get(key), str)}
    problems.extend(
        f"'{key}' must be a string, got {type(record[key]).__name__}; ignored"
        for key in CONTRACT_INPUT_FIELDS
        if record.get(key) is not None and key not in meta
    )
    meta.setdefault("published", options.published)
    article = Article(id=doc_id, text=text, **meta)
    for problem in problems:
        article.add_error(READ_STAGE, problem)
    return SourceDocument(article)


def without_surrogates(record: dict[str, Any], line_id: str, problems: list[str]) -> dict[str, Any]:
    """The record with lone surrogates (a JSON escape such as ``\\ud800``: valid JSON, invalid
    Unicode, which no output can encode) replaced by U+FFFD, one code point for one, so offsets
    into the text stay those of the input; each field so mended is noted in ``problems``."""
    mended = dict(record)
    for key, value in record.items():
        if isinstance(value, str) and not value.isascii() and SURROGATE_RE.search(value):
            mended[key] = SURROGATE_RE.sub("\ufffd", value)
            problems.append(f"{line_id}: '{key}' holds lone surrogate escapes (invalid Unicode); "
                            "each was replaced with U+FFFD")
    return mended


def unreadable(
    doc_id: str, *messages: str, source: str | None = None, failed_source: bool = False
) -> SourceDocument:
    """A document that could not be read: empty, not run, with its errors."""
    article = Article(id=doc_id, text="")
    for message in messages:
        article.add_error(READ_STAGE, message)
    return SourceDocument(article, runnable=False, source=source, failed_source=failed_source)


def too_large(doc_id: str, source: str, size: int, options: ReadOptions) -> SourceDocument:
    """A document too big to read: the limit comes from the ingest stage's ``max_chars``."""
    return unreadable(
        doc_id,
        f"{source} has {size:,} bytes, more than any text of at most {options.max_chars:,} characters "
        "(setting stages.ingest.max_chars); not read",
        source=source,
    )


def oversized_line(head: bytes, number: int, options: ReadOptions) -> SourceDocument:
    """A JSONL line too long to hold an acceptable text; its id is kept when it comes early in the line."""
    match = _ID_IN_PREFIX.search(head[:SNIFF_BYTES])
    doc_id = f"line-{number}"
    if match:
        with suppress(json.JSONDecodeError, UnicodeDecodeError):
            doc_id = json.loads(b'"' + match.group(1) + b'"')
    return unreadable(
        doc_id,
        f"line {number} is longer than {options.max_bytes:,} bytes, so its text is over the limit of "
        f"{options.max_chars:,} characters (setting stages.ingest.max_chars); not read",
    )


def count_documents(source: str) -> int | None:
    """How many documents ``source`` holds, when that is cheap to know (not for stdin)."""
    if source == "-":
        return None
    path = Path(source)
    files = list_directory(path)[0] if path.is_dir() else [path]
    try:
        return sum(_count_lines(f) if file_kind(f) == "jsonl" else 1 for f in files)
    except OSError:
        return None


def _count_lines(path: Path) -> int:
    """Lines in a file, read in chunks so that one huge line costs no memory (blank lines count too)."""
    count, last = 0, b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


class _Prefixed:
    """A binary stream with bytes already read put back in front of it."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self.head = head
        self.stream = stream

    def readline(self, limit: int = -1) -> bytes:
        if not self.head:
            return self.stream.readline(limit)
        line, sep, rest = self.head.partition(b"\n")
        if sep and (limit < 0 or len(line) + 1 <= limit):
            self.head = rest
            return line + sep
        if limit >= 0 and len(self.head) >= limit:
            out, self.head = self.head[:limit], self.head[limit:]
            return out
        out, self.head = self.head, b""
        more_limit = -1 if limit < 0 else limit - len(out)
        return out + self.stream.readline(more_limit)
