"""Events: ``coded_by``, the layer that coded the event ("rules" or "model", the learned layer).

Events stored before this revision were all coded by the rules, so they get "rules".

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("coded_by", sa.Text(), nullable=False, server_default="rules"))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("coded_by")
