"""The trigger lexicon: ``lang/events.tsv`` read into typed entries and lookup tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from itertools import product

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
KINDS = frozenset({"verb", "noun", "light", "cue"})
COLUMNS = 8


class LexiconError(ValueError):
    """A line of the trigger lexicon is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One trigger: the words that signal it, its PLOVER/CAMEO coding and where its target is."""

    trigger: str
    kind: str
    plover: str
    cameo: str | None
    mode: str | None
    context: tuple[str, ...]
    target_preps: tuple[str, ...] | None  # None: the kind's default prepositions
    inverse: bool = False

    @property
    def no_target(self) -> bool:
        """True when the entry says the construction names no target ("call for")."""
        return self.target_preps == ()


@dataclass(slots=True)
class Lexicon:
    """Lookup tables over the entries: verbs, verb+preposition, light verbs, nouns and cues."""

    verbs: dict[str, TriggerEntry] = field(default_factory=dict)
    phrasal: dict[tuple[str, str], TriggerEntry] = field(default_factory=dict)
    light: dict[tuple[str, str], TriggerEntry] = field(default_factory=dict)
    nouns: dict[str, TriggerEntry] = field(default_factory=dict)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)

    def cue(self, word: str, cls: str) -> bool:
        """True when ``word`` (a lemma or lower-cased form) is a cue of class ``cls``."""
        return word in self.cues.get(cls, frozenset())

    @property
    def light_verbs(self) -> frozenset[str]:
        """Verb lemmas that head some light-verb entry."""
        return frozenset(verb for verb, _ in self.light)


def _optional(value: str) -> str | None:
    return None if value == "-" else value


def parse_line(line: str, where: str) -> TriggerEntry:
    """One TSV line as an entry; raises ``LexiconError`` on a bad kind, type or column count."""
    cols = line.rstrip("\n").split("\t")
    if len(cols) != COLUMNS:
        raise LexiconError(f"{where}: expected {COLUMNS} tab-separated columns, got {len(cols)}")
    trigger, kind, plover, cameo, mode, context, target, roles = cols
    if kind not in KINDS:
        raise LexiconError(f"{where}: unknown kind {kind!r}; use one of {sorted(KINDS)}")
    if kind != "cue" and plover not in PLOVER_TYPES:
        raise LexiconError(f"{where}: unknown PLOVER type {plover!r}")
    preps: tuple[str, ...] | None = None
    if target == "none":
        preps = ()
    elif target != "-":
        preps = tuple(target.split(","))
    return TriggerEntry(
        trigger=trigger, kind=kind, plover=plover, cameo=_optional(cameo), mode=_optional(mode),
        context=tuple(c for c in context.split(",") if c != "-"), target_preps=preps,
        inverse=roles == "inverse",
    )


def build_lexicon(entries: list[TriggerEntry]) -> Lexicon:
    """Index entries by how they are matched in the parse."""
    lex = Lexicon()
    cues: dict[str, set[str]] = {}
    for entry in entries:
        words = entry.trigger.split(" ")
        if entry.kind == "cue":
            cues.setdefault(entry.plover, set()).add(entry.trigger)
        elif entry.kind == "noun":
            lex.nouns[entry.trigger] = entry
        elif entry.kind == "light":
            lex.light[(words[0], words[-1])] = entry
        elif len(words) > 1:
            lex.phrasal[(words[0], words[-1])] = entry
        else:
            lex.verbs[entry.trigger] = entry
    lex.cues = {cls: frozenset(words) for cls, words in cues.items()}
    return lex


def read_entries(text: str, name: str = "events.tsv") -> list[TriggerEntry]:
    """Every entry of a lexicon file's text; ``#`` lines and blank lines are skipped."""
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            entries.extend(parse_line(alternative, f"{name}:{number}") for alternative in alternatives(line))
    return entries


def alternatives(line: str) -> list[str]:
    """A line whose trigger words list alternatives ("give|send aid|food") as one line per
    combination ("give aid", "give food", "send aid", "send food")."""
    trigger, rest = line.split("\t", 1) if "\t" in line else (line, "")
    if "|" not in trigger:
        return [line]
    choices = [word.split("|") for word in trigger.split(" ")]
    return [" ".join(words) + "\t" + rest for words in product(*choices)]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read once per process."""
    text = files("communique").joinpath("lang/events.tsv").read_text(encoding="utf-8")
    return build_lexicon(read_entries(text))
