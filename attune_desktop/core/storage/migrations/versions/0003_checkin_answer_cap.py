"""a check-in round's answer cap

Revision ID: 0003_checkin
Revises: 0002
Create Date: 2026-12-03 22:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_checkin"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkinround", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_answers", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkinround", schema=None) as batch_op:
        batch_op.drop_column("max_answers")
