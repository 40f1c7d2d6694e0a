"""The event store commands: ``ingest``, the queries ``events``, ``quotes``, ``timeline``, and ``export``."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from itertools import islice
from pathlib import Path
from typing import TextIO

from communique.cli.common import (
    DB_ENV,
    EXIT_NOTHING_PROCESSED,
    EXIT_OK,
    UsageError,
    add_config_options,
    add_db_option,
    add_output_options,
    configure,
    plural,
    read_options,
)
from communique.cli.scale import add_engine_options, check_engine, ingest_with_ray
from communique.pipeline import PipelineError
from communique.sources import SourceError

INGEST_EXAMPLES = """\
examples:
  communique ingest news.jsonl                          # into ./communique.db (SQLite, WAL)
  communique ingest articles/ feeds/world.rss crawl.warc.gz --workers 2
  communique ingest export.csv --text-column body --published 2024-03-14
  communique ingest news.jsonl --db postgresql+psycopg://user@localhost/news
  communique ingest https://news.example/world.rss --fetch   # a feed URL; pages of summary-only entries too

Running it again adds nothing already stored; after a crash it carries on with the rest.
exit status: 0 done, 1 nothing found or no document could be stored, 2 usage error, 130 interrupted.
"""

QUERY_EXAMPLES = """\
examples:
  communique events --actor RUS --type ACCUSE --since 2022-01-01
  communique events --source USA --target CHN --format csv -o usa_chn.csv
  communique timeline --actor RUS --actor NATO --since 2022-01-01
  communique timeline --actor RUS --type ASSAULT --by day --since 2022-02-01
  communique quotes --speaker Lavrov --format jsonl
  communique export --format parquet --table events -o events.parquet
  communique export --format gdelt -o events.tsv
