"""The window paints the Series screen from the first look, before the ORM is imported, and
is the same window as ever once the core is attached
(docs/decisions/0018-paint-before-the-orm.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop.app import Later, open_core, run_gui
from attune_desktop.core.config import AppPaths
from attune_desktop.core.errors import AttuneError, StorageError
from attune_desktop.core.storage.backups import list_daily_backups
from attune_desktop.core.storage.first_look import first_look
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext

CHILD = Path(__file__).with_name("first_paint_child.py")
SAMPLE = ["Attunement basics", "Attunement basics (curriculum)"]


def test_the_first_paint_shows_the_sample_series_before_the_orm_is_imported(home: Path) -> None:
    """GIVEN a home used before (the sample series in it)
    WHEN the app starts on it through its real entry point, in a fresh process
    THEN at the window's first paint the series list shows the sample series and its weeks,
    and neither SQLAlchemy, SQLModel nor pydantic (nor asyncio) has been imported; the New
    series button waits (disabled) for the core
    AND by the time the window closes the core is attached and the button is enabled."""
    open_core(home).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(CHILD), str(home)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0
    assert seen["orm_at_first_paint"] == []
    assert seen["ready_at_first_paint"] is False
    assert seen["asyncio_at_first_paint"] is False  # the qasync loop starts after the paint
    assert seen["series"] == SAMPLE
    assert seen["weeks"] == 6
    assert seen["new_enabled"] is False
    assert seen["ready_when_closed"] is True
    assert seen["new_enabled_when_closed"] is True


def test_a_window_painted_from_the_first_look_edits_as_ever_once_the_core_is_attached(
    qtbot: QtBot, home: Path
) -> None:
    """GIVEN a home used before, and a window built from its first look (no core yet)
    THEN it lists the sample series with its six weeks, and what edits waits: New series,
    the attendance, the sidebar and the Run menu are disabled
    WHEN the core is attached
    THEN the same rows show, from the services, and the buttons are enabled
    AND an attendance typed in is kept, and undone as before."""
    open_core(home).close()
    look = first_look(AppPaths(home).database)
    assert look is not None
    context = UiContext.before_core(AppPaths(home), look)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    view = window.series_view
    titles = [view.model.row_at(r).title for r in range(view.model.rowCount())]  # type: ignore[union-attr]
    assert titles == SAMPLE
    assert view.term.model.rowCount() == 6
    new = window.findChild(QPushButton, "newSeriesButton")
    run = window.findChild(QAction, "runSessionAction")
    assert new is not None and run is not None
    assert not new.isEnabled() and not run.isEnabled() and not window.sidebar.isEnabled()
    assert not view.term.attendance.isEnabled()
    assert view.selected_series() is None  # nothing to edit before the core

    core = open_core(home, daily_backup_now=False)
    try:
        context.attach(core)
        assert new.isEnabled() and run.isEnabled() and window.sidebar.isEnabled()
        selected = view.selected_series()
        assert selected is not None and selected.title == "Attunement basics"
        assert [view.model.row_at(r).title for r in range(2)] == SAMPLE  # type: ignore[union-attr]
        view.term.table.selectRow(view.term.model.find(lambda s: s.week == 3))
        ident = view.term.selected_session_id()
        assert ident is not None and view.term.attendance.isEnabled()
        # WHEN the organiser corrects week 3's head count
        view.term.attendance.setValue(12)
        view.term.attendance.editingFinished.emit()
        # THEN it is kept, and Undo puts the old count back
        assert core.series.get_session(ident).attendance == 12
        context.undo.undo()
        assert core.series.get_session(ident).attendance != 12
    finally:
        window.close()
        core.close()


def _close_other_windows() -> set[QWidget]:
    for left_over in QApplication.topLevelWidgets():  # an earlier test's window would keep
        left_over.close()  # the app from quitting when this one closes
    return set(QApplication.topLevelWidgets())


def test_a_home_refused_after_the_first_look_is_said_and_the_window_closes(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN a home the first look read, which another program then locks
    WHEN the window has painted and the core cannot be opened
    THEN the refusal is shown in a window (as at any start), the main window closes, and
    the refusal reaches the command line (which says it and exits with 2)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    open_core(home).close()
    look = first_look(AppPaths(home).database)
    assert look is not None
    refusal = "the database is in use by another program; nothing was changed."

    def _locked(*_args: object, **_kwargs: object) -> None:
        raise StorageError(refusal)

    shown: list[str] = []
    monkeypatch.setattr("attune_desktop.core.container.open_core", _locked)
    monkeypatch.setattr(
        "attune_desktop.ui.startup_error.show_startup_error",
        lambda message, _paths=None: shown.append(message) and False,
    )
    before = _close_other_windows()
    with pytest.raises(AttuneError, match="in use by another program"):
        run_gui(Later(home, look), ["attune-desktop"])
    assert shown == [refusal]
    assert not any(w.objectName() == "mainWindow" for w in visible_windows())
    _delete_new_windows(before)


def test_a_window_closed_before_its_core_opened_still_takes_todays_backup(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN a home used before that owes today's backup, started from its first look
    WHEN the window is closed at once, before its core was opened
    THEN today's backup is taken all the same, never skipped."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    open_core(home, daily_backup_now=False).close()
    look = first_look(AppPaths(home).database)
    assert look is not None
    before = _close_other_windows()

    def _close_at_once() -> None:
        for window in set(QApplication.topLevelWidgets()) - before:
            window.close()

    QTimer.singleShot(0, _close_at_once)
    assert run_gui(Later(home, look), ["attune-desktop"]) == 0
    assert len(list_daily_backups(AppPaths(home).backups)) == 1
    _delete_new_windows(before)


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def _delete_new_windows(before: set[QWidget]) -> None:
    """Later tests look for "the" main window among the top-level ones: leave none behind."""
    for window in set(QApplication.topLevelWidgets()) - before:
        if window.objectName() == "mainWindow":
            window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
