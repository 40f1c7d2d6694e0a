"""The ``communique`` command line: one subcommand per function, registered in ``COMMANDS``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from communique import __version__
from communique.config import ConfigError, load_config, merge, parse_assignment
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


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [add_extract]
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
