"""The ``communique`` command line: one subcommand per function, registered in ``COMMANDS``."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TextIO

from communique import __version__
from communique.config import ConfigError, load_config, merge, parse_assignment
from communique.gazetteer_cli import add_gazetteer
from communique.pipeline import PipelineError
from communique.runner import PipelineUnavailable, RunStats, run
from communique.sources import (
    ReadOptions,
    SourceDocument,
    SourceError,
    count_documents,
    list_directory,
    read_documents,
)
from communique.stages.ingest import normalise_published

EXIT_OK = 0
EXIT_NOTHING_PROCESSED = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer cut off by `| head`
EXIT_INTERRUPTED = 130  # 128 + SIGINT

EXTRACT_EXAMPLES = """\
examples:
  communique extract examples/summit.txt --published 2024-03-14 --pretty
  communique extract news.jsonl -o out.jsonl --workers 2
  communique extract articles/ -o out.jsonl          # every .txt/.html/.jsonl file, recursively
  cat story.txt | communique extract - --published 2024-03-14
  communique extract news.jsonl --model en_core_web_md --set stages.ingest.max_chars=500000

exit status: 0 done (some documents may carry errors), 1 no document could be processed,
2 usage error, 130 interrupted, 141 output closed early (e.g. | head).
"""


class UsageError(Exception):
    """The command line cannot be carried out as given (missing file, bad value)."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)


def add_extract(commands: argparse._SubParsersAction) -> None:
    """``communique extract``: articles in, contract JSONL (or a readable report) out."""
    parser = commands.add_parser(
        "extract",
        help="extract entities, quotes, events, times and places from articles",
        description="Read articles and write one JSON line per article (the output contract), "
        "in input order.",
        epilog=EXTRACT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", metavar="IN", help="a .jsonl file of {id, text, ...} lines, a .txt or "
                        ".html file, a directory of them (read recursively), or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUT", default="-",
                        help="the output JSONL file (default: stdout)")
    parser.add_argument("--workers", metavar="N", type=int, default=1,
                        help="worker processes, each loading the model once (default: 1)")
    parser.add_argument("--published", metavar="DATE",
                        help="publication date (YYYY-MM-DD) for documents that do not carry one, "
                        "e.g. a .txt file or text on stdin; relative dates resolve against it")
    parser.add_argument("--pretty", action="store_true",
                        help="print a readable summary (entities, quotes, events) instead of JSONL")
    add_config_options(parser)
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar and no summary line on stderr")
    parser.set_defaults(func=extract, prog=parser.prog)


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``--set`` and ``--model``: shared by every command that builds the pipeline."""
    parser.add_argument("--config", metavar="FILE",
                        help="a TOML file merged over the defaults (default: $COMMUNIQUE_CONFIG if set)")
    parser.add_argument("--set", metavar="KEY=VALUE", action="append", default=[], dest="assignments",
                        help="override one setting, e.g. --set stages.ingest.max_chars=500000 (repeatable)")
    parser.add_argument("--model", metavar="NAME",
                        help="the spaCy model, a shortcut for --set stages.nlp.model=NAME")

# --- the event store: ingest into it, query it, export it ---------------------------------------------

DB_ENV = "COMMUNIQUE_DB"

INGEST_EXAMPLES = """\
examples:
  communique ingest news.jsonl                          # into ./communique.db (SQLite, WAL)
  communique ingest articles/ feeds/world.rss crawl.warc.gz --workers 2
  communique ingest export.csv --text-column body --published 2024-03-14
  communique ingest news.jsonl --db postgresql+psycopg://user@localhost/news

Running it again adds nothing already stored; after a crash it carries on with the rest.
exit status: 0 done, 1 nothing found or no document could be stored, 2 usage error, 130 interrupted.
"""

QUERY_EXAMPLES = """\
examples:
  communique events --actor RUS --type ACCUSE --since 2022-01-01
  communique events --source USA --target CHN --format csv -o usa_chn.csv
  communique timeline --actor RUS --type ASSAULT --by day --since 2022-02-01
  communique quotes --speaker Lavrov --format jsonl
  communique export --format parquet --table events -o events.parquet