"""


def add_ingest(commands: argparse._SubParsersAction) -> None:
    """``communique ingest``: run the pipeline over sources and keep everything in the store."""
    parser = commands.add_parser(
        "ingest", help="extract from articles, feeds and archives into the event store",
        description="Run the pipeline over every SOURCE and store each article with its entities, "
        "quotes, events, times and places, one transaction per article.",
        epilog=INGEST_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sources", metavar="SOURCE", nargs="+",
                        help="a .jsonl/.txt/.html/.csv file, an RSS/Atom feed file (.rss, .atom, .xml), "
                        "a WARC file (.warc, .warc.gz), a directory of them, - for stdin, or an http(s) "
                        "URL of a page or feed (with --fetch)")
    add_db_option(parser)
    parser.add_argument("--workers", metavar="N", type=int, default=None,
                        help="worker processes, each loading the model once (default: 1; with --engine "
                        "ray: actors, default one per CPU)")
    add_engine_options(parser)
    parser.add_argument("--published", metavar="DATE",
                        help="publication date (YYYY-MM-DD) for documents that do not carry one")
    parser.add_argument("--text-column", metavar="NAME", default="text",
                        help="the column of a .csv file that holds the article text (default: text)")
    add_fetch_options(parser)
    add_config_options(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary on stderr")
    parser.set_defaults(func=ingest, prog=parser.prog)


def add_fetch_options(parser: argparse.ArgumentParser) -> None:
    """``--fetch`` and its limits: URLs are only fetched when asked, and only from public addresses."""
    parser.add_argument("--fetch", action="store_true",
                        help="fetch URL sources, feed URLs and the pages of feed entries that carry only "
                        "a summary (off by default)")
    parser.add_argument("--allow-private", action="store_true",
                        help="let --fetch reach loopback, private and link-local addresses "
                        "(refused by default)")
    parser.add_argument("--fetch-timeout", metavar="SECONDS", type=float, default=10.0,
                        help="connect and read timeout of each fetch (default: 10)")
    parser.add_argument("--fetch-deadline", metavar="SECONDS", type=float, default=60.0,
                        help="wall-clock limit of each fetch, redirects and the whole body included, "
                        "however slowly it arrives (default: 60)")
    parser.add_argument("--fetch-max-bytes", metavar="N", type=int, default=5_000_000,
                        help="largest body fetched; a larger one is reported and skipped (default: 5000000)")


def fetch_options(args: argparse.Namespace):
    """The FetchOptions of ``--fetch``, ``--allow-private`` and the ``--fetch-*`` limits."""
    from communique.fetch import FetchOptions

    if args.fetch_timeout <= 0 or args.fetch_deadline <= 0 or args.fetch_max_bytes < 1:
        raise UsageError("--fetch-timeout, --fetch-deadline and --fetch-max-bytes must be positive")
    return FetchOptions(enabled=args.fetch, allow_private=args.allow_private, timeout=args.fetch_timeout,
                        deadline=args.fetch_deadline, max_bytes=args.fetch_max_bytes)


def add_period_options(parser: argparse.ArgumentParser) -> None:
    """``--since`` and ``--until``, inclusive ISO dates."""
    parser.add_argument("--since", metavar="DATE", help="only from this date on (YYYY-MM-DD, inclusive)")
    parser.add_argument("--until", metavar="DATE", help="only up to this date (YYYY-MM-DD, inclusive)")


def add_events(commands: argparse._SubParsersAction) -> None:
    """``communique events``: stored events, filtered."""
    parser = commands.add_parser(
        "events", help="list stored events by actor, type and date",
        description="List stored events, oldest first (by the event's date, else the article's).",
        epilog=QUERY_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    add_event_filters(parser)
    add_output_options(parser, ("table", "csv", "jsonl"))
    parser.set_defaults(func=events, prog=parser.prog)


def add_event_filters(parser: argparse.ArgumentParser) -> None:
    """``--actor``, ``--source``, ``--target``, ``--type``, ``--since``, ``--until``: which events."""
    parser.add_argument("--actor", metavar="WHO", help="an actor on either side: a country or CAMEO code "
                        "prefix (RUS, RUSGOV, NATO) or an exact name")
    parser.add_argument("--source", metavar="WHO", help="the same, as the event's source (who acts)")
    parser.add_argument("--target", metavar="WHO", help="the same, as the event's target")
    parser.add_argument("--type", metavar="TYPE", help="a PLOVER type (CONSULT) or a CAMEO code prefix (04)")
    add_period_options(parser)


def add_timeline(commands: argparse._SubParsersAction) -> None:
    """``communique timeline``: the linked events between actors, or counts per period and type."""
    parser = commands.add_parser(
        "timeline", help="list the linked events between actors by date, or count them per period",
        description="List the linked events (one real-world event, however many reports) of one actor, or "
        "between two (what each did to the other), oldest first, with the number of reports and the "
        "sentence of the first. With --counts (or --by), count them per period and PLOVER type instead.",
        epilog=QUERY_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    parser.add_argument("--actor", metavar="WHO", action="append", default=[],
                        help="an actor side: a country or CAMEO code prefix (RUS, NATO) or an exact name, "
                        "several joined by commas (RUS,BLR); give it twice for the events between two sides")
    parser.add_argument("--source", metavar="WHO", help="an actor as the event's source (who acts)")
    parser.add_argument("--target", metavar="WHO", help="the same, as the event's target")
    parser.add_argument("--type", metavar="TYPE", help="a PLOVER type (CONSULT) or a CAMEO code prefix (04)")
    add_period_options(parser)
    parser.add_argument("--counts", action="store_true",
                        help="count linked events and reports per period and type instead of listing them")
    parser.add_argument("--by", choices=("month", "day", "year"),
                        help="the period to count by (implies --counts; default: month)")
    add_output_options(parser, ("table", "csv", "jsonl"))
    parser.set_defaults(func=timeline, prog=parser.prog)


def add_quotes(commands: argparse._SubParsersAction) -> None:
    """``communique quotes``: stored quotes, filtered."""
    parser = commands.add_parser(
        "quotes", help="list stored quotes by speaker and channel",
        description="List stored quotes, oldest article first.",
        epilog=QUERY_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    parser.add_argument("--speaker", metavar="WHO", help="part of the speaker's name (any case), or a "
                        "country or CAMEO code prefix")
    parser.add_argument("--channel", metavar="NAME", help="part of the channel's name (any case)")
    parser.add_argument("--attribution", metavar="KINDS", default="speech,writing",
                        help="comma-separated attributions to list, of speech, writing, thought, "
                        "perception, or 'all' (default: speech,writing)")
    add_period_options(parser)
    add_output_options(parser, ("table", "csv", "jsonl"))
    parser.set_defaults(func=quotes, prog=parser.prog)


def add_export(commands: argparse._SubParsersAction) -> None:
    """``communique export``: the whole store as JSONL contract lines or as flat tables."""
    parser = commands.add_parser(
        "export", help="write the whole store as JSONL, CSV, Parquet, or POLECAT- or GDELT-style TSV",
        description="Write the store out: --format jsonl gives one contract line per article (with its "
        "text); csv and parquet give one flat table (events by default); polecat and gdelt give one "
        "tab-separated row per linked event. Columns: docs/store.md and docs/formats.md.",
        epilog=QUERY_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    parser.add_argument("--format", choices=("jsonl", "csv", "parquet", "polecat", "gdelt"), default="jsonl",
                        help="output format (default: jsonl); polecat and gdelt are TSV with a header")
    parser.add_argument("--table", choices=("contract", "events", "quotes", "entities", "mentions", "times",
                                            "places", "articles", "errors", "polecat", "gdelt"),
                        help="what to write (default: contract for jsonl, events for csv and parquet, "
                        "polecat and gdelt for those formats)")
    parser.add_argument("-o", "--output", metavar="OUT", default="-",
                        help="output file (default: stdout; parquet needs a file)")
    parser.set_defaults(func=export, prog=parser.prog)


def db_url(args: argparse.Namespace) -> str:
    """The store URL: ``--db``, else ``$COMMUNIQUE_DB``, else ./communique.db; a bare path means SQLite."""
    from communique.store import DEFAULT_URL

    url = args.db or os.environ.get(DB_ENV) or DEFAULT_URL
    return url if "://" in url else f"sqlite:///{url}"


def open_db(args: argparse.Namespace, create: bool):
    """The store's engine; a store that cannot be opened is a usage error."""
    from communique.store import StoreError, open_store

    try:
        return open_store(db_url(args), create=create)
    except StoreError as exc:
        raise UsageError(str(exc)) from exc


