"""Alembic migrations, applied in-process at start-up (no alembic.ini needed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def status(engine: Engine) -> MigrationStatus:
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        has_tables = any(t != "alembic_version" for t in inspect(conn).get_table_names())
    return classify(current, has_tables)


def classify(current: str | None, has_tables: bool) -> MigrationStatus:
    """Where a database with this revision stands against the migrations this version has."""
    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    assert head is not None
    known = current is None or any(rev.revision == current for rev in script.walk_revisions())
    return MigrationStatus(current=current, head=head, known=known, has_tables=has_tables)


def upgrade(engine: Engine) -> None:
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
