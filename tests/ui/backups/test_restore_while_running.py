"""File ▸ Restore from backup… while a session runs in the presenter: refused, the run goes on.

A live run saves into its session by id at every step; restoring under it would let the next
save land on whatever session the backup has under that id. So the restore waits until the run
is ended or its window closed (which keeps it saved, to resume).
"""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from attune_desktop.core.models import SessionStatus
from attune_desktop.core.timer import TimerState
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.run.presenter import PresenterWindow
from attune_desktop.ui.shell import UiContext


def running(qtbot: QtBot, context: UiContext) -> tuple[MainWindow, PresenterWindow, int]:
    """The app with a backup taken, then the sample series' next week started in the presenter."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    context.core.backups.back_up_now()
    session_id = next(
        s.id or 0
        for s in context.core.sessions.list_sessions()
        if s.status == SessionStatus.PLANNED and s.series_id is not None
    )
    # held today: a day still to come runs only as a rehearsal, which never blocks a restore
    context.core.sessions.update_session(session_id, date=dt.date.today())
    presenter = window.run_launcher.run_session(session_id)
    assert presenter is not None
    qtbot.addWidget(presenter)
    presenter.activateWindow()
    qtbot.waitUntil(presenter.isActiveWindow)  # shortcuts act only in the active run window
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert presenter.run.state is TimerState.RUNNING
    return window, presenter, session_id


def restore_action(window: MainWindow) -> QAction:
    return window.findChild(QAction, "restoreAction")


def test_restore_is_refused_while_a_session_runs_and_the_run_goes_on(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN a session running in the presenter
    window, presenter, session_id = running(qtbot, context)
    before = context.core.backups.list_backups()

    # WHEN File ▸ Restore from backup… is chosen
    restore_action(window).trigger()

    # THEN a clear message says what to do, and no restore dialog opens
    message = window.backup_actions.message
    assert message is not None and message.isVisible()
    assert message.windowTitle() == "Not now"
    assert "is running. End the running session or close its window first" in message.text()
    assert window.backup_actions.dialog is None
    # AND nothing was touched: no safety copy, and the run keeps saving as it goes
    assert context.core.backups.list_backups() == before
    presenter.activateWindow()
    qtbot.waitUntil(presenter.isActiveWindow)
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    saved = json.loads(context.core.sessions.get_session(session_id).run_state or "{}")
    assert saved["index"] == 1
    assert context.core.sessions.get_session(session_id).status == SessionStatus.RUNNING


def test_after_closing_the_presenter_the_restore_goes_ahead(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN a running session whose presenter the facilitator then closes
    window, presenter, session_id = running(qtbot, context)
    presenter.close()

    # WHEN File ▸ Restore from backup… is chosen and the newest backup restored
    restore_action(window).trigger()
    dialog = window.backup_actions.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.findChild(QPushButton, "restoreButton").click()
    with qtbot.waitSignal(dialog.restored):
        dialog.confirm_box.findChild(QPushButton, "confirmRestoreButton").click()

    # THEN the data is the backup's (taken before the run began)
    assert context.core.sessions.get_session(session_id).status == SessionStatus.PLANNED
    assert context.core.runs.interrupted() is None


def test_a_run_started_while_the_restore_dialog_is_open_still_stops_the_restore(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN the restore dialog open on a backup, with no run yet
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    context.core.backups.back_up_now()
    restore_action(window).trigger()
    dialog = window.backup_actions.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.findChild(QPushButton, "restoreButton").click()
    # AND meanwhile a session starts running (a resumed run, the F5 key of another window)
    session_id = next(
        s.id or 0
        for s in context.core.sessions.list_sessions()
        if s.status == SessionStatus.PLANNED and s.series_id is not None
    )
    context.core.sessions.update_session(session_id, date=dt.date.today())
    context.core.runs.prepare(session_id).start()

    # WHEN the restore is confirmed
    dialog.confirm_box.findChild(QPushButton, "confirmRestoreButton").click()

    # THEN it is refused with the same message, and the run's session is as it was
    problem = dialog.findChild(QMessageBox, "restoreProblem")
    assert problem is not None and "End the running session" in problem.text()
    assert context.core.sessions.get_session(session_id).status == SessionStatus.RUNNING
