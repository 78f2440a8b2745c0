"""Another program locks the database mid-session: the presenter says so and the run goes on."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from attune_desktop.app import Core
from attune_desktop.core.services.runs import SAVE_RETRY_SECONDS
from attune_desktop.ui.run.chimes import ChimePlayer
from attune_desktop.ui.run.presenter import PresenterWindow
from attune_desktop.ui.shell import UiContext

EPOCH = 1_780_000_000.0


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def presenter(qtbot: QtBot, empty_context: UiContext) -> Iterator[PresenterWindow]:
    core: Core = empty_context.core
    # Each save waits 0.1 s for a lock instead of the app's 3 s, so the test stays quick.
    core.db.engine.dispose()

    @event.listens_for(core.db.engine, "connect")
    def _short_wait(dbapi_conn, _record) -> None:
        dbapi_conn.execute("PRAGMA busy_timeout=100")

    core.runs.clock, core.runs.wall_clock = Clock(100.0), Clock(EPOCH)
    session_id = core.sessions.create_session("Arriving").id or 0
    core.sessions.add_segment(session_id, title="Welcome", planned_minutes=10)
    core.sessions.add_segment(session_id, title="Talking together", planned_minutes=20)
    window = PresenterWindow(empty_context, core.runs.prepare(session_id), chimes=ChimePlayer())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts act only in the active run window
    yield window
    window.close()


def advance(window: PresenterWindow, seconds: float) -> None:
    runs = window._context.core.runs
    runs.clock.now += seconds  # type: ignore[attr-defined]
    runs.wall_clock.now += seconds  # type: ignore[attr-defined]


def saved_index(window: PresenterWindow) -> int:
    session = window._context.core.sessions.get_session(window.run.session_id)
    return int(json.loads(session.run_state or "{}")["index"])


def test_a_locked_file_is_shown_on_the_presenter_and_the_run_is_saved_once_free(
    qtbot: QtBot, presenter: PresenterWindow
) -> None:
    problem = presenter.findChild(QLabel, "runSaveProblem")
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert not problem.isVisible()
    other = sqlite3.connect(presenter._context.core.paths.database)
    try:
        # GIVEN another program holding the database locked
        other.execute("BEGIN EXCLUSIVE")
        # WHEN the facilitator moves to the next segment
        advance(presenter, 60)
        qtbot.keyClick(presenter, Qt.Key.Key_Right)
        # THEN the presenter shows the next segment and says plainly it is not saved yet
        assert presenter.title.text() == "Talking together"
        assert problem.isVisible()
        assert problem.text().startswith("Not saved just now: the data file is in use by another")
        assert "in use by another program" in problem.text()
        # AND the clock keeps going (no error box, the next tick is set)
        assert presenter._tick.isActive()
        advance(presenter, 1)
        presenter.tick()
        assert presenter.ring.text() == "19:59"
    finally:
        # WHEN the other program lets go
        other.rollback()
        other.close()
    assert saved_index(presenter) == 0
    advance(presenter, SAVE_RETRY_SECONDS)
    presenter.tick()
    # THEN the run is saved where it is now, and the message goes
    assert saved_index(presenter) == 1
    assert not problem.isVisible()
