"""fidelity: a session's fidelity facts, its cancel reason, a series' site and curriculum

Revision ID: 0006_fidelity
Revises: 0005_practices
Create Date: 2026-12-04 04:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_fidelity"
down_revision: str | None = "0005_practices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("site", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False,
                      server_default="")
        )
        batch_op.add_column(
            sa.Column("curriculum", sqlmodel.sql.sqltypes.AutoString(length=120),
                      nullable=False, server_default="")
        )
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cancel_reason", sqlmodel.sql.sqltypes.AutoString(length=200),
                      nullable=False, server_default="")
        )
    op.create_table(
        "sessionfidelity",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("segments_planned", sa.Integer(), nullable=False),
        sa.Column("segments_delivered", sa.Integer(), nullable=False),
        sa.Column("practices_planned", sa.Integer(), nullable=False),
        sa.Column("practices_delivered", sa.Integer(), nullable=False),
        sa.Column("start_offset_minutes", sa.Integer(), nullable=True),
        sa.Column("end_offset_minutes", sa.Integer(), nullable=True),
        sa.Column("agenda_shared", sa.Boolean(), nullable=True),
        sa.Column("home_practice_reviewed", sa.Boolean(), nullable=True),
        sa.Column("every_parent_had_a_turn", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id"),
    )


def downgrade() -> None:
    op.drop_table("sessionfidelity")
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_column("cancel_reason")
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.drop_column("curriculum")
        batch_op.drop_column("site")
