"""The organisation's schema `org` on PostgreSQL: tables, roles and row-level security.

Laptop-owned tables (series, session, segment, checkin_round, checkin_count) carry an `owner`
column that defaults to `current_user`; row-level security lets a laptop's role see and write
only its own rows and lets an organiser read them all. The shared library (template,
practice) is readable by every laptop and written only by organisers, with a `version` that
rises on each change so two organisers' edits cannot overwrite each other. Child rows point
at their parent by (uid, owner), so no laptop can hang rows under another laptop's series.
The tables, roles and policies themselves are made by the schema's own migrations
(`core/org/migrations/versions`).
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import Connection, text

from attune_desktop.core.i18n import _

LAPTOP_GROUP: Final = "attune_laptop"
ORGANISER_GROUP: Final = "attune_organiser"


def install(conn: Connection) -> str:
    """Create the schema, the two group roles and the policies, or bring them up to date
    (`core/org/migrations`, alembic, version table `org.alembic_version`); says what it did.

    Run by whoever administers the database (a superuser, or the database's owner with
    CREATEROLE). Safe to run again; a schema newer than this version knows is refused.
    """
    from attune_desktop.core.org import migrations

    return migrations.upgrade(conn)


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
