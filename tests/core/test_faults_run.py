"""Killed mid-session: the run resumes on the acknowledged segment with the acknowledged time.

Each trial forks a child that runs a session live (start, next, previous, skip, +1, −1, pause,
resume, poll) on fake clocks it moves itself, acknowledging each step once it is saved; the
parent SIGKILLs it at a random moment. The parent knows the script (same seed) and replays it on
a bare timer, so it knows every state the child went through. After the kill it opens the home
on a different monotonic clock (a restarted computer) with the wall clock GAP seconds past the
last state the child could have saved, and the run must resume on the last acknowledged state or
the one after it (killed between the save and its ack), with time that passed while the app was
down counted as the room's time when running and as pause when paused. Nothing else is accepted.

The clocks move in quarter seconds from whole numbers, so every figure is exact in a float.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from dataclasses import dataclass
from typing import Protocol

import pytest

from attune_desktop.core.config import AppPaths
from attune_desktop.core.services.runs import SAVE_RETRY_SECONDS, RunService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import open_database
from attune_desktop.core.timer import PlannedSegment, RunTimer, TimerState
from tests.core.faults_helpers import ack, kill_after_acks, whole

pytestmark = pytest.mark.slow

TRIALS = 20
STEPS = 40  # actions in one trial's script
GAP = 97.25  # seconds the app is down between the kill and the next start
EPOCH = 1_780_000_000.0  # the wall clock when the child's monotonic clock reads zero
AGENDA = (("Welcome", 5), ("Check-in", 3), ("Teaching", 12), ("Breathing", 4), ("Closing", 6))


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Controls(Protocol):
    """What a LiveRun and a bare RunTimer both offer, so one script drives either."""

    @property
    def state(self) -> TimerState: ...
    def start(self) -> None: ...
    def next(self) -> None: ...
    def previous(self) -> None: ...
    def skip(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def add_minutes(self, minutes: float) -> None: ...


@dataclass(frozen=True)
class Seen:
    """Where a run stood just after a step was saved."""

    index: int
    remaining: float
    running: bool
    wall: float  # when it was saved

    def line(self, step: int) -> str:
        return f"ack {step} {self.index} {self.remaining!r} {int(self.running)} {self.wall!r}"

    def resumed_at(self, wall: float) -> tuple[int, float, bool]:
        """What a resume at `wall` must show: the room's time went on only if it was running."""
        down = wall - self.wall
        return self.index, self.remaining - (down if self.running else 0.0), self.running


def _script(seed: int) -> list[tuple[float, str]]:
    """(seconds to wait first, what to choose) pairs; the choice is made against the state."""
    rng = random.Random(seed)
    return [(rng.randrange(0, 360) / 4, rng.choice(CHOICES)) for _ in range(STEPS)]


CHOICES = ("next", "next", "previous", "skip", "plus", "minus", "pause", "poll")


def _act(run: Controls, index: int, choice: str, last: int) -> str:
    """Do the chosen step in a way the state allows (never finishing the session)."""
    if run.state is TimerState.NOT_STARTED:
        run.start()
        return "start"
    if choice in ("next", "skip") and index == last:
        choice = "previous"
    if choice == "pause":
        choice = "resume" if run.state is TimerState.PAUSED else "pause"
    if choice == "plus":
        run.add_minutes(1)
    elif choice == "minus":
        run.add_minutes(-1)
    elif choice != "poll":
        getattr(run, choice)()
    return choice


def _child(url: str, session_id: int, seed: int, fd: int) -> None:
    """Runs the session through the real service and database, on clocks it moves itself."""
    mono, wall = Clock(0.0), Clock(EPOCH)
    db = open_database(url)
    runs = RunService(db, SessionService(db), clock=mono, wall_clock=wall)
    live = runs.prepare(session_id)
    ack(fd, "ready")
    for step, (wait, choice) in enumerate(_script(seed), start=1):
        mono.now += wait
        wall.now += wait
        _act(live, live.timer.current_index, choice, len(AGENDA) - 1)
        if choice == "poll":
            live.poll()  # as the presenter does at a boundary; saved only after a crossing
        timer = live.timer
        time.sleep(0.0005)  # the presenter repaints after a save: a kill can land before the ack
        seen = Seen(
            timer.current_index, timer.remaining(), timer.state is TimerState.RUNNING, wall.now
        )
        ack(fd, seen.line(step))


def _replay(seed: int) -> list[Seen | None]:
    """Every state the child goes through, worked out here on a bare timer: [0] is not started."""
    mono, wall = Clock(0.0), Clock(EPOCH)
    plan = [PlannedSegment(title, minutes * 60.0) for title, minutes in AGENDA]
    timer = RunTimer(plan, mono, warning_seconds=120.0, wall_clock=wall)
    states: list[Seen | None] = [None]
    for wait, choice in _script(seed):
        mono.now += wait
        wall.now += wait
        _act(timer, timer.current_index, choice, len(AGENDA) - 1)
        timer.poll()
        states.append(
            Seen(
                timer.current_index,
                timer.remaining(),
                timer.state is TimerState.RUNNING,
                wall.now,
            )
        )
    return states


def _acked(lines: list[str]) -> list[str]:
    """Whole ack lines only: a kill can tear the last one."""
    return [line for line in lines if line.startswith("ack ") and len(line.split()) == 6]


