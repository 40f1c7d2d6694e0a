"""Event links: a story per real-world event, each event's story, an index on (plover, date).

Stores made at 0001 get their links back-filled here, article by article in the order they were
stored, with the linker of this version.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_events_plover_date"), "events", ["plover", "date"], unique=False)
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    op.create_table(
        "event_links",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.id"],
            name=op.f("fk_event_links_article_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], name=op.f("fk_event_links_story_id_stories")),
        sa.PrimaryKeyConstraint("article_id", "event_id", name=op.f("pk_event_links")),
    )
    op.create_index(op.f("ix_event_links_story_id"), "event_links", ["story_id"], unique=False)
    backfill()


def backfill() -> None:
    """Link the events of every article already stored. The linker reads only the columns that
    revision 0001 made; a later revision that changes them must freeze a copy of it here."""
    from communique.store.links import link_stored

    link_stored(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f("ix_event_links_story_id"), table_name="event_links")
    op.drop_table("event_links")
    op.drop_table("stories")
    op.drop_index(op.f("ix_events_plover_date"), table_name="events")
