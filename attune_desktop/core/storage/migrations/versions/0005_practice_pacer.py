"""practices: the pacer's own words, counting style and breath tones

Revision ID: 0005_practices
Revises: 0004_session_uid
Create Date: 2026-12-03 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005_practices'
down_revision: str | None = '0004_session_uid'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('practice', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('phase_words', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                      server_default='')
        )
        batch_op.add_column(
            sa.Column('counting', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                      server_default='natural')
        )
        batch_op.add_column(
            sa.Column('breath_tones', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table('practice', schema=None) as batch_op:
        batch_op.drop_column('breath_tones')
        batch_op.drop_column('counting')
        batch_op.drop_column('phase_words')
