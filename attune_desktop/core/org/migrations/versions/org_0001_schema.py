"""the organisation's schema `org` as `org init` made it before migrations: tables, roles, RLS

Revision ID: org_0001_schema
Revises:
Create Date: 2026-12-04 08:00:00

Every statement may run again (CREATE … IF NOT EXISTS, a role only if missing, each policy
dropped and made again): an organisation database set up by the old `org init`, which ran
this same DDL with no version table, is brought under migrations by running it once more, its
rows untouched. The group roles belong to the whole server (other organisations' databases on
it share them), so they are made only when missing and never dropped.
"""

from collections.abc import Sequence
from typing import NamedTuple

from alembic import op

revision: str = "org_0001_schema"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LAPTOP = "attune_laptop"
ORGANISER = "attune_organiser"


class Owned(NamedTuple):
    """A laptop-owned table: its key, `owner`, its columns, and the parent it hangs under."""

    name: str
    key: str  # the first column(s), before `owner`
    columns: tuple[str, ...]
    parent: tuple[str, str] | None = None  # (this table's column, the parent table)
    unique: bool = True  # UNIQUE (uid, owner), for children to point at
    parent_index: str | None = None  # an index on the parent column


SERIES = Owned(
    "series",
    "uid text PRIMARY KEY",
    (
        "title text NOT NULL",
        "venue text NOT NULL DEFAULT ''",
        "facilitators text NOT NULL DEFAULT ''",
        "weekday int NOT NULL",
        "start_time time NOT NULL",
        "first_date date NOT NULL",
        "weeks int NOT NULL",
        "skip_dates text NOT NULL DEFAULT ''",
        "time_zone text NOT NULL DEFAULT ''",
        "session_minutes int NOT NULL",
        "site text NOT NULL DEFAULT ''",
        "curriculum text NOT NULL DEFAULT ''",
        "updated_at timestamptz NOT NULL",
        "published_at timestamptz NOT NULL DEFAULT now()",
    ),
)
SESSION = Owned(
    "session",
    "uid text PRIMARY KEY",
    (
        "series_uid text NOT NULL",
        "week int",
        "title text NOT NULL",
        "date date",
        "start_time time NOT NULL",
        "venue text NOT NULL DEFAULT ''",
        "target_minutes int NOT NULL",
        "status text NOT NULL",
        "attendance int",
        "actual_start timestamptz",
        "actual_end timestamptz",
        "cancel_reason text NOT NULL DEFAULT ''",
        "updated_at timestamptz NOT NULL",
    ),
    parent=("series_uid", "series"),
    parent_index="session_series",
)
SEGMENT = Owned(
    "segment",
    "uid text PRIMARY KEY",
    (
        "session_uid text NOT NULL",
        "position int NOT NULL",
        "kind text NOT NULL",
        "title text NOT NULL",
        "planned_minutes int NOT NULL",
        "fixed boolean NOT NULL",
        "practice_uid text",
        "actual_start timestamptz",
        "actual_end timestamptz",
        "script text",
    ),
    parent=("session_uid", "session"),
    unique=False,
    parent_index="segment_session",
)
CHECKIN_ROUND = Owned(
    "checkin_round",
    "uid text PRIMARY KEY",
    (
        "session_uid text NOT NULL",
        "moment text NOT NULL",
        "name text NOT NULL DEFAULT ''",
        "scale_key text NOT NULL",
        "min_responses int NOT NULL",
        "position int NOT NULL",
    ),
    parent=("session_uid", "session"),
    parent_index="round_session",
)
CHECKIN_COUNT = Owned(
    "checkin_count",
    "round_uid text NOT NULL",
    ("option_key text NOT NULL", "count int NOT NULL", "PRIMARY KEY (round_uid, option_key)"),
    parent=("round_uid", "checkin_round"),
    unique=False,
)
SESSION_FIDELITY = Owned(
    "session_fidelity",
    "session_uid text PRIMARY KEY",
    (
        "segments_planned int NOT NULL",
        "segments_delivered int NOT NULL",
        "practices_planned int NOT NULL",
        "practices_delivered int NOT NULL",
        "start_offset_minutes int",
        "end_offset_minutes int",
        "agenda_shared boolean",
        "home_practice_reviewed boolean",
        "every_parent_had_a_turn boolean",
    ),
    parent=("session_uid", "session"),
    unique=False,
)
OWNED = (SERIES, SESSION, SEGMENT, CHECKIN_ROUND, CHECKIN_COUNT, SESSION_FIDELITY)
# The shared library: a JSON body with a version that rises on each organiser's edit.
LIBRARY = {"template": "title", "practice": "name"}

