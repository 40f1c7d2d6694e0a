"""Places: ``resolved_by``, what picked the reading (container / context / dateline / outlet /
population). Places stored before this revision keep it null: the reason was not recorded.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.add_column(sa.Column("resolved_by", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.drop_column("resolved_by")
