"""Today's backup is taken after the window is shown, in the background, and never skipped."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from attune_desktop.app import open_core, run_gui
from attune_desktop.core.storage.backups import list_daily_backups


def test_the_window_opens_first_and_todays_backup_is_then_taken(
    qtbot: QtBot, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    # GIVEN a home used before (so a start owes it today's backup)
    open_core(home, daily_backup_now=False).close()
    core = open_core(home, daily_backup_now=False)
    # THEN opening it for the window leaves the copy for later: nothing is taken yet
    assert core.daily_backup_pending
    assert list_daily_backups(core.paths.backups) == []
    shown: list[bool] = []
    for left_over in QApplication.topLevelWidgets():  # an earlier test's window would keep
        left_over.close()  # the app from quitting when this one closes
    before = set(QApplication.topLevelWidgets())

    def _close_when_backed_up() -> None:
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w not in before
        )
        shown.append(window.isVisible())
        waiting = core.daily_backup_pending or not list_daily_backups(core.paths.backups)
        if waiting and len(shown) < 500:  # at most ~10 s, then close and let the test fail
            QTimer.singleShot(20, _close_when_backed_up)  # the copy runs in a worker thread
            return
        window.close()

    # WHEN the app runs its window until the backup is there, then is closed
    QTimer.singleShot(0, _close_when_backed_up)
    try:
        assert run_gui(core, ["attune-desktop"]) == 0
    finally:
        core.close()
    # THEN the window was shown while the copy was made, and exactly one backup exists,
    # complete (no half-written file) and a working database
    assert shown and all(shown)
    backups = list_daily_backups(core.paths.backups)
    assert len(backups) == 1
    assert not list(core.paths.backups.glob("*.part"))
    with sqlite3.connect(backups[0].path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM series").fetchone()[0] >= 1
