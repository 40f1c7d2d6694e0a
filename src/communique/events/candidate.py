"""An event candidate: a trigger in one sentence with its roles, modality and CAMEO code."""

from __future__ import annotations

from dataclasses import dataclass, field

from communique.events.arguments import Roles
from communique.events.lexicon import TriggerEntry
from communique.events.triggers import Trigger


@dataclass(slots=True)
class Candidate:
    """An event found in one sentence, still in token ranges."""

    trigger: Trigger
    entry: TriggerEntry
    roles: Roles
    modality: str
    quote_ids: list[str] = field(default_factory=list)
    confidence: float = 0.5
    cameo: str | None = None
    coded_by: str = "rules"  # "rules" or "model": which layer found the event

    @property
    def plover(self) -> str:
        return self.entry.plover
