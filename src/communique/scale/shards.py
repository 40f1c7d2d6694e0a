"""The inputs of a large run as shards: files listed once by the driver, each read as a stream by a worker.

A shard is one file: JSONL (plain, ``.gz`` or ``.zst``), WARC (``.warc``, ``.warc.gz``), Parquet with a
text column, or any file ``communique ingest`` reads. Shards are local paths, globs, directories, or
object-store URIs (``s3://``, ``gs://``, ...) read through pyarrow's filesystems, which fall back to
fsspec's where the user has it installed. Documents are numbered within their shard, so a shard and a
position name a document across retries and re-runs.
"""

from __future__ import annotations

import fnmatch
import glob
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from communique.sources import ReadOptions, SourceDocument, SourceError, from_record, read_jsonl
from communique.store.inputs import (
    INGEST_SUFFIXES,
    InputSettings,
    failed,
    list_inputs,
    read_path,
    read_warc,
)

COMPRESSED_JSONL = {".jsonl.gz": "gzip", ".jsonl.zst": "zstd", ".json.gz": "gzip", ".json.zst": "zstd",
                    ".ndjson.gz": "gzip", ".ndjson.zst": "zstd"}
"""Compressed JSONL suffixes and pyarrow's name of their codec."""

PARQUET_SUFFIXES = (".parquet", ".pq")
WARC_GZ_SUFFIXES = (".warc", ".warc.gz")
SCALE_SUFFIXES = (*COMPRESSED_JSONL, *PARQUET_SUFFIXES)
"""What a large run reads beyond what ingest reads."""

PARQUET_BATCH_ROWS = 256
"""Parquet rows read at a time: a few hundred articles, whatever the file's row groups hold."""

GLOB_CHARS = frozenset("*?[")

COPY_BLOCK = 1 << 22
"""Bytes copied at a time from an object store to a local file."""


@dataclass(frozen=True)
class ShardSettings:
    """How shards are read: ``ReadOptions``, the text column of Parquet/CSV inputs, the columns kept."""

    options: ReadOptions = field(default_factory=ReadOptions)
    text_column: str = "text"


def is_uri(source: str) -> bool:
    """An object-store or remote file URI (``s3://bucket/key``), not a local path."""
    return "://" in source and not source.startswith("file://")


def readable(name: str) -> bool:
    """Whether a large run reads a file of this name."""
    lowered = name.lower()
    return lowered.endswith(SCALE_SUFFIXES) or any(lowered.endswith(s) for s in INGEST_SUFFIXES)


def list_shards(sources: list[str]) -> list[str]:
    """Every file of the sources, sorted within each source: the unit of work of a large run."""
    shards: list[str] = []
    for source in sources:
        found = list_remote(source) if is_uri(source) else list_local(source)
        if not found:
            raise SourceError(f"input not found: {source}")
        shards.extend(found)
    return shards


def list_local(source: str) -> list[str]:
    """A file, a directory's readable files (recursively), or the files matching a glob."""
    path = Path(source.removeprefix("file://"))
    if path.is_dir():
        return [str(p) for p in list_inputs(path)[0]] + sorted(
            str(p) for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(SCALE_SUFFIXES)
        )
    if path.is_file():
        return [str(path)]
    if GLOB_CHARS & set(source):
        return sorted(p for p in glob.glob(str(path), recursive=True) if Path(p).is_file())
    return []


def list_remote(source: str) -> list[str]:
    """The files of an object-store URI: one object, a prefix read recursively, or a glob."""
    from pyarrow import fs

    pattern = source if GLOB_CHARS & set(source) else None
    base = source.split("*")[0].rsplit("/", 1)[0] if pattern else source
    filesystem, root = fs.FileSystem.from_uri(base)
    scheme = source.split("://", 1)[0]
    info = filesystem.get_file_info(root)
    if info.type == fs.FileType.File:
        return [source]
    if info.type != fs.FileType.Directory:
        return []
    found = filesystem.get_file_info(fs.FileSelector(root, recursive=True))
    uris = sorted(f"{scheme}://{f.path}" for f in found if f.type == fs.FileType.File and readable(f.path))
    return [u for u in uris if fnmatch.fnmatch(u, pattern)] if pattern else uris


