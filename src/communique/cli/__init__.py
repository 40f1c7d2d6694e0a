"""The ``communique`` command line: one subcommand per function, registered in ``COMMANDS``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import NoReturn

from communique import __version__
from communique.cli.actors import add_actors
from communique.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_NOTHING_PROCESSED,
    EXIT_USAGE,
    UsageError,
)
from communique.cli.extract import add_extract
from communique.cli.gazetteer import add_gazetteer
from communique.cli.scale import add_load
from communique.cli.serve import add_serve
from communique.cli.store import add_events, add_export, add_ingest, add_quotes, add_timeline
from communique.cli.train import add_train
from communique.runner import PipelineUnavailable

__all__ = ["COMMANDS", "build_parser", "main"]


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_extract, add_ingest, add_load, add_events, add_timeline, add_quotes, add_export, add_actors,
    add_gazetteer, add_serve, add_train]
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
