"""Running a session live: the timer, saved at every step, and what actually happened.

A `LiveRun` wraps the drift-free `RunTimer` for one session. Every operation on it (start,
pause, next, +1 min, ...) and every poll that reports a crossing writes the timer's snapshot
into `Session.run_state` and each segment's actual start and end, in one transaction, so a
crash or a power cut loses nothing: `RunService.interrupted()` finds the run on the next start
and `resume()` carries on at the right segment with the right remaining time.

The timer keeps the plan the run started with (`plan_seconds` in the snapshot), so "ahead or
behind" is always measured against what was planned. What the run changes (+/− a minute, the
time the elastic agenda takes back) belongs to the run: it lives in the run's own copy of the
minutes, saved with the snapshot, and never rewrites the session's plan, so later prints,
copies and templates stay as planned. An edit of the agenda itself during the run is followed.

When the session has a booked time (its date and start time, in the series' zone, and its
length), the run is measured against that: how late it started, and the booked end as a hard
stop, which is also what the elastic agenda aims at. Without one it counts from Start.

A rehearsal runs the same way but writes nothing: the session stays planned, no times are
recorded, and the plan is untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psygnal import Signal
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core.elastic import RecoveryProposal, SegmentPlan, propose_recovery
from attune_desktop.core.errors import AttuneError, StorageError
from attune_desktop.core.i18n import _
from attune_desktop.core.locale_format import day_date
from attune_desktop.core.models import Segment, Series, Session, SessionStatus, utcnow
from attune_desktop.core.series_dates import session_start
from attune_desktop.core.services.base import Change, ChangeKind, Service, require
from attune_desktop.core.services.fidelity import record_run
from attune_desktop.core.services.queries import ordered_segments
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database
from attune_desktop.core.timer import (
    Clock,
    PlannedSegment,
    RunTimer,
    TimerEvent,
    TimerState,
)

MIN = 60.0
# Late by less than this and the presenter proposes nothing: a minute is noise in a room.
PROPOSE_AFTER_SECONDS = 60.0
# A segment "overran" when it took at least this much longer than planned.
OVERRUN_TOLERANCE_SECONDS = 60.0
# After a refused save (the file locked, the disk full), polls try again this often, and only
# when the lock is free at once: a retry must never hold up the screen.
SAVE_RETRY_SECONDS = 5.0
# A running run is saved at least this often even when nothing happens, so after a crash the
# app can tell how long it was down to within this much.
HEARTBEAT_SECONDS = 30.0
# A run started further than this from its booked start is not that booking (a rehearsal at
# home, a session run on another day): it then counts from Start.
BOOKED_WINDOW_SECONDS = 3 * 3600.0


@dataclass(frozen=True)
class BookedTime:
    """When the room is booked: the session's date and start time, and its length."""

    start: dt.datetime  # aware, in the series' zone (or the laptop's)
    end: dt.datetime

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / MIN)


def booked_time(session: Session, series: Series | None) -> BookedTime | None:
    """The session's booked start and end, or None when it has no date."""
    if session.date is None:
        return None
    zone = series.time_zone if series is not None else ""
    try:
        start = session_start(session.date, session.start_time, zone)
    except (AttuneError, ValueError, OverflowError):
        return None
    return BookedTime(start, start + dt.timedelta(minutes=max(0, session.target_minutes)))


class RunError(AttuneError):
    """A run cannot start or resume; the message says why and what to do."""


@dataclass(frozen=True)
class InterruptedRun:
    """A session left running by a crash or power cut, and where it stood."""

    session_id: int
    session_title: str
    segment_index: int
    segment_title: str
    remaining_seconds: float
    paused: bool
    away_seconds: float = 0.0  # since the last save: how long the app was not running it


@dataclass(frozen=True)
class SegmentOutcome:
    title: str
    kind: str
    planned_minutes: int
    actual_seconds: float | None  # None when the run never reached it
    skipped: bool = False
    run_minutes: int | None = None  # what the run gave it (after +/− and time taken back)

    @property
    def over_seconds(self) -> float | None:
        """Positive when it ran over its plan, negative when under; None if not reached."""
        if self.actual_seconds is None:
            return None
        return self.actual_seconds - self.planned_minutes * MIN


