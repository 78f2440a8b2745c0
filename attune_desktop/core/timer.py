"""The live session timer: a state machine over the agenda, measured against a monotonic clock.

Time is measured, not counted. A segment's elapsed time is always `now - origin`, where the
origin is the instant the segment started, moved later by every pause; nothing here adds up
ticks, so a late, skipped or doubled UI timer can never make the clock drift.

Which operations are errors and which do nothing:

* `start()` twice, or `next()`, `previous()`, `skip()`, `pause()`, `settle()`, `resume()`,
  `end()` before `start()`, raise `TimerStateError`; so does anything but `end()` after the
  session has finished. These are programming or wiring mistakes the UI should not offer.
* `pause()` while paused, `settle()` while settling, `resume()` while running, `previous()` on the
  first segment and `end()` after the end do nothing: a double click must never be an error.

Each segment keeps its own stopwatch. `previous()` reopens the segment before with the time it
had when it was left, and `next()` into a segment that was visited before continues its time;
the seconds spent meanwhile still count for the session as a whole (projected end, ahead or
behind), because the room lived through them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from attune_desktop.core.i18n import _

Clock = Callable[[], float]
JsonDict = dict[str, Any]

SNAPSHOT_VERSION = 1
DEFAULT_WARNING_SECONDS = 120.0
# A microsecond of slack when turning seconds into the number on screen, so float noise at an
# exact boundary never holds the old number for a whole extra second.
_SNAP = 1e-6


@dataclass(frozen=True)
class PlannedSegment:
    title: str
    planned_seconds: float
    fixed: bool = False
    kind: str = "other"


class TimerState(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    SETTLING = "settling"  # a pause the facilitator chose, to let the room calm; counts as paused
    FINISHED = "finished"


class TimerEventKind(StrEnum):
    SEGMENT_STARTED = "segment_started"
    WARNING = "warning"
    SEGMENT_ENDED = "segment_ended"
    SESSION_FINISHED = "session_finished"


@dataclass(frozen=True)
class TimerEvent:
    """Something the UI announces; `at` is the monotonic instant it happened, not when polled."""

    kind: TimerEventKind
    index: int
    at: float


class TimerStateError(ValueError):
    """An operation that makes no sense in the timer's present state."""


_ACTIVE = frozenset({TimerState.RUNNING, TimerState.PAUSED, TimerState.SETTLING})
_HALTED = frozenset({TimerState.PAUSED, TimerState.SETTLING})


def format_clock(seconds: float) -> str:
    """Remaining time as the facilitator reads it: '12:05', '1:02:03', '+01:30' in overtime.

    The number shown is the remaining time rounded *up* to a whole second, so the clock reads
    0:00 only once the segment has really ended, and it changes exactly when the remaining time
    crosses a whole second: the instant `RunTimer.next_boundary` reports. Overtime rounds the
    same way, so '0:00' holds for the first second past the end and '+00:01' follows.
    """
    shown = _displayed_seconds(seconds)
    hours, rest = divmod(abs(shown), 3600)
    minutes, secs = divmod(rest, 60)
    sign = "+" if shown < 0 else ""
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    if shown < 0:
        return f"+{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def _displayed_seconds(remaining: float) -> int:
    if not math.isfinite(remaining):
        raise ValueError(
            _("A clock cannot show {remaining!r} seconds.").format(remaining=remaining)
        )
    return math.ceil(remaining - _SNAP)


