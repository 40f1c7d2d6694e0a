"""The ``communique actors`` commands: the canonical actors exported as a dictionary, or one imported."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from communique.cli.common import EXIT_NOTHING_PROCESSED, EXIT_OK, UsageError, add_db_option, plural

ACTORS_EXAMPLES = """\
examples:
  communique actors export --format csv -o actors.csv      # edit it: pin codes, add aliases and roles
  communique actors import actors.csv                      # imported entries win over inferred ones
  communique actors export --format jsonl | grep Antonov
  python scripts/petrarch_actors.py Phoenix.Countries.actors.txt -o countries.csv

Importing the same file again changes nothing. Columns: docs/actors.md.
"""


def add_actors(commands: argparse._SubParsersAction) -> None:
    """``communique actors export|import``."""
    parser = commands.add_parser(
        "actors",
        help="export the store's canonical actors as an editable dictionary, or import one",
        description="The store's canonical actors (one per person, organisation or country across all "
        "articles, with aliases and dated roles) as a dictionary a team can edit and import back.",
        epilog=ACTORS_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    export = actions.add_parser(
        "export",
        help="write every actor as CSV or JSONL dictionary rows",
        description="Write every actor, one row per role (or one without).",
    )
    add_db_option(export)
    export.add_argument(
        "--format", choices=("csv", "jsonl"), default="csv", help="output format (default: csv)"
    )
    export.add_argument("-o", "--output", metavar="OUT", default="-", help="output file (default: stdout)")
    export.set_defaults(func=export_actors, prog=export.prog)
    imported = actions.add_parser(
        "import",
        help="import a CSV or JSONL dictionary (its entries win)",
        description="Import a dictionary file (.csv or .jsonl); idempotent.",
    )
    add_db_option(imported)
    imported.add_argument("file", metavar="FILE", help="the dictionary: a .csv or .jsonl file")
    imported.set_defaults(func=import_actors, prog=imported.prog)
    parser.set_defaults(func=lambda args: no_action(parser), prog=parser.prog)


def no_action(parser: argparse.ArgumentParser) -> int:
    """``communique actors`` alone: its help, and a usage error."""
    parser.print_help(sys.stderr)
    raise UsageError("give an action: export or import")


def export_actors(args: argparse.Namespace) -> int:
    """Write the actor dictionary."""
    from communique.cli.store import open_db, open_output_text
    from communique.store.dictionary import export_rows, write_dictionary

    engine = open_db(args, create=False)
    stream = open_output_text(args.output)
    try:
        count = write_dictionary(export_rows(engine), stream, args.format)
    finally:
        engine.dispose()
        if stream is not sys.stdout:
            stream.close()
    return EXIT_OK if count else EXIT_NOTHING_PROCESSED


def import_actors(args: argparse.Namespace) -> int:
    """Import a dictionary file into the store."""
    from communique.cli.store import open_db
    from communique.store.dictionary import DictionaryError, import_entries, read_dictionary

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"dictionary not found: {path}")
    try:
        entries = read_dictionary(path)
    except (DictionaryError, ValueError) as exc:
        raise UsageError(str(exc)) from exc
    engine = open_db(args, create=True)
    try:
        count = import_entries(engine, entries)
    finally:
        engine.dispose()
    sys.stderr.write(f"communique actors import: {plural(count, 'actor')} imported from {path}\n")
    return EXIT_OK if count else EXIT_NOTHING_PROCESSED