def test_a_run_killed_mid_session_resumes_on_the_acknowledged_segment_and_time(
    paths: AppPaths,
) -> None:
    # GIVEN a home with a session to run, per trial
    db = open_database(paths.database_url)
    sessions = SessionService(db)
    rng = random.Random(20)
    outcomes = {"acked": 0, "one ahead": 0, "never started": 0}
    try:
        for trial in range(TRIALS):
            session_id = sessions.create_session(f"Trial {trial}").id or 0
            for title, minutes in AGENDA:
                sessions.add_segment(session_id, title=title, planned_minutes=minutes)
            seed = 1000 + trial
            expected = _replay(seed)

            # WHEN the app is killed at a random moment while it runs the session
            after_acks = rng.randrange(0, STEPS - 2)
            extra = rng.choice([0.0, rng.uniform(0, 0.002), rng.uniform(0, 0.01)])
            lines = _acked(
                kill_after_acks(
                    lambda fd, s=session_id, seed=seed: _child(paths.database_url, s, seed, fd),
                    after_acks,
                    extra,
                )
            )
            # (the child and the replay agree on every step it acknowledged)
            for step, line in enumerate(lines, start=1):
                seen = expected[step]
                assert seen is not None and line == seen.line(step), f"trial {trial}"
            last = len(lines)
            assert last >= after_acks  # the kill came after the acks counted on

            # THEN the database is whole
            assert whole(paths.database_url)
            # AND the app, started again GAP seconds later (another boot: a new monotonic
            # clock), finds the run where the last acknowledged step left it, or one step on
            candidates = expected[last : last + 2]
            latest = max((s.wall for s in candidates if s is not None), default=EPOCH)
            restart_wall = latest + GAP
            runs = RunService(db, sessions, clock=Clock(31.5), wall_clock=Clock(restart_wall))
            found = runs.interrupted()
            if found is None or found.session_id != session_id:
                assert candidates[0] is None, f"trial {trial}: the run was lost"
                outcomes["never started"] += 1
                continue
            got = (found.segment_index, found.remaining_seconds, not found.paused)
            allowed = [s.resumed_at(restart_wall) for s in candidates if s is not None]
            assert got in allowed, f"trial {trial}: resumed at {got}, expected one of {allowed}"
            outcomes["acked" if got == allowed[0] and candidates[0] else "one ahead"] += 1
            assert found.segment_title == AGENDA[found.segment_index][0]
            # AND resuming it carries on exactly there
            live = runs.resume(session_id)
            assert live.timer.current_index == found.segment_index
            assert live.timer.remaining() == found.remaining_seconds
            assert (live.timer.state is TimerState.RUNNING) == (not found.paused)
            # (then it is closed, so the next trial's run is the one left running)
            runs.abandon(session_id)
            assert runs.interrupted() is None
    finally:
        db.close()
    # AND the kills fell both after an ack and mid-step, not all before the start
    print(outcomes)
    assert outcomes["acked"] >= TRIALS // 2
    assert whole(paths.database_url)


@pytest.mark.sqlite_only
def test_a_locked_file_mid_run_says_so_loses_nothing_and_saves_when_free(
    paths: AppPaths,
) -> None:
    # GIVEN a session running, on clocks the test moves
    db = open_database(paths.database_url, busy_timeout_ms=100)
    sessions = SessionService(db)
    session_id = sessions.create_session("Locked out").id or 0
    for title, minutes in AGENDA:
        sessions.add_segment(session_id, title=title, planned_minutes=minutes)
    mono, wall = Clock(0.0), Clock(EPOCH)
    runs = RunService(db, sessions, clock=mono, wall_clock=wall)
    run = runs.prepare(session_id)
    run.start()
    other = sqlite3.connect(paths.database)
    try:
        # WHEN another program holds the file locked as the facilitator moves on
        other.execute("BEGIN EXCLUSIVE")
        mono.now = wall.now - EPOCH + 30.0
        wall.now = EPOCH + 30.0
        run.next()
        # THEN the run goes on in memory and says clearly why it is not saved
        assert run.timer.current_index == 1
        assert run.save_problem is not None
        assert "in use by another program" in run.save_problem
        assert "saved as soon as the file can be written" in run.save_problem
        # AND while it stays locked, polls look (without waiting for the lock) and go on
        for _ in range(2):
            mono.now += SAVE_RETRY_SECONDS
            wall.now += SAVE_RETRY_SECONDS
            assert not db.free_to_write()
            run.poll()
            assert run.save_problem is not None
    finally:
        # WHEN the other program lets go
        other.rollback()
        other.close()
    assert json.loads(sessions.get_session(session_id).run_state or "{}")["index"] == 0
    assert db.free_to_write()
    with db.engine.connect() as conn:  # the look left the usual wait for locks in place
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 100
    mono.now += SAVE_RETRY_SECONDS
    wall.now += SAVE_RETRY_SECONDS
    run.poll()
    # THEN the next save goes through on its own, with the state as it is now
    assert run.save_problem is None
    assert json.loads(sessions.get_session(session_id).run_state or "{}")["index"] == 1
    # AND a restart finds the run on the second segment with its time
    restarted = RunService(db, sessions, clock=Clock(5.0), wall_clock=Clock(wall.now))
    found = restarted.interrupted()
    assert found is not None and found.segment_index == 1
    assert found.remaining_seconds == AGENDA[1][1] * 60.0 - 3 * SAVE_RETRY_SECONDS  # 3 polls on
    assert whole(paths.database_url)
    db.close()
