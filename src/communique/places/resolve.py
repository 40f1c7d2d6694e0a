"""Resolve toponym mentions to gazetteer entries with the article as context.

Each reading is scored: kind first (continents and countries over divisions over cities, a big city
over a small one), then the article's country focus and "Paris, Texas" qualifiers. Weights were set on
places/geowebnews so that "California" stays the state, "Georgia" is the US state only in a US story,
and "Tripoli" follows the story's country.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from communique.places.candidates import Mention, is_big, is_county_name
from communique.places.context import (
    NEAR_KM,
    Anchor,
    container_of,
    container_readings,
    is_dateline,
    support,
)
from communique.places.gazetteer import (
    Gazetteer,
    GeoEntry,
    distance_km,
    read_sided_words,
    stop_names,
)

KIND_SCORE = {"CONT": 11.0, "PCLI": 10.0, "RGN": 9.0, "ADM1": 7.5, "ADM2": 3.0}
"""A county scores as a town of 1,000: "Kanawha County" has only county readings, and a bare "Douglas"
is the town unless the article's other places are near the county."""
FOCUS_BONUS = 5.0
"""Same country as the story's most-named country: enough for a US state (7.5 + 5) to beat the
country Georgia (10), and for Lebanon's Tripoli (5.4 + 5) to beat Libya's capital (10.1), but not
for a village to beat a state."""
ALIAS_BONUS = 5.0
ALTERNATE_PENALTY = 3.0
"""A reading found through a city's alternate name ("Mexico" for Mexico City) loses to one named so."""
CONTAINER_BONUS = 20.0
"""A reading inside the state or country after the comma ("Paris, Texas") beats any other."""
NEAR_BONUS = 3.0
MAX_NEAR = 2
"""Each anchor near a reading adds 3, at most two: with the story's country (5) that is enough for Paris,
Texas (4.4) to beat the French capital (10.3) in a Texas story, not for a village to beat a state."""
CLEAR_MARGIN = 1.5
"""A reading 1.5 ahead of the next (a town 30 times as populous) is beyond doubt and anchors others."""
MILLION_BONUS = 2.0
"""A city of a million or more is meant over a division of the same name ("New York")."""
CAPITAL_BONUS = 2.0
NAMESAKE_PENALTY = 3.0
"""A division loses to a city of 100,000+ of the same name in the same country: the canton of
Geneva, the governorate of Tripoli and the département of Paris are named after their cities."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention with its chosen entry (None when the name is not in the gazetteer)."""

    mention: Mention
    entry: GeoEntry | None
    resolved_by: str = "population"
    """What picked the reading: ``container``, ``context``, ``dateline``, ``outlet`` or ``population``."""


def readings(mention: Mention, gazetteer: Gazetteer) -> list[GeoEntry]:
    """The entries a mention can mean: its demonym's place for adjectives, else the name's entries."""
    text = mention.text.strip()
    for suffix in ("'s", "’s"):
        text = text.removesuffix(suffix)
    demonym = gazetteer.demonym(text)
    if mention.adjective or (demonym is not None and not gazetteer.lookup(text)):
        return [demonym] if demonym is not None else []
    found = gazetteer.lookup(text)
    if not found and text.lower().startswith("the "):
        found = gazetteer.lookup(text[4:])
    if not found and "." in text and not text.endswith("."):
        found = gazetteer.lookup(text + ".")  # "W.Va" whose last period also ends the sentence
    if not found:
        found = inner_readings(text, gazetteer)
    return without_county_namesakes(found, text)


NAME_WORDS = re.compile(r"[\w.'’]+")
"""The words of a name, hyphens and other marks left out ("Asia-Pacific", "Honolulu Star-Advertiser")."""
SAINT_WORDS = frozenset({"st", "saint", "ste", "san", "santa", "sao", "são"})


def inner_readings(text: str, gazetteer: Gazetteer) -> list[GeoEntry]:
    """The readings of the longest big place or full county name inside a place name the gazetteer
    lacks: "north west London", "South Venezuela", "Oaxaca State", "Republic of Armenia", "Montgomery
    County Democrats". Only big places (see ``is_big``) and counties named in full: a street or a
    venue ("Royal Street", "Rogers Centre") holds a small town's name more often than not."""
    words = [w.removesuffix("'s").removesuffix("’s").strip(".'’") for w in NAME_WORDS.findall(text)]
    if names_water(words):
        return []
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            name = " ".join(words[start : start + size])
            if not name[:1].isupper() or name.lower() in stop_names():
                continue
            if start and words[start - 1].lower() in SAINT_WORDS:
                continue  # "St George's Chapel": a saint, not George, South Africa
            found = [e for e in gazetteer.lookup(name) if is_big(e) or is_county_name(e, name)]
            if found:
                return found
    return []


