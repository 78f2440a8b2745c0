"""The main window a facilitator sees on a fresh install."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QTextBrowser
from pytestqt.qtbot import QtBot

from attune_desktop import __version__
from attune_desktop.app import open_core
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext


def table_texts(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_fresh_home_opens_on_the_sample_series_and_practice_library(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN a first start in an empty home
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    # THEN the sample series is listed with its six weeks
    series = window.findChild(QTableView, "seriesTable")
    assert "Attunement basics" in table_texts(series, 0)
    weeks = window.findChild(QTableView, "seriesSessionsTable")
    assert weeks.model().rowCount() == 6
    # AND the practice library holds the starter practices with scripts
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "practices"
    practices = window.findChild(QTableView, "practicesTable")
    names = table_texts(practices, 0)
    assert len(names) >= 12
    assert any("Box" in name for name in names)
    details = window.findChild(QTextBrowser, "practiceDetails")
    assert "Script" in details.toPlainText()


def test_every_screen_is_reachable_from_the_sidebar_by_keyboard(
    qtbot: QtBot, context: UiContext
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.sidebar.setFocus()
    seen = [window.current_page()]
    for _ in range(4):
        qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
        seen.append(window.current_page())
    assert seen == ["series", "sessions", "practices", "checkins", "routines"]
    assert window.stack.currentWidget().objectName() == "routinesView"


def test_a_screen_is_built_when_first_opened_and_shows_what_changed_before(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN the window opened on Series: the other screens are not built yet (a fast start)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert window.current_page() == "series"
    assert window.findChild(QTableView, "familiesTable") is None
    # WHEN a family is added before Routines was ever opened, and then Routines is opened
    context.core.families.create_family("The Okafors")
    window.show_page("routines")
    # THEN the Routines screen is there, in its place, listing the new family
    assert window.stack.currentWidget().objectName() == "routinesView"
    families = window.findChild(QTableView, "familiesTable")
    assert "The Okafors" in table_texts(families, 0)
    # AND opening it again shows the same screen, not a second one
    window.show_page("series")
    window.show_page("routines")
    assert len(window.findChildren(QTableView, "familiesTable")) == 1


def test_window_size_and_last_screen_are_remembered(qtbot: QtBot, home: Path) -> None:
    first = open_core(home)
    window = MainWindow(UiContext.create(first))
    qtbot.addWidget(window)
    window.show()
    window.resize(800, 560)  # within the offscreen screen, so nothing clamps it
    saved = window.size()
    window.show_page("routines")
    window.close()
    first.close()

    again = open_core(home)
    try:
        reopened = MainWindow(UiContext.create(again))
        qtbot.addWidget(reopened)
        assert reopened.current_page() == "routines"
        assert reopened.height() == saved.height()
        screen = reopened.screen().availableGeometry()
        assert screen.width() - 10 <= reopened.width() <= screen.width()  # clamped to fit
    finally:
        again.close()


def test_about_names_the_version_and_the_bundled_licences(qtbot: QtBot, context: UiContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.findChild(type(window.menuBar().actions()[0]), "aboutAction").trigger()
    text = window.findChild(QTextBrowser, "aboutText").toPlainText()
    assert f"Attune Desktop {__version__}" in text
    assert "CC BY 4.0" in text  # the starter content's licence


def test_undo_and_redo_are_wired_to_the_undo_stack(qtbot: QtBot, context: UiContext) -> None:
    from PySide6.QtGui import QAction, QUndoCommand

    window = MainWindow(context)
    qtbot.addWidget(window)
    undo = window.findChild(QAction, "undoAction")
    redo = window.findChild(QAction, "redoAction")
    assert not undo.isEnabled()
    log: list[str] = []

    class Note(QUndoCommand):
        def redo(self) -> None:
            log.append("do")

        def undo(self) -> None:
            log.append("undo")

    context.undo.push(Note("Rename session"))
    assert undo.isEnabled() and undo.text() == "&Undo Rename session"
    undo.trigger()
    redo.trigger()
    assert log == ["do", "undo", "do"]
    assert redo.shortcuts()[0].toString() == "Ctrl+Shift+Z"


def test_every_menu_item_can_be_reached_from_the_keyboard(qtbot: QtBot, context: UiContext) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    # GIVEN the main window
    window = MainWindow(context)
    qtbot.addWidget(window)
    # THEN Quit has a key even where the platform binds none
    quit_action = window.findChild(QAction, "quitAction")
    assert not quit_action.shortcut().isEmpty()
    assert quit_action.shortcut().matches(QKeySequence("Ctrl+Q")) or QKeySequence.keyBindings(
        QKeySequence.StandardKey.Quit
    )
    # AND every File, Edit, Run and Help item has an access key or a shortcut
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions():  # type: ignore[union-attr]
            if action.isSeparator():
                continue
            assert "&" in action.text() or not action.shortcut().isEmpty(), action.text()
