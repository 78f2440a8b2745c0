"""A facilitator's check-in, told as a story: kiosk, close, look, then show the room.

Also the small things a facilitator tripped over: a pale bar lost in its track, the wrong
moment proposed, "close the open round first" said too late, a kiosk with no visible way out,
and answers lost to a crash without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from attune_desktop.app import Core, open_core
from attune_desktop.core.checkin_rules import reveal
from attune_desktop.core.checkin_scales import BUILTIN_SCALES, contrast_ratio
from attune_desktop.core.checkin_texts import text
from attune_desktop.ui.checkins.checkins_view import CheckInsView
from attune_desktop.ui.checkins.kiosk import KioskWindow
from attune_desktop.ui.checkins.open_round_dialog import OpenRoundDialog
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.checkins.projector_panel import CheckInProjectorPanel
from attune_desktop.ui.checkins.results_chart import INK, ResultsChart
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext


@pytest.fixture
def session_id(empty_core: Core) -> int:
    return empty_core.sessions.create_session("Arriving").id or 0


@pytest.fixture
def view(qtbot, empty_context: UiContext, session_id: int) -> CheckInsView:
    widget = CheckInsView(empty_context)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def test_a_round_through_the_kiosk_is_closed_looked_at_then_shown_to_the_room(
    qtbot, view: CheckInsView, empty_core: Core
) -> None:
    # GIVEN the facilitator opens a weather round from the Check-ins screen
    view.open_button.click()
    dialog = view.dialog
    assert isinstance(dialog, OpenRoundDialog)
    dialog.scale.setCurrentIndex(dialog.scale.findData("weather"))
    with qtbot.waitSignal(dialog.opened) as opened:
        dialog.open_button.click()
    round_id = opened.args[0].round_id
    panel = view.round_panel
    # AND puts the round on the projector, where the room sees how to answer
    panel.projector_button.click()
    projector = view.projector_window
    assert isinstance(projector, CheckInProjectorPanel)
    qtbot.addWidget(projector)
    assert not projector.showing_results()
    # WHEN the kiosk is passed around and seven people tap their weather
    panel.kiosk_button.click()
    kiosk = panel.kiosk
    assert isinstance(kiosk, KioskWindow)
    assert kiosk.exit_hint.isVisible()
    for option in ["cloudy", "cloudy", "sunny", "cloudy", "sunny", "cloudy", "cloudy"]:
        qtbot.mouseClick(kiosk.buttons[option], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: kiosk.pages.currentIndex() == 0, timeout=5000)
    # AND the facilitator leaves the kiosk with its shortcut, and confirms
    kiosk.activateWindow()
    qtbot.keyClick(
        kiosk, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: kiosk.confirm is not None and kiosk.confirm.isVisible())
    assert kiosk.confirm is not None
    kiosk.confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: panel.kiosk is None)
    assert panel.answered.text().startswith("Answered so far: 7 of at most")
    # AND closes the round
    panel.close_button.click()
    qtbot.waitUntil(lambda: not panel.close_button.isVisible())
    # THEN the results are on the facilitator's screen, and the room still sees no numbers
    assert panel.chart.summary().startswith("Sunny: 2")
    assert "Cloudy: 5" in panel.chart.summary()
    assert not projector.showing_results()
    assert panel.show_button.isVisible()
    assert "Only you see these results" in panel.message.text()
    # WHEN the facilitator chooses "Show to the room"
    panel.show_button.click()
    # THEN the projector shows the same results, small numbers banded
    qtbot.waitUntil(projector.showing_results)
    assert projector.chart.summary() == panel.chart.summary()
    assert text("en", "small") in projector.chart.summary()
    qtbot.waitUntil(panel.shown_label.isVisible)
    assert not panel.show_button.isVisible()
    assert "Only you see these results" not in panel.message.text()
    # AND nothing of who answered stays in memory once the round is closed
    assert not empty_core.checkins.has_answered(round_id, b"anyone")


def _pixel(image: QImage, x: float, y: float) -> str:
    return QColor(image.pixel(QPoint(int(x), int(y)))).name()


def test_the_fullest_bar_stands_out_from_the_empty_track(qtbot) -> None:
    # GIVEN "Weather inside" closed with Cloudy the most chosen (5), the rest small or none
    scale = BUILTIN_SCALES["weather"]
    result = reveal(scale, {"cloudy": 5, "sunny": 2, "rainy": 1}, True, 5)
    chart = ResultsChart(Pictures(), ink=INK)
    qtbot.addWidget(chart)
    chart.resize(900, 500)
    chart.setStyleSheet("background: #f6f4ef;")
    chart.setAutoFillBackground(True)
    palette = chart.palette()
    palette.setColor(palette.ColorRole.Window, QColor("#f6f4ef"))
    chart.setPalette(palette)
    chart.show_result(scale, result, "en", 5)
    image = chart.grab().toImage()
    bar = chart.bar_rects["cloudy"]
    empty = chart.track_rects["stormy"]
    # WHEN one looks at Cloudy's bar beside an empty track (its fill alone, #D5DBE3, is
    # barely darker than the track: about 1.1:1)
    edge = _pixel(image, bar.center().x(), bar.top() + 1)
    track = _pixel(image, empty.right() - 12, empty.center().y())
    # THEN its edge stands out at WCAG's 3:1 for shapes
    assert contrast_ratio(scale.options[2].colour, track) < 3  # the fill alone would not
    assert contrast_ratio(edge, track) >= 3, (edge, track)


def test_a_new_round_proposes_the_next_moment(qtbot, empty_core: Core, session_id: int) -> None:
    service = empty_core.checkins
    # GIVEN a session whose opening round is done
    first = service.open_round(session_id, "opening", "weather").id or 0
    service.close_round(first)
    # WHEN the facilitator opens another round
    dialog = OpenRoundDialog(service, session_id)
    qtbot.addWidget(dialog)
    # THEN "Closing" is proposed, not a second "Opening"
    assert dialog.moment.currentData() == "closing"
    # AND the cap starts at a room's worth, and can be changed
    assert dialog.cap.value() == service.default_cap(session_id)


def test_close_the_open_round_first_is_said_before_the_form_is_filled(
    qtbot, view: CheckInsView, empty_core: Core, session_id: int
) -> None:
    # GIVEN an open round
    empty_core.checkins.open_round(session_id, "opening", "weather")
    qtbot.waitUntil(lambda: not view.open_button.isEnabled())
    # THEN the screen says so up front, and the button to open another waits
    assert view.open_hint.isVisible()
    assert "Close the open round first" in view.open_hint.text()
    # AND the dialog, if reached, says it at once with its Open button disabled
    dialog = OpenRoundDialog(empty_core.checkins, session_id)
    qtbot.addWidget(dialog)
    assert "Close the open round first" in dialog.message.text()
    assert not dialog.open_button.isEnabled()


def test_the_kiosk_tells_the_facilitator_how_to_leave(
    qtbot, empty_core: Core, session_id: int
) -> None:
    round_id = empty_core.checkins.open_round(session_id, "opening", "weather").id or 0
    kiosk = KioskWindow(empty_core.checkins, round_id)
    qtbot.addWidget(kiosk)
    kiosk.show()
    hint = kiosk.findChild(type(kiosk.thanks), "kioskExitHint")
    assert hint is not None and hint.isVisible()
    assert "three seconds" in hint.text() and "Ctrl+Shift+Q" in hint.text()


def test_after_a_crash_the_facilitator_is_told_the_round_lost_its_answers(
    qtbot, tmp_path: Path
) -> None:
    # GIVEN a round that was open with answers when the app stopped
    home = tmp_path / "home"
    core = open_core(home, load_starter_on_first_run=False)
    session_id = core.sessions.create_session("Arriving").id or 0
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    core.checkins.record_answer(round_id, "sunny")
    core.close()  # the process ends: memory is gone
    # WHEN the app starts again
    again = open_core(home, load_starter_on_first_run=False)
    try:
        window = MainWindow(UiContext.create(again))
        qtbot.addWidget(window)
        window.show()
        # THEN a message says which round lost its answers and what to do
        qtbot.waitUntil(lambda: getattr(window, "interrupted_rounds", None) is not None)
        box = window.interrupted_rounds
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert "Opening (Arriving" in box.text() and "lost" in box.text()
        assert again.checkins.answered(round_id) == 0
        box.button(QMessageBox.StandardButton.Ok).click()
        # AND it is said once
        assert again.checkins.interrupted_rounds() == []
    finally:
        again.close()


def test_a_round_that_only_just_reaches_its_minimum_says_so_without_numbers(qtbot) -> None:
    # GIVEN 2 + 2 + 2 + 1 answers and a minimum of 7: showing it would pin the single answer
    scale = BUILTIN_SCALES["regulation4"]
    result = reveal(scale, {"calm": 2, "wobbly": 2, "stormy": 2, "flat": 1}, True, 7)
    chart = ResultsChart(Pictures(), ink=INK)
    qtbot.addWidget(chart)
    chart.show_result(scale, result, "fr", 7)
    # THEN the room is told why results stay hidden, in its language, with no number at all
    assert not result.revealed
    assert chart.summary() == text("fr", "pinned")
    assert not any(ch.isdigit() for ch in chart.summary())
