"""The normalised form of one time expression: a TIMEX3 value and type."""

from __future__ import annotations

from dataclasses import dataclass

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalised value (None when it cannot be resolved without a dateline) and its type."""

    value: str | None
    type: str
