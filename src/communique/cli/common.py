"""Shared pieces of the command line: exit codes, usage errors, config, store and output options."""

from __future__ import annotations

import argparse
from typing import Any

from communique.config import ConfigError, load_config, merge, parse_assignment
from communique.sources import ReadOptions
from communique.stages.ingest import normalise_published

EXIT_OK = 0
EXIT_NOTHING_PROCESSED = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer cut off by `| head`
EXIT_INTERRUPTED = 130  # 128 + SIGINT

DB_ENV = "COMMUNIQUE_DB"


class UsageError(Exception):
    """The command line cannot be carried out as given (missing file, bad value)."""


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``--set`` and ``--model``: shared by every command that builds the pipeline."""
    parser.add_argument("--config", metavar="FILE",
                        help="a TOML file merged over the defaults (default: $COMMUNIQUE_CONFIG if set)")
    parser.add_argument("--set", metavar="KEY=VALUE", action="append", default=[], dest="assignments",
                        help="override one setting, e.g. --set stages.ingest.max_chars=500000 (repeatable)")
    parser.add_argument("--model", metavar="NAME",
                        help="the spaCy model, a shortcut for --set stages.nlp.model=NAME")


def configure(args: argparse.Namespace) -> dict[str, Any]:
    """The config: defaults, the user's file, then ``--set`` and ``--model``."""
    overrides: dict[str, Any] = {}
    try:
        for assignment in args.assignments:
            merge(overrides, parse_assignment(assignment))
        if args.model:
            merge(overrides, {"stages": {"nlp": {"model": args.model}}})
        return load_config(args.config, overrides)
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


def read_options(args: argparse.Namespace, config: dict[str, Any]) -> ReadOptions:
    """How to read the input, checked: a valid ``--published`` and a numeric ingest limit."""
    published = None
    if args.published is not None:
        published = normalise_published(args.published)
        if published is None:
            raise UsageError(f"--published {args.published!r} is not a date like 2024-03-14")
    try:
        max_chars = int(config.get("stages", {}).get("ingest", {}).get("max_chars", 2_000_000))
    except (TypeError, ValueError) as exc:
        raise UsageError(f"stages.ingest.max_chars must be a number: {exc}") from exc
    return ReadOptions(published=published, max_chars=max_chars)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db``: the store, shared by every store command."""
    parser.add_argument("--db", metavar="URL", default=None,
                        help=f"the store: a SQLAlchemy URL or a SQLite file path (default: ${DB_ENV} if set, "
                        "else communique.db in the current directory)")


def add_output_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    """``--format`` and ``-o``: how and where query results are written."""
    parser.add_argument("--format", choices=formats, default=formats[0],
                        help=f"output format (default: {formats[0]})")
    parser.add_argument("-o", "--output", metavar="OUT", default="-", help="output file (default: stdout)")
    parser.add_argument("--limit", metavar="N", type=int, help="at most N rows")


def plural(count: int, noun: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