@lru_cache(maxsize=1)
def water_words() -> dict[str, frozenset[str]]:
    """``head`` and ``tail`` words of ``lang/places_water_words.tsv``."""
    return read_sided_words("places_water_words.tsv", ("head", "tail"))


def names_water(words: list[str]) -> bool:
    """True for a body of water's name: "Gulf of Finland", "Arabian Sea", "Taiwan Strait"."""
    if len(words) < 2:
        return False
    water = water_words()
    first, last = words[0].lower(), words[-1].lower()
    return (first in water["head"] and words[1].lower() == "of") or last in water["tail"]


def without_county_namesakes(entries: list[GeoEntry], text: str) -> list[GeoEntry]:
    """The readings less the counties found by their short name ("Texas" for Texas County) when a
    state, country or continent bears the name itself: "Texas" and "Hawaii" are the states."""
    name = text.lower()
    if not any(e.feature in ("ADM1", "PCLI", "CONT") and e.name.lower() == name for e in entries):
        return entries
    return [e for e in entries if e.feature != "ADM2" or e.name.lower() == name]


def base_score(entry: GeoEntry) -> float:
    """How likely a reading is before context: by kind, then population."""
    if entry.feature in KIND_SCORE:
        return KIND_SCORE[entry.feature]
    score = math.log10(max(entry.population, 10))
    if entry.feature == "PPLC":
        score += CAPITAL_BONUS
    if entry.population >= 1_000_000:
        score += MILLION_BONUS
    return score


def focus_countries(options: list[list[GeoEntry]]) -> Counter:
    """Countries named by unambiguous mentions: all readings in one country ("Texas", the state and
    two counties), or a country or alias first with no country or state of the same name elsewhere
    ("Georgia", a country and a US state, counts for neither; "Portland", a Jamaican parish and US
    cities, neither)."""
    counts: Counter = Counter()
    for entries in options:
        if not entries or not entries[0].country:
            continue
        major = {e.country for e in entries if e.feature in ("PCLI", "ADM1")}
        if len({e.country for e in entries}) == 1 or (entries[0].feature == "PCLI" and len(major) == 1):
            counts[entries[0].country] += 1
    return counts


@dataclass(frozen=True, slots=True)
class Signals:
    """What the article says around one mention."""

    focus: str | None
    focus_from_outlet: bool
    container: GeoEntry | None
    anchors: list[Anchor]
    index: int
    text: str = ""


def intrinsic_score(entry: GeoEntry, alias: GeoEntry | None, name: str, namesakes: set) -> float:
    """A reading's score before context: kind and population, aliases, namesakes."""
    value = base_score(entry)
    if alias is not None and entry is alias:
        value += ALIAS_BONUS
    elif entry.name.lower() != name and entry.feature in ("PPL", "PPLC", "ADM2"):
        value -= ALTERNATE_PENALTY
    if entry.feature in ("ADM1", "ADM2") and entry.country in namesakes:
        value -= NAMESAKE_PENALTY
    return value


def context_scores(entry: GeoEntry, signals: Signals) -> dict[str, float]:
    """What each kind of context adds to a reading, by the ``resolved_by`` name it would give."""
    scores = dict.fromkeys(("container", "context", "dateline", "outlet"), 0.0)
    if entry.country == signals.focus:
        scores["outlet" if signals.focus_from_outlet else "context"] += FOCUS_BONUS
    qualified = signals.container
    if qualified is not None and entry.feature != qualified.feature:
        same_country = entry.country == qualified.country
        same_admin = qualified.feature != "ADM1" or entry.admin1 == qualified.admin1
        scores["container"] += CONTAINER_BONUS if same_country and same_admin else (
            FOCUS_BONUS if same_country else 0.0)
    near, backer = support(entry, signals.anchors, signals.index, signals.text)
    scores[backer] += NEAR_BONUS * min(near, MAX_NEAR)  # several anchors: capped
    return scores


