"""Every control a screen reader lands on says what it is.

GIVEN the starter content, the test opens every screen of the main window, the dialogs (built,
not run), a running presenter with its projector, and the kiosk; it asks Qt's accessibility
interface (what AT-SPI hands Orca) for the name of every interactive control and fails naming
each one without a name. A name that is only the control's current value (a combo box read by
its current text, a spin box by its number) is no name: the person hears "3" and not what it
counts.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QScrollBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from attune_desktop.ui.checkins.kiosk import KioskWindow
from attune_desktop.ui.main_window import PAGES, MainWindow
from attune_desktop.ui.shell import UiContext
from tests.ui.controls import CONTROLS
from tests.ui.surfaces import build_dialogs


def _value_of(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return ""


def _inner(widget: QWidget) -> bool:
    """Parts of another control (a combo's or spin box's own line edit, a view's scroll bars,
    a table's corner button): the reader meets their owner, not them."""
    if isinstance(widget, QScrollBar):
        return True  # a scroll area's bars: the reader scrolls the area itself
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _where(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    parent = widget.parentWidget()
    while parent is not None and not parent.objectName():
        parent = parent.parentWidget()
    inside = parent.objectName() if parent is not None else "?"
    return f"{name} ({type(widget).__name__} in {inside})"


def accessible_name(widget: QWidget) -> str:
    """The name a reader speaks: the control's own name, unless that is only its value (on
    Linux Qt names a combo box by its current text), else the label linked to it (AT-SPI's
    labelled-by, which Orca reads for a combo box)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None or not interface.isValid():
        return ""
    name = interface.text(QAccessible.Text.Name).strip()
    value = _value_of(widget).strip()
    if name and name != value:
        return name
    for other, relation in interface.relations():
        if relation & QAccessible.RelationFlag.Label:
            label = other.text(QAccessible.Text.Name).strip()
            if label:
                return label
    return ""


def unnamed_controls(top: QWidget, *, hidden_too: bool = False) -> list[str]:
    """The interactive controls shown in `top` (as far as `top` decides; with `hidden_too`,
    also those it shows only in some states, which AT-SPI lists all the same) that have no
    name."""
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or _inner(widget):
            continue
        if not hidden_too and not widget.isVisibleTo(top):
            continue
        if not accessible_name(widget):
            missing.append(_where(widget))
    return missing


def test_every_control_on_every_screen_has_a_name(main_window: MainWindow) -> None:
    # GIVEN the main window with the starter content
    missing: list[str] = []
    for page in PAGES:
        # WHEN each screen is shown, with its first item chosen as on a first start
        main_window.show_page(page.key)
        page_widget = main_window.page(page.key)
        missing += [f"{page.label}: {m}" for m in unnamed_controls(page_widget, hidden_too=True)]
    # THEN every button, field, box, list and table on it has a name a screen reader reads
    assert missing == [], f"{len(missing)} unnamed controls:\n  " + "\n  ".join(missing)


def test_every_control_in_the_dialogs_has_a_name(
    qtbot: QtBot, context: UiContext, main_window: MainWindow
) -> None:
    # GIVEN every dialog the app has, built as the app builds them (not run)
    dialogs = build_dialogs(context, main_window)
    # WHEN a screen reader walks each one
    missing = [f"{d.windowTitle()}: {m}" for d in dialogs for m in unnamed_controls(d)]
    for dialog in dialogs:
        dialog.deleteLater()
    # THEN every control in them has a name
    assert missing == [], f"{len(missing)} unnamed controls:\n  " + "\n  ".join(missing)


def test_every_control_of_the_run_and_the_kiosk_has_a_name(
    qtbot: QtBot, context: UiContext, main_window: MainWindow
) -> None:
    # GIVEN a session running, with its presenter and projector open, and a kiosk
    core = context.core
    session = core.sessions.create_session("Names", date=dt.date.today())
    for kind in ("welcome", "practice", "closing"):
        core.sessions.add_segment(session.id or 0, kind=kind)
    presenter = main_window.run_launcher.run_session(session.id)
    assert presenter is not None
    presenter.show_projector()
    round_id = core.checkins.open_round(session.id or 0, "opening", "weather").id or 0
    kiosk = KioskWindow(core.checkins, round_id)
    qtbot.addWidget(kiosk)
    kiosk.show()
    try:
        # WHEN a screen reader walks them
        missing = [
            f"{w.objectName() or type(w).__name__}: {m}"
            for w in (presenter, presenter.projector, kiosk)
            for m in unnamed_controls(w)
        ]
    finally:
        presenter.close()
        kiosk.close()
    # THEN every control in them has a name
    assert missing == [], f"{len(missing)} unnamed controls:\n  " + "\n  ".join(missing)