class RunTimer:
    """The running agenda: which segment is on, how long it has had, and what to announce.

    The UI asks rather than counts: it schedules one single-shot timer at `next_boundary()`
    (or `segment_end_instant()`), calls `poll()` when it fires, and redraws from the queries.
    """

    def __init__(
        self,
        segments: Sequence[PlannedSegment],
        clock: Clock = time.monotonic,
        *,
        warning_seconds: float | None = DEFAULT_WARNING_SECONDS,
        wall_clock: Clock = time.time,
    ) -> None:
        if not segments:
            raise ValueError(_("An agenda needs at least one segment to run."))
        for segment in segments:
            if not math.isfinite(segment.planned_seconds) or segment.planned_seconds < 0:
                raise ValueError(
                    _(
                        "'{title}' has {planned_seconds!r} planned seconds; a segment needs "
                        "zero or more."
                    ).format(title=segment.title, planned_seconds=segment.planned_seconds)
                )
        if warning_seconds is not None and not (
            math.isfinite(warning_seconds) and warning_seconds >= 0
        ):
            raise ValueError(_("The warning must come zero or more seconds before the end."))
        count = len(segments)
        self._segments = tuple(segments)
        self._clock = clock
        self._wall_clock = wall_clock
        self._warning = warning_seconds
        self._state = TimerState.NOT_STARTED
        self._index = 0
        self._planned = [s.planned_seconds for s in segments]
        # Elapsed seconds each segment had when last left; for the current one, what it carried
        # into this visit.
        self._banked = [0.0] * count
        self._starts: list[float | None] = [None] * count
        self._ends: list[float | None] = [None] * count
        self._skipped = [False] * count
        self._warn_armed = [False] * count
        self._warned = [False] * count
        self._ended = [False] * count
        self._visit_start = 0.0
        self._paused = 0.0
        self._pause_began: float | None = None
        self._session_start: float | None = None
        self._finished_at: float | None = None
        self._last_collect = -math.inf
        self._pending: list[TimerEvent] = []

    # --- operations -------------------------------------------------------------------------

    def start(self) -> None:
        if self._state is not TimerState.NOT_STARTED:
            raise TimerStateError(_("The session has already started."))
        now = self._clock()
        self._session_start = now
        self._last_collect = now
        self._state = TimerState.RUNNING
        self._enter(0, now)
        self._collect(now)

    def pause(self) -> None:
        """Stop the clock; pausing while paused does nothing, pausing while settling relabels."""
        self._halt(TimerState.PAUSED)

    def settle(self) -> None:
        """A pause the facilitator takes to calm the room; the clock stops just as for pause()."""
        self._halt(TimerState.SETTLING)

    def resume(self) -> None:
        """Start the clock again; resuming a running timer does nothing."""
        now = self._require_active("resume")
        if self._state is TimerState.RUNNING:
            return
        self._collect(now)
        assert self._pause_began is not None
        self._paused += now - self._pause_began
        self._pause_began = None
        self._state = TimerState.RUNNING

    def next(self) -> None:
        """Move on; on the last segment this finishes the session. A pause carries over."""
        now = self._require_active(_("move to the next segment"))
        self._collect(now)
        self._advance(now)

    def skip(self) -> None:
        """Like next(), but the record says this segment was skipped rather than done."""
        now = self._require_active(_("skip a segment"))
        self._collect(now)
        self._skipped[self._index] = True
        self._advance(now)

    def previous(self) -> None:
        """Reopen the segment before, with the time it had; on the first segment, nothing."""
        now = self._require_active(_("go back a segment"))
        if self._index == 0:
            return
        self._collect(now)
        self._leave(now)
        self._enter(self._index - 1, now)
        self._collect(now)

    def add_minutes(self, minutes: float) -> None:
        """Lengthen (+) or shorten (−) the current segment's plan.

        Shortening stops at the present moment: with 30 s left, −1 min ends the segment now
        (remaining 0, so its end is announced) rather than throwing it into overtime, and in
        overtime −1 min changes nothing. The plan never drops below zero.
        """
        if not math.isfinite(minutes):
            raise ValueError(_("Add a whole number of minutes, such as +1 or −1."))
        if self._state is TimerState.FINISHED:
            raise TimerStateError(_("The session has finished; its times can no longer change."))
        now = self._clock()
        if self._state in _ACTIVE:
            self._collect(now)
        index = self._index
        planned = self._planned[index]
        delta = minutes * 60.0
        if delta >= 0:
            self._planned[index] = planned + delta
        else:
            elapsed = self.elapsed(now)
            self._planned[index] = max(planned + delta, min(planned, elapsed), 0.0)
        if self._state in _ACTIVE:
            self._rearm(now)
            self._collect(now)

    def set_planned(self, index: int, seconds: float) -> None:
        """Give one segment a new plan for this run only (the elastic agenda, an agenda edit).

        The plan the session was built with is not touched: this is the run's own copy.
        """
        if not 0 <= index < len(self._segments):
            raise ValueError(_("Segment {index} is not on this agenda.").format(index=index))
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(_("A segment needs zero or more planned seconds."))
        if self._state is TimerState.FINISHED:
            raise TimerStateError(_("The session has finished; its times can no longer change."))
        active = self._state in _ACTIVE and index == self._index
        now = self._clock()
        if active:
            self._collect(now)
        self._planned[index] = seconds
        if active:
            self._rearm(now)
            self._collect(now)

    def end(self) -> None:
        """Finish the session now, wherever it is; ending a finished session does nothing."""
        if self._state is TimerState.FINISHED:
            return
        now = self._require_active(_("end the session"))
        self._collect(now)
        self._leave(now)
        self._finish(now)

    def poll(self, now: float | None = None) -> list[TimerEvent]:
        """Every event since the last poll, in the order they happened.

        Crossings are worked out from the clock, so one poll after ten minutes reports every
        warning and end that fell in those minutes, each once, with the instant it happened.
        """
        if self._state in _ACTIVE:
            self._collect(self._clock() if now is None else now)
        events, self._pending = self._pending, []
        return events

    # --- queries ----------------------------------------------------------------------------

    @property
    def state(self) -> TimerState:
        return self._state

    @property
    def current_index(self) -> int:
        return self._index

    @property
    def current_segment(self) -> PlannedSegment:
        """The segment on now, with its plan as adjusted by +/− minutes."""
        return self._adjusted(self._index)

    @property
    def next_segment(self) -> PlannedSegment | None:
        if self._index + 1 >= len(self._segments):
            return None
        return self._adjusted(self._index + 1)

    @property
    def segments(self) -> tuple[PlannedSegment, ...]:
        return tuple(self._adjusted(i) for i in range(len(self._segments)))

    @property
    def warning_seconds(self) -> float | None:
        return self._warning

    @property
    def session_started_at(self) -> float | None:
        return self._session_start

    @property
    def finished_at(self) -> float | None:
        return self._finished_at

    @property
    def actual_starts(self) -> tuple[float | None, ...]:
        """Monotonic instant each segment was first begun; None for those never reached."""
        return tuple(self._starts)

    @property
    def actual_ends(self) -> tuple[float | None, ...]:
        """Monotonic instant each segment was last left; None while on or never reached."""
        return tuple(self._ends)

    @property
    def skipped(self) -> tuple[bool, ...]:
        return tuple(self._skipped)

    def elapsed(self, now: float | None = None) -> float:
        """Seconds the current segment has run, pauses excluded."""
        return self.elapsed_of(self._index, now)

    def elapsed_of(self, index: int, now: float | None = None) -> float:
        if index != self._index or self._state not in _ACTIVE:
            return self._banked[index]
        if self._pause_began is not None:
            return self._pause_began - self._origin()
        return (self._clock() if now is None else now) - self._origin()

    def remaining(self, now: float | None = None) -> float:
        """Seconds left in the current segment; negative in overtime."""
        return self._planned[self._index] - self.elapsed(now)

    def is_overtime(self, now: float | None = None) -> bool:
        return self._state is not TimerState.NOT_STARTED and self.remaining(now) < 0

    def progress(self, now: float | None = None) -> float:
        """How far through its plan the current segment is, 0..1, for the progress ring."""
        planned = self._planned[self._index]
        if planned <= 0:
            return 0.0 if self._state is TimerState.NOT_STARTED else 1.0
        return min(1.0, max(0.0, self.elapsed(now) / planned))

    @property
    def planned_session_end_offset(self) -> float:
        """Seconds from start to end as the agenda was planned, before any +/− adjustment."""
        return sum(s.planned_seconds for s in self._segments)

    def projected_end_offset(self, now: float | None = None) -> float:
        """Seconds from session start to when it will end if the rest goes to plan.

        Time so far (pauses included: the room waited through them) plus what the current
        segment has left (nothing once in overtime) plus what the later segments have left.
        """
        if self._state is TimerState.NOT_STARTED:
            return sum(self._planned)
        assert self._session_start is not None
        if self._state is TimerState.FINISHED:
            assert self._finished_at is not None
            return self._finished_at - self._session_start
        now = self._clock() if now is None else now
        rest = sum(
            max(0.0, self._planned[j] - self._banked[j])
            for j in range(self._index + 1, len(self._segments))
        )
        return (now - self._session_start) + max(0.0, self.remaining(now)) + rest

    def ahead_behind_seconds(self, now: float | None = None) -> float:
        """Positive when the session is running late, negative when ahead of the plan."""
        return self.projected_end_offset(now) - self.planned_session_end_offset

    def next_boundary(self, now: float | None = None) -> float | None:
        """Monotonic instant the displayed remaining time next changes; None when it is still.

        The UI schedules one single-shot timer for this instant instead of ticking.
        """
        if self._state is not TimerState.RUNNING:
            return None
        now = self._clock() if now is None else now
        target = _displayed_seconds(self.remaining(now)) - 1
        return self._origin() + self._planned[self._index] - target

    def segment_end_instant(self) -> float | None:
        """Monotonic instant the current segment reaches zero (in the past once in overtime).

        None unless running: while paused there is no such instant yet.
        """
        if self._state is not TimerState.RUNNING:
            return None
        return self._origin() + self._planned[self._index]

    # --- crash recovery ---------------------------------------------------------------------

    def to_state(self) -> JsonDict:
        """A JSON-ready snapshot; instants are stored as wall-clock UTC epoch seconds.

        Monotonic clocks restart with the computer, so every instant is translated to the wall
        clock through the pair (monotonic now, wall now) read together here.
        """
        mono = self._clock()
        wall = self._wall_clock()

        def to_wall(instant: float | None) -> float | None:
            return None if instant is None else wall - (mono - instant)

        paused = self._paused
        if self._pause_began is not None:
            paused += mono - self._pause_began
        return {
            "version": SNAPSHOT_VERSION,
            "state": self._state.value,
            "index": self._index,
            "warning_seconds": self._warning,
            "planned_seconds": list(self._planned),
            "elapsed_seconds": list(self._banked),
            "skipped": list(self._skipped),
            "warn_armed": list(self._warn_armed),
            "warned": list(self._warned),
            "ended": list(self._ended),
            "actual_starts": [to_wall(x) for x in self._starts],
            "actual_ends": [to_wall(x) for x in self._ends],
            "session_started_at": to_wall(self._session_start),
            "finished_at": to_wall(self._finished_at),
            "segment_started_at": to_wall(self._visit_start),
            "paused_seconds": paused,
            "saved_at": wall,
        }

    @classmethod
    def from_state(
        cls,
        segments: Sequence[PlannedSegment],
        state: Mapping[str, Any],
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
    ) -> RunTimer:
        """Resume a session after a crash or power cut, on the right segment with the right time.

        The snapshot holds the wall-clock start of the current segment and its paused seconds.
        Time the app was not running counts as elapsed if the timer was running (the session
        went on in the room) and as pause if it was paused or settling. Crossings that fell
        while it was not running are reported by the next poll, dated the moment of resuming.
        A wall clock set back while the app was down is treated as no time passing.
        """
        if state.get("version") != SNAPSHOT_VERSION:
            raise ValueError(
                _("This saved timer was written by another version; it cannot resume.")
            )
        try:
            phase = TimerState(state["state"])
        except (KeyError, ValueError) as exc:
            raise ValueError(_("This saved timer has no valid state; it cannot resume.")) from exc
        count = len(segments)
        warning = _opt_float(state, "warning_seconds")
        timer = cls(segments, clock, warning_seconds=warning, wall_clock=wall_clock)
        index = state.get("index")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < count:
            raise ValueError(_("This saved timer points at a segment the agenda does not have."))
        saved_at = _float(state, "saved_at")
        mono = clock()
        wall = max(wall_clock(), saved_at)

        def to_mono(instant: float | None) -> float | None:
            return None if instant is None else mono - (wall - instant)

        timer._state = phase
        timer._index = index
        timer._planned = _float_list(state, "planned_seconds", count)
        timer._banked = _float_list(state, "elapsed_seconds", count)
        timer._skipped = _bool_list(state, "skipped", count)
        timer._warn_armed = _bool_list(state, "warn_armed", count)
        timer._warned = _bool_list(state, "warned", count)
        timer._ended = _bool_list(state, "ended", count)
        timer._starts = [to_mono(x) for x in _opt_float_list(state, "actual_starts", count)]
        timer._ends = [to_mono(x) for x in _opt_float_list(state, "actual_ends", count)]
        timer._session_start = to_mono(_opt_float(state, "session_started_at"))
        timer._finished_at = to_mono(_opt_float(state, "finished_at"))
        visit_start = to_mono(_opt_float(state, "segment_started_at"))
        timer._visit_start = mono if visit_start is None else visit_start
        timer._paused = _float(state, "paused_seconds")
        if phase in _HALTED:
            timer._paused += wall - saved_at  # the dead time was a pause, not session time
            timer._pause_began = mono
        if phase is not TimerState.NOT_STARTED and timer._session_start is None:
            raise ValueError(_("This saved timer has no session start; it cannot resume."))
        if phase is TimerState.FINISHED and timer._finished_at is None:
            raise ValueError(_("This saved timer finished but has no end; it cannot resume."))
        timer._last_collect = mono
        return timer

    # --- internals --------------------------------------------------------------------------

    def _adjusted(self, index: int) -> PlannedSegment:
        return replace(self._segments[index], planned_seconds=self._planned[index])

    def _origin(self) -> float:
        """The instant the current segment would have started had it never paused."""
        return self._visit_start + self._paused - self._banked[self._index]

    def _require_active(self, action: str) -> float:
        if self._state is TimerState.NOT_STARTED:
            raise TimerStateError(
                _("Cannot {action}: the session has not started yet.").format(action=action)
            )
        if self._state is TimerState.FINISHED:
            raise TimerStateError(
                _("Cannot {action}: the session has finished.").format(action=action)
            )
        return self._clock()

    def _halt(self, to: TimerState) -> None:
        verb = "pause" if to is TimerState.PAUSED else "settle"
        now = self._require_active(verb)
        if self._state is TimerState.RUNNING:
            self._collect(now)
            self._pause_began = now
        self._state = to

    def _enter(self, index: int, now: float) -> None:
        self._index = index
        self._visit_start = now
        self._paused = 0.0
        self._pause_began = now if self._state in _HALTED else None
        if self._starts[index] is None:
            self._starts[index] = now
        self._ends[index] = None
        self._skipped[index] = False
        self._pending.append(TimerEvent(TimerEventKind.SEGMENT_STARTED, index, now))
        self._rearm(now)

    def _leave(self, now: float) -> None:
        self._banked[self._index] = self.elapsed(now)
        self._ends[self._index] = now

    def _advance(self, now: float) -> None:
        self._leave(now)
        if self._index + 1 >= len(self._segments):
            self._finish(now)
            return
        self._enter(self._index + 1, now)
        self._collect(now)

    def _finish(self, now: float) -> None:
        self._state = TimerState.FINISHED
        self._pause_began = None
        self._finished_at = now
        self._pending.append(TimerEvent(TimerEventKind.SESSION_FINISHED, self._index, now))

    def _rearm(self, now: float) -> None:
        """Arm the warning while it is still ahead, and the end again if time was given back."""
        index = self._index
        remaining = self.remaining(now)
        if remaining > _SNAP:
            self._ended[index] = False
        if (
            self._warning is not None
            and remaining > self._warning + _SNAP
            and not self._warned[index]
        ):
            self._warn_armed[index] = True

    def _collect(self, now: float) -> None:
        """Queue the warning and end crossings that have happened by `now`, dated exactly."""
        now = max(now, self._last_collect)
        index = self._index
        if self._warning is not None and self._warn_armed[index] and not self._warned[index]:
            at = self._crossing(self._warning, now)
            if at is not None:
                self._warned[index] = True
                self._pending.append(TimerEvent(TimerEventKind.WARNING, index, at))
        if not self._ended[index]:
            at = self._crossing(0.0, now)
            if at is not None:
                self._ended[index] = True
                self._pending.append(TimerEvent(TimerEventKind.SEGMENT_ENDED, index, at))
        self._last_collect = now

    def _crossing(self, threshold: float, now: float) -> float | None:
        """When remaining time reached `threshold`, if it has by `now`.

        While running this is exact. It allows the same microsecond as the display, so the end
        is announced exactly when the clock first reads 0:00, even if a UI timer fires a hair
        early. While paused nothing moves, so a crossing can only come from the adjustment
        being made right now.
        """
        if self._pause_began is None:
            at = self._origin() + self._planned[self._index] - threshold
            return max(min(at, now), self._last_collect) if now >= at - _SNAP else None
        return now if self.remaining(now) <= threshold + _SNAP else None


