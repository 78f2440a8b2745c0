"""Every drawn chart has a text equivalent a screen reader reaches, under the reveal rules.

A chart is pixels to a screen reader. Each one the app draws (a round's results, the shifts
across a series, the breathing pacer, the presenter's ring, the join QR code) must give
QAccessible a name and its content in words; the ones on the facilitator's screens take Tab
and draw a ring when they have it. The words are the chart's own summary, so a banded count
stays banded ("fewer than 2") and a hidden result says only that it is hidden.
"""

from __future__ import annotations

import importlib
import pkgutil

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop import ui
from attune_desktop.app import Core
from attune_desktop.core.checkin_texts import text
from attune_desktop.ui.checkins.checkins_view import CheckInsView
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.practices.pacing_editor import PacingEditor
from attune_desktop.ui.shell import UiContext
from tests.ui.surfaces import run_a_session


def drawn_classes() -> set[type]:
    """The app's widgets that paint themselves (their own paintEvent)."""
    for module in pkgutil.walk_packages(ui.__path__, "attune_desktop.ui."):
        importlib.import_module(module.name)
    found: set[type] = set()
    todo = list(QWidget.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        ours = [b for b in cls.__mro__ if b.__module__.startswith("attune_desktop.")]
        if ours and any("paintEvent" in vars(base) for base in ours):
            found.add(cls)
    return found


def spoken(widget: QWidget) -> tuple[str, str]:
    """(name, words): what a reader says for a drawn widget; its words are its description
    or its value."""
    face = QAccessible.queryAccessibleInterface(widget)
    words = face.text(QAccessible.Text.Description) or face.text(QAccessible.Text.Value)
    return face.text(QAccessible.Text.Name), words


def unspoken(top: QWidget, classes: set[type]) -> list[str]:
    """Drawn widgets without a name (shown or not: AT-SPI lists them all), or shown without
    words (a chart not yet showing anything may have none)."""
    found = []
    for widget in top.findChildren(QWidget):
        if type(widget) not in classes:
            continue
        name, words = spoken(widget)
        if not name or (widget.isVisibleTo(top) and not words):
            found.append(f"{widget.objectName() or type(widget).__name__}: {(name, words)}")
    return found


def closed_round(core: Core, session_id: int) -> int:
    """A round of six on 'regulation4': Calm 3, Wobbly 2, Flat 1 (a single answer)."""
    round_id = core.checkins.open_round(session_id, "opening", "regulation4").id or 0
    core.checkins.set_tally(round_id, {"calm": 3, "wobbly": 2, "flat": 1})
    core.checkins.close_round(round_id)
    return round_id


def test_every_drawn_widget_on_the_screens_and_the_run_has_words(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN every self-drawn widget class, the screens with a closed round, and a running
    # session with its projector on the pacer
    classes = drawn_classes()
    assert len(classes) >= 5, classes
    core = context.core
    session_id = core.sessions.list_sessions()[0].id or 0
    closed_round(core, session_id)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1320, 760)
    window.show()
    missing: list[str] = []
    for key in ("series", "sessions", "practices", "checkins", "routines"):
        window.show_page(key)
        # WHEN a screen reader meets each one
        missing += [f"{key}: {m}" for m in unspoken(window.page(key), classes)]
    presenter = run_a_session(context, window)
    presenter.show_projector()
    missing += [f"presenter: {m}" for m in unspoken(presenter, classes)]
    missing += [f"projector: {m}" for m in unspoken(presenter.projector, classes)]
    presenter.close()
    # THEN each has a name and says what it shows
    assert missing == [], "\n".join(missing)


def test_a_rounds_results_chart_takes_tab_and_reads_banded_counts(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN a closed round of six where one person chose "Flat"
    core = context.core
    session_id = core.sessions.list_sessions()[0].id or 0
    round_id = closed_round(core, session_id)
    view = CheckInsView(context)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    view.select_session(session_id)
    view.select_round(round_id)
    chart = view.round_panel.chart
    qtbot.waitUntil(lambda: "Calm: 3" in chart.summary())
    with qtbot.waitActive(view):
        view.activateWindow()
    # WHEN the facilitator Tabs round the screen
    view.session.setFocus()
    for _ in range(60):
        QTest.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is chart:
            break
    # THEN the chart takes the focus, is read as a chart, and its words keep the bands
    assert QApplication.focusWidget() is chart
    face = QAccessible.queryAccessibleInterface(chart)
    assert face.role() == QAccessible.Role.Chart
    assert face.text(QAccessible.Text.Name) == "Results of the round"
    words = face.text(QAccessible.Text.Description)
    assert words == chart.summary()
    assert "Calm: 3" in words and "Flat: fewer than 2" in words and "answered" not in words


def test_a_hidden_round_says_only_that_it_is_hidden(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN a closed round of three, below the minimum of five
    core = context.core
    session_id = core.sessions.list_sessions()[0].id or 0
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    core.checkins.set_tally(round_id, {"sunny": 2, "rainy": 1})
    core.checkins.close_round(round_id)
    view = CheckInsView(context)
    qtbot.addWidget(view)
    view.select_session(session_id)
    view.select_round(round_id)
    # WHEN a reader reads its chart
    _name, words = spoken(view.round_panel.chart)
    # THEN it hears the "too few" words and no number
    assert words == text("en", "too_few", n=5)
    assert "2" not in words and "3" not in words


def test_the_series_chart_reads_week_by_week(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN the starter series, a week with an opening and closing round of six each
    core = context.core
    session = core.sessions.list_sessions()[0]
    closed_round(core, session.id or 0)
    closing = core.checkins.open_round(session.id or 0, "closing", "regulation4").id or 0
    core.checkins.set_tally(closing, {"calm": 5, "wobbly": 1})
    core.checkins.close_round(closing)
    view = CheckInsView(context)
    qtbot.addWidget(view)
    view.select_session(session.id or 0)
    # WHEN a reader reaches the chart "Across the series"
    chart = view.series_chart
    name, words = spoken(chart)
    # THEN it is named, takes Tab, and gives each week in words (the others hidden or unpaired)
    assert name == "Shifts across the series"
    assert chart.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "the group ended more settled" in words
    assert words.count(";") == len(core.sessions.list_sessions(series_id=session.series_id)) - 1


def test_the_pacer_preview_reads_its_pattern(qtbot: QtBot) -> None:
    # GIVEN the practice editor's pacer preview
    editor = PacingEditor()
    qtbot.addWidget(editor)
    editor.set_pattern("in 4, hold 7, out 8")
    # WHEN a reader reaches it
    name, words = spoken(editor.preview)
    # THEN it hears the pattern and the pace
    assert name == "Preview of the projector's pacer"
    assert "in 4, hold 7, out 8" in words and "breaths a minute" in words
    assert editor.preview.focusPolicy() & Qt.FocusPolicy.TabFocus
