"""``communique gazetteer import``: load a GeoNames dump into the local gazetteer the places stage uses."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

from communique.places.geonames_import import (
    ALL_CLASSES,
    DEFAULT_CLASSES,
    GeonamesImportError,
    ImportStats,
    import_geonames,
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

GAZETTEER_EXAMPLES = """\
examples:
  communique gazetteer import FR.zip                  # one country, from download.geonames.org/export/dump/
  communique gazetteer import allCountries.zip        # the whole world (1.5 GB unzipped, some minutes)
  communique gazetteer import cities500.zip --db ./geonames.db
  communique extract news.jsonl --set stages.places.gazetteer_db=~/.local/share/communique/geonames.db

Importing into an existing file adds to it; a place imported again is replaced, never duplicated.
exit status: 0 done, 1 nothing could be imported, 2 usage error.
"""


def default_db() -> Path:
    """``$XDG_DATA_HOME/communique/geonames.db``: user data (not a cache, it cannot be rebuilt without
    the dump) shared by every project, whatever the current folder."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "communique" / "geonames.db"


def add_gazetteer(commands: argparse._SubParsersAction) -> None:
    """``communique gazetteer``: manage the local GeoNames gazetteer (one action: ``import``)."""
    parser = commands.add_parser(
        "gazetteer", help="load a GeoNames dump into a local gazetteer of small places",
        description="Manage the local GeoNames gazetteer that the places stage consults for names its "
        "built-in gazetteer (countries, divisions, cities of 1,000+) lacks.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action", required=True)
    importer = actions.add_parser(
        "import", help="import a GeoNames dump (.zip or .txt) into the local gazetteer",
        description="Stream a GeoNames dump (allCountries.zip, cities500.zip, a country file such as "
        "FR.zip or FR.txt) into an indexed SQLite gazetteer.",
        epilog=GAZETTEER_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    importer.add_argument("source", metavar="FILE", help="a GeoNames dump: .zip or tab-separated .txt")
    importer.add_argument("--db", metavar="PATH", default=None,
                          help=f"the gazetteer file to create or add to (default: {default_db()})")
    importer.add_argument("--classes", metavar="LETTERS", default="".join(sorted(DEFAULT_CLASSES)),
                          help="GeoNames feature classes to keep (default: AP, administrative areas and "
                          f"populated places; {''.join(sorted(ALL_CLASSES))} keeps everything)")
    importer.add_argument("-q", "--quiet", action="store_true",
                          help="no progress line and no summary on stderr")
    importer.set_defaults(func=gazetteer, prog=importer.prog)


def gazetteer(args: argparse.Namespace) -> int:
    """Run ``communique gazetteer import``; returns the exit status."""
    classes = frozenset(args.classes.upper())
    if not classes or not classes <= ALL_CLASSES:
        return fail(args, f"--classes takes GeoNames feature classes among {''.join(sorted(ALL_CLASSES))}, "
                    f"not {args.classes!r}", EXIT_USAGE)
    source, db = Path(args.source).expanduser(), Path(args.db or default_db()).expanduser()
    if not source.is_file():
        return fail(args, f"no such file: {source}", EXIT_USAGE)
    started = time.monotonic()
    progress = None if args.quiet or not sys.stderr.isatty() else show_progress
    try:
        stats = import_geonames(source, db, classes, progress)
    except (GeonamesImportError, sqlite3.DatabaseError, OSError) as exc:
        return fail(args, f"cannot import {source} into {db}: {exc}", EXIT_FAILED)
    if not args.quiet:
        report(stats, source, db, time.monotonic() - started)
    return EXIT_OK if stats.places else EXIT_FAILED


def fail(args: argparse.Namespace, message: str, status: int) -> int:
    """Write ``message`` as a one-line error and return ``status``."""
    sys.stderr.write(f"{args.prog}: error: {message}\n")
    return status


def show_progress(stats: ImportStats) -> None:
    """Rewrite the progress line on stderr (a terminal)."""
    phase = ", building the name index..." if stats.phase == "indexing" else ""
    sys.stderr.write(f"\r{stats.lines:,} lines read, {stats.places:,} places, "
                     f"{stats.malformed:,} malformed{phase}\x1b[K")
    if stats.phase == "done":
        sys.stderr.write("\n")
    sys.stderr.flush()


def report(stats: ImportStats, source: Path, db: Path, seconds: float) -> None:
    """The summary line, and how to point the places stage at the file."""
    malformed = plural(stats.malformed, "malformed line")
    sys.stderr.write(f"{stats.places:,} places and {stats.names:,} names from {source.name} into {db} "
                     f"({malformed} skipped, {stats.other_classes:,} of other feature classes left out), "
                     f"{seconds:.1f} s\n")
    if stats.places:
        sys.stderr.write(f"use it with: --set stages.places.gazetteer_db={db}\n")
    else:
        sys.stderr.write(f"no place imported: is {source.name} a GeoNames dump (19 tab-separated columns)?\n")


def plural(count: int, noun: str) -> str:
    """``1 malformed line``, ``2 malformed lines``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
