"""give each session a stable uid, and remember what calendars were told

Revision ID: 0004_session_uid
Revises: 0003_checkin
Create Date: 2026-12-03 23:00:00

A session's calendar event used to be named by its week number, which changes when a week is
added or removed. Existing dated sessions keep the UID their last export gave them (the series'
id and creation time and the week), so a calendar that imported it is updated, not doubled;
every other session gets a random UUID. Only plain ADD COLUMN / CREATE INDEX / CREATE TABLE are
used: SQLite needs no table rebuild for them.
"""

import re
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004_session_uid"
down_revision: str | None = "0003_checkin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "session", sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True)
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT s.id, s.series_id, s.week, s.date, s.is_template, r.created_at "
            "FROM session AS s LEFT JOIN series AS r ON r.id = s.series_id ORDER BY s.id"
        )
    ).all()
    used: set[str] = set()
    for ident, series_id, week, date, is_template, created in rows:
        uid = str(uuid.uuid4())
        if series_id is not None and week is not None and date and not is_template and created:
            stamp = re.sub(r"\D", "", str(created)[:19])
            legacy = f"attune-series-{series_id}-{stamp}-week-{week}"
            if legacy not in used:
                uid = legacy
        used.add(uid)
        conn.execute(sa.text("UPDATE session SET uid = :uid WHERE id = :id"), {"uid": uid, "id": ident})
    op.create_index("ix_session_uid", "session", ["uid"], unique=True)
    op.create_table(
        "calendarstamp",
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("last_event", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )
    op.create_index("ix_calendarstamp_series_id", "calendarstamp", ["series_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_calendarstamp_series_id", table_name="calendarstamp")
    op.drop_table("calendarstamp")
    op.drop_index("ix_session_uid", table_name="session")
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_column("uid")
