"""Alembic migrations, applied in-process at start-up (no alembic.ini needed).

Importing alembic costs about a quarter of a second, so an ordinary start (the database is
already at the newest revision) does not: the revisions are read from the migration files
directly, and alembic is imported only to migrate (or if a file is not in the usual shape).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from attune_desktop.core.storage.revisions import revisions_from_files

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class MigrationStatus:
    current: str | None
    head: str
    known: bool  # the current revision is one this version knows
    has_tables: bool = False  # any table at all, ours or not

    @property
    def is_foreign(self) -> bool:
        """A SQLite file with tables but no migration history: someone else's database."""
        return self.current is None and self.has_tables

    @property
    def is_newer(self) -> bool:
        return self.current is not None and not self.known

    @property
    def needs_upgrade(self) -> bool:
        return self.current != self.head and not self.is_newer


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def status(engine: Engine) -> MigrationStatus:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        current = None
        if "alembic_version" in tables:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return classify(current, bool(tables - {"alembic_version"}))


def classify(current: str | None, has_tables: bool) -> MigrationStatus:
    """Where a database with this revision stands against the migrations this version has."""
    revisions, head = known_revisions()
    known = current is None or current in revisions
    return MigrationStatus(current=current, head=head, known=known, has_tables=has_tables)


@functools.cache
def known_revisions() -> tuple[frozenset[str], str]:
    """Every revision this version has, and the newest (read once per process)."""
    fast = revisions_from_files()
    if fast is not None:
        return fast
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    assert head is not None
    return frozenset(rev.revision for rev in script.walk_revisions()), head


# Any fixed number: PostgreSQL's advisory lock held while one opener migrates the database.
_MIGRATION_LOCK = 0x4174756E65  # "Atune"


def upgrade(engine: Engine) -> None:
    from alembic import command

    config = _config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two machines opening a new organisation's database at once: the second waits,
            # then finds it migrated (alembic reads the revision again under the lock).
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
