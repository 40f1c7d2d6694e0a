"""Writing results as a partitioned Parquet data set: one data set per table, one directory per month.

Layout: ``OUT/<table>/month=YYYY-MM/<shard>-<part>.parquet`` (Hive partitioning, which pyarrow, DuckDB,
Spark and Dask read as a ``month`` column). ``<shard>`` is named after the input file and ``<part>``
counts blocks of ``PART_DOCUMENTS`` documents within it, so the names depend only on the input: a
re-run overwrites its files instead of adding copies, and the files a shard wrote before are removed
when it is written again. The same name across tables holds the same articles, which is what
``communique load`` reads together.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from communique.scale.tables import DATASET_TABLES, dataset_columns

PART_DOCUMENTS = 2000
"""Documents of one shard per file: bounds the rows the driver holds before writing them."""

Row = dict[str, Any]


def arrow_schema(table):
    """The Arrow schema of a table in the data set."""
    import pyarrow as pa

    kinds = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    return pa.schema([(name, kinds[kind]) for name, kind in dataset_columns(table)])


def shard_name(shard: str) -> str:
    """A file-name-safe, stable name for a shard: its base name and a short hash of its full path."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", shard.rsplit("/", 1)[-1])[:80]
    return f"{base}-{hashlib.sha256(shard.encode()).hexdigest()[:10]}"


@dataclass
class SinkStats:
    """What the sink wrote."""

    documents: int = 0  # articles written
    skipped: int = 0  # documents without text: nothing to store
    files: int = 0
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))


class ParquetSink:
    """Takes result rows in input order and writes each shard's parts as they fill."""

    def __init__(self, out: str) -> None:
        from pyarrow import fs

        if "://" in out and not out.startswith("file://"):
            self.filesystem, self.root = fs.FileSystem.from_uri(out)
        else:
            self.filesystem, self.root = fs.LocalFileSystem(), str(out).removeprefix("file://")
        self.filesystem.create_dir(self.root, recursive=True)
        self.stats = SinkStats()
        self.current: tuple[str, int] | None = None
        self.buffers: dict[tuple[str, str], list[Row]] = defaultdict(list)
        self.cleared: set[str] = set()
        self.keys: set[str] = set()  # the article keys of the part being buffered

    def add(self, row: Row) -> None:
        """One result row (see ``communique.scale.rows``); its part is written once the next begins."""
        part = (row["shard"], row["position"] // PART_DOCUMENTS)
        if self.current is not None and part != self.current:
            if part[0] == self.current[0] and part[1] < self.current[1]:
                raise ValueError(f"results of {part[0]} arrived out of order; the data set would lose rows")
            self.flush()
        self.current = part
        if not row["key"] or row["key"] in self.keys:
            self.stats.skipped += 1  # no text, or the same article earlier in this part
            return
        self.keys.add(row["key"])
        self.stats.documents += 1
        for table, rows in json.loads(row["tables"]).items():
            self.buffers[table, row["month"]].extend(rows)

    def flush(self) -> None:
        """Write the buffered part, one file per table and month."""
        if self.current is None:
            return
        shard, part = self.current
        name = shard_name(shard)
        if name not in self.cleared:
            self.clear(name)
        for table in DATASET_TABLES:
            for (table_name, month), rows in sorted(self.buffers.items()):
                if table_name == table.name and rows:
                    self.write(table, month, f"{name}-{part:05d}.parquet", rows)
        self.buffers.clear()
        self.keys.clear()
        self.current = None

    def clear(self, name: str) -> None:
        """Remove the files an earlier run wrote for this shard, so a re-run leaves no stale part."""
        from pyarrow import fs

        self.cleared.add(name)
        selector = fs.FileSelector(self.root, recursive=True, allow_not_found=True)
        found = self.filesystem.get_file_info(selector)
        for info in found:
            base = info.path.rsplit("/", 1)[-1]
            if info.type == fs.FileType.File and base.startswith(f"{name}-") and base.endswith(".parquet"):
                self.filesystem.delete_file(info.path)

    def write(self, table, month: str, filename: str, rows: list[Row]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        directory = f"{self.root}/{table.name}/month={month}"
        self.filesystem.create_dir(directory, recursive=True)
        data = pa.Table.from_pylist(rows, schema=arrow_schema(table))
        pq.write_table(data, f"{directory}/{filename}", filesystem=self.filesystem, compression="zstd")
        self.stats.files += 1
        self.stats.rows[table.name] += len(rows)

    def close(self) -> SinkStats:
        """Write what is left; the statistics of the whole run."""
        self.flush()
        return self.stats
