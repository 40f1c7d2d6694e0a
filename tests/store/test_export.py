"""Writing rows out: CSV with a header, Parquet with typed columns, JSONL contract lines, a terminal table."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from communique.store.export import (
    ExportError,
    contract_lines,
    flat_rows,
    write_csv,
    write_jsonl,
    write_parquet,
    write_table,
)
from communique.store.query import EVENT_COLUMNS
from communique.store.writer import write_article


@pytest.fixture
def filled(engine, article):
    write_article(engine, article, "oslo", source="oslo.txt")
    return engine


def test_csv_has_one_header_and_one_line_per_event(filled):
    out = io.StringIO()
    columns, rows = flat_rows(filled, "events")
    assert write_csv(columns, rows, out) == 1
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["plover"], row["source"], row["target"], row["location"]) == (
        "CONSULT",
        "Norway's foreign minister",
        "Chilean ambassador",
        "Oslo",
    )
    assert row["quote"] == ""  # None is an empty cell


def test_parquet_keeps_numbers_as_numbers(filled, tmp_path):
    columns, rows = flat_rows(filled, "events")
    assert write_parquet(columns, rows, str(tmp_path / "e.parquet")) == 1
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column_names == [name for name, _ in EVENT_COLUMNS]
    assert str(table.schema.field("goldstein").type) == "double"
    assert table.column("geonameid").to_pylist() == [3143244]


def test_an_empty_parquet_export_still_has_its_columns(engine, tmp_path):
    columns, rows = flat_rows(engine, "quotes")
    assert write_parquet(columns, rows, str(tmp_path / "q.parquet")) == 0
    assert "speaker" in pq.read_table(tmp_path / "q.parquet").column_names


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("entities", "name", "NRK"),
        ("mentions", "entity_id", "E1"),
        ("places", "geonameid", 3143244),
        ("times", "value", "2022-01-10"),
        ("errors", "stage", "places"),
        ("articles", "doc_id", "oslo-1"),
    ],
)
def test_every_store_table_can_be_exported_flat(filled, table, column, value):
    columns, rows = flat_rows(filled, table)
    rows = list(rows)
    assert any(row[column] == value for row in rows)
    assert set(rows[0]) == {name for name, _ in columns}


def test_an_unknown_table_is_refused(engine):
    with pytest.raises(ExportError, match="unknown table"):
        flat_rows(engine, "alembic_version")


def test_jsonl_export_is_the_contract_line_with_its_text(filled, article):
    out = io.StringIO()
    assert write_jsonl(contract_lines(filled), out) == 1
    line = json.loads(out.getvalue())
    assert line["text"] == article.text and line["source"] == "oslo.txt"
    assert line["events"][0]["target_spans"] == [list(s) for s in article.events[0].target_spans]


def test_table_cells_are_cut_to_one_short_line():
    out = io.StringIO()
    write_table([("text", str)], [{"text": "word " * 40 + "\nend"}], out)
    header, line = out.getvalue().splitlines()
    assert header == "text" and line.endswith("…") and len(line) <= 48
