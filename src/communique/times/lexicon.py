"""Typed loader for the time-expression word lists in ``lang/timex_lexicon.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class TimexLexicon:
    """Month, weekday, number, unit, season and reference words with their TIMEX3 meaning, and the verbs
    whose "until"/"to" points forward ("postponed until Saturday") or whose infinitive does ("plans to
    meet Monday")."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    units: dict[str, str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    refs: dict[str, str]
    standalone_refs: frozenset[str]
    modifiers: dict[str, str]
    set_words: dict[str, str]
    ordinals: dict[str, int]
    year_parts: dict[str, str]
    year_ago_words: tuple[str, ...]
    business_words: frozenset[str]
    anaphoric_relations: dict[str, int]
    deferral_verbs: frozenset[str]
    prospective_heads: frozenset[str]
    ref_exclusions: tuple[str, ...]


@lru_cache(maxsize=1)
def load_lexicon() -> TimexLexicon:
    """The packaged lexicon, read once per process."""
    text = resources.files("communique").joinpath("lang", "timex_lexicon.json").read_text("utf-8")
    raw = json.loads(text)
    return TimexLexicon(
        months=raw["months"],
        weekdays=raw["weekdays"],
        numbers=raw["numbers"],
        vague_numbers=frozenset(raw["vague_numbers"]),
        units=raw["units"],
        seasons=raw["seasons"],
        parts_of_day=raw["parts_of_day"],
        refs=raw["refs"],
        standalone_refs=frozenset(raw["standalone_refs"]),
        modifiers=raw["modifiers"],
        set_words=raw["set_words"],
        ordinals=raw["ordinals"],
        year_parts=raw["year_parts"],
        year_ago_words=tuple(raw["year_ago_words"]),
        business_words=frozenset(raw["business_words"]),
        anaphoric_relations=raw["anaphoric_relations"],
        deferral_verbs=frozenset(raw["deferral_verbs"]),
        prospective_heads=frozenset(raw["prospective_heads"]),
        ref_exclusions=tuple(raw["ref_exclusions"]),
    )
