"""What an article says about where its places are: the container after a comma ("Gainesville, Ga."),
the dateline ("SPRINGFIELD, Ill. —") and the places it names without doubt, against which an
ambiguous name is read (a Paris near the story's other places beats the populous one far away)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.places.candidates import Mention
from communique.places.gazetteer import Gazetteer, GeoEntry, distance_km, stop_names

NEAR_KM = 150.0
"""A reading this close to a place the article names is "near": a county and its towns, a metro
area's suburbs (US counties are 30-150 km across)."""
STATE_WEIGHT = 0.5
"""A state named in the story places a town in it half as surely as a town nearby: "Mississippi" in a
sports story does not make Louisville the Mississippi village."""
WIDE_FEATURES = frozenset({"PCLI", "CONT", "RGN"})
"""Anchors too wide to say where in their country a town is; the country focus covers them."""
AFTER_NAME = re.compile(r"[A-Z][\w.'’-]*,\s*$")
"""A capitalised word and a comma right before a container ("Tupelo, " in "Tupelo, Miss.")."""
NAME_GOES_ON = re.compile(r" [A-Z][a-z]")
"""A capitalised word right after the would-be container: it is part of a longer name."""
DATELINE_CHARS = 60
"""A dateline opens the text: the place name ends this near its start."""
DATELINE_END = re.compile(r"\s*(?:\([A-Z][\w .&]*\)\s*)?(?:[—–-]{1,2}|:)")
"""What closes a dateline: a dash (after an optional agency tag, "(AP)") or a colon."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """A place the article names without doubt, and whether it is the dateline; ``mention`` -1 for the
    outlet's home, which no mention names."""

    entry: GeoEntry
    mention: int
    dateline: bool = False
    text: str = ""
    """The anchor's words, lower-cased: another mention of the same words is no evidence."""


def container_readings(mentions: list[Mention], options: list[list[GeoEntry]], gazetteer: Gazetteer,
                       text: str) -> list[list[GeoEntry]]:
    """The readings, with a container-only spelling ("GA", "Miss.") after "Name, " read as its state
    (the name need not be a known place: "CAMP MURRAY, Wash. -")."""
    result = []
    for mention, entries in zip(mentions, options, strict=True):
        state = gazetteer.container(mention.text.strip())
        if state is not None and AFTER_NAME.search(text[max(0, mention.start - 40) : mention.start]):
            entries = [state]
        result.append(entries)
    return result


def between(text: str, first: Mention, second: Mention) -> str:
    """The text between two mentions, stripped."""
    return text[first.end : second.start].strip()


def container_of(options: list[list[GeoEntry]], mentions: list[Mention], index: int,
                 text: str) -> GeoEntry | None:
    """The state or country right after ", " ("Paris, Texas", "Douglas County, Minn.") that holds one
    of the mention's readings ("Atlanta, Georgia": the US state, not the country). A name that goes on
    ("Orange County, the Orange County Register") is not a container."""
    if index + 1 >= len(mentions) or between(text, mentions[index], mentions[index + 1]) != ",":
        return None
    if NAME_GOES_ON.match(text, mentions[index + 1].end):
        return None
    for container in options[index + 1]:
        if container.feature in ("ADM1", "PCLI") and any(contains(container, e) for e in options[index]):
            return container
    return None


def contains(container: GeoEntry, entry: GeoEntry) -> bool:
    """True when ``entry`` lies in the state or country ``container``."""
    if entry.feature == container.feature or entry.country != container.country:
        return False
    return container.feature == "PCLI" or entry.admin1 == container.admin1


def is_dateline(mentions: list[Mention], index: int, text: str) -> bool:
    """True for the place of a dateline: the first mention, at the start of the text (after a title
    line, if any), followed by a dash, possibly after its container ("GAINESVILLE, Ga. —")."""
    if index != 0 or not mentions:
        return False
    mention = mentions[0]
    line_start = text.rfind("\n", 0, mention.start) + 1
    if mention.start - line_start > 2 or mention.end > line_start + DATELINE_CHARS:
        return False
    rest = text[mention.end :]
    if len(mentions) > 1 and between(text, mention, mentions[1]) == ",":
        rest = text[mentions[1].end :]
    return DATELINE_END.match(rest) is not None