def choose(entries: list[GeoEntry], signals: Signals, alias: GeoEntry | None,
           name: str) -> tuple[GeoEntry, str]:
    """The best-scoring reading, and what decided it: the context that lifted it over the reading
    kind and population alone would pick, else ``population``."""
    name = name.lower()
    namesakes = {e.country for e in entries if e.feature in ("PPL", "PPLC") and e.population >= 100_000}
    base = {id(e): intrinsic_score(e, alias, name, namesakes) for e in entries}
    extra = {id(e): context_scores(e, signals) for e in entries}
    best = max(entries, key=lambda e: (base[id(e)] + sum(extra[id(e)].values()), e.population))
    default = max(entries, key=lambda e: (base[id(e)], e.population))
    gains = {kind: value - extra[id(default)][kind] for kind, value in extra[id(best)].items()}
    if best is default or max(gains.values()) <= 0:
        return best, "population"
    return best, max(gains, key=gains.get)


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer, text: str,
                     outlet_country: str | None = None, outlet_place: GeoEntry | None = None
                     ) -> list[Resolution]:
    """One resolution per mention, in order (a weak mention that the article's places do not back
    is left out). ``outlet_country``, the country of the outlet that
    published the article, counts as half a mention: it settles the focus only when the text
    itself names no country more often. ``outlet_place``, the home its name carries ("The Arizona
    Republic"), is one more anchor.

    Two passes: the first reads each name with the country focus and its container only; the
    places it reads without doubt (a single reading, a container, a clear winner, the dateline)
    become anchors, and the second pass prefers readings near them."""
    options = container_readings(mentions, [readings(m, gazetteer) for m in mentions], gazetteer, text)
    focus = focus_countries([[] if m.weak else o for m, o in zip(mentions, options, strict=True)])
    text_focus = focus.most_common(1)[0][0] if focus else None
    if outlet_country or outlet_place is not None:
        focus[outlet_country or outlet_place.country] += 0.5
    top = focus.most_common(1)[0][0] if focus else None
    from_outlet = top is not None and top != text_focus
    aliases = [alias_entry(gazetteer, m) for m in mentions]
    first = [first_pass(options, mentions, i, text, top, from_outlet, aliases[i])
             for i in range(len(mentions))]
    anchors = [Anchor(first[i][0], i, is_dateline(mentions, i, text), mentions[i].text.lower())
               for i in range(len(mentions)) if first[i][0] is not None and first[i][1]]
    if outlet_place is not None:
        anchors.append(Anchor(outlet_place, -1))
    result = []
    for i, (mention, entries) in enumerate(zip(mentions, options, strict=True)):
        if not entries:
            result.append(Resolution(mention, None))
            continue
        container = container_of(options, mentions, i, text)
        signals = Signals(top, from_outlet, container, anchors, i, mention.text)
        entry, why = choose(entries, signals, aliases[i], mention.text)
        if mention.weak and not is_backed(entry, signals):
            continue
        result.append(Resolution(mention, entry, why))
    return result


def is_backed(entry: GeoEntry, signals: Signals) -> bool:
    """True when the article places ``entry`` itself: a container, or anchors near it."""
    if signals.container is not None:
        return True
    return support(entry, signals.anchors, signals.index, signals.text)[0] > 0


def alias_entry(gazetteer: Gazetteer, mention: Mention) -> GeoEntry | None:
    """The entry a ``lang/places_aliases.tsv`` alias gives the mention's text, if any."""
    index = gazetteer.aliases.get(mention.text.lower())
    return gazetteer.entries[index] if index is not None else None


def first_pass(options: list[list[GeoEntry]], mentions: list[Mention], index: int, text: str,
               focus: str | None, from_outlet: bool, alias: GeoEntry | None) -> tuple[GeoEntry | None, bool]:
    """The reading without nearby places, and whether it is beyond doubt (so an anchor for others):
    the only reading, one set by a container or the dateline, or one ahead by ``CLEAR_MARGIN`` of
    every reading far from it (Blackpool the town and Blackpool the unitary authority are one place
    for the purpose)."""
    entries = options[index]
    if not entries:
        return None, False
    container = container_of(options, mentions, index, text)
    signals = Signals(focus, from_outlet, container, [], index)
    name = mentions[index].text.lower()
    namesakes = {e.country for e in entries if e.feature in ("PPL", "PPLC") and e.population >= 100_000}
    totals = [intrinsic_score(e, alias, name, namesakes) + sum(context_scores(e, signals).values())
              for e in entries]
    scored = sorted(((total, n) for n, total in enumerate(totals)), reverse=True)
    best = entries[scored[0][1]]
    rivals = [entries[n] for total, n in scored[1:] if scored[0][0] - total < CLEAR_MARGIN]
    clear = (container is not None or is_dateline(mentions, index, text)
             or all(distance_km(best, rival) <= NEAR_KM for rival in rivals))
    return best, clear and not (mentions[index].adjective or mentions[index].weak)
