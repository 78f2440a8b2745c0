"""Every screen, dialog and the kiosk can be walked with Tab: each control is reached, and no
field keeps the Tab.

A facilitator who cannot use a mouse presses Tab from the screen list (or from where a dialog
puts the focus); the focus must reach every enabled control (buttons that format text in the
notes field have their own keys there: Ctrl+B, Ctrl+I) and come back round, never stuck in a
text field that takes Tab as a character.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QRadioButton,
    QScrollBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from attune_desktop import ui
from attune_desktop.ui.checkins.kiosk import KioskWindow
from attune_desktop.ui.main_window import PAGES, MainWindow
from attune_desktop.ui.shell import UiContext
from tests.ui.controls import CONTROLS
from tests.ui.surfaces import build_dialogs

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
        if _arrowed(widget):
            continue
        found.add(_name(widget))
    return found


def _arrowed(widget: QWidget) -> bool:
    """An unticked radio button among tied ones: Tab stops on the ticked one of the set, and
    the arrow keys move between them (as every toolkit does)."""
    if not isinstance(widget, QRadioButton) or widget.isChecked() or not widget.autoExclusive():
        return False
    parent = widget.parentWidget()
    siblings = parent.findChildren(QRadioButton) if parent is not None else []
    return any(s.isChecked() and s.isVisible() for s in siblings)


def _name(widget: QWidget | None) -> str:
    if widget is None:
        return ""
    return widget.objectName() or f"unnamed {type(widget).__name__}"


def tab_walk(top: QWidget, presses: int) -> set[str]:
    """The controls the focus lands on while Tab is pressed `presses` times in `top`."""
    reached: set[str] = set()
    for _ in range(presses):
        QTest.keyClick(QApplication.focusWidget() or top, Qt.Key.Key_Tab)
        reached.add(_name(QApplication.focusWidget()))
    return reached


def walk_window(qtbot: QtBot, top: QWidget) -> list[str]:
    """Show `top` as its own window, Tab round it, and name the controls never reached."""
    top.show()
    with qtbot.waitActive(top):
        top.activateWindow()
    if QApplication.focusWidget() is None:
        top.focusNextChild()
    wanted = _reachable(top)
    assert wanted, f"{top.windowTitle()}: no controls found"
    reached = tab_walk(top, 3 * len(wanted) + 10)
    top.close()
    return sorted(wanted - reached)


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
        reached = tab_walk(window, 3 * len(wanted) + 10)
        # THEN every control of the screen was reached (no field kept the Tab)
        assert len(wanted) >= 2, f"{page.label}: too few controls found: {wanted}"
        missed += [f"{page.label}: {name}" for name in sorted(wanted - reached)]
    assert missed == [], f"{len(missed)} controls Tab never reached:\n  " + "\n  ".join(missed)


def test_tab_reaches_every_control_of_every_dialog(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN every dialog the app has, each shown on its own as the app opens it
    window = MainWindow(context)
    qtbot.addWidget(window)
    missed: list[str] = []
    for dialog in build_dialogs(context, window):
        # WHEN Tab is pressed round it
        missed += [f"{dialog.windowTitle()}: {name}" for name in walk_window(qtbot, dialog)]
        dialog.deleteLater()
    # THEN every control in each was reached
    assert missed == [], f"{len(missed)} controls Tab never reached:\n  " + "\n  ".join(missed)


def test_every_dialog_class_is_walked(context: UiContext, qtbot: QtBot) -> None:
    # GIVEN every QDialog subclass the app defines
    for module in pkgutil.walk_packages(ui.__path__, "attune_desktop.ui."):
        importlib.import_module(module.name)
    ours = {c for c in _subclasses(QDialog) if c.__module__.startswith("attune_desktop.")}
    # WHEN the dialogs the walks build are listed
    window = MainWindow(context)
    qtbot.addWidget(window)
    built = build_dialogs(context, window)
    walked = {type(d) for d in built}
    for dialog in built:
        dialog.deleteLater()
    # THEN none is left out
    assert sorted(c.__name__ for c in ours - walked) == []


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_tab_reaches_every_control_of_the_kiosk(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN an open round on the kiosk
    core = context.core
    session = core.sessions.create_session("Kiosk", date=dt.date.today())
    round_id = core.checkins.open_round(session.id or 0, "opening", "weather").id or 0
    kiosk = KioskWindow(core.checkins, round_id)
    qtbot.addWidget(kiosk)
    # WHEN Tab is pressed round it
    missed = walk_window(qtbot, kiosk)
    # THEN every answer (and the way out) was reached
    assert missed == []


def test_a_kiosk_answer_by_keyboard_leaves_no_mark_for_the_next_person(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN an open round on the kiosk, answered from the keyboard: Tab, Tab, Space
    core = context.core
    session = core.sessions.create_session("Kiosk", date=dt.date.today())
    round_id = core.checkins.open_round(session.id or 0, "opening", "weather").id or 0
    kiosk = KioskWindow(core.checkins, round_id, thanks_ms=10)
    qtbot.addWidget(kiosk)
    kiosk.show()
    with qtbot.waitActive(kiosk):
        kiosk.activateWindow()
    kiosk.focusNextChild()
    QTest.keyClick(QApplication.focusWidget() or kiosk, Qt.Key.Key_Tab)
    chosen = QApplication.focusWidget()
    assert chosen in kiosk.buttons.values()
    QTest.keyClick(chosen, Qt.Key.Key_Space)
    # WHEN the thanks have gone and the next person comes
    qtbot.waitUntil(lambda: kiosk.pages.currentIndex() == 0)
    # THEN the answer was counted, and no answer holds the focus ring
    assert sum(core.checkins.counts_of(round_id).values()) == 1
    assert QApplication.focusWidget() not in kiosk.buttons.values()
    kiosk.leave()
