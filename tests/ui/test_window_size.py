"""Switching screens never changes the size of the window a person chose."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from attune_desktop.ui.main_window import PAGES, MainWindow
from attune_desktop.ui.shell import UiContext


def test_visiting_every_screen_keeps_the_window_width(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN the window at the size a laptop's first start gives it
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    QApplication.processEvents()
    size = window.size()
    # WHEN the facilitator visits every screen, twice, and opens a session with its agenda
    for _ in range(2):
        for page in PAGES:
            window.show_page(page.key)
            QApplication.processEvents()
            assert window.size() == size, f"{page.key} resized the window to {window.size()}"
    series = context.core.series.list_series()[0]
    first_week = context.core.series.sessions_of(series.id or 0)[0]
    window.show_page("series")
    window.series_view.session_activated.emit(first_week.id)
    QApplication.processEvents()
    assert window.current_page() == "sessions"
    # THEN the window is exactly the size it had
    assert window.size() == size


def test_a_first_start_keeps_its_size_on_every_screen(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN a first start (no remembered geometry) WHEN every screen is visited
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    first = window.size()
    for page in PAGES:
        window.show_page(page.key)
        QApplication.processEvents()
    # THEN the window kept its first size: no screen forces it wider or taller
    assert window.size() == first
    assert first.width() >= 1200
