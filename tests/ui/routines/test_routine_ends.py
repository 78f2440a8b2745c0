"""Moving the first routine up, or the last step down, says why nothing moved."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from attune_desktop.ui.routines.routines_view import RoutinesView
from attune_desktop.ui.shell import UiContext


def test_a_move_past_either_end_is_answered_not_ignored(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN a family's routines, the first one chosen, and its first step chosen
    view = RoutinesView(context)
    qtbot.addWidget(view)
    view.resize(1300, 720)
    view.show()
    message = view.findChild(QLabel, "routinesMessage")
    view.routines.table.selectRow(0)
    # WHEN the facilitator presses Ctrl+Up on the first routine
    view.routines.table.findChild(QAction, "routineUp").trigger()
    # THEN nothing moves, and the screen says why
    assert view.controller.undo.count() == 0
    assert "already first" in message.text()
    # AND the same for the last step moved down
    steps = view.steps.model.rowCount()
    view.steps.table.selectRow(steps - 1)
    view.steps.move_selected(1)
    assert view.controller.undo.count() == 0
    assert "already last" in message.text()
