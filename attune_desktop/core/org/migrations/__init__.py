"""The organisation schema's own alembic migrations, apart from the app's chain.

Their version table is `org.alembic_version`, inside the schema, so the same PostgreSQL
database can also be an organiser's home (the app's `alembic_version` in `public`) without
the two chains meeting. `org init` runs `upgrade`: a new database gets the whole schema; one
set up by an `org init` from before migrations (an `org.meta` table and no version table) is
recognised and brought under them by running the first revision again (every statement of it
may run twice; rows are kept); one already at the newest revision is left as it is; one from
a newer Attune Desktop is refused with a sentence and not touched.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy import Connection, text

from attune_desktop.core.errors import AttuneError

if TYPE_CHECKING:
    from alembic.config import Config

ORG_MIGRATIONS_DIR: Final = Path(__file__).resolve().parent
FIRST_REVISION: Final = "org_0001_schema"
# Any fixed number, not the app's: held while one administrator migrates the schema.
_LOCK: Final = 0x4174756E6F  # "Atuno"


class OrgSchemaError(AttuneError):
    """The organisation's schema is one this version cannot bring up to date."""


@dataclass(frozen=True)
class OrgSchemaStatus:
    current: str | None  # the revision in org.alembic_version, None without one
    head: str
    known: bool  # a revision this version has (or none yet)
    legacy: bool  # set up by `org init` before migrations: org.meta but no version table

    @property
    def is_newer(self) -> bool:
        return self.current is not None and not self.known


def _config(extra_versions: Sequence[Path] = ()) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ORG_MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    folders = [ORG_MIGRATIONS_DIR / "versions", *extra_versions]
    config.set_main_option("version_locations", os.pathsep.join(str(f) for f in folders))
    return config


def _revisions(config: Config) -> tuple[frozenset[str], str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None
    return frozenset(rev.revision for rev in script.walk_revisions()), head


def status(conn: Connection, extra_versions: Sequence[Path] = ()) -> OrgSchemaStatus:
    """Where the organisation's schema stands against the revisions this version has."""
    revisions, head = _revisions(_config(extra_versions))
    versioned, meta = conn.execute(
        text("SELECT to_regclass('org.alembic_version'), to_regclass('org.meta')")
    ).one()
    current = None
    if versioned is not None:
        current = conn.execute(text("SELECT version_num FROM org.alembic_version")).scalar()
    known = current is None or current in revisions
    return OrgSchemaStatus(current, head, known, legacy=versioned is None and meta is not None)


def upgrade(conn: Connection, extra_versions: Sequence[Path] = ()) -> str:
    """Bring the schema to the newest revision, one administrator at a time; says what it did.

    `extra_versions`: more folders of revisions (a test's throw-away next revision)."""
    from alembic import command

    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
    before = status(conn, extra_versions)
    if before.is_newer:
        raise OrgSchemaError(
            f"The organisation's database has schema revision {before.current}, newer than "
            f"this Attune Desktop knows (up to {before.head}). Nothing was changed: update "
            "Attune Desktop on this computer, then run `org init` again."
        )
    if before.current == before.head:
        return f"The organisation's schema is up to date (revision {before.head}); nothing to do."
    config = _config(extra_versions)
    config.attributes["connection"] = conn
    # alembic makes its version table before the first revision runs: the schema must exist.
    conn.exec_driver_sql("CREATE SCHEMA IF NOT EXISTS org")
    command.upgrade(config, "head")
    if before.legacy:
        return (
            "Recognised an organisation database set up before schema migrations: its rows "
            f"are kept, and it is now at revision {before.head}."
        )
    if before.current is None:
        return (
            "The organisation's schema, roles and row-level security are in place "
            f"(revision {before.head})."
        )
    return (
        f"The organisation's schema was upgraded from revision {before.current} to {before.head}."
    )
