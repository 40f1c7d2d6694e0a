"""The canonical actors in the most events of a store, as a Markdown table with their aliases.

    python scripts/top_actors.py --db sqlite:///corpus.db --top 50
    python scripts/top_actors.py --db sqlite:///copy.db --rebuild     # re-resolve every article first

``--rebuild`` empties the actor tables and resolves every stored article again with this version's
resolver (imported dictionary entries are lost: run it on a copy), so a change to store/actors.py can
be measured without extracting the articles again. Events are counted once per actor, as source or
target; the evidence column counts how the actor's entities joined it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from sqlalchemy import Engine, and_, func, select

from communique.store import open_store, schema
from communique.store.actors import INITIALS, resolve_stored

ac, al, ar, ea, va = (
    schema.actors,
    schema.actor_aliases,
    schema.actor_roles,
    schema.entity_actors,
    schema.event_actors,
)


def rebuild(engine: Engine) -> float:
    """Resolve every article again from empty actor tables; the seconds it took."""
    started = time.process_time()
    with engine.begin() as connection:
        for table in (ea, ar, al, ac):
            connection.execute(table.delete())
        resolve_stored(connection)
    return time.process_time() - started


def top_actors(engine: Engine, top: int) -> list[dict]:
    """The ``top`` actors by events, with entity counts, aliases and join evidence."""
    event_key = func.distinct(va.c.article_id.cast(schema.Text) + ":" + va.c.event_id)
    events = func.count(event_key).label("events")
    query = (
        select(ea.c.actor_id, events)
        .select_from(ea.join(va, and_(va.c.article_id == ea.c.article_id, va.c.entity_id == ea.c.entity_id)))
        .group_by(ea.c.actor_id)
        .order_by(events.desc(), ea.c.actor_id)
        .limit(top)
    )
    rows = []
    with engine.connect() as connection:
        for actor_id, count in connection.execute(query).all():
            actor = connection.execute(select(ac).where(ac.c.id == actor_id)).one()
            named = and_(al.c.actor_id == actor_id, al.c.origin != INITIALS)
            aliases = connection.scalars(select(al.c.name).where(named).order_by(al.c.alias)).all()
            entities = connection.scalar(select(func.count()).where(ea.c.actor_id == actor_id))
            rows.append({"actor": actor, "events": count, "entities": entities, "aliases": aliases})
    return rows


def totals(engine: Engine) -> str:
    """Entities, actors and the evidence of the joins."""
    with engine.connect() as connection:
        entities = connection.scalar(select(func.count()).select_from(ea))
        actors = connection.scalar(select(func.count()).select_from(ac))
        evidence = Counter(
            reason.split(":")[0] for reason in connection.scalars(select(ea.c.evidence))
        )  # "ambiguous surname: Bill Clinton (12); ..." counts as "ambiguous surname"
    joined = ", ".join(f"{name} {n}" for name, n in evidence.most_common())
    return f"{entities} entities → {actors} actors; evidence: {joined}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the store's URL")
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true", help="re-resolve every article first (use a copy)")
    args = parser.parse_args(argv)
    engine = open_store(args.db, create=False)
    if args.rebuild:
        print(f"rebuilt in {rebuild(engine):.1f} s CPU", file=sys.stderr)
    print(totals(engine), file=sys.stderr)
    print("| # | actor | kind | code | events | entities | aliases |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for n, row in enumerate(top_actors(engine, args.top), start=1):
        actor = row["actor"]
        aliases = "; ".join(row["aliases"])
        print(
            f"| {n} | {actor.name} | {actor.kind} | {actor.code or ''} | {row['events']} | "
            f"{row['entities']} | {aliases} |"
        )
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
