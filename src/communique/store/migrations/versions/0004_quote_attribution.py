"""Quotes: ``attribution`` (speech, writing, thought or perception) and ``pieces`` (the quoted
stretches of a quote split by its attribution).

Quotes stored before this revision were all taken as speech, as the contract reads a quote with no
attribution; ingest the articles again to classify them. Their pieces stay NULL, read as an empty
list (the one span).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("attribution", sa.Text(), nullable=False, server_default="speech"))
        batch.add_column(sa.Column("pieces", sa.JSON(), nullable=True))
        batch.create_index(batch.f("ix_quotes_attribution"), ["attribution"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_index(batch.f("ix_quotes_attribution"))
        batch.drop_column("pieces")
        batch.drop_column("attribution")