def _float(state: Mapping[str, Any], key: str) -> float:
    value = state.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(
            _("This saved timer has no valid '{key}'; it cannot resume.").format(key=key)
        )
    return float(value)


def _opt_float(state: Mapping[str, Any], key: str) -> float | None:
    return None if state.get(key) is None else _float(state, key)


def _list(state: Mapping[str, Any], key: str, count: int) -> list[Any]:
    value = state.get(key)
    if not isinstance(value, list) or len(value) != count:
        raise ValueError(
            _("This saved timer does not match the agenda ('{key}'); it cannot resume.").format(
                key=key
            )
        )
    return value


def _float_list(state: Mapping[str, Any], key: str, count: int) -> list[float]:
    return [_float({key: v}, key) for v in _list(state, key, count)]


def _opt_float_list(state: Mapping[str, Any], key: str, count: int) -> list[float | None]:
    return [_opt_float({key: v}, key) for v in _list(state, key, count)]


def _bool_list(state: Mapping[str, Any], key: str, count: int) -> list[bool]:
    values = _list(state, key, count)
    if not all(isinstance(v, bool) for v in values):
        raise ValueError(
            _("This saved timer has no valid '{key}'; it cannot resume.").format(key=key)
        )
    return [bool(v) for v in values]


def away_label(seconds: float) -> str:
    """How long a run was away, as said to the facilitator: '12 min', '1 h 05 min'."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return _("less than a minute")
    if minutes < 90:
        return _("{minutes} min").format(minutes=minutes)
    hours, rest = divmod(minutes, 60)
    return _("{hours} h {rest:02d} min").format(hours=hours, rest=rest)
