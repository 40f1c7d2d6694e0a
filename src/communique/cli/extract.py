"""``communique extract``: articles in, contract JSONL (or a readable report) out."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import BinaryIO

from communique.cli.common import (
    EXIT_NOTHING_PROCESSED,
    EXIT_OK,
    UsageError,
    add_config_options,
    configure,
    plural,
    read_options,
)
from communique.cli.scale import (
    add_engine_options,
    check_engine,
    documents_of,
    extract_to_dataset,
    note_retried,
    start_run,
)
from communique.pipeline import PipelineError
from communique.runner import RunStats, run
from communique.scale.shards import GLOB_CHARS
from communique.sources import (
    SURROGATE_RE,
    SourceDocument,
    SourceError,
    count_documents,
    list_directory,
    read_documents,
)

OUTPUT_STAGE = "output"
"""The stage name under which a problem writing a document out is recorded in its ``errors``."""

EXTRACT_EXAMPLES = """\
examples:
  communique extract examples/summit.txt --published 2024-03-14 --pretty
  communique extract news.jsonl -o out.jsonl --workers 2
  communique extract articles/ -o out.jsonl          # every .txt/.html/.jsonl file, recursively
  cat story.txt | communique extract - --published 2024-03-14
  communique extract news.jsonl --model en_core_web_md --set stages.ingest.max_chars=500000
  communique extract 'crawl/*.warc.gz' --engine ray --out news/ --format parquet   # docs/scale.md

exit status: 0 done (some documents may carry errors), 1 no document could be processed,
2 usage error, 130 interrupted, 141 output closed early (e.g. | head).
"""


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
    parser.add_argument("--workers", metavar="N", type=int, default=None,
                        help="worker processes, each loading the model once (default: 1; with --engine "
                        "ray: actors, default one per CPU)")
    add_engine_options(parser)
    parser.add_argument("--out", metavar="DIR",
                        help="with --format parquet: the data set directory (or object-store URI), one "
                        "partitioned Parquet data set per table; see docs/scale.md")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                        help="jsonl: contract lines to -o (default); parquet: tables under --out DIR")
    parser.add_argument("--published", metavar="DATE",
                        help="publication date (YYYY-MM-DD) for documents that do not carry one, "
                        "e.g. a .txt file or text on stdin; relative dates resolve against it")
    parser.add_argument("--pretty", action="store_true",
                        help="print a readable summary (entities, quotes, events) instead of JSONL")
    add_config_options(parser)
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar and no summary line on stderr")
    parser.set_defaults(func=extract, prog=parser.prog)


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
    check_engine(args)
    if args.input != "-" and "://" not in args.input and not Path(args.input).exists() \
            and not GLOB_CHARS & set(args.input):
        raise UsageError(f"input not found: {args.input}")
    if (args.format == "parquet") != bool(args.out):
        raise UsageError("--format parquet writes to --out DIR, and --out needs --format parquet")
    config = configure(args)
    options = read_options(args, config)
    if args.format == "parquet":
        return extract_to_dataset(args, config, options)
    if args.engine == "ray":
        return extract_with_ray(args, config, options)
    if not args.quiet:
        note_skipped(args.input)
    show = not args.quiet and sys.stderr.isatty()
    total = count_documents(args.input) if show else None
    started = time.monotonic()
    output = open_output(args.output)
    try:
        results = run(read_documents(args.input, options), config, args.workers or 1, progress=show,
                      total=total)
        stats = write_all(results, output, args.pretty)
    except (PipelineError, SourceError) as exc:
        raise UsageError(str(exc)) from exc
    finally:
        if output is not sys.stdout.buffer:
            output.close()
    return finish(stats, args, time.monotonic() - started)


def extract_with_ray(args: argparse.Namespace, config, options) -> int:
    """``extract --engine ray``: the same JSONL, in the same order, from a Ray Data run."""
    from communique.runner import with_progress

    show = not args.quiet and sys.stderr.isatty()
    total = count_documents(args.input) if show else None
    started = time.monotonic()
    run = start_run(args, [args.input], config, options)
    output = open_output(args.output)
    try:
        documents = documents_of(run)
        stats = write_all(with_progress(documents, total) if show else documents, output, args.pretty)
    finally:
        if output is not sys.stdout.buffer:
            output.close()
    status = finish(stats, args, time.monotonic() - started)
    note_retried("extract", run, args.quiet)
    return status


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
            output.write(encode_document(document, pretty))
            output.flush()
            stats.count(document)
    return stats


def encode_document(document: SourceDocument, pretty: bool) -> bytes:
    """One output record as UTF-8. Text that UTF-8 cannot hold (a lone surrogate some source let
    through) is replaced with U+FFFD, one code point for one, and the record says so in its errors."""
    line = format_document(document, pretty)
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        document.article.add_error(
            OUTPUT_STAGE, "characters UTF-8 cannot encode (lone surrogates) were replaced with U+FFFD"
        )
        return SURROGATE_RE.sub("\ufffd", format_document(document, pretty)).encode("utf-8")


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
