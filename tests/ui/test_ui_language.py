"""The facilitator's screens in Spanish and in Arabic (right to left), chosen in a setting."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from attune_desktop.core import i18n
from attune_desktop.ui.common.ui_language import SETTING, apply_language, speak_qt
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext

SHOTS = os.environ.get("ATTUNE_SCREENSHOTS")  # a folder: save each screen there


@pytest.fixture
def speaking(qapp: QApplication, context: UiContext) -> Iterator[UiContext]:
    """The context, with English and left to right put back after the test."""
    yield context
    i18n.activate("en")
    speak_qt(qapp, "en")
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _window(qtbot: QtBot, qapp: QApplication, context: UiContext, code: str) -> MainWindow:
    context.settings.set(SETTING, code)
    apply_language(qapp, context.settings)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _sidebar(window: MainWindow) -> list[str]:
    sidebar = window.findChild(QListWidget, "sidebar")
    return [sidebar.item(row).text() for row in range(sidebar.count())]


def _menus(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _walk_screens(qtbot: QtBot, window: MainWindow, code: str) -> None:
    sidebar = window.findChild(QListWidget, "sidebar")
    for row in range(sidebar.count()):
        sidebar.setCurrentRow(row)
        qtbot.wait(50)
        if SHOTS:
            page = sidebar.item(row).data(Qt.ItemDataRole.UserRole)
            window.grab().save(str(Path(SHOTS) / f"{code}-{page}.png"))


def test_the_window_speaks_spanish(qtbot: QtBot, qapp: QApplication, speaking: UiContext):
    """GIVEN the UI language set to Spanish
    WHEN the main window opens and each screen is visited
    THEN the sidebar, menus and buttons are in Spanish and the window runs left to right."""
    window = _window(qtbot, qapp, speaking, "es")
    assert _sidebar(window) == ["Series", "Sesiones", "Prácticas", "Rondas de ánimo", "Rutinas"]
    assert _menus(window)[:3] == ["&Archivo", "&Editar", "&Ver"]
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    _walk_screens(qtbot, window, "es")
    buttons = {b.text() for b in window.findChildren(QPushButton) if b.isVisible()}
    assert "&Nueva" in buttons or "Nueva" in buttons, buttons


def test_the_window_speaks_arabic_right_to_left(
    qtbot: QtBot, qapp: QApplication, speaking: UiContext
):
    """GIVEN the UI language set to Arabic
    WHEN the main window opens
    THEN its texts are Arabic and the whole window is laid out right to left."""
    window = _window(qtbot, qapp, speaking, "ar")
    assert _sidebar(window) == ["السلاسل", "الجلسات", "التمارين", "جولات الاطمئنان", "الروتينات"]
    assert _menus(window)[0] == "&ملف"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    sidebar = window.findChild(QListWidget, "sidebar")
    assert sidebar.mapTo(window, sidebar.rect().topLeft()).x() > window.width() // 2
    _walk_screens(qtbot, window, "ar")


def test_choosing_a_language_is_kept_for_the_next_start(
    qtbot: QtBot, qapp: QApplication, speaking: UiContext
):
    """GIVEN the window in English, following the computer
    WHEN the facilitator picks View → Language → Español
    THEN the choice is saved and a message says it shows at the next start."""
    window = _window(qtbot, qapp, speaking, "system")
    i18n.activate("en")
    menu = window.findChild(QMenu, "languageMenu")
    spanish = next(a for a in menu.actions() if a.objectName() == "language-es")
    spanish.trigger()
    assert speaking.settings.text(SETTING) == "es"
    message = window.findChild(QMessageBox, "languageRestartMessage")
    assert message is not None and "next time" in message.text()
    message.close()


@pytest.mark.parametrize(
    ("code", "pause", "direction"),
    [
        ("es", "Pausa", Qt.LayoutDirection.LeftToRight),
        ("ar", "إيقاف مؤقت", Qt.LayoutDirection.RightToLeft),
    ],
)
def test_the_presenter_speaks_the_facilitators_language(
    qtbot: QtBot, qapp: QApplication, empty_context: UiContext, code, pause, direction
):
    """GIVEN the UI language set to Spanish or Arabic and a session with segments
    WHEN the facilitator rehearses it THEN the presenter's controls and readout are in that
    language, laid out in its direction."""
    from attune_desktop.ui.run.chimes import ChimePlayer
    from attune_desktop.ui.run.presenter import PresenterWindow

    try:
        empty_context.settings.set(SETTING, code)
        apply_language(qapp, empty_context.settings)
        core = empty_context.core
        sid = core.sessions.create_session("Círculo", date=dt.date.today()).id or 0
        core.sessions.add_segment(sid, kind="welcome", title="Bienvenida", planned_minutes=10)
        window = PresenterWindow(
            empty_context, core.runs.prepare(sid), chimes=ChimePlayer(muted=True)
        )
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        pause_button = window.findChild(QPushButton, "run_pause_button")
        assert pause_button is not None and pause_button.text().startswith(pause)
        assert window.layoutDirection() == direction
        previous = window.findChild(QPushButton, "run_previous_button").text()
        rtl = direction == Qt.LayoutDirection.RightToLeft
        assert previous.endswith("(→)" if rtl else "(←)")  # it points back, as the text runs
        if SHOTS:
            window.grab().save(str(Path(SHOTS) / f"{code}-presenter.png"))
        window.close()
    finally:
        i18n.activate("en")
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_a_time_field_reads_hours_first_right_to_left(
    qtbot: QtBot, qapp: QApplication, speaking: UiContext
):
    """GIVEN the UI in Arabic (right to left) WHEN a session's start time shows 9:30
    THEN the field says 9:30 with its morning mark, not the sections reversed (30:9)."""
    from PySide6.QtCore import QTime
    from PySide6.QtWidgets import QTimeEdit

    from attune_desktop.ui.common.ui_language import show_clock

    speaking.settings.set(SETTING, "ar")
    apply_language(qapp, speaking.settings)
    edit = QTimeEdit(QTime(9, 30))
    qtbot.addWidget(edit)
    show_clock(edit)
    assert edit.text().startswith("9:30")
    assert edit.time() == QTime(9, 30)


def _shown_texts(window: QWidget) -> dict[str, str]:
    """Every text a window shows or says, with its menus → where it was seen."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMainWindow,
        QPlainTextEdit,
    )

    seen: dict[str, str] = {}

    def keep(text: str | None, where: str) -> None:
        if text:
            seen.setdefault(text.replace("&", ""), where)

    def menu(m: QMenu) -> None:
        keep(m.title(), "menu")
        for action in m.actions():
            keep(action.text(), f"action {action.objectName()}")
            keep(action.toolTip() if action.toolTip() != action.text() else "", "tooltip")
            if action.menu() is not None:
                menu(action.menu())

    keep(window.windowTitle(), "window title")
    bar = window.menuBar() if isinstance(window, QMainWindow) else None
    for action in bar.actions() if bar is not None else []:
        if action.menu() is not None:
            menu(action.menu())
    for widget in window.findChildren(QWidget):
        name = widget.objectName() or type(widget).__name__
        keep(widget.toolTip(), f"tooltip of {name}")
        keep(widget.accessibleName(), f"accessible name of {name}")
        if isinstance(widget, QLabel | QAbstractButton):
            keep(widget.text(), name)
        if isinstance(widget, QGroupBox):
            keep(widget.title(), name)
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            keep(widget.placeholderText(), f"placeholder of {name}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps its column count private
                columns = 1
            for column in range(columns):
                keep(str(model.headerData(column, Qt.Orientation.Horizontal) or ""), name)
    return seen


# What the test's own content says (a session it names "Running"), not the app.
DATA = {"Running"}


@pytest.mark.parametrize("code", ["es", "ar"])
def test_no_english_sentence_is_left_on_any_screen(
    qtbot: QtBot, qapp: QApplication, speaking: UiContext, code: str
):
    """GIVEN the UI language set to Spanish (or Arabic)
    WHEN every screen and every menu of the main window is looked through
        AND every dialog and the presenter are looked through too
    THEN no text shown is an English sentence the catalogue translates (a table marked with
    N_() but shown without _() would show the English)."""
    from tests.ui.surfaces import build_dialogs, run_a_session

    window = _window(qtbot, qapp, speaking, code)
    sidebar = window.findChild(QListWidget, "sidebar")
    seen: dict[str, str] = {}
    for row in range(sidebar.count()):
        sidebar.setCurrentRow(row)
        qtbot.wait(30)
        for text, where in _shown_texts(window).items():
            seen.setdefault(text, where)
    others: list[QWidget] = [*build_dialogs(speaking, window), run_a_session(speaking, window)]
    for other in others:
        qtbot.addWidget(other)
        for text, where in _shown_texts(other).items():
            seen.setdefault(text, f"{type(other).__name__}: {where}")
    catalogue = i18n.read_catalogue(i18n.catalogue_path(code).read_text(encoding="utf-8"))
    english = {
        key.replace("&", ""): strings[0].replace("&", "")
        for key, strings in catalogue.items()
        if isinstance(key, str) and key and strings and strings[0]
    }
    left = {
        text: where
        for text, where in seen.items()
        if text in english and english[text] != text and text not in DATA
    }
    assert not left, f"English left in the {code} window: {left}"


@pytest.mark.parametrize(
    ("code", "title", "refusal"),
    [
        ("es", "No se importó nada", "Actualiza Attune Desktop para importarlo"),
        ("ar", "لم يُستورد شيء", "حدّث Attune Desktop لاستيراده"),
    ],
)
def test_a_core_refusal_reaches_the_facilitator_in_their_language(
    qtbot: QtBot, qapp: QApplication, speaking: UiContext, tmp_path: Path, code, title, refusal
):
    """GIVEN the window in Spanish or Arabic, and a template bundle from a newer app
    WHEN the facilitator picks File → Import template bundle… and chooses that file
    THEN core's refusal is shown in their language, in the warning box and on the screen,
    and nothing is added."""
    from PySide6.QtWidgets import QFileDialog

    from attune_desktop.ui.series.series_view import SeriesView

    window = _window(qtbot, qapp, speaking, code)
    view = window.findChild(SeriesView)
    assert view is not None
    sample = speaking.core.series.list_series()[0].id or 0
    bundle = tmp_path / "basics.json"
    speaking.core.series.export_bundle(sample, bundle)
    data = json.loads(bundle.read_text(encoding="utf-8"))
    data["version"] = 7  # written by a newer Attune Desktop
    bundle.write_text(json.dumps(data), encoding="utf-8")
    before = len(speaking.core.series.list_series(templates=None))

    view.import_bundle_action.trigger()
    chooser = window.findChild(QFileDialog, "seriesOpenDialog")
    assert chooser is not None
    chooser.fileSelected.emit(str(bundle))  # the file the facilitator picked

    box = window.findChild(QMessageBox, "importRefusedBox")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.windowTitle() == title
    assert refusal in box.text(), box.text()
    assert "Update Attune Desktop" not in box.text()
    assert refusal in view.message.text()
    assert len(speaking.core.series.list_series(templates=None)) == before
    if SHOTS:
        box.grab().save(str(Path(SHOTS) / f"{code}-import-refused.png"))
    box.close()
