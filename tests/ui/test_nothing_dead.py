"""Nothing dead: every button, menu item and action a person can press does something visible.

GIVEN the starter content (a sample series with its sessions, families with routines,
check-in rounds) and an open check-in round, the test visits every screen, then the menus,
the presenter with its projector, and the kiosk; it presses every enabled push button, tool
button and action there (menus, toolbars, context menus, shortcuts), closing whatever dialog
or menu each one opens, and fails naming every press that had no effect a person could see
or had nothing connected to it.
"""

from __future__ import annotations

import faulthandler
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.core.models import RoundMoment
from attune_desktop.ui.checkins.kiosk import KioskWindow
from attune_desktop.ui.main_window import PAGES, MainWindow
from attune_desktop.ui.shell import UiContext
from tests.ui.dead_actions import Outcome, Tour, alive, candidates, wait

HANG_S = 900  # past this the test process is stopped, with every stack printed

# Presses known to be dead, each with the reason it is tolerated for now; empty is the goal.
# The test warns when an entry is stale (the press works now), so the list only shrinks.
KNOWN_DEAD: dict[str, str] = {
    # key ("Where: objectName or “text”") -> why it is still dead
}


def _in_pages(window: MainWindow, obj: object) -> bool:
    hosts = obj.associatedObjects() if isinstance(obj, QAction) else [obj]
    for host in hosts:
        widget = host.parentWidget() if isinstance(host, QMenu) else host
        if isinstance(widget, QWidget) and window.stack.isAncestorOf(widget):
            return True
    return False


def _fresh_session(core: Core) -> int:
    """A session of its own to run: a welcome, a breathing practice and a closing."""
    session = core.sessions.create_session("An evening to run")
    session_id = session.id or 0
    practice = next(p for p in core.practices.list_practices() if p.pacing)
    core.sessions.add_segment(session_id, kind="welcome", planned_minutes=2)
    core.sessions.add_practice_segment(session_id, practice.id or 0)
    core.sessions.add_segment(session_id, kind="closing", planned_minutes=2)
    return session_id


def _keep_on(window: MainWindow, core: Core, key: str, week: int) -> Callable[[], None]:
    """Before each press: back on this screen (a press may have moved on), and on Check-ins
    the open round chosen, so its kiosk, paper tally, phones and close buttons show."""

    def again() -> None:
        window.show_page(key)
        if key == "checkins":
            view = window.checkins_view
            open_rounds = [r for r in core.checkins.rounds(week) if r.status == "open"]
            if open_rounds and view.round_panel.round_id != open_rounds[0].id:
                view.select_session(week)
                view.select_round(open_rounds[0].id or 0)

    return again


def _open_kiosk(window: MainWindow, core: Core, session_id: int, scale_key: str) -> KioskWindow:
    opened = core.checkins.open_round(session_id, RoundMoment.CLOSING, scale_key)
    window.show_page("checkins")
    window.checkins_view.select_session(session_id)
    window.checkins_view.select_round(opened.id or 0)
    panel = window.checkins_view.round_panel
    panel.kiosk_button.click()
    assert panel.kiosk is not None and panel.kiosk.isVisible(), "the kiosk did not open"
    return panel.kiosk


def _back_to_choices(kiosk: KioskWindow) -> None:
    """The thank-you page goes back to the choices after a moment; the tour does not wait."""
    if alive(kiosk) and kiosk.pages.currentIndex() != 0:
        kiosk.pages.setCurrentIndex(0)
        wait(0.05)


def _report(outcomes: list[Outcome]) -> tuple[list[str], list[str]]:
    dead, stale = [], []
    for outcome in outcomes:
        key = outcome.candidate.key
        if outcome.dead_reason and key not in KNOWN_DEAD:
            dead.append(f"{key} — {outcome.dead_reason}")
        elif not outcome.dead_reason and key in KNOWN_DEAD:
            stale.append(f"{key} works now ({', '.join(outcome.effects)[:80]}): remove it")
    return dead, stale


