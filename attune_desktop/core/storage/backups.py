"""Automatic rotating backups of the database: one a day at most, the last ten kept."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from attune_desktop.core import locale_format
from attune_desktop.core.storage.database import Database

DAILY_PREFIX = "daily-"
KEEP_DAILY = 10
_STAMP = re.compile(r"^daily-(\d{8}-\d{6})\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # UTC

    @property
    def label(self) -> str:
        return locale_format.date_time(self.taken_at.astimezone())


def list_daily_backups(folder: Path) -> list[Backup]:
    """Daily backups, newest first."""
    backups: list[Backup] = []
    if not folder.is_dir():
        return backups
    for path in folder.iterdir():
        match = _STAMP.match(path.name)
        if match:
            taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
            backups.append(Backup(path, taken))
    return sorted(backups, key=lambda b: b.taken_at, reverse=True)


def take_daily_backup(
    db: Database, folder: Path, *, now: dt.datetime | None = None, keep: int = KEEP_DAILY
) -> Backup | None:
    """Copy the database if the newest daily backup is a day old or more; prune to `keep`.

    Returns the new backup, or None when today's already exists (or the data is on a
    PostgreSQL server, which the organisation backs up).
    """
    if db.on_server:
        return None
    now = now or dt.datetime.now(dt.UTC)
    existing = list_daily_backups(folder)
    if existing and now - existing[0].taken_at < dt.timedelta(days=1):
        return None
    target = folder / f"{DAILY_PREFIX}{now:%Y%m%d-%H%M%S}.sqlite3"
    db.backup_to(target)
    backup = Backup(target, now.replace(microsecond=0))
    for old in list_daily_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    return backup
