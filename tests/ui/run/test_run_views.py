"""Running a session in the room: the facilitator's laptop and the calm projector view.

The run's clocks are fakes the test moves by hand; the presenter is ticked as its single-shot
timer would tick it, so nothing here waits on real time.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.core.models import SessionStatus
from attune_desktop.core.timer import TimerState
from attune_desktop.ui.run import chimes as chimes_module
from attune_desktop.ui.run.chimes import Chime, ChimePlayer
from attune_desktop.ui.run.launcher import RunLauncher
from attune_desktop.ui.run.presenter import PresenterWindow
from attune_desktop.ui.shell import UiContext
from tests.clocks import Clocks

NOTES = "FACILITATOR-ONLY: ask Sam about the move"
CARRIED = "Check in with the parent whose child starts school"


@pytest.fixture
def clocks(empty_core: Core) -> Clocks:
    fake = Clocks(time.time())
    empty_core.runs.clock = fake.mono
    empty_core.runs.wall_clock = fake.wall
    return fake


@pytest.fixture
def session_id(empty_core: Core) -> int:
    """Week 2 of a series: welcome, a paced breathing practice, a flexible talk, a fixed close."""
    import datetime as dt

    series = empty_core.series.create_series("Autumn circle", first_date=dt.date(2026, 9, 7))
    week1, week2 = empty_core.sessions.list_sessions(series_id=series.id)[:2]
    empty_core.followups.add_note(week1.id or 0, CARRIED)
    sid = week2.id or 0
    practice = empty_core.practices.create_practice(
        "Slow breathing", kind="breathing", default_minutes=3, pacing="in 4, out 6"
    )
    sessions = empty_core.sessions
    sessions.add_segment(sid, kind="welcome", title="Welcome", planned_minutes=10, notes=NOTES)
    sessions.add_practice_segment(sid, practice.id or 0)
    sessions.add_segment(sid, kind="discussion", title="Talking together", planned_minutes=20)
    sessions.add_segment(sid, kind="closing", title="Closing", planned_minutes=10)
    return sid


@pytest.fixture
def presenter(
    qtbot: QtBot, empty_context: UiContext, session_id: int, clocks: Clocks
) -> Iterator[PresenterWindow]:
    run = empty_context.core.runs.prepare(session_id)
    window = PresenterWindow(empty_context, run, chimes=ChimePlayer(muted=False))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts act only in the active run window
    yield window
    window.close()


def visible_texts(widget: QWidget) -> list[str]:
    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    return [t for t in texts if t]


def test_the_clock_counts_down_on_the_second_and_the_end_is_announced(
    qtbot: QtBot, presenter: PresenterWindow, clocks: Clocks
) -> None:
    # GIVEN the presenter open on a fresh run WHEN the facilitator presses Space
    assert presenter.run.state is TimerState.NOT_STARTED
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    # THEN the run starts, with the start chime, 10:00 on the ring and the welcome's notes
    assert presenter.run.state is TimerState.RUNNING
    assert presenter.chimes.played == [Chime.START]
    assert presenter.ring.text() == "10:00"
    assert NOTES in presenter.notes.notes.toPlainText()
    # AND the next redraw is set for the next second boundary, not a fixed interval
    clocks.advance(0.3)
    presenter.tick()
    assert presenter._tick.interval() == 700
    clocks.advance(0.7)
    presenter.tick()
    assert presenter.ring.text() == "9:59"
    # WHEN the ten minutes are up THEN the end chime sounds and 0:00 shows, then overtime
    clocks.advance(599)
    presenter.tick()
    assert presenter.ring.text() == "0:00"
    assert presenter.chimes.played[-1] is Chime.END
    assert Chime.WARNING in presenter.chimes.played
    clocks.advance(65)
    presenter.tick()
    assert presenter.ring.text() == "+01:05"
    assert "behind" in presenter.timing.text()


def test_keyboard_shortcuts_drive_the_run_and_are_shown(
    qtbot: QtBot, presenter: PresenterWindow, clocks: Clocks
) -> None:
    run = presenter.run
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    # Right moves on, Left goes back, + and − change the plan, Space pauses and resumes
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert run.timer.current_index == 1
    qtbot.keyClick(presenter, Qt.Key.Key_Left)
    assert run.timer.current_index == 0
    qtbot.keyClick(presenter, Qt.Key.Key_Plus)
    assert run.timer.current_segment.planned_seconds == 11 * 60
    qtbot.keyClick(presenter, Qt.Key.Key_Minus)
    assert run.timer.current_segment.planned_seconds == 10 * 60
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert run.state is TimerState.PAUSED
    assert "Resume" in presenter.controls.buttons["pause"].text()
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert run.state is TimerState.RUNNING
    # The buttons say which key does what
    labels = [b.text() for b in presenter.findChildren(QPushButton)]
    for hint in ("(Space)", "(→)", "(←)", "(+)", "(−)"):
        assert any(hint in label for label in labels), hint
    # AND typing a follow-up note keeps its spaces and minus signs to itself
    field = presenter.findChild(QLineEdit, "runFollowUpField")
    assert field is not None
    field.setFocus()
    qtbot.keyClicks(field, "call - soon")
    assert field.text() == "call - soon"
    assert run.state is TimerState.RUNNING
    assert run.timer.current_segment.planned_seconds == 10 * 60


def test_shortcuts_do_nothing_outside_the_run_window(
    qtbot: QtBot, presenter: PresenterWindow
) -> None:
    # GIVEN another window is active
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.isActiveWindow)
    # WHEN Space and Right are pressed there THEN the run does not start or move
    qtbot.keyClick(other, Qt.Key.Key_Space)
    qtbot.keyClick(other, Qt.Key.Key_Right)
    assert presenter.run.state is TimerState.NOT_STARTED
    assert presenter.run.timer.current_index == 0


def test_the_projector_shows_no_notes_and_no_digits_by_default(
    qtbot: QtBot, presenter: PresenterWindow, clocks: Clocks
) -> None:
    presenter.show_projector()
    projector = presenter.projector
    qtbot.waitExposed(projector)
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    clocks.advance(75)
    presenter.tick()
    # THEN the room sees the title and a ring, without digits or anything private
    texts = visible_texts(projector)
    assert "Welcome" in texts
    assert all(NOTES not in t and CARRIED not in t for t in texts)
    assert projector.ring.text() == ""
    assert not any(re.search(r"\d", t) for t in texts)
    assert projector.ring.progress == pytest.approx(75 / 600, abs=0.01)
    # AND in overtime the room still sees the calm ring, never the warm overtime colour
    clocks.advance(600)
    presenter.tick()
    assert projector.ring._fill.name() != presenter._tones.warm
    # WHEN the facilitator turns on "minutes on projector" THEN minutes show, never seconds
    clocks.advance(-600)
    presenter.room_bar.digits.setChecked(True)
    presenter.tick()
    assert projector.ring.text() == "9 min"
    assert presenter._context.settings.flag("run/projector_digits")


def test_settle_turns_the_projector_to_a_calm_screen_until_resumed(
    qtbot: QtBot, presenter: PresenterWindow, clocks: Clocks
) -> None:
    presenter.show_projector()
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    clocks.advance(30)
    qtbot.mouseClick(presenter.controls.buttons["settle"], Qt.MouseButton.LeftButton)
    assert presenter.run.state is TimerState.SETTLING
    assert presenter.projector.pages.currentWidget() is presenter.projector.settle
    assert "feet on the floor" in presenter.projector.settle.prompt.text()
    # The clock stands still while the room settles
    clocks.advance(120)
    presenter.tick()
    assert presenter.ring.text() == "9:30"
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert presenter.run.state is TimerState.RUNNING
    assert presenter.projector.pages.currentWidget() is presenter.projector.segment_page


def test_a_paced_practice_shows_the_breathing_pacer_that_stops_when_hidden(
    qtbot: QtBot, presenter: PresenterWindow, clocks: Clocks
) -> None:
    presenter.show_projector()
    qtbot.waitExposed(presenter.projector)
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    qtbot.keyClick(presenter, Qt.Key.Key_Right)  # into the breathing practice
    pacer = presenter.projector.pacer
    assert presenter.projector.body.currentWidget() is pacer
    assert pacer.is_animating()
    clocks.advance(1.5)  # 3 min hold 18 cycles of 10 s exactly: no lead-in, straight in
    pacer._on_frame()
    assert pacer.label() == ("breathe in", "2")
    clocks.advance(4)
    pacer._on_frame()
    assert pacer.label()[0] == "breathe out"
    # WHEN the facilitator pauses THEN the pacer stops animating (no CPU while still)
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert not pacer.is_animating()
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert pacer.is_animating()
    presenter.projector.hide()
    assert not pacer.is_animating()


def test_running_late_the_time_is_taken_back_in_one_click_and_undone(
    qtbot: QtBot, presenter: PresenterWindow, clocks: Clocks, empty_core: Core, session_id: int
) -> None:
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert presenter.apply_button.isHidden()
    # GIVEN the welcome ran 5 minutes long
    clocks.advance(15 * 60)
    presenter.tick()
    assert "5 min behind" in presenter.timing.text()
    assert not presenter.apply_button.isHidden()
    assert "Talking together 20 → 15 min" in presenter.proposal.text()
    # WHEN the facilitator takes the time back
    qtbot.mouseClick(presenter.apply_button, Qt.MouseButton.LeftButton)
    # THEN the run gives the talk 15 minutes, the fixed closing keeps its 10, the run is on
    # time, and the session's plan is untouched (later prints and copies read it)
    assert presenter.run.timer.segments[2].planned_seconds == 15 * 60
    assert presenter.run.timer.segments[3].planned_seconds == 10 * 60
    assert "on time" in presenter.timing.text()
    minutes = {s.title: s.planned_minutes for s in empty_core.sessions.segments(session_id)}
    assert minutes["Talking together"] == 20
    assert minutes["Closing"] == 10
    # WHEN it is undone THEN the run's minutes and the lateness come back
    assert presenter.undo_button.isVisibleTo(presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert presenter.run.timer.segments[2].planned_seconds == 20 * 60
    assert "5 min behind" in presenter.timing.text()
    assert not presenter.undo_button.isVisibleTo(presenter)


def test_follow_ups_are_carried_in_and_can_be_jotted_on_the_presenter_only(
    qtbot: QtBot, presenter: PresenterWindow, empty_core: Core, session_id: int
) -> None:
    assert CARRIED in presenter.notes.carried.text()
    field = presenter.notes.jot
    assert not field.hasFocus()  # keys belong to the run until the field is clicked
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert field.hasFocus()
    qtbot.keyClicks(field, "Send the bedtime routine sheet to the Lee family")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    # Enter keeps the note and hands Space back to the run
    assert not field.hasFocus()
    qtbot.keyClick(QApplication.focusWidget() or presenter, Qt.Key.Key_Space)
    assert presenter.run.state is TimerState.RUNNING
    kept = [n.text for n in empty_core.followups.notes_for_session(session_id)]
    assert kept == ["Send the bedtime routine sheet to the Lee family"]
    assert "Lee family" in presenter.notes.mine.text()
    assert all("Lee family" not in t for t in visible_texts(presenter.projector))
    # An empty note is refused with a message and keeps nothing
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "empty" in presenter.notes.message.text()
    assert len(empty_core.followups.notes_for_session(session_id)) == 1


def test_the_projector_can_show_a_panel_in_place_of_the_ring(
    qtbot: QtBot, presenter: PresenterWindow, clocks: Clocks
) -> None:
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    panel = QLabel("Join: 4821")
    presenter.projector.show_panel(panel)
    assert presenter.projector.body.currentWidget() is presenter.projector.panel_holder
    clocks.advance(1)
    presenter.tick()  # the clock going on does not take the panel away
    assert presenter.projector.body.currentWidget() is presenter.projector.panel_holder
    presenter.projector.show_panel(None)
    assert presenter.projector.body.currentWidget() is presenter.projector.ring


def test_ending_the_session_asks_once_then_delivers_it_with_a_summary(
    qtbot: QtBot, presenter: PresenterWindow, clocks: Clocks, empty_core: Core, session_id: int
) -> None:
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    clocks.advance(12 * 60)
    qtbot.mouseClick(presenter.controls.buttons["end"], Qt.MouseButton.LeftButton)
    assert presenter.run.state is TimerState.RUNNING  # not yet: it asks first
    assert presenter.end_confirm.isVisibleTo(presenter)
    end_now = presenter.findChild(QPushButton, "runEndNow")
    assert end_now is not None
    with qtbot.waitSignal(presenter.finished):
        qtbot.mouseClick(end_now, Qt.MouseButton.LeftButton)
    assert empty_core.sessions.get_session(session_id).status == SessionStatus.DELIVERED
    assert "took 12 min" in presenter.summary.text()
    assert "Thank you" in visible_texts(presenter.projector)


def test_the_run_works_without_any_audio_device(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, empty_context: UiContext, session_id: int
) -> None:
    # GIVEN a laptop with no audio output at all
    monkeypatch.setattr(chimes_module.QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    player = ChimePlayer()
    assert not player.available
    player.play(Chime.START)  # silence, no error
    window = PresenterWindow(empty_context, empty_context.core.runs.prepare(session_id))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    # THEN the presenter says so calmly and runs as usual
    note = window.findChild(QLabel, "runNoAudio")
    assert note is not None and "No sound device" in note.text()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.run.state is TimerState.RUNNING
    window.close()


def test_an_interrupted_run_is_offered_on_start_up_and_resumes_in_place(
    qtbot: QtBot, empty_context: UiContext, session_id: int, clocks: Clocks
) -> None:
    # GIVEN a run 3 minutes into the talk when the laptop died
    runs = empty_context.core.runs
    run = runs.prepare(session_id)
    run.start()
    clocks.advance(600)
    run.next()
    clocks.advance(180)
    run.next()
    clocks.advance(180)
    run.poll()
    runs.close(run)
    # WHEN the app starts again
    host = QWidget()
    qtbot.addWidget(host)
    launcher = RunLauncher(empty_context, host)
    box = launcher.offer_resume()
    # THEN it offers to resume the talk with 17 minutes left
    assert box is not None
    assert "Talking together" in box.text() and "17:00" in box.text()
    resume = box.findChild(QPushButton, "resumeRunButton")
    assert resume is not None
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    presenter = launcher.presenter
    assert presenter is not None
    assert presenter.run.timer.current_index == 2
    assert presenter.ring.text() == "17:00"
    presenter.close()


def test_the_run_button_and_f5_open_the_presenter_for_the_chosen_session(
    qtbot: QtBot, empty_context: UiContext, session_id: int
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QToolButton

    from attune_desktop.ui.main_window import MainWindow

    window = MainWindow(empty_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("sessions")
    window.sessions_view.select_session(session_id)
    qtbot.waitUntil(lambda: window.sessions_view.selected_session_id() == session_id)
    # WHEN the facilitator clicks Run in the agenda builder
    button = window.sessions_view.findChild(QToolButton, "runSession")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # THEN the presenter opens on that session, ready to start
    presenter = window.run_launcher.presenter
    assert presenter is not None and presenter.isVisible()
    assert presenter.run.session_id == session_id
    assert presenter.run.state is TimerState.NOT_STARTED
    presenter.close()
    # AND Run ▸ Run session (F5) does the same
    action = window.findChild(QAction, "runSessionAction")
    assert action is not None and action.shortcut().toString() == "F5"
    action.trigger()
    again = window.run_launcher.presenter
    assert again is not None and again is not presenter and again.isVisible()
    again.close()


def test_a_session_without_segments_says_why_it_cannot_run(
    qtbot: QtBot, empty_context: UiContext
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    launcher = RunLauncher(empty_context, host)
    empty = empty_context.core.sessions.create_session("Not planned yet")
    assert launcher.run_session(empty.id) is None
    assert launcher.box is not None
    assert "no segments yet" in launcher.box.text()
    assert launcher.presenter is None


def test_warning_shows_on_the_laptop_and_practices_ring_soft_interval_bells(
    qtbot: QtBot, presenter: PresenterWindow, clocks: Clocks
) -> None:
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    # GIVEN 2 minutes left in the welcome THEN the laptop shows it, and the soft chime sounds
    clocks.advance(8 * 60)
    presenter.tick()
    assert presenter.warning.text() == "2 min left in this segment"
    assert presenter.chimes.played[-1] is Chime.WARNING
    # WHEN the facilitator mutes the chimes THEN it is remembered
    presenter.room_bar.mute.setChecked(True)
    assert presenter.chimes.muted
    assert presenter._context.settings.flag("run/muted")
    presenter.room_bar.mute.setChecked(False)
    # WHEN a practice passes each whole minute THEN one soft interval bell rings
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert presenter.warning.text() == ""
    played = len(presenter.chimes.played)
    clocks.advance(60)
    presenter.tick()
    clocks.advance(0.5)
    presenter.tick()
    assert presenter.chimes.played[played:] == [Chime.INTERVAL]


def test_after_the_run_the_summary_opens_in_a_print_preview(
    qtbot: QtBot, empty_context: UiContext, session_id: int, clocks: Clocks
) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    host = QWidget()
    qtbot.addWidget(host)
    launcher = RunLauncher(empty_context, host)
    presenter = launcher.run_session(session_id)
    assert presenter is not None
    presenter.run.start()
    clocks.advance(300)
    presenter.run.end()
    presenter.tick()
    assert presenter.summary_button.isVisibleTo(presenter)
    qtbot.mouseClick(presenter.summary_button, Qt.MouseButton.LeftButton)
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintPreviewDialog)]
    assert any(w.isVisible() and "Planned and actual" in w.windowTitle() for w in previews)
    for preview in previews:
        preview.close()
    presenter.close()


def test_the_chosen_projector_screen_is_remembered_and_one_screen_means_a_window(
    qtbot: QtBot, presenter: PresenterWindow
) -> None:
    presenter.show_projector()
    # WHEN the facilitator picks a screen THEN it is kept in the settings for next time
    presenter.room_bar.screen_chosen.emit("HDMI-1")
    assert presenter._context.settings.text("run/projector_screen") == "HDMI-1"
    # AND with a single screen the projector view stays an ordinary window
    assert presenter.projector.place("HDMI-1") is None
    assert presenter.projector.isVisible()
    assert not presenter.projector.isFullScreen()
    # WHEN the projector is turned off THEN it hides and its pacer stops
    presenter.room_bar.projector.setChecked(False)
    assert not presenter.projector.isVisible()


def test_running_a_delivered_session_again_asks_first(
    qtbot: QtBot, empty_context: UiContext, session_id: int, clocks: Clocks
) -> None:
    runs = empty_context.core.runs
    run = runs.prepare(session_id)
    run.start()
    clocks.advance(60)
    run.end()
    runs.close(run)
    host = QWidget()
    qtbot.addWidget(host)
    launcher = RunLauncher(empty_context, host)
    # WHEN the facilitator runs it again THEN nothing starts until they confirm
    assert launcher.run_session(session_id) is None
    box = launcher.box
    assert box is not None and "already been run" in box.text()
    again = box.findChild(QPushButton, "runAgainButton")
    assert again is not None
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert launcher.presenter is not None
    assert launcher.presenter.run.state is TimerState.NOT_STARTED
    launcher.presenter.close()


def test_a_check_in_during_a_run_shows_on_the_rooms_projector_and_can_be_taken_off(
    qtbot: QtBot, empty_context: UiContext, session_id: int, clocks: Clocks
) -> None:
    from attune_desktop.ui.checkins.projector_panel import CheckInProjectorPanel
    from attune_desktop.ui.main_window import MainWindow

    # GIVEN a session running with its projector view
    window = MainWindow(empty_context)
    qtbot.addWidget(window)
    window.show()
    presenter = window.run_launcher.run_session(session_id)
    assert presenter is not None
    presenter.run.start()
    # WHEN the facilitator opens a round in Check-ins and shows it on the projector
    service = empty_context.core.checkins
    round_id = service.open_round(session_id, "opening", "weather").id or 0
    window.show_page("checkins")
    window.checkins_view.select_round(round_id)
    window.checkins_view.show_projector()
    # THEN the room's projector (not a new window) shows the round's panel, the timer hidden
    projector = presenter.projector
    assert projector.isVisible()
    panel = projector.current_panel()
    assert isinstance(panel, CheckInProjectorPanel) and panel.round_id == round_id
    assert panel.isVisibleTo(projector)
    assert not projector.ring.isVisibleTo(projector)
    # AND the presenter offers to take it off, which brings the timer back
    back = presenter.room_bar.back_to_timer
    assert back.isVisibleTo(presenter)
    back.click()
    assert projector.current_panel() is None
    assert projector.ring.isVisibleTo(projector)
    assert not back.isVisibleTo(presenter)
    presenter.close()
