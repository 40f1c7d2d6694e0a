"""Stream a GeoNames dump (``allCountries.zip``, ``cities500.zip``, ``FR.txt``...) into an indexed SQLite
gazetteer, never holding more than one batch of lines in memory."""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

SCHEMA_VERSION = "1"
COLUMNS = 19
"""geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code,
country code, cc2, admin1..admin4, population, elevation, dem, timezone, modification date."""
DEFAULT_CLASSES = frozenset("AP")
"""Administrative areas and populated places: what a news place name that the built-in gazetteer
lacks is (a village, a district); streams, hotels and hills would answer for street and building names."""
ALL_CLASSES = frozenset("AHLPRSTUV")
BATCH_SIZE = 20_000
"""Lines per ``executemany``: large enough that Python overhead is small, small enough to stay a few MB."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    feature_class TEXT NOT NULL, feature_code TEXT NOT NULL, country TEXT NOT NULL,
    admin1 TEXT NOT NULL, population INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS names (
    name TEXT NOT NULL, geonameid INTEGER NOT NULL, PRIMARY KEY (name, geonameid)) WITHOUT ROWID;
"""
"""``names`` is keyed (so indexed) on the lower-cased name; its rows are loaded unsorted into a
staging file first and inserted in key order at the end, which is far faster than random inserts."""
STAGING_SCHEMA = "CREATE TABLE staging.names (name TEXT NOT NULL, geonameid INTEGER NOT NULL)"


class GeonamesImportError(Exception):
    """The dump cannot be read: no such file, not a zip with a GeoNames ``.txt`` in it."""


@dataclass(slots=True)
class ImportStats:
    """Counts of one import, updated as it goes (the progress callback sees them)."""

    lines: int = 0
    places: int = 0
    names: int = 0
    malformed: int = 0
    other_classes: int = 0
    phase: str = "reading"
    """``reading`` the dump, ``indexing`` the names (the last, silent minutes of a big import), ``done``."""


@dataclass(frozen=True, slots=True)
class Row:
    """One parsed dump line: the ``places`` row and its lower-cased names."""

    place: tuple
    names: frozenset[str]


ProgressCallback = Callable[[ImportStats], None]


def import_geonames(source: str | os.PathLike, db: str | os.PathLike,
                    classes: Iterable[str] | None = DEFAULT_CLASSES,
                    progress: ProgressCallback | None = None) -> ImportStats:
    """Add the places of ``source`` (a GeoNames ``.txt`` or ``.zip``) to the SQLite file ``db``.

    Re-importing a file replaces its places and adds no duplicate names; ``classes`` limits the
    GeoNames feature classes kept (None keeps all). One transaction: an interrupted import leaves
    ``db`` as it was.
    """
    wanted = frozenset(classes) if classes is not None else None
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    stats = ImportStats()
    with open_lines(Path(source)) as lines, staged_connection(db) as connection:
        for batch in batches(parse_lines(lines, stats, wanted), BATCH_SIZE):
            insert_batch(connection, batch, stats)
            report(progress, stats)
        report(progress, stats, "indexing")
        finish(connection, Path(source).name)
    report(progress, stats, "done")
    return stats


def report(progress: ProgressCallback | None, stats: ImportStats, phase: str | None = None) -> None:
    """Tell ``progress`` (if any) where the import stands."""
    stats.phase = phase or stats.phase
    if progress is not None:
        progress(stats)


@contextmanager
def open_lines(source: Path) -> Iterator[IO[str]]:
    """The dump's text lines, streamed from the file or from the ``.txt`` inside the zip."""
    if not source.is_file():
        raise GeonamesImportError(f"no such file: {source}")
    if not zipfile.is_zipfile(source):
        with source.open(encoding="utf-8", errors="replace", newline="\n") as handle:
            yield handle
        return
    with zipfile.ZipFile(source) as archive:
        member = dump_member(archive, source)
        with archive.open(member) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="\n")