@pytest.mark.slow
def test_nothing_a_person_can_press_is_dead(
    qtbot: QtBot, context: UiContext, core: Core, home: Path, tmp_path: Path
) -> None:
    # GIVEN the starter content, with a check-in round open in the first week
    series = core.series.list_series()[0]
    week_one = core.series.sessions_of(series.id or 0)[0]
    scale = core.checkins.scales()[0]
    core.checkins.open_round(week_one.id or 0, RoundMoment.AFTER_PRACTICE, scale.key)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1320, 760)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    tour = Tour(core, [home, tmp_path], context.undo)
    main = lambda: [window]  # noqa: E731
    # A press that blocks where the closer cannot reach (a nested loop that is not a dialog)
    # ends the run with every thread's stack printed, instead of hanging CI.
    faulthandler.dump_traceback_later(HANG_S, exit=True)
    try:
        with qtbot.captureExceptions() as raised:
            # WHEN every screen's buttons and actions are pressed
            for page in PAGES:
                window.show_page(page.key)
                wait(0.1)
                tour.watch.learn_noise(main)
                tour.press_in(
                    page.label,
                    window.page(page.key),
                    main,
                    _keep_on(window, core, page.key, week_one.id or 0),
                )
            # AND every menu item and window shortcut, with a session chosen in Sessions
            window.show_page("sessions")
            evening = _fresh_session(core)  # the screens above may have deleted the sample's
            window.sessions_view.select_session(evening)
            menus = [c for c in candidates("Menus", window) if not _in_pages(window, c.obj)]
            tour.press([c for c in menus if c.name != "quitAction"], main)
            # AND everything in the presenter and its projector, once the session has started
            presenter = window.run_launcher.run_session(evening, again=True)
            assert presenter is not None, f"the session could not be run:\n{tour.log()}"
            tour.scene()
            presenter.show_projector()
            wait(0.2)
            tour.scene()
            run_windows = lambda: [presenter, presenter.projector]  # noqa: E731
            found = candidates("Presenter", presenter)
            tour.press([c for c in found if "start" in c.name], run_windows, inside=presenter)
            tour.watch.learn_noise(run_windows)  # the clock now ticks by itself
            # End asks first: "Keep going" is pressed while the question is there
            for name in ("run_end", "runEndKeep"):
                now = candidates("Presenter", presenter)
                tour.press([c for c in now if c.name == name], run_windows, inside=presenter)
            tour.press_in("Presenter", presenter, run_windows)
            tour.press_in("Projector", presenter.projector, run_windows)
            if alive(presenter) and presenter.isVisible():
                presenter.close()
            # AND every choice in the kiosk of a round opened on that session
            kiosk = _open_kiosk(window, core, evening, scale.key)
            tour.scene()
            tour.press_in("Kiosk", kiosk, lambda: [kiosk], lambda: _back_to_choices(kiosk))
            if alive(kiosk):
                kiosk.leave()
        # AND Quit, last: it closes the window
        tour.press([c for c in menus if c.name == "quitAction"], main)
    finally:
        faulthandler.cancel_dump_traceback_later()
        tour.stop()
        for widget in QApplication.topLevelWidgets():
            if alive(widget) and widget.isVisible() and widget is not window:
                widget.close()

    # THEN every press did something a person could see, and nothing raised
    print(tour.log())  # every press and what it did, for whoever reads the failure
    outcomes = tour.presser.outcomes
    dead, stale = _report(outcomes)
    problems = [f"raised {exc[0].__name__}: {exc[1]}" for exc in raised]
    for entry in stale:  # a warning, not a failure: a press's effect can depend on the data
        warnings.warn(f"stale KNOWN_DEAD entry: {entry}", stacklevel=1)
    assert not tour.presser.unpressed, f"the tour ran out of time: {tour.presser.unpressed}"
    assert len(outcomes) > 100, f"too few presses reached:\n{tour.log()}"
    assert not dead and not problems, (
        f"{len(dead)} dead presses (a new one, or a KNOWN_DEAD owner's fix that did not land):"
        + "\n  "
        + "\n  ".join(dead)
        + ("\nexceptions:\n  " + "\n  ".join(problems) if problems else "")
    )


def test_the_tour_tells_a_dead_button_from_a_live_one(
    qtbot: QtBot, core: Core, tmp_path: Path
) -> None:
    # GIVEN a window with a button wired to nothing, one wired to a slot that changes nothing,
    # one that changes a label, and one that opens a modal dialog with exec()
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel("before")
    unwired, idle, live, modal = (QPushButton(t) for t in ("Unwired", "Idle", "Live", "Modal"))
    for button, name in ((unwired, "unwired"), (idle, "idle"), (live, "live"), (modal, "modal")):
        button.setObjectName(name)
    idle.clicked.connect(lambda: None)
    live.clicked.connect(lambda: label.setText("after"))
    modal.clicked.connect(lambda: QDialog(window).exec())
    layout = QVBoxLayout(window)
    for widget in (label, unwired, idle, live, modal):
        layout.addWidget(widget)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    tour = Tour(core, [tmp_path], QUndoStack())
    # WHEN the tour presses everything in it
    try:
        tour.press_in("Test", window, lambda: [window])
    finally:
        tour.stop()
    # THEN it names the two dead buttons, and the modal dialog was closed, not waited on
    verdicts = {o.candidate.name: o.dead_reason for o in tour.presser.outcomes}
    assert verdicts["unwired"].startswith("no receiver")
    assert verdicts["idle"].startswith("no effect")
    assert verdicts["live"] == "" and verdicts["modal"] == ""
