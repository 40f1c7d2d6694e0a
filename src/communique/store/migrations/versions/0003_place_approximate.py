"""Places: ``approximate``, true for a name not in the gazetteer placed at the story's focus.

Places stored before this revision were all written with the same fallback but without the flag;
a place with no GeoNames id but with coordinates was placed that way, so the flag is set for those.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.add_column(sa.Column("approximate", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE places SET approximate = TRUE WHERE geonameid IS NULL AND lat IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.drop_column("approximate")