def ingest(args: argparse.Namespace) -> int:
    """Run the pipeline over every SOURCE and store the results; the summary goes to stderr."""
    from communique.fetch import is_url
    from communique.store.ingestion import ingest as ingest_all
    from communique.store.inputs import InputSettings, count_inputs, read_inputs

    check_engine(args)
    urls = [s for s in args.sources if is_url(s)]
    if urls and not args.fetch:
        raise UsageError(f"{urls[0]} is a URL; pass --fetch to fetch it (URLs are not fetched by default)")
    missing = [s for s in args.sources if s != "-" and s not in urls and not Path(s).exists()]
    if missing:
        raise UsageError(f"input not found: {', '.join(missing)}")
    from communique.store import StoreError

    settings = InputSettings(text_column=args.text_column, fetch=fetch_options(args))
    config = configure(args)
    options = read_options(args, config)
    engine = open_db(args, create=True)
    show = not args.quiet and sys.stderr.isatty()
    started = time.monotonic()
    try:
        if args.engine == "ray":
            stats = ingest_with_ray(args, config, options, engine, show)
        else:
            documents = read_inputs(args.sources, options, settings)
            total = count_inputs(args.sources) if show else None
            stats = ingest_all(documents, engine, config, args.workers or 1, progress=show, total=total)
    except (PipelineError, SourceError, StoreError) as exc:
        raise UsageError(str(exc)) from exc
    finally:
        engine.dispose()
    return finish_ingest(stats, args, time.monotonic() - started, settings.notes)


def finish_ingest(stats, args: argparse.Namespace, seconds: float, notes: list[str] | None = None) -> int:
    """Report the ingest run on stderr and choose the exit status."""
    if not args.quiet:
        for note in notes or []:
            sys.stderr.write(f"communique ingest: note: {note}\n")
        for reason in stats.reasons:
            sys.stderr.write(f"communique ingest: not stored: {reason}\n")
        sys.stderr.write(
            f"communique ingest: {plural(stats.read, 'document')} read, {stats.stored} stored "
            f"({stats.with_errors} with errors), {stats.known} already in the store, "
            f"{stats.not_stored} not stored, {seconds:.1f} s; store: {safe_db(args)}\n"
        )
    if stats.read == 0 or stats.stored + stats.known == 0:
        return EXIT_NOTHING_PROCESSED
    return EXIT_OK


def safe_db(args: argparse.Namespace) -> str:
    """The store URL for messages, password hidden."""
    from communique.store.database import safe_url

    return safe_url(db_url(args))


def open_output_text(target: str) -> TextIO:
    """A text stream to write query results to: stdout for ``-``, else the file."""
    if target == "-":
        return sys.stdout
    try:
        return open(target, "w", encoding="utf-8", newline="")  # closed by write_rows()
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from exc


def write_rows(args: argparse.Namespace, columns, rows) -> int:
    """Write query rows in ``--format`` to ``--output``; exit status 0 (1 when nothing matched)."""
    from communique.store import export as out

    if args.format == "parquet":
        if args.output == "-":
            raise UsageError("parquet cannot go to stdout; give -o FILE.parquet")
        count = out.write_parquet(columns, rows, args.output)
        return EXIT_OK if count else EXIT_NOTHING_PROCESSED
    stream = open_output_text(args.output)
    try:
        if args.format == "table":
            count = out.write_table(columns, rows, stream)
        elif args.format in ("polecat", "gdelt"):
            count = out.write_tsv(columns, rows, stream)
        elif args.format == "csv":
            count = out.write_csv(columns, rows, stream)
        else:
            count = out.write_jsonl(rows, stream)
    finally:
        if stream is not sys.stdout:
            stream.close()
    return EXIT_OK if count else EXIT_NOTHING_PROCESSED


