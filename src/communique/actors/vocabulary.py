"""Typed loaders for the actor vocabularies in ``communique/lang`` (countries, IGOs, roles, outlets)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

LANG = "communique.lang"


class VocabularyError(ValueError):
    """A vocabulary file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Country:
    """A country: ISO3 code, entity name, adjective (for group names) and seats of government."""

    iso3: str
    name: str
    adjective: str


@dataclass(frozen=True, slots=True)
class Igo:
    """An international organisation, organ or bloc with its CAMEO code."""

    name: str
    code: str
    kind: str
    anaphors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organisation:
    """A well-known organisation that is neither an IGO nor a country's body: an armed group, a
    party, a national agency, with every name news gives it."""

    name: str
    code: str | None
    kind: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet or platform and the country it is based in."""

    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class Role:
    """A role noun of a person: sector, CAMEO agent code and the gender it implies, if any."""

    sector: str
    agent: str
    gender: str | None


@dataclass(frozen=True, slots=True)
class Body:
    """An institution or group noun of a country ("foreign ministry", "troops")."""

    sector: str
    agent: str
    plural: bool
    entity: str | None


@dataclass(frozen=True, slots=True)
class Pronoun:
    """Agreement features of a pronoun: number, gender (m/f/n or None) and grammatical person."""

    plural: bool
    gender: str | None
    person: int


@dataclass(frozen=True, slots=True)
class Name:
    """What a surface phrase names: ``kind`` is country, adjective, seat (a capital),
    institution (a building standing for a government: "the Kremlin"), igo or outlet."""

    kind: str
    target: Country | Igo | Organisation | Outlet


@dataclass(slots=True)
class Vocabulary:
    """Every actor vocabulary, loaded once per process by ``load_vocabulary``."""

    names: dict[str, Name] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    igos: dict[str, Igo] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    pronouns: dict[str, Pronoun] = field(default_factory=dict)
    anaphors: dict[str, frozenset[str]] = field(default_factory=dict)
    anaphor_kind: dict[str, str] = field(default_factory=dict)
    collectives: dict[str, frozenset[str]] = field(default_factory=dict)
    """Plural nouns standing for several actors named before ("the two governments"): kinds."""
    by_prefix: dict[str, list[str]] = field(default_factory=dict)


def read_rows(filename: str) -> Iterator[list[str]]:
    """The data rows of a TSV file in ``communique/lang``: comments and the header skipped."""
    text = (files(LANG) / filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for number, row in enumerate(csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE), 2):
        if len(row) < len(lines[0].split("\t")) - 1:
            raise VocabularyError(f"{filename}: data row {number} has too few columns: {row}")
        yield [cell.strip() for cell in row] + [""] * 2


def split_list(cell: str) -> list[str]:
    """A |-separated cell as a list, empty items dropped."""
    return [item.strip() for item in cell.split("|") if item.strip()]


def strip_article(phrase: str) -> str:
    """A phrase without a leading "the": mentions are matched on the name itself."""
    return phrase[4:] if phrase.lower().startswith("the ") else phrase


def _add_name(vocab: Vocabulary, phrase: str, name: Name) -> None:
    phrase = strip_article(phrase)
    if phrase and phrase not in vocab.names:  # the first file and row to claim a phrase keeps it
        vocab.names[phrase] = name


def load_countries(vocab: Vocabulary) -> None:
    """countries.tsv: names and aliases, adjectives and demonyms, seats of government and
    the buildings that stand for it."""
    for iso3, name, aliases, adjectives, seats, institutions, *_ in read_rows("countries.tsv"):
        adjective_list = split_list(adjectives)
        country = Country(iso3, name, adjective_list[0] if adjective_list else name)
        vocab.countries[iso3] = country
        for phrase in [name, *split_list(aliases)]:
            _add_name(vocab, phrase, Name("country", country))
        for phrase in adjective_list:
            _add_name(vocab, phrase, Name("adjective", country))
        for phrase in split_list(seats):
            _add_name(vocab, phrase, Name("seat", country))
        for phrase in split_list(institutions):
            _add_name(vocab, phrase, Name("institution", country))


def load_igos(vocab: Vocabulary) -> None:
    """igos.tsv: international organisations, organs and blocs."""
    for name, aliases, code, kind, anaphors, *_ in read_rows("igos.tsv"):
        igo = Igo(strip_article(name), code, kind or "igo", tuple(split_list(anaphors)))
        vocab.igos[igo.name] = igo
        for phrase in [name, *split_list(aliases)]:
            _add_name(vocab, phrase, Name("igo", igo))


def load_organisations(vocab: Vocabulary) -> None:
    """organisations.tsv: armed groups, parties and agencies known by several names."""
    for name, aliases, code, kind, country, sector, *_ in read_rows("organisations.tsv"):
        organisation = Organisation(strip_article(name), code or None, kind, country or None, sector or None)
        for phrase in [name, *split_list(aliases)]:
            _add_name(vocab, phrase, Name("organisation", organisation))


def load_outlets(vocab: Vocabulary) -> None:
    """outlets.tsv: news outlets and agencies."""
    for name, aliases, country, *_ in read_rows("outlets.tsv"):
        outlet = Outlet(strip_article(name), country or None)
        for phrase in [name, *split_list(aliases)]:
            _add_name(vocab, phrase, Name("outlet", outlet))


def load_roles(vocab: Vocabulary) -> None:
    """roles.tsv and bodies.tsv: role nouns of people and institution nouns of countries."""
    for role, sector, agent, gender, *_ in read_rows("roles.tsv"):
        vocab.roles[role.lower()] = Role(sector, agent, gender if gender in ("m", "f") else None)
    for phrase, sector, agent, number, entity, *_ in read_rows("bodies.tsv"):
        vocab.bodies[phrase.lower()] = Body(sector, agent, number == "p", entity or None)


def load_pronouns(vocab: Vocabulary) -> None:
    """pronouns.tsv: agreement features of third-person pronouns."""
    for word, number, gender, person, *_ in read_rows("pronouns.tsv"):
        features = Pronoun(number == "p", gender if gender in ("m", "f", "n") else None, int(person))
        vocab.pronouns[word.lower()] = features
    for noun, kinds, *_ in read_rows("anaphors.tsv"):
        vocab.anaphors[noun.lower()] = frozenset(split_list(kinds))
        vocab.anaphor_kind[noun.lower()] = split_list(kinds)[0]
    for noun, kinds, *_ in read_rows("collectives.tsv"):
        vocab.collectives[noun.lower()] = frozenset(split_list(kinds))


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """All actor vocabularies, read once per process (about 10 ms)."""
    vocab = Vocabulary()
    load_igos(vocab)  # IGO names first: "NATO Council" must not be claimed by a shorter phrase
    load_organisations(vocab)
    load_outlets(vocab)
    load_countries(vocab)
    load_roles(vocab)
    load_pronouns(vocab)
    for phrase in sorted(vocab.names, key=len, reverse=True):
        vocab.by_prefix.setdefault(phrase[:2], []).append(phrase)
    return vocab


def outlet_country(name: str | None) -> str | None:
    """The ISO3 country of a news outlet known to ``outlets.tsv`` ("Sputnik" -> RUS), or None."""
    if not name:
        return None
    found = load_vocabulary().names.get(strip_article(name.strip()))
    return found.target.country if found is not None and found.kind == "outlet" else None