def dump_member(archive: zipfile.ZipFile, source: Path) -> str:
    """The dump inside a GeoNames zip: ``FR.txt`` in ``FR.zip`` (which also holds ``readme.txt``)."""
    texts = [n for n in archive.namelist() if n.endswith(".txt") and Path(n).name != "readme.txt"]
    same = [n for n in texts if Path(n).stem == source.stem]
    if same or len(texts) == 1:
        return (same or texts)[0]
    found = ", ".join(texts) or "none"
    raise GeonamesImportError(f"{source}: expected one GeoNames .txt file in the zip, found {found}")


@contextmanager
def staged_connection(db: Path) -> Iterator[sqlite3.Connection]:
    """A connection to ``db`` inside one transaction, with a throw-away staging file attached."""
    staging = db.with_name(db.name + ".staging")
    staging.unlink(missing_ok=True)  # left over by a killed import
    try:
        with closing(sqlite3.connect(db, isolation_level=None)) as connection:
            connection.executescript(SCHEMA)
            connection.execute("ATTACH DATABASE ? AS staging", (str(staging),))
            # The staging rows are thrown away anyway: no journal, no fsync for them.
            connection.execute("PRAGMA staging.journal_mode = OFF")
            connection.execute("PRAGMA staging.synchronous = OFF")
            connection.execute("PRAGMA cache_size = -65536")  # 64 MB: the machine is shared
            connection.execute(STAGING_SCHEMA)
            connection.execute("BEGIN")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
            connection.execute("DETACH DATABASE staging")
    finally:
        staging.unlink(missing_ok=True)


def parse_lines(lines: Iterable[str], stats: ImportStats, wanted: frozenset[str] | None) -> Iterator[Row]:
    """Parsed rows of the wanted classes; malformed lines are counted and skipped."""
    for line in lines:
        stats.lines += 1
        if not line.strip() or line.startswith("#"):
            continue
        row = parse_line(line)
        if row is None:
            stats.malformed += 1
        elif wanted is not None and row.place[4] not in wanted:
            stats.other_classes += 1
        else:
            yield row


def parse_line(line: str) -> Row | None:
    """One dump line as a ``Row``; None when it does not have the GeoNames shape."""
    cells = line.rstrip("\r\n").split("\t")
    if len(cells) != COLUMNS or not cells[1].strip():
        return None
    try:
        geonameid, lat, lon = int(cells[0]), float(cells[4]), float(cells[5])
        population = int(cells[14] or 0)
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    country = cells[8].upper()
    admin1 = f"{country}.{cells[10]}" if cells[10] else ""
    place = (geonameid, cells[1].strip(), lat, lon, cells[6], cells[7], country, admin1, population)
    return Row(place, place_names(cells[1], cells[2], cells[3]))


def place_names(name: str, asciiname: str, alternates: str) -> frozenset[str]:
    """The lower-cased names a place is found under; codes and links among the alternates are left out."""
    candidates = [name, asciiname, *alternates.split(",")]
    found = set()
    for candidate in candidates:
        text = candidate.strip().lower()
        if text and any(c.isalpha() for c in text) and "://" not in text:
            found.add(text)
    return frozenset(found)


def batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """``rows`` in lists of at most ``size``."""
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def insert_batch(connection: sqlite3.Connection, batch: list[Row], stats: ImportStats) -> None:
    """Write one batch: places replace earlier versions, names go to staging."""
    connection.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [row.place for row in batch])
    names = [(name, row.place[0]) for row in batch for name in row.names]
    connection.executemany("INSERT INTO staging.names VALUES (?, ?)", names)
    stats.places += len(batch)
    stats.names += len(names)


def finish(connection: sqlite3.Connection, source_name: str) -> None:
    """Move the staged names into the indexed table in key order and record the import.

    A place imported again keeps only its new names (a renamed village is not found by its old name).
    """
    if connection.execute("SELECT 1 FROM names LIMIT 1").fetchone():
        connection.execute("DELETE FROM names WHERE geonameid IN (SELECT geonameid FROM staging.names)")
    connection.execute("INSERT OR IGNORE INTO names SELECT name, geonameid FROM staging.names "
                       "ORDER BY name, geonameid")
    connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                           [("schema", SCHEMA_VERSION), (f"source:{source_name}", "imported")])
