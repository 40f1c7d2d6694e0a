"""The actor dictionary users edit: actors exported to CSV/JSONL and imported back, imported entries winning.

A dictionary row is one actor, or one role of an actor: ``name`` (canonical), ``aliases`` (``;``
between them in CSV, a list in JSONL), ``kind``, ``code``, ``country``, ``sector``, ``role``,
``valid_from``, ``valid_to``. Rows of one name are one actor. Importing matches an entry with the
stored actors that go by its name or any of its aliases: the oldest becomes the imported actor (its
name, code, country and sector become the entry's, and the resolver leaves it so), the others are
merged into it, their entities moved with the evidence ``merged by import``. Importing the same file
again changes nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, Engine, and_, func, insert, select, update

from communique.store import schema
from communique.store.actors import IMPORTED, INITIALS, WEAK, add_alias, lock_actors, normalise

ac, al, ar, ea, a = (
    schema.actors,
    schema.actor_aliases,
    schema.actor_roles,
    schema.entity_actors,
    schema.articles,
)

DICTIONARY_COLUMNS = (
    "name",
    "aliases",
    "kind",
    "code",
    "country",
    "sector",
    "role",
    "valid_from",
    "valid_to",
    "origin",
)
"""The columns of an exported dictionary; ``origin`` (inferred or imported) is ignored on import."""


class DictionaryError(ValueError):
    """A dictionary file that cannot be read (unknown format, a row without a name)."""


@dataclass(slots=True)
class Entry:
    """One actor of an imported dictionary, with every role its rows give."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def export_rows(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every actor as dictionary rows: one per role (first and last seen as its period), or one without."""
    with engine.connect() as connection:
        aliases = aliases_by_actor(connection)
        roles = roles_by_actor(connection)
        for actor in connection.execute(select(ac).order_by(ac.c.id)):
            base = {
                "name": actor.name,
                "aliases": aliases.get(actor.id, []),
                "kind": actor.kind or None,
                "code": actor.code,
                "country": actor.country,
                "sector": actor.sector,
                "origin": actor.origin,
            }
            for role, start, end in roles.get(actor.id) or [(None, None, None)]:
                yield {**base, "role": role, "valid_from": start, "valid_to": end}


def aliases_by_actor(connection: Connection) -> dict[int, list[str]]:
    """Each actor's names as written, initials guessed by the resolver left out."""
    found: dict[int, list[str]] = {}
    query = (
        select(al.c.actor_id, al.c.name).where(al.c.origin != INITIALS).order_by(al.c.actor_id, al.c.alias)
    )
    for row in connection.execute(query):
        found.setdefault(row.actor_id, []).append(row.name)
    return found


def roles_by_actor(connection: Connection) -> dict[int, list[tuple[str, str | None, str | None]]]:
    """Each actor's roles with their period: the imported one, else the first and last article stating it."""
    query = (
        select(
            ar.c.actor_id,
            ar.c.role,
            func.coalesce(func.min(ar.c.valid_from), func.min(ar.c.seen)).label("start"),
            func.coalesce(func.max(ar.c.valid_to), func.max(ar.c.seen)).label("end"),
        )
        .group_by(ar.c.actor_id, ar.c.role)
        .order_by(ar.c.actor_id, "start", ar.c.role)
    )
    found: dict[int, list[tuple[str, str | None, str | None]]] = {}
    for row in connection.execute(query):
        found.setdefault(row.actor_id, []).append((row.role, row.start, row.end))
    return found


