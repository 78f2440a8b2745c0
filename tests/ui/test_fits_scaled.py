"""At 150 % and 200 % scaling every screen is usable: it scrolls down, never sideways, and the
focus never lands on a control out of view.

Qt lays out in logical pixels: a 1920×1080 screen at 150 % gives the window 1280×720 of them
(tests/ui/test_fits_1280.py), at 200 % 960×540. At 960×540 the side-by-side panes of Sessions,
Check-ins and Routines stack and the page scrolls down; the test fails when the window has to
grow, when a page needs a sideways scroll or has a control past its right edge, or when Tab
lands on a control a person cannot see. Every dialog and the presenter fit whole.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop.ui.main_window import PAGES, MainWindow
from attune_desktop.ui.shell import UiContext
from tests.ui.controls import CONTROLS
from tests.ui.surfaces import build_dialogs, run_a_session
from tests.ui.test_fits_1280 import _inside_another, cut_off

SIZES = {"150 %": (1280, 720), "200 %": (960, 540)}


def _shown(window: MainWindow) -> QRect:
    """What the page area shows, in the window's coordinates."""
    viewport = window.findChild(QScrollArea, "pageArea").viewport()
    return QRect(viewport.mapTo(window, viewport.rect().topLeft()), viewport.size())


def _in_view(widget: QWidget, window: MainWindow) -> bool:
    """Wholly in view, or (a list taller than the view) in view across and from its top."""
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    seen = _shown(window).intersected(rect)
    if seen.width() != rect.width():
        return False
    return seen.height() >= min(rect.height(), _shown(window).height()) - 1 and (
        seen.top() == rect.top()
    )


def _sideways(window: MainWindow) -> list[str]:
    """A sideways scroll, a control past the page's right edge (below is a scroll away), or
    one squeezed below its least height (its words cut)."""
    area = window.findChild(QScrollArea, "pageArea")
    found = []
    if area.horizontalScrollBar().maximum() > 0:
        found.append(f"a sideways scroll of {area.horizontalScrollBar().maximum()} px")
    shown = _shown(window)
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible():
            continue
        if _inside_another(widget, window) or not area.isAncestorOf(widget):
            continue
        name = widget.objectName() or type(widget).__name__
        left = widget.mapTo(window, widget.rect().topLeft()).x()
        if left < shown.left() or left + widget.width() > shown.right() + 1:
            found.append(f"{name} past the edge")
        scrolls = isinstance(widget, QAbstractScrollArea)  # a shorter list or text scrolls
        if not scrolls and widget.height() < _least_height(widget):
            found.append(f"{name} squeezed to {widget.height()} px (needs {_least_height(widget)})")
    return found


def _least_height(widget: QWidget) -> int:
    return max(widget.minimumSizeHint().height(), widget.minimumHeight())


@pytest.mark.parametrize("scale", list(SIZES))
def test_every_screen_scrolls_down_never_sideways_and_tab_stays_in_view(
    qtbot: QtBot, context: UiContext, scale: str
) -> None:
    # GIVEN the main window at the logical size a 1920×1080 screen gives at this scaling
    size = SIZES[scale]
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    problems: list[str] = []
    for page in PAGES:
        # WHEN each screen is shown and walked with Tab
        window.show_page(page.key)
        QApplication.processEvents()
        assert window.size().toTuple() == size, f"{page.label}: the window grew"
        problems += [f"{page.label}: {p}" for p in _sideways(window)]
        window.sidebar.setFocus()
        for _ in range(80):
            QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
            QApplication.processEvents()
            focused = QApplication.focusWidget()
            if focused is None or focused is window.sidebar:
                continue
            if window.page(page.key).isAncestorOf(focused) and not _in_view(focused, window):
                rect = QRect(focused.mapTo(window, focused.rect().topLeft()), focused.size())
                problems.append(
                    f"{page.label}: Tab landed on {focused.objectName()} out of view: "
                    f"{rect} in {_shown(window)}"
                )
    # THEN nothing needs a sideways scroll and every control Tab reaches is in view
    assert problems == [], f"{scale}: {len(problems)} problems:\n  " + "\n  ".join(problems)


def test_every_dialog_and_the_presenter_fit_at_200_percent(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN every dialog, and a running presenter, at 200 % scaling on 1920×1080
    width, height = SIZES["200 %"]
    window = MainWindow(context)
    qtbot.addWidget(window)
    too_big = []
    for dialog in build_dialogs(context, window):
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if least.width() > width or least.height() > height:
            too_big.append(f"{dialog.windowTitle()}: {least.width()}×{least.height()}")
        dialog.deleteLater()
    presenter = run_a_session(context, window)
    try:
        presenter.resize(width, height)
        presenter.controls.actions_by_key["start"].trigger()
        QApplication.processEvents()
        # THEN each dialog fits whole, and the presenter keeps its size with nothing cut off
        assert too_big == []
        assert presenter.size().toTuple() == (width, height)
        assert cut_off(presenter) == []
    finally:
        presenter.close()
