"""Every screen can be walked with Tab: each control is reached, and no field keeps the Tab.

A facilitator who cannot use a mouse presses Tab from the screen list; the focus must reach
every enabled control of the screen (buttons that format text in the notes field have their
own keys there: Ctrl+B, Ctrl+I) and come back round, never stuck in a text field that takes
Tab as a character.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from attune_desktop.ui.main_window import PAGES, MainWindow
from attune_desktop.ui.shell import UiContext
from tests.ui.controls import CONTROLS

OWN_KEYS = {"boldButton", "italicButton", "bulletButton"}  # formatting: keys in the notes field


def _reachable(page: QWidget) -> set[str]:
    found = set()
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QScrollBar):
            continue
        if not (widget.isVisible() and widget.isEnabled()) or widget.objectName() in OWN_KEYS:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView):
            continue
        found.add(widget.objectName() or f"unnamed {type(widget).__name__}")
    return found


def test_tab_reaches_every_control_of_every_screen(qtbot: QtBot, context: UiContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    missed: list[str] = []
    for page in PAGES:
        # GIVEN a screen, the focus on the screen list
        window.show_page(page.key)
        window.sidebar.setFocus()
        QApplication.processEvents()
        wanted = _reachable(window.page(page.key))
        # WHEN Tab is pressed again and again
        reached: set[str] = set()
        for _ in range(3 * len(wanted) + 10):
            focused = QApplication.focusWidget() or window
            QTest.keyClick(focused, Qt.Key.Key_Tab)
            now = QApplication.focusWidget()
            if now is not None:
                reached.add(now.objectName() or f"unnamed {type(now).__name__}")
        # THEN every control of the screen was reached (no field kept the Tab)
        assert len(wanted) >= 2, f"{page.label}: too few controls found: {wanted}"
        missed += [f"{page.label}: {name}" for name in sorted(wanted - reached)]
    assert missed == [], f"{len(missed)} controls Tab never reached:\n  " + "\n  ".join(missed)
