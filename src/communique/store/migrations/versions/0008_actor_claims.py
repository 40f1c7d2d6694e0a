"""Actor claims: a unique ``claim`` per actor (its kind and name), so two ingests running at once
cannot create the same actor twice; then the back-fill of every entity that has no actor yet.

Existing actors get their claims oldest first; an actor whose claim an older one holds (a duplicate
a race made) takes the next (with its country), else none. Stores made before 0007 get all their
actors here, article by article in the order they were stored, with the resolver of this version.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("claim", sa.Text(), nullable=True))
    claim_existing()
    op.create_index(op.f("ix_actors_claim"), "actors", ["claim"], unique=True)
    backfill()


def claim_existing() -> None:
    """Give the actors already stored their claims, oldest first, as the resolver would have."""
    from communique.store.actors import StoredEntity, claims_of

    bind = op.get_bind()
    actors = sa.table(
        "actors", sa.column("id"), sa.column("kind"), sa.column("name"), sa.column("country"),
        sa.column("origin"), sa.column("claim"),
    )
    taken: set[str] = set()
    rows = bind.execute(sa.select(actors).where(actors.c.origin == "inferred").order_by(actors.c.id))
    for row in list(rows):
        entity = StoredEntity(row.id, row.name, row.kind, row.country, None, None, None)
        free = [c for c in claims_of(entity) if c not in taken]
        if free:
            taken.add(free[0])
            bind.execute(sa.update(actors).where(actors.c.id == row.id).values(claim=free[0]))


def backfill() -> None:
    """Resolve the entities of every article that have no actor yet. The resolver reads only columns
    that revisions up to 0008 made; a later revision that changes them must freeze a copy of it here."""
    from communique.store.actors import resolve_stored

    resolve_stored(op.get_bind(), only_unresolved=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_actors_claim"), table_name="actors")
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("claim")
