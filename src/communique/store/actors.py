"""Canonical actors across the store: every stored entity joins one actor, and the join keeps its evidence.

Run once per article, in the transaction that writes it (and by migration 0007 over older stores), so
the store grows incrementally: a new article joins the actors already there, and an article already
stored is never resolved again. An entity joins an existing actor, in this order, by

- ``name``: one of the actor's aliases is the entity's name (normalised), same kind, compatible country;
- ``surname``: a person named by one word joins the one person whose full name ends with it, of a
  compatible country and seen near the article's date; with two or more such people it joins none
  (narrowed by sector first), so two Kims are never merged on a guess, unless one of them is named
  ten times as often as the others (``surname, most named``);
- ``full name``: a person with a full name joins the one surname-only person of that surname;
- ``acronym``: "NATO" and "North Atlantic Treaty Organization" (either first), where one actor fits;
- ``code``: a country by its ISO code ("Russian Federation" and "Russia");
- ``plural``: a group named by a plural joins the one group named by its singular, or the other way
  ("Republicans" and "Republican", "Houthis" and "Houthi"): the members of a party or a nationality.

A person named by one word is first matched with the people the same article names in full
(``surname in article``: "Clinton" after "Hillary Clinton" in one text is her), and two or more
candidates are told apart by the title the article gives ("Secretary Clinton" fits the stated role
"Secretary of State", not "President"); when that still leaves several, the entity gets an actor of
its own (evidence ``ambiguous surname: ...`` naming the candidates) that no later entity joins: an
unresolved name, not a guess.

Otherwise it makes a new actor (evidence ``new``). A person named only by a description ("the
foreign minister") gets an actor of its own: the same words in two articles may be two people.
Imported actors (``communique actors import``) are matched like the others but never changed here.

On PostgreSQL the resolution of one article at a time holds an advisory lock until its transaction
ends, so two ingests running at once resolve as if one ran after the other; and a new actor is
inserted under a unique ``claim`` (kind and name), so even without the lock the second of two
writers finds the first's actor instead of making a duplicate.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from communique.actors.acronyms import initials, is_acronym
from communique.store import schema
from communique.wordlists import read_word_list

ac, al, ar, ea = schema.actors, schema.actor_aliases, schema.actor_roles, schema.entity_actors
en, a, mn = schema.entities, schema.articles, schema.mentions

INFERRED, IMPORTED, INITIALS, MENTION = "inferred", "imported", "initials", "mention"
"""Alias origins: an entity's name in an article, a user's dictionary, the initials of a longer name,
or a shorter form an article used for a named entity ("Antonov" for "Anatoly Antonov")."""

WEAK = (INITIALS, MENTION)
"""Alias origins that find an actor in a search but never join a new entity to it by name: a
surname form joins only through the one-candidate surname rule."""

STRENGTH = {MENTION: 0, INITIALS: 0, INFERRED: 1, IMPORTED: 2}
"""Which origin an alias keeps when two give it."""

ACTOR_LOCK = 0x6163746F7273  # "actors": the PostgreSQL advisory lock resolution runs under

AMBIGUOUS = "ambiguous surname"
"""The evidence of a one-word name several known people fit: an actor of its own, joined by nothing."""

DOMINANT_SHARE = 10
DOMINANT_MIN_ARTICLES = 20
"""When several people fit a surname alone and one of them, named in three words or fewer, is named in
at least this many articles and in ten times as many as each of the others, the surname names that
one: "Trump" in a 2016 article that names no Trump in full is Donald Trump (seen in hundreds of
articles), not Melania or Eric (each in a handful). On the whole corpus 72 articles' "Trump" were
left unresolved before, one of them in 21 events. An article that names a relative in full still
joins her first (``surname in article``)."""

SURNAME_WINDOW = dt.timedelta(days=730)
"""How far from the dates an actor was seen a surname alone may still name it: a minister or an
ambassador keeps a post for years, and two people of one surname and country rarely share a story
within two years."""


@dataclass(slots=True)
class StoredEntity:
    """An entity of the article being resolved."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    code: str | None
    title: str | None


