"""CAMEO codes: the Goldstein score (``lang/goldstein.tsv``) and the quad class of an event."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

QUAD_CLASSES = {
    "verbal_cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material_cooperation": ("COOPERATE", "AID", "RETREAT"),
    "verbal_conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "material_conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
"""PLOVER's four quad classes by event type."""

_QUAD_OF = {plover: quad for quad, types in QUAD_CLASSES.items() for plover in types}


class GoldsteinTableError(ValueError):
    """A line of ``goldstein.tsv`` is malformed."""


def read_goldstein(text: str) -> dict[str, float]:
    """CAMEO code -> Goldstein score from the table's text."""
    table: dict[str, float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        code, _, score = line.partition("\t")
        try:
            table[code.strip()] = float(score)
        except ValueError as exc:
            raise GoldsteinTableError(f"goldstein.tsv:{number}: bad score {score!r}") from exc
    return table


@lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    """The packaged Goldstein table, read once per process."""
    return read_goldstein(files("communique").joinpath("lang/goldstein.tsv").read_text("utf-8"))


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein score of a CAMEO code, falling back to its three-digit and root parents."""
    if not cameo:
        return None
    table = goldstein_table()
    for size in (len(cameo), 3):
        if cameo[:size] in table:
            return table[cameo[:size]]
    return table.get(cameo[:2] + "0")


def quad_class(plover: str) -> str | None:
    """The PLOVER quad class of an event type, or None for an unknown type."""
    return _QUAD_OF.get(plover)


def cameo_root(cameo: str | None) -> str | None:
    """The two-digit CAMEO root ("042" -> "04")."""
    return cameo[:2] if cameo and len(cameo) >= 2 else None
