"""When two reports can be of the same real-world event: actor identities, keys, dates, places.

The rules are shared by the link stage (reports within one article) and the store's linker (reports
across articles), so that both agree on what "the same event" means.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.resources import files

ReportKey = tuple[str, frozenset[str] | tuple[frozenset[str], frozenset[str]]]
"""What two reports of one event share: the kind of action and the sides (one set when reciprocal)."""


@cache
def reciprocal_types() -> frozenset[str]:
    """PLOVER types whose sides act together (``lang/plover_reciprocal.tsv``)."""
    text = files("communique").joinpath("lang/plover_reciprocal.tsv").read_text("utf-8")
    rows = (line.split("\t")[0].strip() for line in text.splitlines() if line and not line.startswith("#"))
    return frozenset(row for row in rows if row)


def actor_identity(country: str | None, code: str | None, name: str) -> str:
    """What makes two actors the same: the country of a state actor, else the actor code, else the
    name ("Moscow" as Russia's government and "Russia" are one side of a meeting)."""
    return country or code or name.lower()


def report_key(
    plover: str, cameo: str | None, sources: Iterable[str], targets: Iterable[str]
) -> ReportKey | None:
    """The key two reports of one event share, from the actor identities of each side; None when the
    event has fewer than two actors (one actor alone, "Russia denied", is too common to tell two
    events apart)."""
    sources, targets = frozenset(sources), frozenset(targets)
    if len(sources | targets) < 2:
        return None
    kind = cameo[:2] if cameo else plover
    if plover in reciprocal_types():
        return kind, sources | targets
    return kind, (sources, targets)


def dates_compatible(first: str, second: str) -> bool:
    """Dates agree within the precision of the less precise one ("2022-01" and "2022-01-12")."""
    return first.startswith(second) or second.startswith(first)


def places_compatible(first: int | None, second: int | None) -> bool:
    """Places agree when they are the same GeoNames place or one of them is unknown."""
    return first is None or second is None or first == second


def most_precise(dates: Iterable[str | None]) -> str | None:
    """The longest of mutually compatible dates ("2022-01-12" over "2022-01"), or None."""
    known = [d for d in dates if d]
    return max(known, key=len) if known else None