@dataclass(frozen=True)
class RunSummary:
    """Planned against actual, per segment and for the whole session."""

    session_id: int
    session_title: str
    date: dt.date | None
    segments: tuple[SegmentOutcome, ...]
    started_at: dt.datetime | None
    ended_at: dt.datetime | None

    @property
    def planned_minutes(self) -> int:
        return sum(s.planned_minutes for s in self.segments)

    @property
    def actual_seconds(self) -> float:
        if self.started_at is not None and self.ended_at is not None:
            return (self.ended_at - self.started_at).total_seconds()
        return sum(s.actual_seconds or 0.0 for s in self.segments)

    @property
    def over_seconds(self) -> float:
        return self.actual_seconds - self.planned_minutes * MIN


@dataclass(frozen=True)
class Overrun:
    """A segment (by kind and title) that ran over in most of the sessions it was run in."""

    title: str
    kind: str
    sessions_run: int
    sessions_over: int
    average_over_minutes: float

    @property
    def summary(self) -> str:
        return _(
            "“{title}” ran over in {sessions_over} of {sessions_run} sessions, by "
            "{average_over_minutes:.0f} min on average."
        ).format_map(vars(self))


def over_label(seconds: float) -> str:
    """'+3 min', '−2 min', 'on time': whole minutes, as the facilitator talks."""
    minutes = round(seconds / MIN)
    if minutes == 0:
        return _("on time")
    return (
        _("+{minutes} min").format(minutes=minutes)
        if minutes > 0
        else _("−{minutes} min").format(minutes=-minutes)
    )