def checked_date(value: str | None, option: str) -> str | None:
    """A ``--since``/``--until`` value: an ISO date, month or year."""
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise UsageError(f"{option} {value!r} is not a date like 2024-03-14 (or 2024-03, 2024)")
    return value


def event_filter(args: argparse.Namespace):
    """The EventFilter the options ask for."""
    from communique.store.query import EventFilter

    return EventFilter(
        actor=args.actor, source=args.source, target=args.target, type=args.type, limit=args.limit,
        since=checked_date(args.since, "--since"), until=checked_date(args.until, "--until"),
    )


def events(args: argparse.Namespace) -> int:
    """List stored events matching the filters."""
    from communique.store.query import EVENT_COLUMNS, event_rows

    wanted = event_filter(args)
    engine = open_db(args, create=False)
    try:
        return write_rows(args, EVENT_COLUMNS if args.format != "table" else TABLE_EVENT_COLUMNS,
                          event_rows(engine, wanted))
    finally:
        engine.dispose()


def timeline(args: argparse.Namespace) -> int:
    """List the linked events between actor sides, or count them per period and type."""
    from communique.store.query import EventFilter
    from communique.store.timeline import (
        LINKED_COLUMNS,
        TIMELINE_COLUMNS,
        TimelineError,
        linked_rows,
        timeline_rows,
    )

    sides = [[word for word in side.split(",") if word.strip()] for side in args.actor]
    wanted = EventFilter(  # --limit cuts the rows written, not the events counted
        source=args.source, target=args.target, type=args.type,
        since=checked_date(args.since, "--since"), until=checked_date(args.until, "--until"),
    )
    engine = open_db(args, create=False)
    try:
        if args.counts or args.by:
            columns, rows = TIMELINE_COLUMNS, timeline_rows(engine, wanted, args.by or "month", sides)
        else:
            columns, rows = LINKED_COLUMNS, linked_rows(engine, wanted, sides)
        return write_rows(args, columns, islice(rows, args.limit) if args.limit else rows)
    except TimelineError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        engine.dispose()


TABLE_EVENT_COLUMNS = [(name, str) for name in (
    "date", "plover", "cameo", "source", "target", "location", "modality", "trigger", "article")]
"""What ``events --format table`` shows; csv and jsonl carry every column."""

TABLE_QUOTE_COLUMNS = [(name, str) for name in (
    "published", "speaker", "kind", "attribution", "channel", "text", "article")]


def checked_attributions(value: str) -> tuple[str, ...]:
    """``--attribution``'s kinds, checked: 'speech,writing', or 'all' for every kind."""
    from communique.quotes.cues import ATTRIBUTIONS

    if value.strip().lower() == "all":
        return ATTRIBUTIONS
    kinds = tuple(k.strip().lower() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in ATTRIBUTIONS]
    if unknown or not kinds:
        raise UsageError(f"--attribution: unknown kind {', '.join(unknown) or value!r}; "
                         f"use any of {', '.join(ATTRIBUTIONS)}, or all")
    return kinds


def quotes(args: argparse.Namespace) -> int:
    """List stored quotes matching the filters."""
    from communique.store.query import QUOTE_COLUMNS, QuoteFilter, quote_rows

    wanted = QuoteFilter(
        speaker=args.speaker, channel=args.channel, since=checked_date(args.since, "--since"),
        until=checked_date(args.until, "--until"), limit=args.limit,
        attribution=checked_attributions(args.attribution),
    )
    engine = open_db(args, create=False)
    try:
        return write_rows(args, QUOTE_COLUMNS if args.format != "table" else TABLE_QUOTE_COLUMNS,
                          quote_rows(engine, wanted))
    finally:
        engine.dispose()


def export(args: argparse.Namespace) -> int:
    """Write the store as contract JSONL or as one flat table."""
    from communique.store.export import contract_lines, flat_rows

    linked_format = args.format in ("polecat", "gdelt")
    default = args.format if linked_format else "contract" if args.format == "jsonl" else "events"
    table = args.table or default
    if table == "contract" and args.format != "jsonl":
        raise UsageError("--table contract is only written as --format jsonl")
    if linked_format and table != args.format:
        raise UsageError(f"--format {args.format} writes only --table {args.format}")
    engine = open_db(args, create=False)
    try:
        if table == "contract":
            return write_rows(args, [], contract_lines(engine))
        columns, rows = flat_rows(engine, table)
        return write_rows(args, columns, rows)
    finally:
        engine.dispose()