@dataclass(slots=True)
class ArticleContext:
    """What the resolution of one article knows beyond the entity: the article's date and text, and
    the actors of the people it names in full, by surname."""

    when: dt.date | None
    text: str
    named_here: dict[str, set[int]]


ORGANISATION_KINDS = frozenset({"organization", "igo", "media", "group", "other"})
"""Kinds NER gives one organisation by turns ("Twitter" media and other, "Senate" organization and
other, on the corpus store): a name joins across them. A person, a country or a place stays apart."""

BRACKETED_TAIL = re.compile(r"\s*\([^()]*\)?\s*$")
"""An acronym in brackets after a name, closed or cut off by the entity's span: "Federal Bureau of
Investigation (FBI" was an actor apart from "Federal Bureau of Investigation" on the corpus store."""


def normalise(name: str) -> str:
    """The key a name is matched by: NFKC, case-folded, curly quotes straight, no leading "the",
    no bracketed acronym after it."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").casefold()
    text = BRACKETED_TAIL.sub("", text) or text
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def without_initials(name: str) -> str:
    """A person's name without middle initials: "Donald J. Trump" → "Donald Trump"."""
    words = name.split()
    kept = [w for n, w in enumerate(words) if n in (0, len(words) - 1) or len(w.rstrip(".")) > 1]
    return " ".join(kept)


def without_middle_names(name: str) -> str:
    """A person's first and last name when every word between is a capitalised given name:
    "Hillary Rodham Clinton" → "Hillary Clinton"; a name with initials ("George H.W. Bush", kept apart
    from "George W. Bush") or particles ("Ursula von der Leyen") is left whole."""
    words = name.split()
    given = words[:-1]
    if len(words) < 3 or not all(w.isalpha() and w[0].isupper() and len(w) > 2 for w in given):
        return name
    return f"{words[0]} {words[-1]}"


def person_variants(name: str) -> set[str]:
    """The forms of a person's full name that name the same person: without middle initials, without
    middle names."""
    return {without_initials(name), without_middle_names(name)}


def last_word(key: str) -> str | None:
    """The last word of a normalised name of two words or more (a surname), else None."""
    words = key.split()
    return words[-1] if len(words) > 1 else None


def name_particles() -> frozenset[str]:
    """Lower-case words inside proper names ("de", "al", "van"), from ``lang/name_particles.txt``."""
    return read_word_list("name_particles.txt")


def is_proper_name(name: str) -> bool:
    """ "Anatoly Antonov", "Ursula von der Leyen": a name, not a description ("Norway's foreign minister")."""
    particles = name_particles()
    words = name.replace("-", " ").split()
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.lower() in particles for w in words)


@cache
def generic_names() -> frozenset[str]:
    """Names the name finder takes for an organisation that are common nouns, a different body in
    each article ("a super PAC"), from ``lang/generic_names.txt``."""
    return read_word_list("generic_names.txt")


def is_description(entity: StoredEntity) -> bool:
    """An entity that names whoever it names only in its own article: a person by a description
    ("the foreign minister") or an organisation by a common noun ("the PAC"); never joined by name."""
    if entity.kind == "person":
        return not is_proper_name(entity.name)
    return normalise(entity.name) in generic_names()