def write_dictionary(rows: Iterable[dict[str, Any]], stream: TextIO, fmt: str) -> int:
    """Write dictionary rows as CSV (aliases joined by ``;``) or JSONL; the number written."""
    count = 0
    writer = csv.DictWriter(stream, fieldnames=DICTIONARY_COLUMNS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for row in rows:
        if writer:
            writer.writerow({**row, "aliases": "; ".join(row["aliases"])})
        else:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def read_dictionary(path: Path) -> list[Entry]:
    """The entries of a CSV or JSONL dictionary file (by its extension), rows of one name merged."""
    with path.open(encoding="utf-8", newline="") as stream:
        if path.suffix.lower() == ".csv":
            rows = list(csv.DictReader(stream))
        elif path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
            rows = [json.loads(line) for line in stream if line.strip()]
        else:
            raise DictionaryError(f"{path}: a dictionary is a .csv or .jsonl file")
    return entries_of(rows, str(path))


def entries_of(rows: Iterable[dict[str, Any]], where: str) -> list[Entry]:
    """Dictionary rows grouped into entries by canonical name, in the order they first appear."""
    entries: dict[str, Entry] = {}
    for number, row in enumerate(rows, start=1):
        name = (row.get("name") or "").strip()
        if not name:
            raise DictionaryError(f"{where}: row {number} has no name")
        entry = entries.setdefault(normalise(name), Entry(name))
        for alias in alias_list(row.get("aliases")):
            if alias not in entry.aliases:
                entry.aliases.append(alias)
        for column in ("kind", "code", "country", "sector"):
            setattr(entry, column, blank_none(row.get(column)) or getattr(entry, column))
        role = blank_none(row.get("role"))
        if role:
            period = (role, blank_none(row.get("valid_from")), blank_none(row.get("valid_to")))
            if period not in entry.roles:
                entry.roles.append(period)
    return list(entries.values())


def alias_list(value: Any) -> list[str]:
    """Aliases from a JSON list or a ``;``-separated string."""
    items = value if isinstance(value, list) else str(value or "").split(";")
    return [item.strip() for item in items if item and item.strip()]


def blank_none(value: Any) -> str | None:
    """A cell's text, None for an empty or missing one."""
    text = str(value).strip() if value is not None else ""
    return text or None


def import_entries(engine: Engine, entries: Iterable[Entry]) -> int:
    """Import entries in one transaction (see the module docstring); the number of actors touched."""
    count = 0
    with engine.begin() as connection:
        lock_actors(connection)  # not while an ingest resolves
        for entry in entries:
            import_entry(connection, entry)
            count += 1
    return count


def import_entry(connection: Connection, entry: Entry) -> int:
    """Pin one entry: the matching actors become one imported actor; its id."""
    matches = matching_actors(connection, entry)
    if matches:
        actor_id = matches[0]
        for other in matches[1:]:
            merge_actor(connection, other, actor_id)
        connection.execute(
            update(ac)
            .where(ac.c.id == actor_id)
            .values(entry_values(entry, matches_kind(connection, actor_id)))
        )
    else:
        actor_id = connection.execute(insert(ac).values(entry_values(entry, ""))).inserted_primary_key[0]
    for name in (entry.name, *entry.aliases):
        add_alias(connection, actor_id, name, IMPORTED)
    for role, start, end in entry.roles:
        add_imported_role(connection, actor_id, role, start, end)
    return actor_id


def matching_actors(connection: Connection, entry: Entry) -> list[int]:
    """Actors that go by the entry's name or an alias (of its kind, if given): imported first, then oldest."""
    keys = {normalise(n) for n in (entry.name, *entry.aliases)}
    query = select(ac.c.id, ac.c.origin).where(
        ac.c.id.in_(select(al.c.actor_id).where(and_(al.c.alias.in_(keys), al.c.origin.not_in(WEAK))))
    )
    if entry.kind:
        query = query.where(ac.c.kind.in_([entry.kind, ""]))
    rows = sorted(connection.execute(query), key=lambda r: (r.origin != IMPORTED, r.id))
    return [row.id for row in rows]


def matches_kind(connection: Connection, actor_id: int) -> str:
    """The stored kind of an actor (kept when the entry gives none)."""
    return connection.scalar(select(ac.c.kind).where(ac.c.id == actor_id)) or ""


def entry_values(entry: Entry, kind: str) -> dict[str, Any]:
    """The ``actors`` columns an entry sets."""
    return {
        "kind": entry.kind or kind,
        "name": entry.name,
        "key": normalise(entry.name),
        "country": entry.country,
        "sector": entry.sector,
        "code": entry.code,
        "origin": IMPORTED,
    }


def merge_actor(connection: Connection, source: int, target: int) -> None:
    """Move an actor's entities, aliases and roles to another actor and delete it."""
    connection.execute(
        update(ea)
        .where(ea.c.actor_id == source)
        .values(actor_id=target, evidence=ea.c.evidence + "; merged by import")
    )
    for alias in list(connection.execute(select(al).where(al.c.actor_id == source))):
        add_alias(connection, target, alias.name, alias.origin)
    connection.execute(update(ar).where(ar.c.actor_id == source).values(actor_id=target))
    connection.execute(al.delete().where(al.c.actor_id == source))
    connection.execute(ac.delete().where(ac.c.id == source))


def add_imported_role(
    connection: Connection, actor_id: int, role: str, start: str | None, end: str | None
) -> None:
    """An imported role with its period, once."""
    same = and_(
        ar.c.actor_id == actor_id,
        ar.c.role == role,
        ar.c.article_id.is_(None),
        ar.c.valid_from.is_(None) if start is None else ar.c.valid_from == start,
        ar.c.valid_to.is_(None) if end is None else ar.c.valid_to == end,
    )
    if connection.scalar(select(ar.c.id).where(same)) is None:
        values = {"actor_id": actor_id, "role": role, "valid_from": start, "valid_to": end}
        connection.execute(insert(ar).values(values))
