"""Every screen fits a 1280×720 window: no control is cut off or needs a sideways scroll.

A 13-inch laptop gives the app about 1280×720. The test shows every screen of the main window
and the presenter at that size and fails naming each visible control that lies, even in
part, outside what the window shows (the pages scroll, so a control past the visible part of
the page counts as cut off: a person would not know it is there).
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QScrollArea,
    QScrollBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from attune_desktop.ui.main_window import PAGES, MainWindow
from attune_desktop.ui.shell import UiContext
from tests.ui.controls import CONTROLS

SIZE = (1280, 720)


def _inside_another(widget: QWidget, top: QWidget) -> bool:
    """A control inside a scrolling control (a table's cell editor, a list's own scroll bar)
    is that control's business, not the window's."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractItemView | QTextEdit | QPlainTextEdit | QComboBox):
            return True
        if isinstance(parent, QAbstractSpinBox):
            return True
        if isinstance(parent, QScrollArea) and parent.objectName() != "pageArea":
            return True  # a scroll area inside a page scrolls on purpose
        parent = parent.parentWidget()
    return False


def cut_off(top: QWidget) -> list[str]:
    """The visible controls of `top` not wholly inside the part of `top` a person sees."""
    area = top.findChild(QScrollArea, "pageArea")
    shown = QRect(0, 0, top.width(), top.height())
    if area is not None:  # what the page area shows, in the window's coordinates
        viewport = area.viewport()
        shown = shown.intersected(
            QRect(viewport.mapTo(top, viewport.rect().topLeft()), viewport.size())
        ).united(QRect(0, 0, area.mapTo(top, area.rect().topLeft()).x(), top.height()))
    found = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible():
            continue
        if _inside_another(widget, top):
            continue
        rect = QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())
        if not shown.contains(rect):
            name = widget.objectName() or type(widget).__name__
            found.append(f"{name} at {rect.x()},{rect.y()} {rect.width()}×{rect.height()}")
    return found


def test_every_screen_fits_1280_by_720(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN the main window at 1280×720 with the starter content
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    problems = []
    for page in PAGES:
        # WHEN each screen is shown
        window.show_page(page.key)
        QApplication.processEvents()
        assert window.size().width() == SIZE[0], "the window grew"
        # THEN every control on it is in view
        problems += [f"{page.label}: {c}" for c in cut_off(window)]
    assert problems == [], f"{len(problems)} controls cut off:\n  " + "\n  ".join(problems)


def test_the_presenter_fits_1280_by_720(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN a session running, its presenter at 1280×720
    core = context.core
    session = core.sessions.create_session("Fits")
    for kind in ("welcome", "practice", "closing"):
        core.sessions.add_segment(session.id or 0, kind=kind)
    window = MainWindow(context)
    qtbot.addWidget(window)
    presenter = window.run_launcher.run_session(session.id)
    assert presenter is not None
    try:
        presenter.resize(*SIZE)
        presenter.controls.actions_by_key["start"].trigger()
        QApplication.processEvents()
        # THEN every control is in view, and the window did not have to grow
        assert presenter.width() == SIZE[0] and presenter.height() == SIZE[1]
        assert cut_off(presenter) == []
    finally:
        presenter.close()
