#!/usr/bin/env python3
"""Convert a PETRARCH-style ``.txt`` actor dictionary into a CSV that ``communique actors import`` reads.

The PETRARCH format: an entry line holds the actor's name in capitals, words joined by ``_`` and
ending in ``_``, optionally followed by its code in brackets; lines starting with ``+`` are other
names of the same actor; lines holding only ``[CODE DATES]`` are codes held for a period
(``[USAGOV 090120-170120]``, ``[USAELI <080603]`` before a date, ``[USAELI >170120]`` after it; dates
are YYMMDD). ``#`` starts a comment. Each dated code becomes a role named by the code with its
period, and the undated code (else the latest dated one) becomes the actor's code:

    python scripts/petrarch_actors.py Phoenix.Agents.actors.txt --kind person -o people.csv
    communique actors import people.csv
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

COLUMNS = ("name", "aliases", "kind", "code", "country", "sector", "role", "valid_from", "valid_to")
CODE = re.compile(r"\[\s*([A-Z0-9~]+)\s*([<>]?\s*\d{6}(?:\s*-\s*\d{6})?)?\s*\]")
CENTURY_PIVOT = 50
"""A two-digit year below this is 20YY, else 19YY (PETRARCH dictionaries cover 1950 on)."""


@dataclass
class Actor:
    """One dictionary entry: a name, its other names, its undated code and its dated ones."""

    name: str
    aliases: list[str] = field(default_factory=list)
    code: str | None = None
    periods: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def phrase(token: str) -> str:
    """``ANATOLY_ANTONOV_`` → ``Anatoly Antonov``."""
    words = token.strip().strip("_").split("_")
    return " ".join(word.capitalize() if word.isalpha() else word for word in words if word)


def day(yymmdd: str) -> str:
    """``090120`` → ``2009-01-20``."""
    year = int(yymmdd[:2])
    century = 2000 if year < CENTURY_PIVOT else 1900
    return f"{century + year}-{yymmdd[2:4]}-{yymmdd[4:6]}"


def period(dates: str | None) -> tuple[str | None, str | None]:
    """``<080603`` (until), ``>170120`` (from), ``090120-170120`` (from-to) as ISO dates."""
    if not dates:
        return None, None
    dates = dates.replace(" ", "")
    if dates.startswith("<"):
        return None, day(dates[1:])
    if dates.startswith(">"):
        return day(dates[1:]), None
    start, _, end = dates.partition("-")
    return day(start), day(end) if end else None


def add_codes(actor: Actor, text: str) -> None:
    """The bracketed codes of a line: undated → the actor's code, dated → a period."""
    for match in CODE.finditer(text):
        code, dates = match.group(1), match.group(2)
        if dates:
            actor.periods.append((code, *period(dates)))
        elif actor.code is None:
            actor.code = code


def parse(lines: list[str]) -> list[Actor]:
    """The actors of a PETRARCH dictionary's lines."""
    actors: list[Actor] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("+") and actors:
            actors[-1].aliases.append(phrase(stripped[1:].split("[", 1)[0]))
        elif stripped.startswith("[") and actors:
            add_codes(actors[-1], stripped)
        elif not stripped.startswith(("+", "[")):
            name, _, rest = stripped.partition("[")
            actor = Actor(phrase(name))
            add_codes(actor, "[" + rest if rest else "")
            actors.append(actor)
    return actors


def rows(actors: list[Actor], kind: str | None):
    """Dictionary rows: one per dated code, or one for an actor without any."""
    for actor in actors:
        code = actor.code or (actor.periods[-1][0] if actor.periods else None)
        base = {
            "name": actor.name,
            "aliases": "; ".join(actor.aliases),
            "kind": kind or "",
            "code": code or "",
        }
        for role, start, end in actor.periods or [("", None, None)]:
            yield {**base, "role": role, "valid_from": start or "", "valid_to": end or ""}


def convert(source: TextIO, target: TextIO, kind: str | None = None) -> int:
    """Convert a PETRARCH dictionary to dictionary CSV; the number of actors."""
    actors = parse(source.read().splitlines())
    writer = csv.DictWriter(target, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows(actors, kind))
    return len(actors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionary", type=Path, help="a PETRARCH .txt actor dictionary")
    parser.add_argument("--kind", help="the kind of every actor in it (person, country, organization, ...)")
    parser.add_argument("-o", "--output", default="-", help="the CSV to write (default: stdout)")
    args = parser.parse_args(argv)
    with args.dictionary.open(encoding="utf-8", errors="replace") as source:
        if args.output == "-":
            count = convert(source, sys.stdout, args.kind)
        else:
            with open(args.output, "w", encoding="utf-8", newline="") as target:
                count = convert(source, target, args.kind)
    print(f"{count} actors converted", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
