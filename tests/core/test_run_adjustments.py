"""What a run changes belongs to the run; the booked time; rehearsals; coming back from a crash."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from attune_desktop.core.models import SessionStatus
from attune_desktop.core.services.base import Change
from attune_desktop.core.services.runs import RunError, RunService
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database
from attune_desktop.core.timer import TimerState
from tests.clocks import Clocks

MIN = 60.0
LONDON = ZoneInfo("Europe/London")
BOOKED_DAY = dt.date(2026, 9, 14)  # a Monday
BOOKED_START = dt.datetime(2026, 9, 14, 18, 0, tzinfo=LONDON)


@pytest.fixture
def clocks() -> Clocks:
    # Seven minutes after the booked start: the room was slow to settle.
    return Clocks(BOOKED_START.timestamp() + 7 * MIN, mono=500.0)


@pytest.fixture
def runs(db: Database, sessions: SessionService, clocks: Clocks) -> RunService:
    return RunService(db, sessions, clock=clocks.mono, wall_clock=clocks.wall)


def booked_session(
    series: SeriesService, sessions: SessionService, *segments: tuple[str, int, bool]
) -> int:
    """Week 2 of a London circle, Mondays 18:00 for 120 minutes, with the given agenda."""
    made = series.create_series(
        "Autumn circle",
        first_date=BOOKED_DAY - dt.timedelta(days=7),
        start_time=dt.time(18, 0),
        session_minutes=120,
        time_zone="Europe/London",
    )
    week2 = sessions.list_sessions(series_id=made.id)[1]
    assert week2.date == BOOKED_DAY
    for title, minutes, fixed in segments:
        sessions.add_segment(week2.id or 0, title=title, planned_minutes=minutes, fixed=fixed)
    return week2.id or 0


def plain_session(sessions: SessionService, *segments: tuple[str, int, bool]) -> int:
    sid = sessions.create_session("Noticing feelings").id or 0
    for title, minutes, fixed in segments:
        sessions.add_segment(sid, title=title, planned_minutes=minutes, fixed=fixed)
    return sid


AGENDA = (("Welcome", 10, False), ("Talking together", 20, False), ("Closing", 10, True))


def planned(sessions: SessionService, sid: int) -> dict[str, int]:
    return {s.title: s.planned_minutes for s in sessions.segments(sid)}


# --- what the run changes stays in the run ------------------------------------------------


def test_taking_the_time_back_changes_the_run_and_never_the_plan(
    db: Database, sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    # GIVEN a run 6 minutes late in the welcome
    sid = plain_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    clocks.advance(16 * MIN)
    proposal = run.recovery_proposal()
    assert proposal is not None
    # WHEN the facilitator takes the time back
    run.apply_proposal(proposal)
    # THEN the run is back on time, the talk is 14 minutes in the run...
    assert run.timer.segments[1].planned_seconds == 14 * MIN
    assert run.timer.ahead_behind_seconds() == pytest.approx(0.0)
    # ...and the session's plan still says 20 (every later print and copy reads this)
    assert planned(sessions, sid)["Talking together"] == 20
    # AND the adjustment is saved with the run and survives a crash
    state = json.loads(sessions.get_session(sid).run_state or "")
    assert state["planned_seconds"][1] == 14 * MIN
    fresh = RunService(db, sessions, clock=clocks.mono, wall_clock=clocks.wall)
    assert fresh.resume(sid).timer.segments[1].planned_seconds == 14 * MIN
    # AND undo gives the minutes back to the run, leaving a minute given since as it is
    run.add_minutes(1)
    assert run.undo_adjustment()
    assert run.timer.segments[1].planned_seconds == 20 * MIN
    assert run.timer.segments[0].planned_seconds == 11 * MIN
    assert not run.undo_adjustment()


def test_plus_and_minus_a_minute_stay_with_the_run_through_an_agenda_edit(
    sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    # GIVEN three more minutes given to the talk during the run
    sid = plain_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    clocks.advance(10 * MIN)
    run.next()
    run.add_minutes(3)
    # WHEN the facilitator steps back to the welcome and a note is edited in the agenda
    run.previous()
    closing = sessions.segments(sid)[2]
    sessions.update_segment(closing.id or 0, notes="Thank everyone by name")
    # THEN the run keeps its 23 minutes for the talk, and the plan keeps 20
    assert run.timer.segments[1].planned_seconds == 23 * MIN
    assert planned(sessions, sid) == {"Welcome": 10, "Talking together": 20, "Closing": 10}
    # AND a real edit of the agenda's minutes is still followed
    sessions.update_segment(closing.id or 0, planned_minutes=15)
    assert run.timer.segments[2].planned_seconds == 15 * MIN


def test_the_summary_keeps_the_plan_and_records_what_the_run_gave(
    sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    sid = plain_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    clocks.advance(16 * MIN)
    proposal = run.recovery_proposal()
    assert proposal is not None
    run.apply_proposal(proposal)
    run.end()
    talk = runs.summary(sid).segments[1]
    assert (talk.planned_minutes, talk.run_minutes) == (20, 14)
    assert runs.summary(sid).planned_minutes == 40


# --- booked time ------------------------------------------------------------------------------


def test_a_late_start_is_measured_against_the_booked_time(
    series: SeriesService, sessions: SessionService, runs: RunService
) -> None:
    # GIVEN a 120-minute agenda booked 18:00–20:00, started at 18:07
    sid = booked_session(series, sessions, ("Welcome", 30, False), ("Talk", 60, False),
                         ("Closing", 30, True))  # fmt: skip
    run = runs.prepare(sid)
    assert run.booked is not None
    assert run.booked.start == BOOKED_START
    assert run.booked.end == BOOKED_START + dt.timedelta(minutes=120)
    run.start()
    # THEN it started 7 minutes late and, going to plan, ends 7 minutes past the hard stop
    assert run.late_start_seconds() == pytest.approx(7 * MIN)
    assert run.timer.ahead_behind_seconds() == pytest.approx(0.0)  # on plan, yet late
    assert run.lateness_seconds() == pytest.approx(7 * MIN)
    # AND the elastic agenda aims at the booked end straight away
    proposal = run.recovery_proposal()
    assert proposal is not None and proposal.late_minutes == 7
    run.apply_proposal(proposal)
    assert run.lateness_seconds() == pytest.approx(0.0)
    assert run.recovery_proposal() is None


def test_a_shorter_agenda_leaves_room_before_the_hard_stop(
    series: SeriesService, sessions: SessionService, runs: RunService
) -> None:
    sid = booked_session(series, sessions, ("Welcome", 10, False), ("Talk", 90, False))
    run = runs.prepare(sid)
    run.start()
    assert run.lateness_seconds() == pytest.approx(-13 * MIN)  # 19:47 against 20:00
    assert run.recovery_proposal() is None


def test_without_a_date_or_on_another_day_the_run_counts_from_start(
    series: SeriesService, sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    undated = plain_session(sessions, *AGENDA)
    run = runs.prepare(undated)
    assert run.booked is None and not run.booked_applies()
    runs.close(run)
    # A run the day before the booking (a rehearsal at home) is not that booking
    clocks.advance(-24 * 3600)
    booked = booked_session(series, sessions, *AGENDA)
    early = runs.prepare(booked, rehearsal=True)
    assert early.booked is not None and not early.booked_applies()
    early.start()
    assert early.late_start_seconds() is None
    assert early.lateness_seconds() == pytest.approx(early.timer.ahead_behind_seconds())


# --- rehearsal --------------------------------------------------------------------------------


def test_a_rehearsal_records_nothing_and_leaves_the_plan(
    db: Database, series: SeriesService, sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    full = (("Welcome", 30, False), ("Talking together", 60, False), ("Closing", 30, True))
    sid = booked_session(series, sessions, *full)
    seen: list[Change] = []
    runs.status_changed.connect(seen.append)
    # WHEN the facilitator rehearses on the day, 7 minutes late, takes time back and ends it
    run = runs.prepare(sid, rehearsal=True)
    assert run.rehearsal
    run.start()
    clocks.advance(16 * MIN)
    proposal = run.recovery_proposal()
    assert proposal is not None
    run.apply_proposal(proposal)
    run.next()
    clocks.advance(5 * MIN)
    run.end()
    assert run.state is TimerState.FINISHED
    # THEN the session is still planned, nothing is recorded, the plan is as it was
    session = sessions.get_session(sid)
    assert session.status == SessionStatus.PLANNED
    assert session.run_state is None and session.actual_start is None
    assert all(s.actual_start is None for s in sessions.segments(sid))
    assert planned(sessions, sid) == {"Welcome": 30, "Talking together": 60, "Closing": 30}
    assert seen == []
    assert RunService(db, sessions, clock=clocks.mono, wall_clock=clocks.wall).interrupted() is None
    # AND the rehearsal itself can say how it went
    outcome = run.outcome()
    assert round(outcome.actual_seconds / MIN) == 21
    runs.close(run)
    # AND a real run afterwards is delivered, announced once when it starts and once at the end
    real = runs.prepare(sid)
    assert not real.rehearsal
    real.start()
    clocks.advance(MIN)
    real.end()
    assert sessions.get_session(sid).status == SessionStatus.DELIVERED
    assert [c.ids for c in seen] == [(sid,), (sid,)]


# --- after a crash ----------------------------------------------------------------------------


def test_after_a_crash_the_projector_and_the_time_away_come_back(
    db: Database, sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    # GIVEN a run with the projector open, quietly ticking along
    sid = plain_session(sessions, *AGENDA)
    run = runs.prepare(sid)
    run.start()
    run.set_projector_open(True)
    for _ in range(4):  # two minutes without any control touched
        clocks.advance(30)
        run.poll()
    # WHEN the app dies and is started again 6 minutes later
    clocks.advance(6 * MIN)
    fresh = RunService(db, sessions, clock=clocks.mono, wall_clock=clocks.wall)
    found = fresh.interrupted()
    # THEN it knows how long it was away (the heartbeat kept the last save recent)
    assert found is not None
    assert found.away_seconds == pytest.approx(6 * MIN)
    resumed = fresh.resume(sid)
    assert resumed.projector_open
    assert resumed.away_seconds == pytest.approx(6 * MIN) and resumed.away_running
    assert resumed.timer.remaining() == pytest.approx(2 * MIN)  # the clock ran on


def test_a_session_still_to_come_runs_only_as_a_rehearsal(
    series: SeriesService, sessions: SessionService, runs: RunService, clocks: Clocks
) -> None:
    # GIVEN a session booked a week after the laptop's today
    sid = booked_session(series, sessions, ("Welcome", 30, False), ("Closing", 30, True))
    clocks.wall.now -= 7 * 24 * 60 * MIN
    # WHEN the facilitator runs it for real THEN they are told why, and what to do instead
    with pytest.raises(RunError, match=r"a day still to come.*Rehearse it instead"):
        runs.prepare(sid)
    assert sessions.get_session(sid).status == SessionStatus.PLANNED
    # AND a rehearsal of it runs, and records nothing
    run = runs.prepare(sid, rehearsal=True)
    run.start()
    run.end()
    assert sessions.get_session(sid).status == SessionStatus.PLANNED
