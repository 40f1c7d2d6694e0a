"""Shards: files listed from paths, directories and globs, each read as a stream whatever its format."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from communique.scale.shards import LineReader, ShardSettings, list_shards, read_shard
from communique.sources import SourceError

LINES = [
    {"id": "a1", "text": "The mayor of Tartu opened a new bridge on Tuesday.", "published": "2023-04-04"},
    {"id": "a2", "text": "Farmers in Gers protested against water limits, a union leader said."},
]


def jsonl_bytes() -> bytes:
    return "".join(json.dumps(line) + "\n" for line in LINES).encode()


def texts(shard: str, **settings) -> list[str]:
    return [d.article.text for d in read_shard(shard, ShardSettings(**settings))]


def test_a_directory_lists_its_readable_files_sorted(tmp_path):
    (tmp_path / "b.jsonl").write_bytes(jsonl_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.jsonl.gz").write_bytes(gzip.compress(jsonl_bytes()))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    shards = list_shards([str(tmp_path)])
    assert [s.rsplit("/", 1)[-1] for s in shards] == ["b.jsonl", "a.jsonl.gz"]


def test_a_glob_lists_the_matching_files(tmp_path):
    for name in ("day1.jsonl", "day2.jsonl", "other.txt"):
        (tmp_path / name).write_bytes(jsonl_bytes())
    assert [s.rsplit("/", 1)[-1] for s in list_shards([str(tmp_path / "day*.jsonl")])] == [
        "day1.jsonl", "day2.jsonl"]


def test_nothing_found_is_an_error(tmp_path):
    with pytest.raises(SourceError):
        list_shards([str(tmp_path / "missing-*.jsonl")])


def test_gzip_and_zstd_jsonl_read_like_plain_jsonl(tmp_path):
    plain = tmp_path / "n.jsonl"
    plain.write_bytes(jsonl_bytes())
    gz = tmp_path / "n.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl_bytes()))
    zst = tmp_path / "n.jsonl.zst"
    with pa.OSFile(str(zst), "wb") as raw, pa.CompressedOutputStream(raw, "zstd") as out:
        out.write(jsonl_bytes())
    expected = [line["text"] for line in LINES]
    assert texts(str(plain)) == texts(str(gz)) == texts(str(zst)) == expected
    ids = [d.article.id for d in read_shard(str(zst), ShardSettings())]
    assert ids == ["a1", "a2"]


def test_parquet_rows_with_a_text_column(tmp_path):
    path = tmp_path / "n.parquet"
    table = pa.table({"id": ["p1", "p2"], "body": [LINES[0]["text"], LINES[1]["text"]],
                      "published": ["2023-04-04", None]})
    pq.write_table(table, path)
    documents = list(read_shard(str(path), ShardSettings(text_column="body")))
    assert [d.article.id for d in documents] == ["p1", "p2"]
    assert documents[0].article.published == "2023-04-04"
    assert documents[1].article.text == LINES[1]["text"]


def test_parquet_without_the_text_column_is_one_failed_document(tmp_path):
    path = tmp_path / "n.parquet"
    pq.write_table(pa.table({"id": ["p1"], "content": ["x"]}), path)
    documents = list(read_shard(str(path), ShardSettings()))
    assert len(documents) == 1 and documents[0].failed_source
    assert "text" in documents[0].article.errors[0].message


def test_line_reader_splits_lines_across_blocks():
    reader = LineReader(pa.BufferReader(b"first\nsecond line\nlast"))
    reader.BLOCK = 4
    assert [reader.readline(), reader.readline(), reader.readline(), reader.readline()] == [
        b"first\n", b"second line\n", b"last", b""]
    capped = LineReader(pa.BufferReader(b"0123456789\n"))
    assert capped.readline(4) == b"0123"
