"""Resolve toponym mentions to gazetteer entries with the article as context.

Each reading is scored: kind first (continents and countries over divisions over cities, a big city
over a small one), then the article's country focus and "Paris, Texas" qualifiers. Weights were set on
places/geowebnews so that "California" stays the state, "Georgia" is the US state only in a US story,
and "Tripoli" follows the story's country.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from communique.places.candidates import Mention
from communique.places.gazetteer import Gazetteer, GeoEntry

KIND_SCORE = {"CONT": 11.0, "PCLI": 10.0, "RGN": 9.0, "ADM1": 7.5}
FOCUS_BONUS = 5.0
"""Same country as the story's most-named country: enough for a US state (7.5 + 5) to beat the
country Georgia (10), and for Lebanon's Tripoli (5.4 + 5) to beat Libya's capital (10.1), but not
for a village to beat a state."""
ALIAS_BONUS = 5.0
ALTERNATE_PENALTY = 3.0
"""A reading found through a city's alternate name ("Mexico" for Mexico City) loses to one named so."""
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
    return found


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
    """Countries named by unambiguous mentions (a single reading, or a country/alias reading)."""
    counts: Counter = Counter()
    for entries in options:
        clear = len(entries) == 1 or (entries and entries[0].feature == "PCLI")
        if clear and entries[0].country:
            counts[entries[0].country] += 1
    return counts


def qualifier(resolutions: list[list[GeoEntry]], mentions: list[Mention], index: int,
              text: str) -> GeoEntry | None:
    """The division or country right after ", " ("Paris, Texas"), if the next mention is one."""
    if index + 1 >= len(mentions):
        return None
    current, following = mentions[index], mentions[index + 1]
    if text[current.end : following.start].strip() != ",":
        return None
    top = resolutions[index + 1][:1]
    return top[0] if top and top[0].feature in ("ADM1", "PCLI") else None


def choose(entries: list[GeoEntry], focus: Counter, qualified: GeoEntry | None, alias: GeoEntry | None,
           name: str) -> GeoEntry:
    """The best-scoring reading."""
    top_country = focus.most_common(1)[0][0] if focus else None
    name = name.lower()
    namesakes = {e.country for e in entries if e.feature in ("PPL", "PPLC") and e.population >= 100_000}

    def score(entry: GeoEntry) -> float:
        value = base_score(entry)
        if alias is not None and entry is alias:
            value += ALIAS_BONUS
        elif entry.name.lower() != name and entry.feature in ("PPL", "PPLC"):
            value -= ALTERNATE_PENALTY
        if entry.feature == "ADM1" and entry.country in namesakes:
            value -= NAMESAKE_PENALTY
        if entry.country == top_country:
            value += FOCUS_BONUS
        if qualified is not None and entry.feature != qualified.feature:
            same_country = entry.country == qualified.country
            same_admin = qualified.feature != "ADM1" or entry.admin1 == qualified.admin1
            value += 20.0 if same_country and same_admin else (5.0 if same_country else 0.0)
        return value

    return max(entries, key=score)


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer, text: str,
                     outlet_country: str | None = None) -> list[Resolution]:
    """One resolution per mention, in order. ``outlet_country``, the country of the outlet that
    published the article, counts as half a mention: it settles the focus only when the text
    itself names no country more often."""
    options = [readings(m, gazetteer) for m in mentions]
    focus = focus_countries(options)
    if outlet_country:
        focus[outlet_country] += 0.5
    result = []
    for i, (mention, entries) in enumerate(zip(mentions, options, strict=True)):
        if not entries:
            result.append(Resolution(mention, None))
            continue
        alias_index = gazetteer.aliases.get(mention.text.lower())
        alias = gazetteer.entries[alias_index] if alias_index is not None else None
        qualified = qualifier(options, mentions, i, text)
        result.append(Resolution(mention, choose(entries, focus, qualified, alias, mention.text)))
    return result
