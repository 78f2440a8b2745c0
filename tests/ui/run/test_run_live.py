"""Running live, as the facilitator lives it: booked time, care notes, rehearsal, a crash, the end.

The run's clocks are fakes the test moves by hand (the wall clock sits on the booked evening);
the presenter is ticked as its single-shot timer would tick it, so nothing waits on real time.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.core.models import SessionStatus
from attune_desktop.core.report import build_report
from attune_desktop.core.timer import TimerState
from attune_desktop.printing.jobs import make_pdf
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.run.launcher import RunLauncher
from attune_desktop.ui.run.presenter import PresenterWindow
from attune_desktop.ui.shell import UiContext
from tests.clocks import Clocks

MIN = 60.0
LONDON = ZoneInfo("Europe/London")
BOOKED_START = dt.datetime(2026, 9, 14, 18, 0, tzinfo=LONDON)
SCRIPT = "Let the out-breath be a little longer than the in-breath."
CARE = "Anyone with asthma may breathe naturally. If panic rises, open your eyes and look around."
PLAN = {"Welcome": 10, "Slow breathing": 5, "Talking together": 60, "Break": 15, "Closing": 30}


@pytest.fixture
def clocks(empty_core: Core) -> Clocks:
    fake = Clocks(BOOKED_START.timestamp() + 7 * MIN)  # the room settled 7 minutes late
    empty_core.runs.clock = fake.mono
    empty_core.runs.wall_clock = fake.wall
    return fake


@pytest.fixture
def session_id(empty_core: Core) -> int:
    """Week 2 of a London circle booked Mondays 18:00–20:00, with a 120-minute agenda."""
    series = empty_core.series.create_series(
        "Autumn circle",
        first_date=dt.date(2026, 9, 7),
        start_time=dt.time(18, 0),
        session_minutes=120,
        time_zone="Europe/London",
    )
    week2 = empty_core.sessions.list_sessions(series_id=series.id)[1]
    sid = week2.id or 0
    practice = empty_core.practices.create_practice(
        "Slow breathing",
        kind="breathing",
        default_minutes=5,
        pacing="in 4, out 6",
        script=SCRIPT,
        care_notes=CARE,
    )
    add = empty_core.sessions.add_segment
    add(sid, kind="welcome", title="Welcome", planned_minutes=10)
    empty_core.sessions.add_practice_segment(sid, practice.id or 0)
    add(sid, kind="discussion", title="Talking together", planned_minutes=60)
    add(sid, kind="break", title="Break", planned_minutes=15, fixed=True)
    add(sid, kind="closing", title="Closing", planned_minutes=30, fixed=True)
    return sid


@pytest.fixture
def window(qtbot: QtBot, empty_context: UiContext, clocks: Clocks) -> Iterator[MainWindow]:
    main = MainWindow(empty_context)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.run_launcher.close_presenter()


def open_presenter(qtbot: QtBot, window: MainWindow, session_id: int, key: str) -> PresenterWindow:
    """Choose the session in Sessions and press F5 (run) or Shift+F5 (rehearse)."""
    window.show_page("sessions")
    window.sessions_view.select_session(session_id)
    qtbot.waitUntil(lambda: window.sessions_view.selected_session_id() == session_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    modifier = Qt.KeyboardModifier.ShiftModifier if key == "Shift+F5" else Qt.KeyboardModifier(0)
    qtbot.keyClick(window, Qt.Key.Key_F5, modifier)
    presenter = window.run_launcher.presenter
    assert presenter is not None and presenter.isVisible()
    presenter.activateWindow()
    qtbot.waitUntil(presenter.isActiveWindow)  # the run's keys act in the run window
    return presenter


def end_run(qtbot: QtBot, presenter: PresenterWindow) -> None:
    qtbot.mouseClick(presenter.controls.buttons["end"], Qt.MouseButton.LeftButton)
    end_now = presenter.findChild(QPushButton, "runEndNow")
    assert end_now is not None
    with qtbot.waitSignal(presenter.finished):
        qtbot.mouseClick(end_now, Qt.MouseButton.LeftButton)


def week_status(window: MainWindow, session_id: int) -> str:
    term = window.series_view.term
    row = term.model.find(lambda s: s.id == session_id)
    return str(term.model.data(term.model.index(row, 3)))


def visible_texts(widget: QWidget) -> str:
    return " ".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


def pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(raw.stdout.split())


def plan_minutes(core: Core, session_id: int) -> dict[str, int]:
    return {s.title: s.planned_minutes for s in core.sessions.segments(session_id)}


# --- booked time ---------------------------------------------------------------------------------


def test_the_presenter_shows_the_booked_time_the_late_start_and_the_hard_stop(
    qtbot: QtBot, window: MainWindow, session_id: int, clocks: Clocks
) -> None:
    # GIVEN the room booked 18:00–20:00 and the facilitator opening the run at 18:07
    presenter = open_presenter(qtbot, window, session_id, "F5")
    # THEN before Start it says what starting now means
    booked = presenter.findChild(QLabel, "runBooked")
    assert booked is not None
    assert booked.text() == "Booked 18:00–20:00 · starting now is 7 min late (18:07)"
    # WHEN the session starts
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    # THEN the start is named late, the projection is against the hard stop, and the elastic
    # agenda already proposes taking the 7 minutes back from the flexible segments
    assert booked.text() == "Booked 18:00–20:00 · started 7 min late"
    assert presenter.timing.text() == (
        "Hard stop 20:00 · projected end 20:07 · 7 min past the booked end"
    )
    assert not presenter.apply_button.isHidden()
    assert "Takes back 7 min" in presenter.proposal.text()


def test_without_a_date_the_run_counts_from_start_and_says_so(
    qtbot: QtBot, empty_context: UiContext, clocks: Clocks
) -> None:
    core = empty_context.core
    sid = core.sessions.create_session("Drop-in").id or 0
    core.sessions.add_segment(sid, title="Welcome", planned_minutes=10)
    presenter = PresenterWindow(empty_context, core.runs.prepare(sid))
    qtbot.addWidget(presenter)
    assert "No booked time" in presenter.booked.text()
    assert "times count from Start" in presenter.booked.text()
    assert presenter.timing.text().startswith("Planned end ")


# --- the practice's script and care notes --------------------------------------------------------


def test_a_practice_shows_its_care_notes_and_script_to_the_facilitator_only(
    qtbot: QtBot, window: MainWindow, session_id: int, clocks: Clocks
) -> None:
    presenter = open_presenter(qtbot, window, session_id, "F5")
    qtbot.mouseClick(presenter.room_bar.projector, Qt.MouseButton.LeftButton)
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    # GIVEN the breathing practice is on
    assert presenter.title.text() == "Slow breathing"
    # THEN the facilitator reads its care notes and its script beside the clock
    notes = presenter.notes.notes.toPlainText()
    assert "Care notes" in notes and CARE in notes
    assert SCRIPT in notes
    assert notes.index(CARE) < notes.index(SCRIPT)  # care first: read before you begin
    assert notes.count(CARE) == 1 and notes.count(SCRIPT) == 1  # not again from the copy
    # AND the room never sees them
    room = visible_texts(presenter.projector)
    assert CARE not in room and SCRIPT not in room
    # WHEN the facilitator asks for the practice itself
    assert presenter.windowHandle().transientParent() is None  # not held above the main window
    qtbot.mouseClick(presenter.notes.open_practice, Qt.MouseButton.LeftButton)
    # THEN the main window shows it on the Practices screen, while the run goes on
    assert window.current_page() == "practices"
    practices = window.page("practices")
    details = practices.findChild(QWidget, "practiceDetails")
    assert details is not None and CARE in details.toPlainText()  # type: ignore[attr-defined]
    assert presenter.run.state is TimerState.RUNNING and presenter.isVisible()


# --- after a crash -------------------------------------------------------------------------------


def test_a_resumed_run_reopens_the_projector_and_says_the_clock_kept_running(
    qtbot: QtBot, empty_context: UiContext, session_id: int, clocks: Clocks
) -> None:
    # GIVEN a run with the projector open, 4 minutes into the welcome, when the laptop died
    runs = empty_context.core.runs
    run = runs.prepare(session_id)
    run.start()
    run.set_projector_open(True)
    clocks.advance(4 * MIN)
    run.poll()
    runs.close(run)
    # WHEN the app is started again 5 minutes later
    clocks.advance(5 * MIN)
    host = QWidget()
    qtbot.addWidget(host)
    launcher = RunLauncher(empty_context, host)
    box = launcher.offer_resume()
    # THEN the offer says how long the app was closed and that the clock kept running
    assert box is not None
    assert "closed for 5 min" in box.text() and "clock kept running" in box.text()
    resume = box.findChild(QPushButton, "resumeRunButton")
    assert resume is not None
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    presenter = launcher.presenter
    assert presenter is not None
    # AND the run is on the welcome with 1 minute left, the projector is open again,
    # and the presenter says plainly what happened to the clock
    assert presenter.run.timer.current_index == 0
    assert presenter.ring.text() == "1:00"
    assert presenter.projector.isVisible()
    away = presenter.findChild(QLabel, "runAwayNote")
    assert away is not None and away.isVisibleTo(presenter)
    assert "5 min away" in away.text() and "clock kept running" in away.text()
    # AND the note goes once the run moves on
    qtbot.mouseClick(presenter.controls.buttons["next"], Qt.MouseButton.LeftButton)
    assert not away.isVisibleTo(presenter)
    launcher.close_presenter()


# --- closing -------------------------------------------------------------------------------------


def test_esc_closes_a_finished_presenter_and_nothing_while_running(
    qtbot: QtBot, window: MainWindow, session_id: int, clocks: Clocks
) -> None:
    presenter = open_presenter(qtbot, window, session_id, "F5")
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert presenter.isVisible()  # a stray Esc never closes a running session
    end_run(qtbot, presenter)
    assert "Esc closes this window" in presenter.summary.text()
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()


def test_esc_closes_a_finished_presenter_even_from_the_follow_up_field(
    qtbot: QtBot, window: MainWindow, session_id: int, clocks: Clocks
) -> None:
    presenter = open_presenter(qtbot, window, session_id, "F5")
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    end_run(qtbot, presenter)
    qtbot.mouseClick(presenter.notes.jot, Qt.MouseButton.LeftButton)
    qtbot.keyClick(presenter.notes.jot, Qt.Key.Key_Escape)
    assert not presenter.isVisible()


# --- the evening, end to end ---------------------------------------------------------------------


def test_rehearse_then_run_with_the_projector_overtime_and_time_taken_back(
    qtbot: QtBot,
    window: MainWindow,
    empty_core: Core,
    session_id: int,
    clocks: Clocks,
    tmp_path: Path,
) -> None:
    window.show_page("series")
    assert week_status(window, session_id) == "Planned"

    # GIVEN the evening before, the facilitator rehearses the session (Run ▸ Rehearse, Shift+F5)
    clocks.advance(-24 * 3600)
    action = window.findChild(QAction, "rehearseSessionAction")
    assert action is not None and action.shortcut().toString() == "Shift+F5"
    rehearsal = open_presenter(qtbot, window, session_id, "Shift+F5")
    assert rehearsal.run.rehearsal
    assert rehearsal.findChild(QLabel, "runRehearsal").isVisibleTo(rehearsal)
    assert "not now: times count from Start" in rehearsal.booked.text()
    qtbot.keyClick(rehearsal, Qt.Key.Key_Space)
    clocks.advance(13 * MIN)
    rehearsal.tick()
    qtbot.mouseClick(rehearsal.apply_button, Qt.MouseButton.LeftButton)
    clocks.advance(2 * MIN)
    end_run(qtbot, rehearsal)
    # THEN the rehearsal recorded nothing: the week is still planned, the plan as it was
    assert "Rehearsal finished" in rehearsal.summary.text()
    assert not rehearsal.summary_button.isVisibleTo(rehearsal)
    assert empty_core.sessions.get_session(session_id).status == SessionStatus.PLANNED
    assert plan_minutes(empty_core, session_id) == PLAN
    qtbot.keyClick(rehearsal, Qt.Key.Key_Escape)
    assert not rehearsal.isVisible()

    # WHEN on the night, at 18:07, the facilitator runs it with the projector open
    clocks.advance(24 * 3600 - 15 * MIN)
    presenter = open_presenter(qtbot, window, session_id, "F5")
    assert not presenter.run.rehearsal
    qtbot.mouseClick(presenter.room_bar.projector, Qt.MouseButton.LeftButton)
    assert presenter.projector.isVisible()
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert "started 7 min late" in presenter.booked.text()
    window.show_page("series")
    qtbot.waitUntil(lambda: week_status(window, session_id) == "Running")
    # AND the welcome runs 2 minutes into overtime
    clocks.advance(12 * MIN)
    presenter.tick()
    assert presenter.ring.text() == "+02:00" and presenter.run.timer.is_overtime()
    assert "9 min past the booked end" in presenter.timing.text()
    assert "+02:00" not in visible_texts(presenter.projector)  # the room sees no countdown
    # AND the facilitator takes the time back
    qtbot.mouseClick(presenter.apply_button, Qt.MouseButton.LeftButton)
    assert "ends on the booked end" in presenter.timing.text()
    given = [round(p.planned_seconds / MIN) for p in presenter.run.timer.segments]
    assert given == [10, 4, 52, 15, 30]  # the fixed break and closing are never touched
    assert plan_minutes(empty_core, session_id) == PLAN  # the plan is not the run's to change
    # AND the evening goes on to the closing, which ends 5 minutes early
    for minutes in (4, 52, 15):
        qtbot.keyClick(presenter, Qt.Key.Key_Right)
        clocks.advance(minutes * MIN)
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    clocks.advance(25 * MIN)
    end_run(qtbot, presenter)

    # THEN the Series list shows the week delivered, without a restart
    qtbot.waitUntil(lambda: week_status(window, session_id) == "Delivered")
    # AND the plan is exactly as it was built
    assert plan_minutes(empty_core, session_id) == PLAN
    # AND the planned-vs-actual sheet and the report tell the same story: 120 planned, 108 run
    summary = pdf_text(make_pdf(empty_core, "run-summary", tmp_path / "s.pdf", session=session_id))
    assert "Planned 2 h · took 1 h 48 min · −12 min" in summary
    assert "3. Talking together 60 min" in summary
    series_id = window.series_view.selected_series_id() or 0
    report = build_report(empty_core.series, empty_core.sessions, empty_core.checkins, series_id)
    week = next(w for w in report.weeks if w.week == 2)
    assert (week.planned_minutes, week.actual_minutes, week.difference) == (120, 108, -12)
    report_text = pdf_text(make_pdf(empty_core, "report", tmp_path / "r.pdf", series=series_id))
    assert "Sessions delivered: 1 of" in report_text
    assert "108 minutes run against 120 planned" in report_text
    assert "Finished. Planned 2 h, took 1 h 48 min (−12 min)." in presenter.summary.text()


def test_the_series_list_follows_a_run_as_it_starts_and_ends(
    qtbot: QtBot, window: MainWindow, empty_core: Core, session_id: int, clocks: Clocks
) -> None:
    # GIVEN the Series screen showing the term, week 2 planned
    window.show_page("series")
    assert week_status(window, session_id) == "Planned"
    # WHEN the week is run (from any window: the service announces it)
    run = empty_core.runs.prepare(session_id)
    run.start()
    # THEN the list says Running at once, and Delivered once it ends, with no restart
    qtbot.waitUntil(lambda: week_status(window, session_id) == "Running")
    clocks.advance(30 * MIN)
    run.end()
    qtbot.waitUntil(lambda: week_status(window, session_id) == "Delivered")