class LiveRun:
    """One session being run. Every operation is saved before it returns."""

    def __init__(
        self,
        service: RunService,
        session: Session,
        segments: Sequence[Segment],
        timer: RunTimer,
        plan_seconds: Sequence[float],
        *,
        rehearsal: bool = False,
        booked: BookedTime | None = None,
    ) -> None:
        self._service = service
        self.session_id: int = session.id or 0
        self.session_title = session.title
        self.segment_ids: tuple[int, ...] = tuple(s.id or 0 for s in segments)
        self.segments: tuple[Segment, ...] = tuple(segments)
        self.plan_seconds = tuple(plan_seconds)
        self.timer = timer
        # Events from an operation itself (segment started, ...) wait for the next poll, so
        # the UI announces every event from one place.
        self._pending_events: list[TimerEvent] = []
        # Why the last save failed (the file locked, the disk full), until a save succeeds.
        self.save_problem: str | None = None
        self._failed_at: float | None = None
        self._saved_at: float | None = None
        # A rehearsal writes nothing: the session stays as planned and no times are recorded.
        self.rehearsal = rehearsal
        self.booked = booked
        self.projector_open = False
        # Set when resumed from a saved state: seconds since the last save, and whether the
        # clock ran through them (it did unless the run was paused).
        self.away_seconds: float | None = None
        self.away_running = False
        # The minutes each "take the time back" changed, as they were before, for its undo.
        self._adjustments: list[list[tuple[int, float]]] = []

    @property
    def clock(self) -> Clock:
        return self._service.clock

    @property
    def wall_clock(self) -> Clock:
        return self._service.wall_clock

    @property
    def state(self) -> TimerState:
        return self.timer.state

    @property
    def current_segment(self) -> Segment:
        return self.segments[self.timer.current_index]

    @property
    def next_segment_row(self) -> Segment | None:
        index = self.timer.current_index + 1
        return self.segments[index] if index < len(self.segments) else None

    # --- operations: each one is saved -------------------------------------------------

    def start(self) -> None:
        self._do(self.timer.start)

    def pause(self) -> None:
        self._do(self.timer.pause)

    def settle(self) -> None:
        self._do(self.timer.settle)

    def resume(self) -> None:
        self._do(self.timer.resume)

    def toggle_pause(self) -> None:
        """Space: start, pause or resume, whichever makes sense now."""
        if self.timer.state is TimerState.NOT_STARTED:
            self.start()
        elif self.timer.state is TimerState.RUNNING:
            self.pause()
        elif self.timer.state is not TimerState.FINISHED:
            self.resume()

    def next(self) -> None:
        self._do(self.timer.next)

    def previous(self) -> None:
        self._do(self.timer.previous)

    def skip(self) -> None:
        self._do(self.timer.skip)

    def add_minutes(self, minutes: float) -> None:
        self._do(lambda: self.timer.add_minutes(minutes))

    def end(self) -> None:
        self._do(self.timer.end)

    def poll(self) -> list[TimerEvent]:
        """Crossings since the last poll; saved when there were any (warned, ended flags).

        After a refused save it also tries again, every SAVE_RETRY_SECONDS, so the run is on
        disk again soon after the file is free (or the server answers again), even if nobody
        touches a control.
        """
        events: list[TimerEvent] = self._pending_events
        self._pending_events = []
        polled = self.timer.poll()
        now = self.clock()
        retry = (
            self._failed_at is not None
            and now - self._failed_at >= SAVE_RETRY_SECONDS
            and self._service.free_to_write()  # a retry never waits for the lock
        )
        heartbeat = (
            self._failed_at is None
            and not self.rehearsal
            and self.timer.state in (TimerState.RUNNING, TimerState.PAUSED, TimerState.SETTLING)
            and (self._saved_at is None or now - self._saved_at >= HEARTBEAT_SECONDS)
            and self._service.free_to_write()
        )
        if polled or retry or heartbeat:
            self._save()
        return events + polled

    def _do(self, operation: Callable[[], None]) -> None:
        operation()
        self._pending_events = [*self._pending_events, *self.timer.poll()]
        self._save()

    def _save(self) -> None:
        """Save now. A room cannot wait for a file: if the save is refused (locked by another
        program, a full disk) the run goes on in memory, `save_problem` says why, and the
        next save (every operation, and polls) writes the whole state, so nothing is lost.
        """
        try:
            self._service.save(self)
        except StorageError as exc:
            # The first sentence says why; the path is noise on a screen read mid-session.
            reason = str(exc).split(". ")[0].rstrip(".")
            if self._service.database_path is not None:
                reason = reason.replace(str(self._service.database_path), "the data file")
            reason = reason[:1].lower() + reason[1:]
            # A server home is reached over the network: no file to wait for there.
            self.save_problem = (
                _(
                    "Not saved just now: {reason}. The run goes on here and is saved as soon "
                    "as the database can be reached."
                )
                if self._service.on_server
                else _(
                    "Not saved just now: {reason}. The run goes on here and is saved as soon "
                    "as the file can be written."
                )
            ).format(reason=reason)
            self._failed_at = self.clock()
            return
        self.save_problem = None
        self._failed_at = None
        self._saved_at = self.clock()

    def set_projector_open(self, is_open: bool) -> None:
        """Remembered with the run, so a resumed run opens the projector again."""
        if self.projector_open == is_open:
            return
        self.projector_open = is_open
        if self.timer.state is not TimerState.NOT_STARTED:
            self._save()

    # --- booked time -------------------------------------------------------------------

    def start_wall(self) -> float:
        """Wall-clock epoch seconds the session started; now, before Start."""
        now_wall = self.wall_clock()
        started = self.timer.session_started_at
        return now_wall if started is None else now_wall - (self.clock() - started)

    def booked_applies(self) -> bool:
        """True when this run is the booked session: started (or starting) near its time."""
        if self.booked is None:
            return False
        return abs(self.start_wall() - self.booked.start.timestamp()) <= BOOKED_WINDOW_SECONDS

    def late_start_seconds(self) -> float | None:
        """How late the start was against the booking (negative: early); None without one."""
        if not self.booked_applies():
            return None
        assert self.booked is not None
        return self.start_wall() - self.booked.start.timestamp()

    def projected_end_wall(self) -> float:
        return self.start_wall() + self.timer.projected_end_offset()

    def lateness_seconds(self) -> float:
        """Late (positive) or early against the booked end, a hard stop; else against the plan."""
        if self.booked_applies():
            assert self.booked is not None
            return self.projected_end_wall() - self.booked.end.timestamp()
        return self.timer.ahead_behind_seconds()

    # --- the elastic agenda ------------------------------------------------------------

    def recovery_proposal(self) -> RecoveryProposal | None:
        """When running late, where the time could come back from; None when on time."""
        if self.timer.state not in (TimerState.RUNNING, TimerState.PAUSED, TimerState.SETTLING):
            return None
        late = self.lateness_seconds()
        if late < PROPOSE_AFTER_SECONDS:
            return None
        plans = [
            SegmentPlan(s.title, max(0, math.ceil(p.planned_seconds / MIN - 1e-9)), s.fixed)
            for s, p in zip(self.segments, self.timer.segments, strict=True)
        ]
        proposal = propose_recovery(plans, self.timer.current_index, late)
        return proposal if proposal.recovered_minutes > 0 else None

    def proposal_changes(self, proposal: RecoveryProposal) -> list[tuple[int, int, int]]:
        """(segment id, old minutes, new minutes) the proposal would give the run."""
        return [(self.segment_ids[i], old, new) for i, old, new in proposal.changes]

    def apply_proposal(self, proposal: RecoveryProposal) -> None:
        """Take the time back in this run only: the session's plan keeps its minutes."""
        if self.timer.state is TimerState.FINISHED or not proposal.changes:
            return
        before = [(i, self.timer.segments[i].planned_seconds) for i, _old, _new in proposal.changes]
        for index, _old, new in proposal.changes:
            self.timer.set_planned(index, new * MIN)
        self._adjustments.append(before)
        self._pending_events = [*self._pending_events, *self.timer.poll()]
        self._save()

    @property
    def can_undo_adjustment(self) -> bool:
        return bool(self._adjustments) and self.timer.state is not TimerState.FINISHED

    def undo_adjustment(self) -> bool:
        """Give back the minutes the last "take the time back" took; False when there is none."""
        if not self.can_undo_adjustment:
            return False
        for index, seconds in self._adjustments.pop():
            self.timer.set_planned(index, seconds)
        self._pending_events = [*self._pending_events, *self.timer.poll()]
        self._save()
        return True

    def follow_agenda(self) -> None:
        """Follow an edit of the agenda's minutes for the segments still to come.

        Only a segment whose minutes were edited in the agenda changes: what the run itself
        gave a segment (+/− a minute, time taken back) is the run's and stays.
        """
        rows = {s.id: s for s in self._service.sessions.segments(self.session_id)}
        if self.timer.state is TimerState.FINISHED:
            return
        current = self.timer.current_index
        not_started = self.timer.state is TimerState.NOT_STARTED
        new_plan = list(p.planned_seconds for p in self.timer.segments)
        changed = False
        fresh = list(self.segments)
        for i, ident in enumerate(self.segment_ids):
            row = rows.get(ident)
            if row is None:
                continue
            edited = row.planned_minutes != fresh[i].planned_minutes
            fresh[i] = row
            if edited and (not_started or i > current):
                new_plan[i] = row.planned_minutes * MIN
                changed = True
        self.segments = tuple(fresh)
        if not changed:
            return
        if not_started:
            self.timer = RunTimer(
                [
                    PlannedSegment(s.title, seconds, s.fixed, s.kind)
                    for s, seconds in zip(self.segments, new_plan, strict=True)
                ],
                self.clock,
                warning_seconds=self.timer.warning_seconds,
                wall_clock=self.wall_clock,
            )
            self.plan_seconds = tuple(new_plan)
            return
        for index, seconds in enumerate(new_plan):
            if index > current:
                self.timer.set_planned(index, seconds)
        self._pending_events = [*self._pending_events, *self.timer.poll()]
        self._save()

    # --- the snapshot ------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        state = self.timer.to_state()
        state["segment_ids"] = list(self.segment_ids)
        state["plan_seconds"] = list(self.plan_seconds)
        state["projector_open"] = self.projector_open
        return state

    def outcome(self) -> RunSummary:
        """Planned against actual from the run in memory (a rehearsal's is nowhere else)."""
        timer = self.timer
        mono, wall = self.clock(), self.wall_clock()

        def instant(value: float | None) -> dt.datetime | None:
            if value is None:
                return None
            return dt.datetime.fromtimestamp(wall - (mono - value), dt.UTC)

        outcomes = []
        for i, row in enumerate(self.segments):
            start, end = timer.actual_starts[i], timer.actual_ends[i]
            actual = None if start is None or end is None else max(0.0, end - start)
            outcomes.append(
                SegmentOutcome(
                    row.title,
                    row.kind,
                    round(self.plan_seconds[i] / MIN),
                    actual,
                    timer.skipped[i],
                    round(timer.segments[i].planned_seconds / MIN),
                )
            )
        return RunSummary(
            session_id=self.session_id,
            session_title=self.session_title,
            date=None,
            segments=tuple(outcomes),
            started_at=instant(timer.session_started_at),
            ended_at=instant(timer.finished_at),
        )


