"""An empty home: each screen says what to do next instead of showing blank boxes."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QToolButton
from pytestqt.qtbot import QtBot

from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext


def test_an_empty_home_guides_the_facilitator_on_each_screen(
    qtbot: QtBot, empty_context: UiContext
) -> None:
    # GIVEN a home without the starter content
    window = MainWindow(empty_context)
    qtbot.addWidget(window)
    window.show()
    # WHEN the facilitator looks at Sessions
    window.show_page("sessions")
    hint = window.findChild(QLabel, "agendaHint")
    # THEN it says how to make a session
    assert hint.isVisible()
    assert "New (Ctrl+Shift+N)" in hint.text()
    # AND the disabled date shows today, not Qt's placeholder of 1 January 2000
    assert window.findChild(QDateEdit, "sessionDate").date() == QDate.currentDate()
    # AND adding, printing and running wait for a session
    for name in ("addSegment", "printAgenda", "runSession"):
        assert not window.findChild(QToolButton, name).isEnabled(), name
    # AND Practices says how to fill the library
    window.show_page("practices")
    empty = window.findChild(QLabel, "practicesEmpty")
    assert empty.isVisible()
    assert "attune-desktop demo" in empty.text()
    # AND Check-ins says where sessions come from
    window.show_page("checkins")
    picker = window.findChild(QComboBox, "sessionPicker")
    assert picker.currentIndex() == -1
    assert "No sessions yet" in picker.placeholderText()


def test_a_session_with_no_segments_says_how_to_add_one(
    qtbot: QtBot, empty_context: UiContext
) -> None:
    # GIVEN a new session with an empty agenda
    session = empty_context.core.sessions.create_session("First meeting")
    window = MainWindow(empty_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("sessions")
    window.sessions_view.select_session(session.id or 0)
    hint = window.findChild(QLabel, "agendaHint")
    # THEN the hint says how to add a segment
    assert hint.isVisible()
    assert "Add a segment" in hint.text()
    assert window.findChild(QToolButton, "addSegment").isEnabled()
    # WHEN a segment is added THEN the hint goes away
    window.sessions_view.add_segment("welcome")
    assert not hint.isVisible()
