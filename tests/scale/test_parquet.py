"""The Parquet data set: one per table, partitioned by month, file names fixed by the input."""

from __future__ import annotations

import pyarrow.dataset as ds

from communique.scale.parquet import ParquetSink, shard_name
from communique.scale.rows import Place, result_row
from communique.sources import SourceDocument


def rows_for(article_factory, shard: str, months: list[str]) -> list[dict]:
    rows = []
    for n, month in enumerate(months):
        article = article_factory(doc_id=f"d{n}", published=f"{month}-03",
                                  text_=f"Story number {n}. " + article_factory().text)
        rows.append(result_row(SourceDocument(article), Place(shard, n), "communique test"))
    return rows


def write(out, rows) -> None:
    sink = ParquetSink(str(out))
    for row in rows:
        sink.add(row)
    sink.close()


def files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.parquet"))


def test_each_table_is_partitioned_by_month(tmp_path, article_factory):
    write(tmp_path, rows_for(article_factory, "in/wire.jsonl", ["2023-05", "2023-06", "2023-05"]))
    name = shard_name("in/wire.jsonl")
    assert f"articles/month=2023-05/{name}-00000.parquet" in files(tmp_path)
    articles = ds.dataset(tmp_path / "articles", partitioning="hive").to_table().to_pylist()
    assert sorted((a["doc_id"], a["month"]) for a in articles) == [
        ("d0", "2023-05"), ("d1", "2023-06"), ("d2", "2023-05")]
    events = ds.dataset(tmp_path / "events", partitioning="hive").to_table()
    assert events.num_rows == 3
    assert events.schema.field("confidence").type == "double"


def test_a_rerun_overwrites_instead_of_adding(tmp_path, article_factory):
    rows = rows_for(article_factory, "in/wire.jsonl", ["2023-05", "2023-06"])
    write(tmp_path, rows)
    first = files(tmp_path)
    write(tmp_path, rows)
    assert files(tmp_path) == first
    assert ds.dataset(tmp_path / "articles", partitioning="hive").count_rows() == 2


def test_a_rerun_removes_the_files_a_shard_no_longer_fills(tmp_path, article_factory):
    write(tmp_path, rows_for(article_factory, "in/wire.jsonl", ["2023-05", "2023-06"]))
    write(tmp_path, rows_for(article_factory, "in/wire.jsonl", ["2023-05"]))
    assert not any("month=2023-06" in f for f in files(tmp_path))


def test_documents_without_text_and_repeats_are_not_written(tmp_path, article_factory):
    rows = rows_for(article_factory, "in/wire.jsonl", ["2023-05"])
    blank = article_factory(doc_id="blank", text_="  ")
    rows.append(result_row(SourceDocument(blank), Place("in/wire.jsonl", 1), "communique test"))
    rows.append({**rows[0], "position": 2})
    sink = ParquetSink(str(tmp_path))
    for row in rows:
        sink.add(row)
    stats = sink.close()
    assert (stats.documents, stats.skipped) == (1, 2)