class RunService(Service):
    """Start, save, resume and look back on live runs."""

    # A session's status moved (planned → running → delivered): lists of sessions refresh.
    status_changed = Signal(Change)

    def __init__(
        self,
        db: Database,
        sessions: SessionService,
        *,
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
    ) -> None:
        super().__init__(db)
        self.sessions = sessions
        self.clock = clock
        self.wall_clock = wall_clock
        self._live: LiveRun | None = None
        sessions.changed.connect(self._on_sessions_changed)

    def free_to_write(self) -> bool:
        return self._db.free_to_write()

    @property
    def database_path(self) -> Path | None:
        return self._db.path

    @property
    def on_server(self) -> bool:
        """The home is a PostgreSQL database (a failed save waits for the server, not a file)."""
        return self._db.on_server

    @property
    def live(self) -> LiveRun | None:
        """The run open now, if any (one at a time: there is one room)."""
        return self._live

    def open_run_problem(self) -> str | None:
        """Why the database must not be replaced now (a run is open), or None.

        The open run saves into its session by id at every step; a restore would pull that
        session out from under it, and the next save would land on whatever now has that id.
        """
        live = self._live
        if live is None:
            return None
        # A left-to-right mark first and the title isolated: an Arabic or Hebrew title must not
        # turn the English sentence around (Qt takes the direction from the first letter).
        title = f"\u200e“\u2068{live.session_title}\u2069”"
        if live.state is TimerState.FINISHED:
            return _(
                "{title} is still open in the presenter: close its window first, then restore."
            ).format(title=title)
        return _(
            "{title} is running. End the running session or close its window first "
            "(closing keeps it saved, to resume later), then restore."
        ).format(title=title)

    # --- starting and resuming -----------------------------------------------------------

    def prepare(
        self,
        session_id: int,
        *,
        warning_minutes: float | None = 2.0,
        rehearsal: bool = False,
    ) -> LiveRun:
        """A run ready to start (nothing saved until `start()`); resumes one left running.

        A rehearsal is always a fresh run that saves nothing; a run left interrupted stays
        as it was, to resume later.
        """
        live = self._live
        if (
            live is not None
            and live.session_id == session_id
            and live.state is not TimerState.FINISHED
            and live.rehearsal == rehearsal
        ):
            return live
        interrupted = None if rehearsal else self.interrupted()
        if interrupted is not None and interrupted.session_id == session_id:
            return self.resume(session_id)
        session = self.sessions.get_session(session_id)
        segments = self.sessions.segments(session_id)
        if not segments:
            raise RunError(
                _("“{title}” has no segments yet: add some before running it.").format(
                    title=session.title
                )
            )
        today = dt.datetime.fromtimestamp(self.wall_clock()).date()
        if not rehearsal and session.date is not None and session.date > today:
            raise RunError(
                _(
                    "“{title}” is dated {day_date}, a day still to come: running it for "
                    "real would record it as delivered today. Rehearse it instead (Run ▸ "
                    "Rehearse session, Shift+F5), or move it to today first."
                ).format(title=session.title, day_date=day_date(session.date))
            )
        plan = [s.planned_minutes * MIN for s in segments]
        warning = None if warning_minutes is None else max(0.0, warning_minutes) * MIN
        timer = RunTimer(
            self.planned_segments(segments, plan),
            self.clock,
            warning_seconds=warning,
            wall_clock=self.wall_clock,
        )
        self._live = LiveRun(
            self, session, segments, timer, plan, rehearsal=rehearsal, booked=self.booked(session)
        )
        return self._live

    def booked(self, session: Session) -> BookedTime | None:
        """The session's booked time (its series' zone), or None when it has no date."""
        with self._db.session() as db:
            span = self._booked_span(db, session)
        return None if span is None else BookedTime(*span)

    @staticmethod
    def _booked_span(db: DbSession, session: Session) -> tuple[dt.datetime, dt.datetime] | None:
        series = db.get(Series, session.series_id) if session.series_id is not None else None
        booked = booked_time(session, series)
        return None if booked is None else (booked.start, booked.end)

    def interrupted(self) -> InterruptedRun | None:
        """The session left running by a crash or power cut, if there is one."""
        with self._db.session() as db:
            query = (
                select(Session)
                .where(Session.status == SessionStatus.RUNNING.value)
                .where(col(Session.run_state).is_not(None))
                .order_by(col(Session.updated_at).desc())
            )
            candidates = list(db.exec(query))
        for session in candidates:
            if self._live is not None and self._live.session_id == session.id:
                continue
            try:
                run = self._restore(session)
            except RunError:
                continue
            if run.state is TimerState.FINISHED:
                continue
            timer = run.timer
            return InterruptedRun(
                session_id=run.session_id,
                session_title=session.title,
                segment_index=timer.current_index,
                segment_title=timer.current_segment.title,
                remaining_seconds=timer.remaining(),
                paused=timer.state is not TimerState.RUNNING,
                away_seconds=run.away_seconds or 0.0,
            )
        return None

    def resume(self, session_id: int) -> LiveRun:
        """Carry on a run from its saved state: the right segment, the right time left."""
        session = self.sessions.get_session(session_id)
        run = self._restore(session)
        self._live = run
        self.save(run)
        return run

    def abandon(self, session_id: int) -> None:
        """Close an interrupted run without resuming: it counts as delivered as far as it got."""
        session = self.sessions.get_session(session_id)
        run = self._restore(session)
        if run.state is not TimerState.FINISHED:
            run.timer.end()
        self.save(run)
        if self._live is not None and self._live.session_id == session_id:
            self._live = None

    def close(self, run: LiveRun) -> None:
        """The presenter closed; a run still going stays saved and can be resumed."""
        if self._live is run:
            self._live = None

    def _restore(self, session: Session) -> LiveRun:
        if not session.run_state:
            raise RunError(_("“{title}” has no saved run to resume.").format(title=session.title))
        segments = self.sessions.segments(session.id or 0)
        try:
            state = json.loads(session.run_state)
            ids = [int(x) for x in state["segment_ids"]]
            plan = [float(x) for x in state["plan_seconds"]]
            saved_at = float(state["saved_at"])
        except (ValueError, KeyError, TypeError) as exc:
            raise RunError(
                _("The saved run of “{title}” cannot be read.").format(title=session.title)
            ) from exc
        by_id = {s.id: s for s in segments}
        if any(i not in by_id for i in ids) or len(plan) != len(ids):
            raise RunError(
                _(
                    "The agenda of “{title}” changed since it was running; its saved run "
                    "no longer fits."
                ).format(title=session.title)
            )
        rows = [by_id[i] for i in ids]
        try:
            timer = RunTimer.from_state(
                self.planned_segments(rows, plan), state, self.clock, self.wall_clock
            )
        except ValueError as exc:
            raise RunError(str(exc)) from exc
        run = LiveRun(self, session, rows, timer, plan, booked=self.booked(session))
        run.projector_open = state.get("projector_open") is True
        run.away_seconds = max(0.0, self.wall_clock() - saved_at)
        run.away_running = timer.state is TimerState.RUNNING
        return run

    @staticmethod
    def planned_segments(rows: Sequence[Segment], plan: Sequence[float]) -> list[PlannedSegment]:
        return [
            PlannedSegment(s.title, seconds, s.fixed, s.kind)
            for s, seconds in zip(rows, plan, strict=True)
        ]

    # --- saving ------------------------------------------------------------------------

    def save(self, run: LiveRun) -> None:
        """Write the snapshot, the status and every actual start and end, in one transaction."""
        timer = run.timer
        if timer.state is TimerState.NOT_STARTED or run.rehearsal:
            return
        mono, wall = self.clock(), self.wall_clock()

        def instant(value: float | None) -> dt.datetime | None:
            if value is None:
                return None
            return dt.datetime.fromtimestamp(wall - (mono - value), dt.UTC)

        finished = timer.state is TimerState.FINISHED
        state_json = json.dumps(run.to_state())
        with self._db.session() as db:
            session = require(db.get(Session, run.session_id), "session", run.session_id)
            session.run_state = state_json
            status = (SessionStatus.DELIVERED if finished else SessionStatus.RUNNING).value
            moved = session.status != status
            series_id = session.series_id
            session.status = status
            session.actual_start = instant(timer.session_started_at)
            session.actual_end = instant(timer.finished_at)
            session.updated_at = utcnow()
            db.add(session)
            rows = {s.id: s for s in ordered_segments(db, run.session_id)}
            for ident, start, end in zip(
                run.segment_ids, timer.actual_starts, timer.actual_ends, strict=True
            ):
                row = rows.get(ident)
                if row is None:  # deleted while running: nothing to record it on
                    continue
                row.actual_start = instant(start)
                row.actual_end = instant(end)
                db.add(row)
            if finished:
                ran = [
                    (rows[i], skip)
                    for i, skip in zip(run.segment_ids, timer.skipped, strict=True)
                    if i in rows
                ]
                record_run(db, session, ran, self._booked_span(db, session))
        self._announce("run", ChangeKind.UPDATED, (run.session_id,), None)
        if moved:
            self.status_changed.emit(
                Change("session", ChangeKind.UPDATED, (run.session_id,), series_id)
            )

    def _on_sessions_changed(self, change: Change) -> None:
        live = self._live
        if live is None or change.entity != "segment" or change.parent_id != live.session_id:
            return
        try:
            live.follow_agenda()
        except (AttuneError, ValueError):  # an agenda edit must never stop the run
            return

    # --- looking back --------------------------------------------------------------------

    def summary(self, session_id: int) -> RunSummary:
        """Over and under per segment and in total, against the plan the run started with."""
        session = self.sessions.get_session(session_id)
        segments = self.sessions.segments(session_id)
        plan: dict[int, float] = {}
        given: dict[int, float] = {}
        skipped: dict[int, bool] = {}
        if session.run_state:
            try:
                state = json.loads(session.run_state)
                ids = [int(x) for x in state.get("segment_ids", [])]
                plan = dict(zip(ids, [float(x) for x in state["plan_seconds"]], strict=True))
                given = dict(zip(ids, [float(x) for x in state["planned_seconds"]], strict=True))
                skipped = dict(zip(ids, [bool(x) for x in state["skipped"]], strict=True))
            except (ValueError, KeyError, TypeError):
                plan, given, skipped = {}, {}, {}
        outcomes = []
        for s in segments:
            ident = s.id or 0
            planned = round(plan[ident] / MIN) if ident in plan else s.planned_minutes
            actual = None
            if s.actual_start is not None and s.actual_end is not None:
                actual = max(0.0, (s.actual_end - s.actual_start).total_seconds())
            run_minutes = round(given[ident] / MIN) if ident in given else None
            outcomes.append(
                SegmentOutcome(
                    s.title, s.kind, planned, actual, skipped.get(ident, False), run_minutes
                )
            )
        return RunSummary(
            session_id=session_id,
            session_title=session.title,
            date=session.date,
            segments=tuple(outcomes),
            started_at=session.actual_start,
            ended_at=session.actual_end,
        )

    def regular_overruns(self, series_id: int, *, min_sessions: int = 2) -> list[Overrun]:
        """Segments that ran over in at least `min_sessions` sessions and in most of them.

        Segments are matched across weeks by kind and title (case and spacing ignored), so
        "Talking together" in week 1 and week 4 count as the same item.
        """
        tally: dict[tuple[str, str], list[float]] = {}
        names: dict[tuple[str, str], str] = {}
        for session in self.sessions.list_sessions(series_id=series_id):
            for outcome in self.summary(session.id or 0).segments:
                if outcome.over_seconds is None or outcome.skipped:
                    continue
                key = (outcome.kind, " ".join(outcome.title.casefold().split()))
                names.setdefault(key, outcome.title)
                tally.setdefault(key, []).append(outcome.over_seconds)
        found = []
        for key, overs in tally.items():
            over = [o for o in overs if o >= OVERRUN_TOLERANCE_SECONDS]
            if len(over) >= min_sessions and len(over) * 2 > len(overs):
                found.append(
                    Overrun(
                        title=names[key],
                        kind=key[0],
                        sessions_run=len(overs),
                        sessions_over=len(over),
                        average_over_minutes=sum(over) / len(over) / MIN,
                    )
                )
        found.sort(key=lambda o: (-o.sessions_over, -o.average_over_minutes, o.title))
        return found
