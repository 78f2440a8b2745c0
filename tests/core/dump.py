"""Everything a database holds, as plain rows: equal dumps mean not one value changed.

Works on SQLite and PostgreSQL alike (every table of the app's schema, each in its primary
key's order), so the all-or-nothing tests compare the same thing on both.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import SQLModel

import attune_desktop.core.models  # noqa: F401  (registers the tables)
from attune_desktop.core.storage.database import Database


def everything(db: Database) -> list[tuple[str, tuple[object, ...]]]:
    found: list[tuple[str, tuple[object, ...]]] = []
    with db.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            found.extend((table.name, tuple(row)) for row in conn.execute(query))
    return found