"""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db``: the store, shared by every store command."""
    parser.add_argument("--db", metavar="URL", default=None,
                        help=f"the store: a SQLAlchemy URL or a SQLite file path (default: ${DB_ENV} if set, "
                        "else communique.db in the current directory)")


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
                        "a WARC file (.warc, .warc.gz), a directory of them, or - for stdin")
    add_db_option(parser)
    parser.add_argument("--workers", metavar="N", type=int, default=1,
                        help="worker processes, each loading the model once (default: 1)")
    parser.add_argument("--published", metavar="DATE",
                        help="publication date (YYYY-MM-DD) for documents that do not carry one")
    parser.add_argument("--text-column", metavar="NAME", default="text",
                        help="the column of a .csv file that holds the article text (default: text)")
    add_config_options(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary on stderr")
    parser.set_defaults(func=ingest, prog=parser.prog)


def add_output_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    """``--format`` and ``-o``: how and where query results are written."""
    parser.add_argument("--format", choices=formats, default=formats[0],
                        help=f"output format (default: {formats[0]})")
    parser.add_argument("-o", "--output", metavar="OUT", default="-", help="output file (default: stdout)")
    parser.add_argument("--limit", metavar="N", type=int, help="at most N rows")


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
    """``communique timeline``: matching events counted per period and type."""
    parser = commands.add_parser(
        "timeline", help="count stored events per day, month or year and type",
        description="Count matching events per period and PLOVER type, with the number of articles "
        "reporting them and their mean Goldstein score.",
        epilog=QUERY_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    add_event_filters(parser)
    parser.add_argument("--by", choices=("month", "day", "year"), default="month",
                        help="the period to count by (default: month)")
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
    add_period_options(parser)
    add_output_options(parser, ("table", "csv", "jsonl"))
    parser.set_defaults(func=quotes, prog=parser.prog)


def add_export(commands: argparse._SubParsersAction) -> None:
    """``communique export``: the whole store as JSONL contract lines or as flat tables."""
    parser = commands.add_parser(
        "export", help="write the whole store as JSONL, CSV or Parquet",
        description="Write the store out: --format jsonl gives one contract line per article (with its "
        "text); csv and parquet give one flat table (events by default). Columns: docs/store.md.",
        epilog=QUERY_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    parser.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl",
                        help="output format (default: jsonl)")
    parser.add_argument("--table", choices=("contract", "events", "quotes", "entities", "mentions",
                                                   "times", "places", "articles", "errors"),
                        help="what to write (default: contract for jsonl, events for csv and parquet)")
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
    from communique.store.ingestion import ingest as ingest_all
    from communique.store.inputs import count_inputs, read_inputs

    if args.workers < 1:
        raise UsageError(f"--workers must be at least 1, got {args.workers}")
    missing = [s for s in args.sources if s != "-" and not Path(s).exists()]
    if missing:
        raise UsageError(f"input not found: {', '.join(missing)}")
    from communique.store import StoreError

    config = configure(args)
    options = read_options(args, config)
    engine = open_db(args, create=True)
    show = not args.quiet and sys.stderr.isatty()
    started = time.monotonic()
    try:
        documents = read_inputs(args.sources, options, args.text_column)
        total = count_inputs(args.sources) if show else None
        stats = ingest_all(documents, engine, config, args.workers, progress=show, total=total)
    except (PipelineError, SourceError, StoreError) as exc:
        raise UsageError(str(exc)) from exc
    finally:
        engine.dispose()
    return finish_ingest(stats, args, time.monotonic() - started)


def finish_ingest(stats, args: argparse.Namespace, seconds: float) -> int:
    """Report the ingest run on stderr and choose the exit status."""
    if not args.quiet:
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
    """Count stored events per period and type."""
    from dataclasses import replace

    from communique.store.timeline import TIMELINE_COLUMNS, timeline_rows

    wanted = replace(event_filter(args), limit=None)  # --limit cuts the rows written, not the events counted
    engine = open_db(args, create=False)
    try:
        rows = timeline_rows(engine, wanted, args.by)
        return write_rows(args, TIMELINE_COLUMNS, islice(rows, args.limit) if args.limit else rows)
    finally:
        engine.dispose()


TABLE_EVENT_COLUMNS = [(name, str) for name in (
    "date", "plover", "cameo", "source", "target", "location", "modality", "trigger", "article")]
"""What ``events --format table`` shows; csv and jsonl carry every column."""

TABLE_QUOTE_COLUMNS = [(name, str) for name in ("published", "speaker", "kind", "channel", "text", "article")]


def quotes(args: argparse.Namespace) -> int:
    """List stored quotes matching the filters."""
    from communique.store.query import QUOTE_COLUMNS, QuoteFilter, quote_rows

    wanted = QuoteFilter(
        speaker=args.speaker, channel=args.channel, since=checked_date(args.since, "--since"),
        until=checked_date(args.until, "--until"), limit=args.limit,
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

    table = args.table or ("contract" if args.format == "jsonl" else "events")
    if table == "contract" and args.format != "jsonl":
        raise UsageError("--table contract is only written as --format jsonl")
    engine = open_db(args, create=False)
    try:
        if table == "contract":
            return write_rows(args, [], contract_lines(engine))
        columns, rows = flat_rows(engine, table)
        return write_rows(args, columns, rows)
    finally:
        engine.dispose()

COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_extract, add_ingest, add_events, add_timeline, add_quotes, add_export, add_gazetteer]
"""Each function adds one subcommand; adding a command means writing one and listing it here."""


def build_parser() -> Parser:
    """The ``communique`` parser with every subcommand."""
    parser = Parser(
        prog="communique",
        description="communique reads news and writes down who did what to whom, when, where, "
        "and who said so, with the evidence (character offsets) for each record.",
        epilog="Run 'communique COMMAND --help' for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"communique {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in COMMANDS:
        add(commands)
    return parser


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


def open_output(target: str) -> BinaryIO:
    """The binary stream to write to: stdout for ``-``, else the file (created or truncated)."""
    if target == "-":
        return sys.stdout.buffer
    try:
        return open(target, "wb")  # closed by extract()
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from exc


def extract(args: argparse.Namespace) -> int:
    """Run the pipeline over IN and write OUT; the exit status says whether anything was processed."""
    if args.workers < 1:
        raise UsageError(f"--workers must be at least 1, got {args.workers}")
    if args.input != "-" and not Path(args.input).exists():
        raise UsageError(f"input not found: {args.input}")
    config = configure(args)
    options = read_options(args, config)
    if not args.quiet:
        note_skipped(args.input)
    show = not args.quiet and sys.stderr.isatty()
    total = count_documents(args.input) if show else None
    started = time.monotonic()
    output = open_output(args.output)
    try:
        results = run(read_documents(args.input, options), config, args.workers, progress=show, total=total)
        stats = write_all(results, output, args.pretty)
    except (PipelineError, SourceError) as exc:
        raise UsageError(str(exc)) from exc
    finally:
        if output is not sys.stdout.buffer:
            output.close()
    return finish(stats, args, time.monotonic() - started)


def note_skipped(source: str) -> None:
    """Say on stderr which files of an input directory are not read, so none is left out silently."""
    if source == "-" or not Path(source).is_dir():
        return
    skipped = list_directory(Path(source))[1]
    if skipped:
        shown = ", ".join(str(p) for p in skipped[:3]) + (", …" if len(skipped) > 3 else "")
        sys.stderr.write(
            f"communique extract: skipping {plural(len(skipped), 'file')} without a .txt, .html or "
            f".jsonl suffix: {shown}\n"
        )


def write_all(results: Iterator[SourceDocument], output: BinaryIO, pretty: bool) -> RunStats:
    """Write every result as it comes, flushed per document so a pipe reader sees it at once."""
    stats = RunStats()
    with closing(results):
        for document in results:
            output.write(format_document(document, pretty).encode("utf-8"))
            output.flush()
            stats.count(document)
    return stats


def format_document(document: SourceDocument, pretty: bool) -> str:
    """One output record: a JSON line, or the readable report."""
    if pretty:
        from communique.report import render

        return render(document.article, document.source) + "\n"
    return json.dumps(document.to_output(), ensure_ascii=False) + "\n"


def finish(stats: RunStats, args: argparse.Namespace, seconds: float) -> int:
    """Report the run on stderr and choose the exit status."""
    if stats.processed == 0:
        what = "no documents found in" if stats.documents == 0 else "no document could be processed from"
        sys.stderr.write(f"communique extract: {what} {args.input}\n")
        return EXIT_NOTHING_PROCESSED
    if not args.quiet:
        sys.stderr.write(
            f"communique extract: {plural(stats.documents, 'document')}, {stats.with_errors} with errors, "
            f"{seconds:.1f} s\n"
        )
    return EXIT_OK


def plural(count: int, noun: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush cannot fail again on a closed pipe."""
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``communique`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        sys.stderr.write(f"{args.prog}: error: {exc}\n")
        return EXIT_USAGE
    except PipelineUnavailable as exc:
        sys.stderr.write(f"communique: error: {exc}\n")
        return EXIT_NOTHING_PROCESSED
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        sys.stderr.write("communique: interrupted\n")
        return EXIT_INTERRUPTED