def open_input(shard: str) -> BinaryIO:
    """A binary stream of the shard's bytes, local or remote."""
    if not is_uri(shard):
        return open(shard.removeprefix("file://"), "rb")
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(shard)
    return filesystem.open_input_stream(path, compression=None)


def read_shard(shard: str, settings: ShardSettings) -> Iterator[SourceDocument]:
    """The documents of one shard, streamed: never the whole file in memory."""
    name = shard.rsplit("/", 1)[-1]
    lowered = name.lower()
    codec = next((c for s, c in COMPRESSED_JSONL.items() if lowered.endswith(s)), None)
    try:
        if codec:
            yield from read_compressed_jsonl(shard, codec, settings.options)
        elif lowered.endswith(PARQUET_SUFFIXES):
            yield from read_parquet(shard, name, settings)
        elif is_uri(shard) and lowered.endswith(WARC_GZ_SUFFIXES):
            yield from read_remote_warc(shard, name, settings.options)
        elif is_uri(shard):
            with open_input(shard) as stream:
                yield from read_jsonl(stream, settings.options)
        else:
            local = InputSettings(text_column=settings.text_column)
            yield from read_path(Path(shard), name, settings.options, local)
    except OSError as exc:
        yield failed(name, f"cannot read {shard}: {exc.strerror or exc}", shard)


def read_compressed_jsonl(shard: str, codec: str, options: ReadOptions) -> Iterator[SourceDocument]:
    """JSONL through a gzip or zstd decompressor, line by line."""
    import pyarrow as pa

    with open_input(shard) as raw, pa.CompressedInputStream(raw, codec) as stream:
        yield from read_jsonl(LineReader(stream), options)


def read_parquet(shard: str, name: str, settings: ShardSettings) -> Iterator[SourceDocument]:
    """One document per row of a Parquet file with a text column (and optionally id, title, url,
    outlet, published), read a few hundred rows at a time."""
    import pyarrow.parquet as pq

    with open_input(shard) as stream:
        reader = pq.ParquetFile(stream)
        names = set(reader.schema_arrow.names)
        if settings.text_column not in names:
            yield failed(name, f"{name} has no column {settings.text_column!r} (use --text-column)", shard)
            return
        wanted = [c for c in ("id", "title", "url", "outlet", "published") if c in names]
        number = 0
        for batch in reader.iter_batches(PARQUET_BATCH_ROWS, columns=[settings.text_column, *wanted]):
            for row in batch.to_pylist():
                number += 1
                record = {k: v for k, v in row.items() if k != settings.text_column}
                record["text"] = row[settings.text_column]
                record = {k: str(v) if v is not None and k != "text" else v for k, v in record.items()}
                document = from_record(record, f"row-{number}", settings.options)
                document.source = shard
                yield document


def read_remote_warc(shard: str, name: str, options: ReadOptions) -> Iterator[SourceDocument]:
    """A WARC object copied to a local temporary file in blocks, then read as a local WARC file: the
    reader checks the archive's tail by seeking, which an object-store stream cannot do."""
    import shutil
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=name) as local, open_input(shard) as remote:
        shutil.copyfileobj(remote, local, COPY_BLOCK)
        local.flush()
        for document in read_warc(Path(local.name), name, options):
            document.source = shard
            yield document


class LineReader:
    """``readline(limit)`` over a pyarrow stream, which reads only in blocks."""

    BLOCK = 1 << 20

    def __init__(self, stream) -> None:
        self.stream = stream
        self.buffer = b""

    def readline(self, limit: int = -1) -> bytes:
        while b"\n" not in self.buffer and (limit < 0 or len(self.buffer) < limit):
            block = self.stream.read(self.BLOCK)
            if not block:
                break
            self.buffer += block
        end = self.buffer.find(b"\n") + 1 or len(self.buffer)
        if limit >= 0:
            end = min(end, limit)
        line, self.buffer = self.buffer[:end], self.buffer[end:]
        return line
