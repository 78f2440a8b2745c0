"""The palette: dark when asked, high contrast when chosen, and a disabled button that looks
disabled."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.checkins.projector_panel import BACKGROUND, CheckInProjectorPanel
from attune_desktop.ui.checkins.results_chart import INK, ResultsChart
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.run.projector import ProjectorWindow
from attune_desktop.ui.shell import UiContext
from attune_desktop.ui.theme import (
    DARK,
    HIGH_CONTRAST,
    LIGHT,
    THEME_ENV,
    apply_theme,
    current_tones,
    is_dark,
)


@pytest.fixture
def restore_light(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_theme(qapp, dark=False, choice="system")


def test_attune_theme_dark_forces_the_dark_palette(
    restore_light: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a desktop that reports no colour scheme, and ATTUNE_THEME=dark
    monkeypatch.setenv(THEME_ENV, "dark")
    # WHEN the theme is applied
    tones = apply_theme(restore_light)
    # THEN the app is dark, and views asking for the current tones get the dark ones
    assert is_dark()
    assert tones is DARK
    assert current_tones() is DARK
    window = restore_light.palette().color(QPalette.ColorRole.Window).name()
    assert window == DARK.window


def test_attune_theme_light_wins_over_anything_else(
    restore_light: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(THEME_ENV, "light")
    assert apply_theme(restore_light) is LIGHT
    assert current_tones() is LIGHT


@pytest.mark.parametrize("dark", [False, True])
def test_a_disabled_button_has_fainter_text_than_an_enabled_one(
    restore_light: QApplication, dark: bool
) -> None:
    # GIVEN the palette, light or dark
    apply_theme(restore_light, dark=dark)
    palette = QPushButton("Open a round…").palette()
    # THEN a disabled button's text is not the enabled text colour
    enabled = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    assert enabled != disabled
    assert disabled.name() == (DARK if dark else LIGHT).disabled_text


def test_results_read_in_dark_mode_and_the_projector_page_keeps_dark_ink(
    restore_light: QApplication,
) -> None:
    # GIVEN the dark palette
    apply_theme(restore_light, dark=True)
    # WHEN a round's results are drawn in the window and on the projector's light page
    in_window = ResultsChart(Pictures())
    on_projector = ResultsChart(Pictures(), ink=INK)
    # THEN the window's chart writes in the palette's light text, the projector's in dark ink
    assert in_window.ink().name() == DARK.text
    assert on_projector.ink() == INK


def test_the_projector_check_in_page_stays_light_in_dark_mode(
    restore_light: QApplication, core: Core
) -> None:
    # GIVEN the dark palette and a closed round
    apply_theme(restore_light, dark=True)
    session_id = core.sessions.list_sessions()[0].id or 0
    opened = core.checkins.open_round(session_id, "opening", "regulation4")
    # WHEN its room page is built (the projector, or the preview tab)
    panel = CheckInProjectorPanel(core.checkins, opened.id or 0)
    # THEN it fills a light page and writes in dark ink
    assert panel.autoFillBackground()
    assert panel.palette().color(QPalette.ColorRole.Window).name() == BACKGROUND
    assert panel.palette().color(QPalette.ColorRole.WindowText) == INK


def test_check_in_results_on_the_live_projector_sit_on_their_light_page(
    qtbot: QtBot, core: Core
) -> None:
    # GIVEN a closed round with answers, shown on the run's (dark) projector window
    session_id = core.sessions.list_sessions()[0].id or 0
    opened = core.checkins.open_round(session_id, "opening", "regulation4", min_responses=3)
    core.checkins.set_tally(opened.id or 0, {"calm": 4, "wobbly": 3})
    core.checkins.close_round(opened.id or 0)
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    panel = CheckInProjectorPanel(core.checkins, opened.id or 0)
    projector.show_panel(panel)
    projector.resize(960, 540)
    projector.show()
    qtbot.waitExposed(projector)
    # WHEN the room sees it
    image = projector.grab().toImage()
    # THEN the results chart is drawn on the light page, not on the projector's dark ground
    chart = panel.findChild(ResultsChart)
    corner = chart.mapTo(projector, chart.rect().topLeft()) + QPoint(2, 2)
    assert image.pixelColor(corner).name() == BACKGROUND


def test_view_theme_high_contrast_is_applied_and_kept(
    restore_light: QApplication, qtbot: QtBot, context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN the main window, its Theme menu wired to the app as attune_desktop/app.py does
    monkeypatch.delenv(THEME_ENV, raising=False)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.theme_menu.chosen.connect(lambda choice: apply_theme(restore_light, choice=choice))
    assert window.theme_menu.actions_by_choice["system"].isChecked()
    # WHEN the facilitator picks View ▸ Theme ▸ High contrast
    window.theme_menu.actions_by_choice["high-contrast"].trigger()
    # THEN the app is white on black with yellow selection, and a presenter would draw in it
    palette = restore_light.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == HIGH_CONTRAST.window
    assert palette.color(QPalette.ColorRole.Highlight).name() == HIGH_CONTRAST.accent
    assert current_tones() is HIGH_CONTRAST
    # AND a change of the desktop's scheme keeps it
    assert apply_theme(restore_light) is HIGH_CONTRAST
    # AND the next start opens with it ticked
    again = MainWindow(context)
    qtbot.addWidget(again)
    assert again.theme_menu.actions_by_choice["high-contrast"].isChecked()
    assert context.settings.text("ui/theme") == "high-contrast"


def test_attune_theme_high_contrast_forces_it(
    restore_light: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(THEME_ENV, "high-contrast")
    assert apply_theme(restore_light, choice="light") is HIGH_CONTRAST


def test_a_theme_chosen_while_the_presenter_is_open_reaches_it(
    restore_light: QApplication, qtbot: QtBot, context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN a session running in the presenter, in the light theme
    WHEN the facilitator picks View ▸ Theme ▸ Dark in the main window
    THEN the presenter's ring is drawn in the dark theme's colours at once, not on reopening."""
    from tests.ui.surfaces import run_a_session

    monkeypatch.delenv(THEME_ENV, raising=False)
    apply_theme(restore_light, dark=False, choice="light")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.theme_menu.chosen.connect(lambda choice: apply_theme(restore_light, choice=choice))
    presenter = run_a_session(context, window)
    qtbot.addWidget(presenter)
    assert presenter.ring._track.name() == LIGHT.border
    window.theme_menu.actions_by_choice["dark"].trigger()
    qtbot.waitUntil(lambda: presenter.ring._track.name() == DARK.border, timeout=2000)
    assert presenter._tones is DARK
