"""Daily backups: taken once a day, the last ten kept, each one a working database."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from attune_desktop.core.config import AppPaths
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.backups import list_daily_backups, take_daily_backup
from attune_desktop.core.storage.database import Database

START = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)

# About file backups.
# A PostgreSQL home's own checks are in test_storage_server.py.
pytestmark = pytest.mark.sqlite_only


def test_one_backup_a_day_and_only_the_last_ten_are_kept(db: Database, paths: AppPaths) -> None:
    taken = []
    for day in range(14):
        morning = START + dt.timedelta(days=day)
        taken.append(take_daily_backup(db, paths.backups, now=morning))
        # a second start the same day takes no new copy
        assert take_daily_backup(db, paths.backups, now=morning + dt.timedelta(hours=3)) is None
    assert all(b is not None for b in taken)
    kept = list_daily_backups(paths.backups)
    assert len(kept) == 10
    assert kept[0].taken_at == START + dt.timedelta(days=13)
    assert kept[-1].taken_at == START + dt.timedelta(days=4)


def test_a_backup_holds_the_data_as_it_was(
    db: Database, paths: AppPaths, sessions: SessionService
) -> None:
    sessions.create_session("Before the backup")
    backup = take_daily_backup(db, paths.backups, now=START)
    sessions.create_session("After the backup")
    assert backup is not None
    with sqlite3.connect(backup.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT title FROM session").fetchall() == [("Before the backup",)]


def test_a_headless_start_takes_todays_backup_at_once(tmp_path: Path) -> None:
    from attune_desktop.core.container import open_core

    # GIVEN a home used before
    open_core(tmp_path / "home").close()
    # WHEN it is opened again without a window (the command line)
    core = open_core(tmp_path / "home")
    core.close()
    # THEN today's backup was taken right away, nothing left pending
    assert not core.daily_backup_pending
    assert len(list_daily_backups(core.paths.backups)) == 1
