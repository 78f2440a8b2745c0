"""Fidelity as a by-product: a run records what was delivered, and the facilitator ticks a
short checklist at the end of the run, or later from the Run menu on the Sessions screen."""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.run.fidelity_checklist import ChecklistDialog
from attune_desktop.ui.run.launcher import RunLauncher
from attune_desktop.ui.shell import UiContext
from tests.clocks import Clocks


def _session(core: Core) -> int:
    """Week 1 (today): welcome, a practice, a talk, a closing."""
    series = core.series.create_series("Spring circle", first_date=dt.date.today())
    sid = core.sessions.list_sessions(series_id=series.id)[0].id or 0
    practice = core.practices.create_practice("Slow breathing", kind="breathing")
    core.sessions.add_segment(sid, kind="welcome", title="Welcome", planned_minutes=10)
    core.sessions.add_practice_segment(sid, practice.id or 0)
    core.sessions.add_segment(sid, kind="discussion", title="Talking", planned_minutes=20)
    core.sessions.add_segment(sid, kind="closing", title="Closing", planned_minutes=10)
    return sid


def test_the_checklist_is_ticked_at_the_end_of_a_run_and_changed_later(
    qtbot: QtBot, empty_context: UiContext
) -> None:
    """GIVEN a four-segment session with one practice
    WHEN it runs: welcome, the practice skipped, the talk, then End (the closing never reached)
    THEN the run's end shows the checklist; answering two items yes saves them as session
    facts, with 2 of 4 segments and 0 of 1 practices delivered
    AND later, from the Sessions screen's Run menu, an answer can be changed to no, and
    taken back to not answered."""
    core = empty_context.core
    clocks = Clocks(time.time())
    core.runs.clock, core.runs.wall_clock = clocks.mono, clocks.wall
    sid = _session(core)
    host = MainWindow(empty_context)
    qtbot.addWidget(host)
    launcher = RunLauncher(empty_context, host)
    presenter = launcher.run_session(sid)
    assert presenter is not None
    checklist = presenter.end_panel.checklist
    assert not checklist.isVisibleTo(presenter)
    presenter.run.start()
    clocks.advance(600)
    presenter.run.next()
    presenter.run.skip()
    clocks.advance(1200)
    presenter.run.end()
    presenter.tick()
    assert checklist.isVisibleTo(presenter)
    assert all(checklist.answer(name) is None for name in checklist.answers)
    for name in ("agenda_shared", "every_parent_had_a_turn"):
        qtbot.mouseClick(checklist.answers[name][True], Qt.MouseButton.LeftButton)
    facts = core.fidelity.get(sid)
    assert (facts.agenda_shared, facts.every_parent_had_a_turn) == (True, True)
    assert facts.home_practice_reviewed is None
    assert (facts.segments_delivered, facts.segments_planned) == (2, 4)
    assert (facts.practices_delivered, facts.practices_planned) == (0, 1)
    assert facts.start_offset_minutes is not None
    presenter.close()

    host.show()
    host.show_page("sessions")
    host.sessions_view.select_session(sid)
    action = host.findChild(QAction, "fidelityChecklistAction")
    action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "checklistDialog")
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    radios = {b.objectName(): b for b in dialog.findChildren(QRadioButton)}
    assert radios["checklist_agenda_shared_yes"].isChecked()
    assert radios["checklist_home_practice_reviewed_unanswered"].isChecked()
    qtbot.mouseClick(radios["checklist_agenda_shared_no"], Qt.MouseButton.LeftButton)
    assert core.fidelity.get(sid).agenda_shared is False
    qtbot.mouseClick(radios["checklist_agenda_shared_unanswered"], Qt.MouseButton.LeftButton)
    assert core.fidelity.get(sid).agenda_shared is None
    dialog.close()


def test_each_item_is_answered_and_taken_back_by_keyboard(
    qtbot: QtBot, empty_context: UiContext
) -> None:
    """GIVEN the checklist dialog of a session, its first item answered yes
    WHEN the facilitator, by keyboard only, Tabs to that item and presses the arrow keys
    THEN each arrow chooses the next answer and saves it: no, then not answered (None), which
    the organisation's report then leaves out; every answer has a name that says its item"""
    core = empty_context.core
    sid = _session(core)
    core.fidelity.set_checklist(sid, agenda_shared=True)
    dialog = ChecklistDialog(core.fidelity, sid, "Week 1", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # arrow keys choose in the window with the focus
    close = dialog.findChild(QPushButton)
    assert close is not None
    close.setFocus()  # the keyboard starts on Close and goes round
    yes = dialog.checklist.answers["agenda_shared"][True]
    assert yes.accessibleName() == "Agenda shared with the group: Yes"
    for _step in range(12):
        if dialog.focusWidget() is yes:
            break
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is yes

    qtbot.keyClick(yes, Qt.Key.Key_Right)
    assert core.fidelity.get(sid).agenda_shared is False
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Right)

    assert core.fidelity.get(sid).agenda_shared is None
    assert dialog.checklist.answer("agenda_shared") is None
    assert dialog.focusWidget() is dialog.checklist.answers["agenda_shared"][None]
