"""stable uids for series, segments, practices and check-in rounds; sync state for the organisation

Revision ID: 0007_org_uids
Revises: 0006_fidelity
Create Date: 2026-12-04 04:40:00

The organisation's database names every row a laptop publishes or receives by a UUID, so a
retried sync updates instead of doubling. Existing rows get a random UUID each; segments get a
`share_script` flag (off: scripts stay on the laptop); `orgsyncstate` remembers what the last
sync agreed on. Only ADD COLUMN / CREATE INDEX / CREATE TABLE, so SQLite rebuilds no table.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007_org_uids"
down_revision: str | None = "0006_fidelity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("series", "segment", "practice", "checkinround")


def upgrade() -> None:
    conn = op.get_bind()
    for table in TABLES:
        op.add_column(
            table, sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True)
        )
        ids = conn.execute(sa.text(f"SELECT id FROM {table}")).scalars().all()  # noqa: S608
        for ident in ids:
            conn.execute(
                sa.text(f"UPDATE {table} SET uid = :uid WHERE id = :id"),  # noqa: S608
                {"uid": str(uuid.uuid4()), "id": ident},
            )
        op.create_index(f"ix_{table}_uid", table, ["uid"], unique=True)
    op.add_column(
        "segment",
        sa.Column("share_script", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "orgsyncstate",
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("received", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )
    op.create_index("ix_orgsyncstate_kind", "orgsyncstate", ["kind"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_orgsyncstate_kind", table_name="orgsyncstate")
    op.drop_table("orgsyncstate")
    with op.batch_alter_table("segment", schema=None) as batch_op:
        batch_op.drop_column("share_script")
    for table in TABLES:
        op.drop_index(f"ix_{table}_uid", table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("uid")