META_AND_LAPTOP = (
    "CREATE TABLE IF NOT EXISTS org.meta (key text PRIMARY KEY, value text NOT NULL)",
    "CREATE TABLE IF NOT EXISTS org.laptop (\n    name name PRIMARY KEY DEFAULT current_user,\n"
    "    last_sync timestamptz\n)",
)


def _owned_sql(table: Owned) -> list[str]:
    lines = [table.key, "owner name NOT NULL DEFAULT current_user", *table.columns]
    if table.unique:
        lines.append("UNIQUE (uid, owner)")
    column, parent = table.parent or ("", "")
    if parent:
        lines.append(
            f"FOREIGN KEY ({column}, owner) REFERENCES org.{parent} (uid, owner) ON DELETE CASCADE"
        )
    body = ",\n    ".join(lines)
    sql = [f"CREATE TABLE IF NOT EXISTS org.{table.name} (\n    {body}\n)"]
    if table.parent_index:
        sql.append(
            f"CREATE INDEX IF NOT EXISTS {table.parent_index} ON org.{table.name} ({column})"
        )
    return sql


def _library_sql(table: str, title: str) -> str:
    return (
        f"CREATE TABLE IF NOT EXISTS org.{table} (\n    uid text PRIMARY KEY,\n"
        f"    {title} text NOT NULL,\n    body text NOT NULL,\n"
        "    version int NOT NULL DEFAULT 1,\n    updated_at timestamptz NOT NULL DEFAULT now(),\n"
        "    updated_by name NOT NULL DEFAULT current_user\n)"
    )


def _group_sql(name: str) -> str:
    return (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') "
        f"THEN CREATE ROLE {name} NOLOGIN; END IF; END $$"
    )


def _policy(table: str, name: str, rule: str) -> list[str]:
    return [
        f"DROP POLICY IF EXISTS {name} ON org.{table}",
        f"CREATE POLICY {name} ON org.{table} {rule}",
    ]


def _security_sql() -> list[str]:
    """Who may do what: a laptop its own rows (forced RLS), an organiser reads all of them."""
    reads_all = f"FOR SELECT TO {ORGANISER} USING (true)"
    sql = [
        _group_sql(LAPTOP),
        _group_sql(ORGANISER),
        f"GRANT USAGE ON SCHEMA org TO {LAPTOP}, {ORGANISER}",
        f"GRANT SELECT ON org.meta TO {LAPTOP}, {ORGANISER}",
        f"GRANT SELECT, INSERT, UPDATE ON org.laptop TO {LAPTOP}, {ORGANISER}",
        "ALTER TABLE org.laptop ENABLE ROW LEVEL SECURITY",
        *_policy(
            "laptop",
            "own_row",
            "TO PUBLIC USING (name = current_user) WITH CHECK (name = current_user)",
        ),
        *_policy("laptop", "organiser_reads", reads_all),
    ]
    for table in (t.name for t in OWNED):
        sql += [
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON org.{table} TO {LAPTOP}",
            f"GRANT SELECT ON org.{table} TO {ORGANISER}",
            f"ALTER TABLE org.{table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE org.{table} FORCE ROW LEVEL SECURITY",
            *_policy(
                table,
                "own_rows",
                f"TO {LAPTOP} USING (owner = current_user) WITH CHECK (owner = current_user)",
            ),
            *_policy(table, "organiser_reads", reads_all),
        ]
    for table in LIBRARY:
        sql += [
            f"GRANT SELECT ON org.{table} TO {LAPTOP}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON org.{table} TO {ORGANISER}",
        ]
    return sql


def upgrade() -> None:
    statements = [
        "CREATE SCHEMA IF NOT EXISTS org",
        *META_AND_LAPTOP,
        *(sql for table in OWNED for sql in _owned_sql(table)),
        *(_library_sql(table, title) for table, title in LIBRARY.items()),
        *_security_sql(),
        "INSERT INTO org.meta (key, value) VALUES ('schema_version', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    """Every table of the schema (and its rows); the server's group roles stay."""
    for table in (*LIBRARY, *(t.name for t in reversed(OWNED)), "laptop", "meta"):
        op.execute(f"DROP TABLE IF EXISTS org.{table}")