def resolve_article(connection: Connection, article_id: int) -> None:
    """Give every entity of a stored article its actor (entities that have one keep it)."""
    lock_actors(connection)
    published, text = connection.execute(select(a.c.published, a.c.text).where(a.c.id == article_id)).one()
    when = parse_day(published)
    forms = mention_forms(connection, article_id, text)
    done = dict(
        connection.execute(select(ea.c.entity_id, ea.c.actor_id).where(ea.c.article_id == article_id)).all()
    )
    rows = connection.execute(select(en).where(en.c.article_id == article_id))
    entities = sorted((StoredEntity(**without_article(r)) for r in rows), key=resolution_order)
    context = ArticleContext(when, text, {})
    for entity in entities:
        actor_id = done.get(entity.id)
        if actor_id is None:
            actor_id = resolve_entity(connection, entity, context, article_id, published)
            for form in short_forms(entity, forms.get(entity.id, set())):
                add_alias(connection, actor_id, form, MENTION)
        surname = last_word(normalise(entity.name))
        if entity.kind == "person" and surname and is_proper_name(entity.name):
            context.named_here.setdefault(surname, set()).add(actor_id)


def resolve_entity(
    connection: Connection,
    entity: StoredEntity,
    context: ArticleContext,
    article_id: int,
    published: str | None,
) -> int:
    """Join the entity to its actor (or make one), record its names and role; the actor's id."""
    actor_id, evidence = find_actor(connection, entity, context)
    if actor_id is None:
        actor_id, evidence = claim_actor(connection, entity, evidence)
    else:
        enrich_actor(connection, actor_id, entity)
    # an unresolved surname's own actor must not draw later entities to it by name
    origin = MENTION if evidence.startswith(AMBIGUOUS) else INFERRED
    add_alias(connection, actor_id, entity.name, origin)
    if entity.kind == "person":  # "Donald J. Trump" is also "Donald Trump"
        for variant in sorted(person_variants(entity.name)):
            add_alias(connection, actor_id, variant, origin)
    if entity.kind == "person" and entity.title:
        add_role(connection, actor_id, entity.title, article_id, published)
    connection.execute(
        insert(ea).values(article_id=article_id, entity_id=entity.id, actor_id=actor_id, evidence=evidence)
    )
    return actor_id


def lock_actors(connection: Connection) -> None:
    """On PostgreSQL, resolve one article at a time until this transaction ends (SQLite's writer
    already holds the store's write lock): each resolution then sees the actors the last one made."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ACTOR_LOCK})")


def resolution_order(entity: StoredEntity) -> tuple[bool, int, str]:
    """People named in full before one-word names, each in article order: "Clinton" in a headline
    is resolved after the body's "Hillary Clinton"."""
    one_word = last_word(normalise(entity.name)) is None and entity.kind != "country"
    return (one_word, *id_order(entity.id))


def mention_forms(connection: Connection, article_id: int, text: str) -> dict[str, set[str]]:
    """The words of every mention of the article's entities, by entity id."""
    found: dict[str, set[str]] = {}
    query = select(mn.c.entity_id, mn.c.start, mn.c.end).where(mn.c.article_id == article_id)
    for row in connection.execute(query):
        found.setdefault(row.entity_id, set()).add(text[row.start : row.end])
    return found


def short_forms(entity: StoredEntity, forms: set[str]) -> list[str]:
    """Mentions that name the entity by part of its name ("Antonov"), not by a pronoun or a description."""
    words = set(normalise(entity.name).split())
    shorter = (f for f in forms if normalise(f) != normalise(entity.name) and is_proper_name(f))
    return sorted(f for f in shorter if normalise(f) and set(normalise(f).split()) <= words)


def resolve_stored(connection: Connection, only_unresolved: bool = False) -> None:
    """Resolve every stored article (or only those with an entity that has no actor yet), in the order
    they were stored: the back-fill of a migration, and a rebuild after the actor tables were emptied."""
    query = select(a.c.id).order_by(a.c.id)
    if only_unresolved:
        unresolved = select(en.c.article_id).outerjoin(
            ea, and_(ea.c.article_id == en.c.article_id, ea.c.entity_id == en.c.id)
        ).where(ea.c.actor_id.is_(None))
        query = query.where(a.c.id.in_(unresolved))
    for article_id in list(connection.scalars(query)):
        resolve_article(connection, article_id)


