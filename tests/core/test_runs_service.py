"""Running a session live: saved at every step, resumable after a crash, and looked back on."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from attune_desktop.core.models import SessionStatus
from attune_desktop.core.services.runs import RunError, RunService, over_label
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database
from attune_desktop.core.timer import TimerEventKind, TimerState
from tests.clocks import Clocks

MIN = 60.0
EPOCH = 1_780_000_000.0


@pytest.fixture
def clocks() -> Clocks:
    return Clocks(EPOCH, mono=500.0)


@pytest.fixture
def runs(db: Database, sessions: SessionService, clocks: Clocks) -> RunService:
    return RunService(db, sessions, clock=clocks.mono, wall_clock=clocks.wall)


def make_session(
    sessions: SessionService, *segments: tuple[str, int, bool], series_id: int | None = None
) -> int:
    session = sessions.create_session("Noticing feelings", series_id=series_id)
    assert session.id is not None
    for title, minutes, fixed in segments:
        sessions.add_segment(session.id, title=title, planned_minutes=minutes, fixed=fixed)
    return session.id


AGENDA = (("Welcome", 10, False), ("Talking together", 20, False), ("Break", 15, True))


def test_starting_a_run_marks_the_session_running_and_saves_its_state(
    runs: RunService, sessions: SessionService, clocks: Clocks
) -> None:
    # GIVEN a planned session WHEN the facilitator prepares and starts its run
    sid = make_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    assert sessions.get_session(sid).status == SessionStatus.PLANNED  # nothing saved yet
    run.start()
    # THEN the session is running, with a snapshot and the first segment's start recorded
    session = sessions.get_session(sid)
    assert session.status == SessionStatus.RUNNING
    assert session.run_state is not None
    assert json.loads(session.run_state)["state"] == "running"
    first = sessions.segments(sid)[0]
    assert first.actual_start == dt.datetime.fromtimestamp(EPOCH, dt.UTC)
    assert first.actual_end is None
    assert [e.kind for e in run.poll()] == [TimerEventKind.SEGMENT_STARTED]


def test_every_step_is_saved_as_it_happens(
    runs: RunService, sessions: SessionService, clocks: Clocks
) -> None:
    sid = make_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    # WHEN the facilitator pauses, adds a minute and moves on
    clocks.advance(3 * MIN)
    run.pause()
    assert json.loads(sessions.get_session(sid).run_state or "")["state"] == "paused"
    run.add_minutes(1)
    assert json.loads(sessions.get_session(sid).run_state or "")["planned_seconds"][0] == 11 * MIN
    run.resume()
    clocks.advance(2 * MIN)
    run.next()
    # THEN the first segment's end and the second one's start are on record
    rows = sessions.segments(sid)
    assert rows[0].actual_end == dt.datetime.fromtimestamp(EPOCH + 5 * MIN, dt.UTC)
    assert rows[1].actual_start == rows[0].actual_end
    state = json.loads(sessions.get_session(sid).run_state or "")
    assert state["index"] == 1


def test_a_killed_app_resumes_at_the_right_segment_with_the_right_time(
    db: Database, sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    # GIVEN a run 4 minutes into the second segment
    sid = make_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    clocks.advance(10 * MIN)
    run.next()
    clocks.advance(4 * MIN)
    run.poll()
    # WHEN the laptop loses power, and comes back 1 minute later with a new monotonic clock
    del run, runs
    clocks.wall.advance(1 * MIN)
    clocks.mono.now = 3.0  # the monotonic clock restarted with the computer
    fresh = RunService(db, sessions, clock=clocks.mono, wall_clock=clocks.wall)
    found = fresh.interrupted()
    # THEN it is offered for resuming, on "Talking together" with 15 minutes left
    assert found is not None
    assert found.session_id == sid
    assert found.segment_title == "Talking together"
    assert found.remaining_seconds == pytest.approx(15 * MIN)
    resumed = fresh.resume(sid)
    assert resumed.timer.current_index == 1
    assert resumed.timer.remaining() == pytest.approx(15 * MIN)
    clocks.advance(15 * MIN)
    assert TimerEventKind.SEGMENT_ENDED in [e.kind for e in resumed.poll()]


def test_a_paused_run_resumes_paused_with_the_time_it_had(
    db: Database, sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    sid = make_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    clocks.advance(7 * MIN)
    run.settle()
    clocks.advance(30 * MIN)  # the app was dead for half an hour while settled
    fresh = RunService(db, sessions, clock=clocks.mono, wall_clock=clocks.wall)
    found = fresh.interrupted()
    assert found is not None and found.paused
    assert found.remaining_seconds == pytest.approx(3 * MIN)
    assert fresh.resume(sid).state is TimerState.SETTLING


def test_a_finished_run_is_delivered_and_not_offered_again(
    db: Database, sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    sid = make_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    for minutes in (12, 18, 15):
        clocks.advance(minutes * MIN)
        run.next()
    session = sessions.get_session(sid)
    assert session.status == SessionStatus.DELIVERED
    assert session.actual_end == dt.datetime.fromtimestamp(EPOCH + 45 * MIN, dt.UTC)
    assert RunService(db, sessions, clock=clocks.mono, wall_clock=clocks.wall).interrupted() is None


def test_the_summary_shows_over_and_under_per_segment_and_in_total(
    runs: RunService, sessions: SessionService, clocks: Clocks
) -> None:
    # GIVEN a run where the welcome ran 2 min over, the talk 5 min under and the break was skipped
    sid = make_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    clocks.advance(12 * MIN)
    run.next()
    clocks.advance(15 * MIN)
    run.next()
    run.skip()
    # THEN
    summary = runs.summary(sid)
    rows = [(s.title, s.planned_minutes, s.over_seconds, s.skipped) for s in summary.segments]
    assert rows == [
        ("Welcome", 10, 2 * MIN, False),
        ("Talking together", 20, -5 * MIN, False),
        ("Break", 15, -15 * MIN, True),
    ]
    assert summary.planned_minutes == 45
    assert summary.actual_seconds == 27 * MIN
    assert over_label(summary.over_seconds) == "−18 min"
    assert over_label(2 * MIN) == "+2 min"


def test_an_empty_agenda_cannot_run(runs: RunService, sessions: SessionService) -> None:
    sid = make_session(sessions)
    with pytest.raises(RunError, match="no segments"):
        runs.prepare(sid)


def test_running_late_proposes_time_from_flexible_segments_and_follows_the_edit(
    runs: RunService, sessions: SessionService, clocks: Clocks
) -> None:
    # GIVEN a run 6 minutes late in the welcome
    sid = make_session(
        sessions, ("Welcome", 10, False), ("Talking together", 20, False), ("Closing", 10, True)
    )
    run = runs.prepare(sid)
    run.start()
    assert run.recovery_proposal() is None  # on time: nothing to propose
    clocks.advance(16 * MIN)
    proposal = run.recovery_proposal()
    # THEN the talk (flexible) gives 6 minutes; the closing (fixed) is never touched
    assert proposal is not None
    talk_id = run.segment_ids[1]
    assert run.proposal_changes(proposal) == [(talk_id, 20, 14)]
    # WHEN the change is applied through the session service (as the UI does)
    sessions.update_segment(talk_id, planned_minutes=14)
    # THEN the run follows the agenda and is back on time against the original plan
    assert run.timer.segments[1].planned_seconds == 14 * MIN
    assert run.timer.ahead_behind_seconds() == pytest.approx(0.0)
    # AND undoing it puts the time back
    sessions.update_segment(talk_id, planned_minutes=20)
    assert run.timer.ahead_behind_seconds() == pytest.approx(6 * MIN)


def test_segments_that_regularly_overrun_across_a_series_are_pointed_out(
    db: Database, sessions: SessionService, clocks: Clocks
) -> None:
    from attune_desktop.core.services.series import SeriesService

    series = SeriesService(db).create_series("Autumn circle", first_date=dt.date(2026, 9, 7))
    assert series.id is not None
    for session in sessions.list_sessions(series_id=series.id):
        sessions.delete_session(session.id or 0)
    # GIVEN three weeks where "Talking together" ran 5+ min over twice, and the welcome once
    weeks = [(10, 25, 15), (13, 26, 15), (10, 18, 15)]
    for actual in weeks:
        sid = make_session(sessions, *AGENDA, series_id=series.id)
        runs = RunService(db, sessions, clock=clocks.mono, wall_clock=clocks.wall)
        run = runs.prepare(sid)
        run.start()
        for minutes in actual:
            clocks.advance(minutes * MIN)
            run.next()
    found = RunService(db, sessions).regular_overruns(series.id)
    assert [(o.title, o.sessions_over, o.sessions_run) for o in found] == [
        ("Talking together", 2, 3)
    ]
    assert found[0].average_over_minutes == pytest.approx(5.5)
    assert "ran over in 2 of 3 sessions" in found[0].summary


def test_closing_the_presenter_keeps_the_run_and_opening_it_again_resumes(
    runs: RunService, sessions: SessionService, clocks: Clocks
) -> None:
    sid = make_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    clocks.advance(4 * MIN)
    runs.close(run)
    again = runs.prepare(sid)
    assert again is not run
    assert again.state is TimerState.RUNNING
    assert again.timer.remaining() == pytest.approx(6 * MIN)


def test_an_interrupted_run_can_be_ended_as_it_stood(
    runs: RunService, sessions: SessionService, clocks: Clocks
) -> None:
    sid = make_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    clocks.advance(12 * MIN)
    run.next()
    runs.close(run)
    runs.abandon(sid)
    assert sessions.get_session(sid).status == SessionStatus.DELIVERED
    assert runs.interrupted() is None
    assert [s.actual_seconds for s in runs.summary(sid).segments] == [12 * MIN, 0.0, None]


def test_a_saved_run_that_no_longer_fits_the_agenda_is_not_offered(
    runs: RunService, sessions: SessionService, clocks: Clocks
) -> None:
    sid = make_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    runs.close(run)
    sessions.delete_segment(run.segment_ids[0])
    assert runs.interrupted() is None
    with pytest.raises(RunError, match="no longer fits"):
        runs.resume(sid)
