"""Writing rows out: an aligned table for the terminal, CSV, JSONL and Parquet, plus whole-store exports."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TextIO

from sqlalchemy import Engine, Table, select

from communique.store import schema
from communique.store.formats import LINKED_FORMATS, linked_event_rows
from communique.store.query import EVENT_COLUMNS, QUOTE_COLUMNS, event_rows, quote_rows
from communique.store.reader import read_articles

Columns = list[tuple[str, type]]
Row = dict[str, Any]

PARQUET_BATCH = 5000
"""Rows per Parquet row group: big enough to compress well, small enough to stream a large store."""

TABLE_WIDTH = 48
"""Widest a cell is shown in ``--format table``; CSV and JSONL keep values whole."""


class ExportError(ValueError):
    """The export cannot be written as asked (an unknown table, Parquet to stdout)."""


def columns_of(table: Table) -> Columns:
    """A store table's columns as export columns, its ``article_id`` replaced by the article's id."""
    kinds = {"INTEGER": int, "FLOAT": float, "BOOLEAN": bool}
    cols = [("article", str)] if "article_id" in table.c else []
    for column in table.c:
        if column.name not in ("article_id", "key"):
            cols.append((column.name, kinds.get(type(column.type).__name__.upper(), str)))
    return cols


def table_rows(engine: Engine, table: Table) -> Iterator[Row]:
    """Every row of a store table, with the article's own id in ``article`` instead of the row id."""
    a = schema.articles
    query = (
        select(table)
        if table is a
        else select(a.c.doc_id.label("article"), table).join(a, a.c.id == table.c.article_id)
    )
    with engine.connect() as connection:
        for row in connection.execution_options(stream_results=True).execute(query):
            record = dict(row._mapping)
            record.pop("article_id", None)
            record.pop("key", None)
            yield {k: plain(val) for k, val in record.items()}


def plain(value: Any) -> Any:
    """A value CSV, JSON and Parquet all take: lists joined by ``;``, datetimes in ISO form."""
    if isinstance(value, list):
        return ";".join(map(str, value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


FLAT_TABLES = (
    "events", "quotes", "entities", "mentions", "times", "places", "articles", "errors", "polecat", "gdelt"
)


def flat_rows(engine: Engine, name: str) -> tuple[Columns, Iterator[Row]]:
    """The columns and rows of one flat export table."""
    if name == "events":
        return EVENT_COLUMNS, event_rows(engine)
    if name == "quotes":
        return QUOTE_COLUMNS, quote_rows(engine)
    if name in LINKED_FORMATS:
        columns, build = LINKED_FORMATS[name]
        return columns, linked_event_rows(engine, build)
    if name not in FLAT_TABLES:
        raise ExportError(f"unknown table {name!r}; choose one of {', '.join(FLAT_TABLES)}")
    table = schema.metadata.tables[name]
    return columns_of(table), table_rows(engine, table)


def contract_lines(engine: Engine) -> Iterator[Row]:
    """Each stored article as its contract output line, with ``text`` (and ``source`` when known)."""
    for article, source in read_articles(engine):
        line = article.to_contract()
        line["text"] = article.text
        if source is not None:
            line["source"] = source
        yield line


def write_jsonl(rows: Iterable[Row], out: TextIO) -> int:
    """One JSON object per line, non-ASCII kept; returns the row count."""
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007 -- the count is the result
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count


def write_csv(columns: Columns, rows: Iterable[Row], out: TextIO) -> int:
    """A header line, then one line per row; empty cells for None."""
    writer = csv.DictWriter(out, fieldnames=[name for name, _ in columns], extrasaction="ignore")
    writer.writeheader()
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007
        writer.writerow(row)
    return count


def write_table(columns: Columns, rows: Iterable[Row], out: TextIO) -> int:
    """Aligned columns for a terminal, cells cut at ``TABLE_WIDTH`` characters."""
    names = [name for name, _ in columns]
    cells = [[cell(row.get(name)) for name in names] for row in rows]
    widths = [max([len(name)] + [len(line[i]) for line in cells]) for i, name in enumerate(names)]
    for line in [names, *cells]:
        out.write(
            "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip() + "\n"
        )
    return len(cells)


def cell(value: Any) -> str:
    """A value on one line, at most ``TABLE_WIDTH`` characters."""
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= TABLE_WIDTH else text[: TABLE_WIDTH - 1] + "…"


def write_parquet(columns: Columns, rows: Iterable[Row], path: str) -> int:
    """A Parquet file with one typed column per export column, written in row groups as rows come."""
    import pyarrow as pa  # imported here: only Parquet export needs it, and it is slow to load
    import pyarrow.parquet as pq

    kinds = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    arrow_schema = pa.schema([(name, kinds[kind]) for name, kind in columns])
    count = 0
    iterator = iter(rows)
    with pq.ParquetWriter(path, arrow_schema) as writer:
        while batch := list(islice(iterator, PARQUET_BATCH)):
            writer.write_table(pa.Table.from_pylist(batch, schema=arrow_schema))
            count += len(batch)
    return count


def write_tsv(columns: Columns, rows: Iterable[Row], out: TextIO) -> int:
    """A header line, then one tab-separated line per row, as POLECAT and GDELT files are: no quoting,
    so tabs and line breaks inside a value become spaces; empty cells for None."""
    names = [name for name, _ in columns]
    out.write("\t".join(names) + "\n")
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007
        out.write("\t".join(tsv_cell(row.get(name)) for name in names) + "\n")
    return count


def tsv_cell(value: Any) -> str:
    """A value as a TSV cell."""
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")
