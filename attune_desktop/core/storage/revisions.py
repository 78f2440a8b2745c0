"""The migrations' revision chain, read from the migration files themselves (no alembic, no
SQLAlchemy): what `migrations.known_revisions` uses first, and what the first look at a home
(`first_look`) compares the database's revision with before the ORM is imported."""

from __future__ import annotations

import functools
import re
from pathlib import Path

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]\s*$", re.M)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(?:['\"]([^'\"]+)['\"]|None)\s*$", re.M)


@functools.cache
def revisions_from_files() -> tuple[frozenset[str], str] | None:
    """Every revision and the newest, parsed from the files; None when anything is unusual
    (then alembic reads them, in `migrations`)."""
    parents: dict[str, str | None] = {}
    for path in sorted(VERSIONS_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.findall(source), _DOWN.findall(source)
        if len(revision) != 1 or len(down) != 1 or revision[0] in parents:
            return None
        parents[revision[0]] = down[0] or None
    heads = set(parents) - {p for p in parents.values() if p}
    roots = [r for r, p in parents.items() if p is None]
    if len(heads) != 1 or len(roots) != 1 or any(p and p not in parents for p in parents.values()):
        return None
    return frozenset(parents), heads.pop()
