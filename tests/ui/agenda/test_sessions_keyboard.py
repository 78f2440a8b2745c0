"""A keyboard-only walk of the Sessions screen: Tab reaches every control, and nothing traps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext


def _tab_stops(page: QWidget) -> set[QWidget]:
    """Every control on the page a person can reach with Tab (shown, enabled, takes Tab)."""
    return {
        w
        for w in page.findChildren(QWidget)
        if w.isVisibleTo(page)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    }


def _walk(qtbot: QtBot, start: QWidget, key: Qt.Key, limit: int = 120) -> list[QWidget]:
    """Press Tab (or Shift+Tab) until the focus comes back to where it began."""
    modifier = (
        Qt.KeyboardModifier.ShiftModifier
        if key == Qt.Key.Key_Backtab
        else Qt.KeyboardModifier.NoModifier
    )
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited: list[QWidget] = [start]
    for _ in range(limit):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, key, modifier)
        now = QApplication.focusWidget()
        assert now is not None
        if now is start:
            return visited
        visited.append(now)
    raise AssertionError(
        "Tab never came back: trapped near "
        + ", ".join(w.objectName() or type(w).__name__ for w in visited[-6:])
    )


def test_tab_walks_the_whole_sessions_screen_and_comes_back(
    qtbot: QtBot, empty_context: UiContext
) -> None:
    # GIVEN the Sessions screen with a session and a few segments, the first one chosen
    window = MainWindow(empty_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("sessions")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.sessions_view
    view.new_session()
    for kind in ("welcome", "practice", "closing"):
        view.add_segment(kind)
    view.table.selectRow(0)
    page_stops = _tab_stops(view)
    # WHEN the facilitator presses Tab from the sidebar until it comes round again
    forward = _walk(qtbot, window.sidebar, Qt.Key.Key_Tab)
    # THEN every control of the screen was reached, in reading order, and none twice
    missing = page_stops - set(forward)
    assert not missing, sorted(w.objectName() or type(w).__name__ for w in missing)
    # (a time field's Tab first moves from its hours to its minutes: one stop, two presses)
    stops = [w for i, w in enumerate(forward) if i == 0 or forward[i - 1] is not w]
    assert len(stops) == len(set(stops)), [w.objectName() for w in stops]
    names = [w.objectName() for w in stops]
    assert all(names), "every control has a name a test and a screen reader can find"
    order = [
        "sessionListFilter",
        "builderSessionsTable",
        "sessionTitle",
        "addSegment",
        "agendaTable",
        "sessionPrepNotes",
        "segmentKind",
        "segmentTitle",
        "segmentMinutes",
        "segmentFixed",
        "segmentNotes",
        "segmentShareScript",
        "segmentMaterials",
    ]
    assert [n for n in names if n in order] == order
    # AND Shift+Tab walks the same circle backwards
    backward = _walk(qtbot, window.sidebar, Qt.Key.Key_Backtab)
    assert set(backward) == set(forward)
