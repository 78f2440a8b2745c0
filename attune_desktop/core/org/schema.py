"""The organisation's schema `org` on PostgreSQL: tables, roles and row-level security.

Laptop-owned tables (series, session, segment, checkin_round, checkin_count) carry an `owner`
column that defaults to `current_user`; row-level security lets a laptop's role see and write
only its own rows and lets an organiser read them all. The shared library (template,
practice) is readable by every laptop and written only by organisers, with a `version` that
rises on each change so two organisers' edits cannot overwrite each other. Child rows point
at their parent by (uid, owner), so no laptop can hang rows under another laptop's series.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import Connection, text

from attune_desktop.core.i18n import _

SCHEMA_VERSION: Final = 1
LAPTOP_GROUP: Final = "attune_laptop"
ORGANISER_GROUP: Final = "attune_organiser"
OWNED_TABLES: Final = (
    "series", "session", "segment", "checkin_round", "checkin_count", "session_fidelity",
)  # fmt: skip
LIBRARY_TABLES: Final = ("template", "practice")

_TABLES: Final = """
CREATE SCHEMA IF NOT EXISTS org;
CREATE TABLE IF NOT EXISTS org.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS org.laptop (
    name name PRIMARY KEY DEFAULT current_user,
    last_sync timestamptz
);
CREATE TABLE IF NOT EXISTS org.series (
    uid text PRIMARY KEY,
    owner name NOT NULL DEFAULT current_user,
    title text NOT NULL,
    venue text NOT NULL DEFAULT '',
    facilitators text NOT NULL DEFAULT '',
    weekday int NOT NULL,
    start_time time NOT NULL,
    first_date date NOT NULL,
    weeks int NOT NULL,
    skip_dates text NOT NULL DEFAULT '',
    time_zone text NOT NULL DEFAULT '',
    session_minutes int NOT NULL,
    site text NOT NULL DEFAULT '',
    curriculum text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (uid, owner)
);
CREATE TABLE IF NOT EXISTS org.session (
    uid text PRIMARY KEY,
    owner name NOT NULL DEFAULT current_user,
    series_uid text NOT NULL,
    week int,
    title text NOT NULL,
    date date,
    start_time time NOT NULL,
    venue text NOT NULL DEFAULT '',
    target_minutes int NOT NULL,
    status text NOT NULL,
    attendance int,
    actual_start timestamptz,
    actual_end timestamptz,
    cancel_reason text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL,
    UNIQUE (uid, owner),
    FOREIGN KEY (series_uid, owner) REFERENCES org.series (uid, owner) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS session_series ON org.session (series_uid);
CREATE TABLE IF NOT EXISTS org.segment (
    uid text PRIMARY KEY,
    owner name NOT NULL DEFAULT current_user,
    session_uid text NOT NULL,
    position int NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    planned_minutes int NOT NULL,
    fixed boolean NOT NULL,
    practice_uid text,
    actual_start timestamptz,
    actual_end timestamptz,
    script text,
    FOREIGN KEY (session_uid, owner) REFERENCES org.session (uid, owner) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS segment_session ON org.segment (session_uid);
CREATE TABLE IF NOT EXISTS org.checkin_round (
    uid text PRIMARY KEY,
    owner name NOT NULL DEFAULT current_user,
    session_uid text NOT NULL,
    moment text NOT NULL,
    name text NOT NULL DEFAULT '',
    scale_key text NOT NULL,
    min_responses int NOT NULL,
    position int NOT NULL,
    UNIQUE (uid, owner),
    FOREIGN KEY (session_uid, owner) REFERENCES org.session (uid, owner) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS round_session ON org.checkin_round (session_uid);
CREATE TABLE IF NOT EXISTS org.checkin_count (
    round_uid text NOT NULL,
    owner name NOT NULL DEFAULT current_user,
    option_key text NOT NULL,
    count int NOT NULL,
    PRIMARY KEY (round_uid, option_key),
    FOREIGN KEY (round_uid, owner) REFERENCES org.checkin_round (uid, owner) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS org.session_fidelity (
    session_uid text PRIMARY KEY,
    owner name NOT NULL DEFAULT current_user,
    segments_planned int NOT NULL,
    segments_delivered int NOT NULL,
    practices_planned int NOT NULL,
    practices_delivered int NOT NULL,
    start_offset_minutes int,
    end_offset_minutes int,
    agenda_shared boolean,
    home_practice_reviewed boolean,
    every_parent_had_a_turn boolean,
    FOREIGN KEY (session_uid, owner) REFERENCES org.session (uid, owner) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS org.template (
    uid text PRIMARY KEY,
    title text NOT NULL,
    body text NOT NULL,
    version int NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by name NOT NULL DEFAULT current_user
);
CREATE TABLE IF NOT EXISTS org.practice (
    uid text PRIMARY KEY,
    name text NOT NULL,
    body text NOT NULL,
    version int NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by name NOT NULL DEFAULT current_user
);
"""


def _group_sql(name: str) -> str:
    return (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') "
        f"THEN CREATE ROLE {name} NOLOGIN; END IF; END $$;"
    )


def _security_sql() -> list[str]:
    laptop, organiser = LAPTOP_GROUP, ORGANISER_GROUP
    sql = [
        _group_sql(laptop),
        _group_sql(organiser),
        f"GRANT USAGE ON SCHEMA org TO {laptop}, {organiser}",
        f"GRANT SELECT ON org.meta TO {laptop}, {organiser}",
        f"GRANT SELECT, INSERT, UPDATE ON org.laptop TO {laptop}, {organiser}",
        "ALTER TABLE org.laptop ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS own_row ON org.laptop",
        "CREATE POLICY own_row ON org.laptop TO PUBLIC "
        "USING (name = current_user) WITH CHECK (name = current_user)",
        "DROP POLICY IF EXISTS organiser_reads ON org.laptop",
        f"CREATE POLICY organiser_reads ON org.laptop FOR SELECT TO {organiser} USING (true)",
    ]
    for table in OWNED_TABLES:
        sql += [
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON org.{table} TO {laptop}",
            f"GRANT SELECT ON org.{table} TO {organiser}",
            f"ALTER TABLE org.{table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE org.{table} FORCE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS own_rows ON org.{table}",
            f"CREATE POLICY own_rows ON org.{table} TO {laptop} "
            "USING (owner = current_user) WITH CHECK (owner = current_user)",
            f"DROP POLICY IF EXISTS organiser_reads ON org.{table}",
            f"CREATE POLICY organiser_reads ON org.{table} FOR SELECT TO {organiser} USING (true)",
        ]
    for table in LIBRARY_TABLES:
        sql += [
            f"GRANT SELECT ON org.{table} TO {laptop}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON org.{table} TO {organiser}",
        ]
    return sql


def install(conn: Connection) -> None:
    """Create (or bring up to date) the schema, the two group roles and the policies.

    Run by whoever administers the database (a superuser, or the database's owner with
    CREATEROLE). Safe to run again.
    """
    conn.exec_driver_sql(_TABLES)
    for statement in _security_sql():
        conn.exec_driver_sql(statement)
    conn.execute(
        text(
            "INSERT INTO org.meta (key, value) VALUES ('schema_version', :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"v": str(SCHEMA_VERSION)},
    )


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_member(conn: Connection, name: str, password: str, *, organiser: bool) -> None:
    """A login role for one laptop (or organiser), in its group; refused if the name is taken."""
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    if exists is not None:
        from attune_desktop.core.errors import AttuneError

        raise AttuneError(
            _("The organisation already has a member called {name!r}.").format(name=name)
        )
    group = ORGANISER_GROUP if organiser else LAPTOP_GROUP
    extra = " CREATEROLE" if organiser else ""
    literal = "'" + password.replace("'", "''") + "'"
    conn.exec_driver_sql(
        f"CREATE ROLE {quote_ident(name)} LOGIN{extra} PASSWORD {literal} IN ROLE {group}"
    )
    if organiser:
        conn.exec_driver_sql(f"GRANT {LAPTOP_GROUP} TO {quote_ident(name)} WITH ADMIN OPTION")
        conn.exec_driver_sql(f"GRANT {ORGANISER_GROUP} TO {quote_ident(name)} WITH ADMIN OPTION")


def reset_password(conn: Connection, name: str, password: str) -> None:
    """A new one-time password for a laptop that lost its keyring (a new computer)."""
    from attune_desktop.core.errors import AttuneError

    member = conn.execute(
        text("SELECT pg_has_role(:n, :g, 'member') FROM pg_roles WHERE rolname = :n"),
        {"n": name, "g": LAPTOP_GROUP},
    ).scalar()
    if not member:
        raise AttuneError(_("The organisation has no laptop called {name!r}.").format(name=name))
    literal = "'" + password.replace("'", "''") + "'"
    conn.exec_driver_sql(f"ALTER ROLE {quote_ident(name)} PASSWORD {literal}")
