"""The cue lexicon: verbs and phrases of saying, writing, believing and perceiving, with their frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

FRAMES = frozenset({"clause", "object", "predicate", "infinitive", "prep", "recipient", "question"})
"""Where a cue's content may sit: a that-clause or speech, a noun phrase, a noun phrase with its
predicate ("called X a hoax"), a to-clause, a particle's
object; ``recipient`` marks a cue whose direct object is the hearer ("told reporters");
``question`` a cue whose if- or whether-clause is a reported question ("asked voters if …"),
where after other cues it is a condition ("said if elected she would …")."""
ATTRIBUTIONS = ("speech", "writing", "thought", "perception")
"""How a source came by the content it is credited with: the output's ``quotes[].attribution``."""
REPORTED_ATTRIBUTIONS = ("speech", "writing")
"""What people said or wrote, as media research counts quotes: the default of the quote queries."""
MODES = frozenset(ATTRIBUTIONS)
DEFAULT_MODE = "speech"


class CueLexiconError(ValueError):
    """A line of cues.tsv cannot be read; the message names the line."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: a verb lemma, optionally with the particle that carries its content."""

    lemma: str
    particle: str | None
    frames: frozenset[str]
    cls: str
    mode: str = DEFAULT_MODE


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cues by verb lemma; a lemma may have a bare entry and particle entries."""

    by_lemma: dict[str, tuple[Cue, ...]]
    forms: dict[str, str] = field(default_factory=dict)
    """Inflected forms the lemmatizer gets wrong, lower-cased, with their cue lemma."""

    def cues_for(self, lemma: str) -> tuple[Cue, ...]:
        """Every cue entry for this lemma (empty when it is not a cue)."""
        return self.by_lemma.get(lemma, ())

    def lemma_of(self, form: str, lemma: str) -> str:
        """The cue lemma of a word: its own lemma unless the form is a known mistake of the
        lemmatizer ("hopes" read as "hop")."""
        return self.forms.get(form.lower(), lemma.lower())


def parse_cue_line(line: str, number: int) -> Cue | None:
    """One TSV line as a Cue; None for blanks and comments."""
    if not line.strip() or line.startswith("#"):
        return None
    parts = line.rstrip("\n").split("\t")
    if len(parts) not in (3, 4):
        raise CueLexiconError(f"cues.tsv line {number}: expected 3 or 4 tab-separated fields, got {parts!r}")
    words = parts[0].split()
    frames = frozenset(f.strip() for f in parts[1].split(","))
    mode = parts[3].strip() if len(parts) == 4 else DEFAULT_MODE
    if not words or not frames <= FRAMES or mode not in MODES:
        raise CueLexiconError(
            f"cues.tsv line {number}: bad cue, frames or attribution {parts!r}; "
            f"frames: {sorted(FRAMES)}, attributions: {sorted(MODES)}"
        )
    particle = words[1] if len(words) > 1 else None
    return Cue(words[0].lower(), particle, frames, parts[2].strip(), mode)


def read_cues(text: str) -> CueLexicon:
    """Parse the cue lexicon from TSV text; entries of one lemma are merged per particle."""
    merged: dict[tuple[str, str | None], Cue] = {}
    for number, line in enumerate(text.splitlines(), 1):
        cue = parse_cue_line(line, number)
        if cue is None:
            continue
        old = merged.get((cue.lemma, cue.particle))
        if old is not None:
            cue = Cue(cue.lemma, cue.particle, old.frames | cue.frames, old.cls, old.mode)
        merged[(cue.lemma, cue.particle)] = cue
    by_lemma: dict[str, list[Cue]] = {}
    for cue in merged.values():
        by_lemma.setdefault(cue.lemma, []).append(cue)
    return CueLexicon({k: tuple(v) for k, v in by_lemma.items()})


def read_cue_forms(text: str) -> dict[str, str]:
    """``form<TAB>lemma`` lines as a map from the lower-cased form to its cue lemma."""
    forms = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise CueLexiconError(f"cue_forms.tsv line {number}: expected form<TAB>lemma, got {line!r}")
        forms[parts[0].strip().lower()] = parts[1].strip().lower()
    return forms


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged cue lexicon, read once per process."""
    lang = files("communique").joinpath("lang")
    lexicon = read_cues(lang.joinpath("cues.tsv").read_text(encoding="utf-8"))
    forms = read_cue_forms(lang.joinpath("cue_forms.tsv").read_text(encoding="utf-8"))
    return CueLexicon(lexicon.by_lemma, forms)