def without_article(row: Any) -> dict[str, Any]:
    """An ``entities`` row as ``StoredEntity`` fields."""
    values = dict(row._mapping)
    values.pop("article_id")
    return values


def id_order(entity_id: str) -> tuple[int, str]:
    """ "E2" before "E10": entities in the order the article names them, so resolution is deterministic."""
    digits = "".join(c for c in entity_id if c.isdigit())
    return (int(digits) if digits else 0, entity_id)


def parse_day(value: str | None) -> dt.date | None:
    """An ISO date, month or year as its first day; None when missing or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat((value[:10] + "-01-01")[:10])
    except ValueError:
        return None


def find_actor(
    connection: Connection, entity: StoredEntity, context: ArticleContext
) -> tuple[int | None, str]:
    """The existing actor the entity joins and the evidence, or (None, "new"), or (None, "ambiguous
    surname: ...") when several people fit a one-word name and nothing tells them apart."""
    if is_description(entity):
        return None, "new"
    key = normalise(entity.name)
    if " " not in key and (entity.kind == "person" or entity.kind in ORGANISATION_KINDS):
        found, evidence = by_surname_here(connection, entity, key, context.named_here)
        if found is not None or evidence:
            return found, evidence
    if entity.kind == "person" and " " not in key:
        candidates = surname_candidates(connection, entity, key, context.when)
        if len(candidates) == 1:
            return candidates[0].id, "surname"
        if len(candidates) > 1:
            return most_named(connection, candidates)
    # A one-word person name tries the full names first: an actor named "Costa" alone is one that
    # was made before any full name of that surname, and the one Brazilian Costa fits a Brazilian Costa.
    for evidence, candidates in (
        ("name", lambda: by_name(connection, entity, key)),
        ("full name", lambda: by_full_name(connection, entity, key)),
        ("name", lambda: by_person_name(connection, entity, key)),
        ("acronym", lambda: by_acronym(connection, entity, key, context.text)),
        ("code", lambda: by_code(connection, entity)),
        ("plural", lambda: by_plural(connection, entity, key)),
    ):
        found = candidates()
        if found is not None:
            return found, evidence
    return None, "new"


def most_named(connection: Connection, candidates: list[Any]) -> tuple[int | None, str]:
    """The one of several people a surname alone names by prominence (``DOMINANT_SHARE``), with
    the counts as evidence; else no actor and the ``ambiguous surname`` evidence."""
    counts = {r.id: articles_naming(connection, r.id) for r in candidates}
    ranked = sorted(candidates, key=lambda r: (-counts[r.id], r.id))
    listed = "; ".join(f"{r.name} ({r.id}) in {counts[r.id]}" for r in ranked)
    top = counts[ranked[0].id]
    # a name of four words or more is more often a headline's words ("Clinton Cash Debunks Hillary")
    plain = len(ranked[0].name.split()) <= 3
    dominant = all(top >= DOMINANT_SHARE * counts[r.id] for r in ranked[1:])
    if plain and dominant and top >= DOMINANT_MIN_ARTICLES:
        return ranked[0].id, f"surname, most named: {listed}"
    return None, f"{AMBIGUOUS}: " + "; ".join(f"{r.name} ({r.id})" for r in candidates)


def articles_naming(connection: Connection, actor_id: int) -> int:
    """In how many stored articles the actor is named."""
    query = select(func.count(func.distinct(ea.c.article_id))).where(ea.c.actor_id == actor_id)
    return connection.scalar(query) or 0


def by_surname_here(
    connection: Connection, entity: StoredEntity, key: str, named_here: dict[str, set[int]]
) -> tuple[int | None, str]:
    """The person this article names in full with this surname (also for a one-word name NER took
    for an organisation: "Trump" beside "Donald Trump"); two such people are told apart by the
    entity's title, else neither is joined (``ambiguous surname``). ``(None, "")`` when the article
    names nobody of that surname in full."""
    ids = sorted(named_here.get(key, set()))
    if not ids:
        return None, ""
    people = list(connection.execute(select(ac).where(ac.c.id.in_(ids)).order_by(ac.c.id)))
    fits = [r for r in people if not (r.country and entity.country and r.country != entity.country)]
    if len(fits) > 1:
        fits = by_role(connection, fits, entity.title)
    if len(fits) == 1:
        return fits[0].id, "surname in article"
    if not fits:
        return None, ""
    return None, f"{AMBIGUOUS} in article: " + "; ".join(f"{r.name} ({r.id})" for r in fits)


def compatible(actor: Any, entity: StoredEntity) -> bool:
    """Same kind, or two organisation kinds, or "other" and a place (an imported actor of no kind fits
    any), and no two different countries."""
    kind_fits = kinds_fit(actor.kind, entity.kind) or (actor.origin == IMPORTED and not actor.kind)
    return kind_fits and not (actor.country and entity.country and actor.country != entity.country)


def kinds_fit(actor_kind: str, entity_kind: str) -> bool:
    """Whether an entity of one kind may be an actor of the other (see ``ORGANISATION_KINDS``)."""
    if actor_kind == entity_kind:
        return True
    if actor_kind in ORGANISATION_KINDS and entity_kind in ORGANISATION_KINDS:
        return True
    return {actor_kind, entity_kind} == {"other", "place"}


def actors_with_alias(connection: Connection, condition) -> list[Any]:
    """Distinct actors having an alias that meets ``condition``, oldest first."""
    query = select(ac).where(ac.c.id.in_(select(al.c.actor_id).where(condition))).order_by(ac.c.id)
    return list(connection.execute(query))


def by_name(connection: Connection, entity: StoredEntity, key: str) -> int | None:
    """An actor that already goes by this name; an imported one first, else the oldest."""
    variants = {normalise(v) for v in person_variants(entity.name)} if entity.kind == "person" else set()
    keys = {key, *variants}
    fits = [
        r
        for r in actors_with_alias(connection, and_(al.c.alias.in_(keys), al.c.origin.not_in(WEAK)))
        if compatible(r, entity)
    ]
    fits.sort(key=lambda r: (r.origin != IMPORTED, r.kind != entity.kind, r.id))
    return fits[0].id if fits else None


def by_person_name(connection: Connection, entity: StoredEntity, key: str) -> int | None:
    """The one person whose full name an organisation-kind entity has ("Carly Fiorina" labelled an
    organisation by NER): a name of two words or more that a person already goes by."""
    if entity.kind not in ORGANISATION_KINDS or last_word(key) is None:
        return None
    condition = and_(al.c.alias == key, al.c.origin.not_in(WEAK))
    people = [r for r in actors_with_alias(connection, condition) if r.kind == "person"]
    return only([r for r in people if not (r.country and entity.country and r.country != entity.country)])


def surname_candidates(
    connection: Connection, entity: StoredEntity, key: str, when: dt.date | None
) -> list[Any]:
    """The people whose full name ends with this one word, of a compatible country, seen near the
    article's date; several are narrowed by sector, then by the entity's title (see the module docstring)."""
    fits = [r for r in actors_with_alias(connection, al.c.last_word == key) if compatible(r, entity)]
    fits = [r for r in fits if seen_near(connection, r.id, when)]
    if len(fits) > 1:
        fits = plausible_people(fits)
    fits = narrowed_by_sector(fits, entity)
    return by_role(connection, fits, entity.title) if len(fits) > 1 else fits


def by_role(connection: Connection, actors: list[Any], title: str | None) -> list[Any]:
    """Among several people, those one of whose stated roles holds every telling word of ``title``
    ("Secretary" fits "former Secretary of State"); all of them when the title tells nothing."""
    wanted = role_words(title or "")
    if not wanted:
        return actors
    fitting = []
    for actor in actors:
        roles = connection.scalars(select(ar.c.role).where(ar.c.actor_id == actor.id).distinct())
        if any(wanted <= role_words(role) for role in roles):
            fitting.append(actor)
    return fitting


def role_words(role: str) -> frozenset[str]:
    """The words of a role or title that tell one post from another (no "former", "the", "of")."""
    qualifiers = read_word_list("role_qualifiers.txt")
    return frozenset(w for w in normalise(role).replace("-", " ").split() if w not in qualifiers)


def by_full_name(connection: Connection, entity: StoredEntity, key: str) -> int | None:
    """The one person known only by the surname of this full name (an article that named them so)."""
    surname = last_word(key)
    if entity.kind != "person" or surname is None:
        return None
    namesakes = [r for r in actors_with_alias(connection, al.c.last_word == surname) if compatible(r, entity)]
    if namesakes:  # a surname-only actor made while other people of that name were known is ambiguous
        return None
    condition = and_(al.c.alias == surname, al.c.origin.not_in(WEAK))  # not an unresolved surname's actor
    fits = [r for r in actors_with_alias(connection, condition) if compatible(r, entity)]
    fits = [r for r in fits if not has_full_name(connection, r.id)]
    return only(narrowed_by_sector(fits, entity))


def by_acronym(connection: Connection, entity: StoredEntity, key: str, text: str) -> int | None:
    """The one organisation that this acronym abbreviates, or whose acronym this name spells out,
    when the article spells it out ("Federal Bureau of Investigation (FBI)") or both carry one code:
    initials alone merged the Islamic State's "ISIS" with an Institute for Science and International
    Security, and "PAC" with a Public Affairs Committee, on the corpus store (2026-12-04)."""
    if entity.kind == "person":
        return None
    if is_acronym(entity.name):
        condition = and_(al.c.alias == key, al.c.origin == INITIALS)
        fits = [r for r in actors_with_alias(connection, condition) if compatible(r, entity)]
        return only([r for r in fits if tied(r.name, entity.name, text, r.code, entity.code)])
    spelled = initials(entity.name)
    if " " in entity.name and len(spelled) >= 3:
        # Only an actor known by the acronym alone: "Democratic National Convention" must not join
        # the Committee because both spell DNC (seen on the corpus store, 2026-12-04).
        condition = and_(al.c.alias == normalise(spelled), al.c.origin.not_in(WEAK))
        fits = [r for r in actors_with_alias(connection, condition) if compatible(r, entity)]
        fits = [r for r in fits if not has_full_name(connection, r.id)]
        return only([r for r in fits if tied(entity.name, r.name, text, entity.code, r.code)])
    return None


def tied(long: str, short: str, text: str, long_code: str | None, short_code: str | None) -> bool:
    """Whether an article ties a long name to its acronym: "Long (SHORT)" or "SHORT (Long)" in its
    text or in the name itself, or one code for both."""
    if long_code and short_code and long_code == short_code:
        return True
    core = BRACKETED_TAIL.sub("", long).strip() or long
    spaced = r"\s+".join(re.escape(word) for word in core.split())
    pattern = rf"{spaced}\s*\(\s*{re.escape(short)}\b|\b{re.escape(short)}\s*\(\s*{spaced}"
    return any(re.search(pattern, where, re.IGNORECASE) for where in (long, text))


def by_code(connection: Connection, entity: StoredEntity) -> int | None:
    """A country by its three-letter code: the code says which country, whatever the name."""
    if entity.kind != "country" or not entity.code or len(entity.code) != 3:
        return None
    found = connection.scalar(
        select(ac.c.id).where(ac.c.kind == "country", ac.c.code == entity.code).order_by(ac.c.id).limit(1)
    )
    return found


def by_plural(connection: Connection, entity: StoredEntity, key: str) -> int | None:
    """The one group whose name is this group's name with its last word in the singular or the plural
    ("Republicans" and "Republican" were two actors of about 40 events each on the corpus store,
    2026-12-04). Only proper names of kind ``group`` (party members, nationalities): a description
    ("Republican lawmakers") may name other people in each article, and "Swiss" is not a plural."""
    words = key.split()
    if entity.kind != "group" or not is_proper_name(entity.name) or not words or not words[-1].isalpha():
        return None
    partners = {" ".join([*words[:-1], form]) for form in plural_forms(words[-1]) | singular_forms(words[-1])}
    query = select(al.c.actor_id, al.c.name).where(al.c.alias.in_(partners), al.c.origin.not_in(WEAK))
    named = {row.actor_id for row in connection.execute(query) if is_proper_name(row.name)}
    fits = [r for r in actors_with_alias(connection, al.c.actor_id.in_(named)) if r.kind == "group"]
    return only([r for r in fits if compatible(r, entity)])


# English plurals by rule, not by a dictionary: no inflection library is installed, spaCy's lemmatizer
# would load a model for one word, and the names this joins (party members, nationalities: "Democrats",
# "Israelis", "Britons", "Kurds") take the regular -s, -es and -ies endings. An irregular plural
# ("Frenchmen") stays apart, a miss rather than a wrong join.
def plural_forms(word: str) -> set[str]:
    """The regular English plural of a lower-case word: "ally" → "allies", "church" → "churches",
    "democrat" → "democrats"."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return {word + "es"}
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return {word[:-1] + "ies"}
    return {word + "s"}


def singular_forms(word: str) -> set[str]:
    """The words whose regular plural is this one ("allies" → "ally", "kurds" → "kurd"; "swiss" →
    none): the inverse of ``plural_forms``, so two names pair the same way whichever came first."""
    guesses = {word[:-1], word[:-2], word[:-3] + "y"} if word.endswith("s") else set()
    return {g for g in guesses if g and word in plural_forms(g)}


def only(actors: list[Any]) -> int | None:
    """The id of the one actor, None for none or several."""
    return actors[0].id if len(actors) == 1 else None


def narrowed_by_sector(actors: list[Any], entity: StoredEntity) -> list[Any]:
    """Among several candidates, those of the entity's sector when that leaves any."""
    if len(actors) > 1 and entity.sector:
        same = [r for r in actors if r.sector == entity.sector]
        return same or actors
    return actors


def plausible_people(people: list[Any]) -> list[Any]:
    """Among several people of one surname, those whose name reads as a person's, not as a piece of
    a sentence NER took for one: a proper name ("a Donald Trump" is not) that holds no other
    candidate's name ("Cheeto Donald Trump"). All of them when that leaves none (seen on the corpus
    store, 2026-12-04)."""
    keys = {r.key for r in people}
    kept = [
        r
        for r in people
        if is_proper_name(r.name) and not any(k != r.key and f" {k}" in f" {r.key}" for k in keys)
    ]
    return kept or people


def has_full_name(connection: Connection, actor_id: int) -> bool:
    """Whether the actor has an alias of two words or more."""
    query = select(al.c.alias).where(al.c.actor_id == actor_id, al.c.last_word.is_not(None)).limit(1)
    return connection.scalar(query) is not None


def seen_near(connection: Connection, actor_id: int, when: dt.date | None) -> bool:
    """Whether an article within ``SURNAME_WINDOW`` of ``when`` named the actor (or dates are unknown)."""
    if when is None:
        return True
    query = (
        select(func.min(a.c.published), func.max(a.c.published))
        .join(ea, ea.c.article_id == a.c.id)
        .where(ea.c.actor_id == actor_id)
    )
    first, last = connection.execute(query).one()
    first, last = parse_day(first), parse_day(last)
    if first is None or last is None:
        return True
    return first - SURNAME_WINDOW <= when <= last + SURNAME_WINDOW


def claim_actor(connection: Connection, entity: StoredEntity, evidence: str) -> tuple[int, str]:
    """A new actor for the entity, or the one a concurrent writer made for the same claim (joined
    by ``name``, as it would have been had it been committed first); the actor's id and evidence."""
    if evidence.startswith(AMBIGUOUS):
        return create_actor(connection, entity, None), evidence
    for claim in claims_of(entity):
        inserted = create_actor(connection, entity, claim)
        if inserted is not None:
            return inserted, evidence
        holder = connection.execute(select(ac).where(ac.c.claim == claim)).one()
        if compatible(holder, entity):
            return holder.id, "name"
    return create_actor(connection, entity, None), evidence


def claims_of(entity: StoredEntity) -> list[str]:
    """The claims a new actor tries, in order: its kind and name, then with its country (a second
    person of that name from another country). None for an entity named only by a description."""
    if is_description(entity):
        return []
    base = f"{entity.kind}:{normalise(entity.name)}"
    return [base, f"{base}:{entity.country}"] if entity.country else [base]


def create_actor(connection: Connection, entity: StoredEntity, claim: str | None) -> int | None:
    """A new inferred actor named as the entity is, with its initials as an alias for an organisation;
    None when another actor holds ``claim`` already."""
    values = {
        "kind": entity.kind,
        "name": entity.name,
        "key": normalise(entity.name),
        "country": entity.country,
        "sector": entity.sector,
        "code": entity.code,
        "origin": INFERRED,
        "claim": claim,
    }
    actor_id = connection.scalar(
        insert_ignoring_conflict(connection, ac, values, ["claim"]).returning(ac.c.id)
    )
    if actor_id is None:
        return None
    spelled = initials(entity.name)
    if entity.kind != "person" and " " in entity.name and len(spelled) >= 3:
        add_alias(connection, actor_id, spelled, INITIALS)
    return actor_id


def insert_ignoring_conflict(connection: Connection, table: Any, values: dict[str, Any], columns: list[str]):
    """INSERT ... ON CONFLICT (columns) DO NOTHING, in the store's dialect."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).values(values).on_conflict_do_nothing(index_elements=columns)


def enrich_actor(connection: Connection, actor_id: int, entity: StoredEntity) -> None:
    """Fill an inferred actor's missing country, sector and code from a new entity; a full name
    replaces a surname as its canonical name. Imported actors stay as the user wrote them."""
    actor = connection.execute(select(ac).where(ac.c.id == actor_id)).one()
    if actor.origin == IMPORTED:
        return
    changes = {
        column: getattr(entity, column)
        for column in ("country", "sector", "code")
        if getattr(actor, column) is None and getattr(entity, column) is not None
    }
    person_named = actor.kind == "person" and entity.kind == "person"  # an acronym stays the name
    if person_named and last_word(actor.key) is None and last_word(normalise(entity.name)) is not None:
        changes.update(name=entity.name, key=normalise(entity.name))
    if changes:
        connection.execute(update(ac).where(ac.c.id == actor_id).values(changes))


def add_alias(connection: Connection, actor_id: int, name: str, origin: str) -> None:
    """Record a name of the actor (once per normalised form; an imported origin wins over others)."""
    key = normalise(name)
    if not key:
        return
    known = connection.scalar(select(al.c.origin).where(al.c.actor_id == actor_id, al.c.alias == key))
    if known is None:
        values = {
            "actor_id": actor_id,
            "alias": key,
            "name": name,
            "origin": origin,
            "last_word": last_word(key),
        }
        connection.execute(insert_ignoring_conflict(connection, al, values, ["actor_id", "alias"]))
    elif STRENGTH[origin] > STRENGTH[known]:
        connection.execute(
            update(al).where(al.c.actor_id == actor_id, al.c.alias == key).values(origin=origin, name=name)
        )


def add_role(connection: Connection, actor_id: int, role: str, article_id: int, seen: str | None) -> None:
    """A role an article states for the person, dated by the article."""
    values = {"actor_id": actor_id, "role": role, "article_id": article_id, "seen": seen}
    connection.execute(insert(ar).values(values))