def support(entry: GeoEntry, anchors: list[Anchor], index: int, text: str = "") -> tuple[float, str]:
    """How strongly the anchors (other than mention ``index`` and other mentions of its words
    ``text``, each place once) place ``entry``: 1 for each town or county within ``NEAR_KM`` or the
    place itself named otherwise ("Wash." for "Washington"), ``STATE_WEIGHT`` for its state named;
    and which kind of anchor backs it: ``dateline`` when the dateline is among them, else ``outlet``
    when the outlet's home is, else ``context``."""
    total, kinds, seen = 0.0, set(), set()
    for anchor in anchors:
        if anchor.mention == index or (text and anchor.text == text.lower()) or id(anchor.entry) in seen:
            continue
        weight = nearness(entry, anchor.entry)
        if weight:
            seen.add(id(anchor.entry))
            total += weight
            kinds.add("dateline" if anchor.dateline else ("outlet" if anchor.mention < 0 else "context"))
    return total, next((k for k in ("dateline", "outlet") if k in kinds), "context")


def nearness(entry: GeoEntry, anchor: GeoEntry) -> float:
    """1 for an anchor within ``NEAR_KM`` (a country: an anchor inside it), ``STATE_WEIGHT`` for an
    anchor that is the entry's own first-level division, else 0."""
    if entry.feature in WIDE_FEATURES:
        return 1.0 if anchor.country == entry.country and anchor.feature not in WIDE_FEATURES else 0.0
    if anchor is entry:
        return 1.0
    if anchor.feature in WIDE_FEATURES:
        return 0.0
    if entry.feature == "ADM1":
        return 1.0 if entry.admin1 == anchor.admin1 and entry.country == anchor.country else 0.0
    if anchor.feature == "ADM1":
        same = entry.admin1 and entry.admin1 == anchor.admin1 and entry.country == anchor.country
        return STATE_WEIGHT if same else 0.0
    return 1.0 if distance_km(entry, anchor) <= NEAR_KM else 0.0


OUTLET_CITY_POPULATION = 100_000
OUTLET_CITY_LEAD = 10
"""An outlet's name gives its home only through a name that leaves no doubt: a state or country, an
alias ("New York"), or a city of 100,000+ ten times as populous as any namesake ("Houston
Chronicle"; not "Portland Press Herald" or "Charleston Gazette-Mail")."""


def outlet_home(outlet: str | None, gazetteer: Gazetteer) -> GeoEntry | None:
    """The home an outlet's name carries ("The Arizona Republic": Arizona), if any."""
    words = [w.strip(".,:;'’\"()") for w in (outlet or "").split()]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i : i + size])
            if name[:1].isupper() and name.lower() not in stop_names():
                home = clear_home(gazetteer, name)
                if home is not None:
                    return home
    return None


def clear_home(gazetteer: Gazetteer, name: str) -> GeoEntry | None:
    """The reading of ``name`` that leaves no doubt (see ``OUTLET_CITY_LEAD``), if any."""
    index = gazetteer.aliases.get(name.lower())
    if index is not None:
        return gazetteer.entries[index]
    entries = gazetteer.lookup(name)
    major = [e for e in entries if e.feature in ("ADM1", "PCLI") and e.name.lower() == name.lower()]
    towns = sorted((e for e in entries if e.feature in ("PPL", "PPLC")), key=lambda e: -e.population)
    big_town = bool(towns) and towns[0].population >= OUTLET_CITY_POPULATION
    if len(major) == 1 and not big_town:
        return major[0]
    if big_town and not major:
        runner_up = towns[1].population if len(towns) > 1 else 0
        if towns[0].population >= OUTLET_CITY_LEAD * runner_up:
            return towns[0]
    return None
