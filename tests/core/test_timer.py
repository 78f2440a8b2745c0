"""The live timer: what the facilitator sees and hears while a session runs."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attune_desktop.core.timer import (
    PlannedSegment,
    RunTimer,
    TimerEvent,
    TimerEventKind,
    TimerState,
    TimerStateError,
    format_clock,
)
from tests.clocks import FakeClock

MIN = 60.0
EPOCH = 1_780_000_000.0  # a wall-clock moment in 2026


def agenda(*minutes: float) -> list[PlannedSegment]:
    return [PlannedSegment(f"Segment {i}", m * MIN) for i, m in enumerate(minutes)]


def started(*minutes: float, clock: FakeClock | None = None, wall: FakeClock | None = None):
    clock = clock or FakeClock()
    timer = RunTimer(agenda(*minutes), clock, wall_clock=wall or FakeClock(EPOCH))
    timer.start()
    return timer, clock


def kinds(events: list[TimerEvent]) -> list[tuple[TimerEventKind, int]]:
    return [(e.kind, e.index) for e in events]


# --- the clock on the facilitator's screen -------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (725, "12:05"),
        (59.2, "1:00"),
        (60, "1:00"),
        (0.4, "0:01"),
        (0, "0:00"),
        (-0.5, "0:00"),
        (-1, "+00:01"),
        (-90, "+01:30"),
        (3723, "1:02:03"),
        (-3723, "+1:02:03"),
    ],
)
def test_clock_reads_remaining_rounded_up_and_overtime_with_a_plus(seconds, shown) -> None:
    assert format_clock(seconds) == shown


def test_remaining_time_follows_the_clock_and_pauses_do_not_count() -> None:
    timer, clock = started(20)
    clock.advance(5 * MIN)
    assert timer.remaining() == 15 * MIN
    timer.pause()
    clock.advance(7 * MIN)  # a parent needed a moment
    assert timer.state is TimerState.PAUSED
    assert timer.remaining() == 15 * MIN
    timer.resume()
    clock.advance(MIN)
    assert timer.elapsed() == 6 * MIN
    assert format_clock(timer.remaining()) == "14:00"


def test_settling_the_room_stops_the_clock_like_a_pause() -> None:
    timer, clock = started(10)
    clock.advance(MIN)
    timer.settle()
    assert timer.state is TimerState.SETTLING
    assert timer.segment_end_instant() is None and timer.next_boundary() is None
    clock.advance(3 * MIN)
    timer.resume()
    assert timer.elapsed() == MIN
    assert timer.segment_end_instant() == clock.now + 9 * MIN


def test_double_clicks_do_nothing_but_impossible_steps_say_why() -> None:
    timer = RunTimer(agenda(10, 10), FakeClock())
    with pytest.raises(TimerStateError, match="not started"):
        timer.next()
    with pytest.raises(TimerStateError, match="not started"):
        timer.pause()
    timer.start()
    with pytest.raises(TimerStateError, match="already started"):
        timer.start()
    timer.resume()  # already running: nothing happens
    timer.pause()
    timer.pause()  # already paused: nothing happens
    assert timer.state is TimerState.PAUSED
    timer.previous()  # on the first segment: nothing happens
    assert timer.current_index == 0
    timer.end()
    timer.end()
    assert timer.state is TimerState.FINISHED
    with pytest.raises(TimerStateError, match="finished"):
        timer.resume()
    with pytest.raises(TimerStateError, match="finished"):
        timer.add_minutes(1)


def test_next_records_what_actually_happened() -> None:
    clock = FakeClock(500.0)
    timer, _ = started(10, 15, 5, clock=clock)
    clock.advance(12 * MIN)
    timer.next()
    assert timer.current_index == 1 and timer.current_segment.title == "Segment 1"
    assert timer.next_segment is not None and timer.next_segment.title == "Segment 2"
    assert timer.actual_starts[:2] == (500.0, 500.0 + 12 * MIN)
    assert timer.actual_ends[0] == 500.0 + 12 * MIN and timer.actual_ends[1] is None
    assert timer.remaining() == 15 * MIN
    clock.advance(MIN)
    timer.skip()
    clock.advance(5 * MIN)
    timer.next()  # the last segment: the session is over
    assert timer.state is TimerState.FINISHED
    assert timer.skipped == (False, True, False)
    assert timer.actual_ends[2] == clock.now
    assert timer.next_segment is None


def test_previous_reopens_the_segment_with_the_time_it_had() -> None:
    timer, clock = started(10, 10)
    clock.advance(9 * MIN)
    timer.next()  # pressed too early
    clock.advance(20)
    timer.previous()
    assert timer.current_index == 0
    assert timer.remaining() == MIN
    assert timer.actual_ends[0] is None  # it is on again
    clock.advance(MIN)
    timer.next()
    assert timer.remaining() == 10 * MIN - 20  # the next segment keeps its own 20 seconds


def test_plus_and_minus_a_minute_change_the_current_segment_only() -> None:
    timer, clock = started(10, 10)
    timer.add_minutes(1)
    assert timer.current_segment.planned_seconds == 11 * MIN
    assert timer.segments[1].planned_seconds == 10 * MIN
    clock.advance(10 * MIN + 30)
    timer.add_minutes(-1)  # 30 s left: the segment ends now instead of going into overtime
    assert timer.remaining() == 0
    assert kinds(timer.poll())[-1] == (TimerEventKind.SEGMENT_ENDED, 0)
    clock.advance(45)
    timer.add_minutes(-1)  # already in overtime: nothing to shorten
    assert timer.remaining() == -45
    assert timer.planned_session_end_offset == 20 * MIN  # the plan itself is not rewritten


def test_minus_a_minute_never_makes_a_plan_negative() -> None:
    timer = RunTimer([PlannedSegment("Arrive", 30)], FakeClock())
    timer.add_minutes(-1)
    timer.add_minutes(-1)
    assert timer.current_segment.planned_seconds == 0


def test_giving_back_time_in_overtime_announces_the_new_end() -> None:
    timer, clock = started(5)
    clock.advance(5 * MIN + 20)
    assert kinds(timer.poll())[-1] == (TimerEventKind.SEGMENT_ENDED, 0)
    timer.add_minutes(1)
    assert timer.remaining() == 40 and not timer.is_overtime()
    clock.advance(40)
    ended = [e for e in timer.poll() if e.kind is TimerEventKind.SEGMENT_ENDED]
    assert [e.at for e in ended] == [clock.now]


def test_overtime_reads_with_a_plus_and_the_ring_is_full() -> None:
    timer, clock = started(10)
    clock.advance(11 * MIN + 30)
    assert timer.is_overtime()
    assert format_clock(timer.remaining()) == "+01:30"
    assert timer.progress() == 1.0


def test_ahead_or_behind_counts_overruns_pauses_and_skips() -> None:
    timer, clock = started(10, 20, 10)
    assert timer.planned_session_end_offset == 40 * MIN
    clock.advance(3 * MIN)
    assert timer.ahead_behind_seconds() == 0
    clock.advance(9 * MIN)  # two minutes over
    assert timer.ahead_behind_seconds() == 2 * MIN
    assert timer.projected_end_offset() == 42 * MIN
    timer.next()
    timer.pause()
    clock.advance(5 * MIN)
    assert timer.ahead_behind_seconds() == 7 * MIN  # the room waited five minutes
    timer.resume()
    timer.skip()  # 20 minutes of discussion dropped
    assert timer.ahead_behind_seconds() == -13 * MIN


def test_warning_and_end_come_once_each_and_only_for_long_enough_segments() -> None:
    timer, clock = started(5, 1.5)
    clock.advance(3 * MIN)
    assert kinds(timer.poll()) == [
        (TimerEventKind.SEGMENT_STARTED, 0),
        (TimerEventKind.WARNING, 0),
    ]
    assert timer.poll() == []
    clock.advance(2 * MIN)
    assert kinds(timer.poll()) == [(TimerEventKind.SEGMENT_ENDED, 0)]
    clock.advance(MIN)
    assert timer.poll() == []  # overtime is not announced again and again
    timer.next()
    clock.advance(2 * MIN)
    assert kinds(timer.poll()) == [
        (TimerEventKind.SEGMENT_STARTED, 1),
        (TimerEventKind.SEGMENT_ENDED, 1),  # 90 s is shorter than the warning: no warning
    ]


def test_one_late_poll_still_reports_every_crossing_in_order_at_its_instant() -> None:
    clock = FakeClock(0.0)
    timer, _ = started(5, 3, 10, clock=clock)
    clock.advance(6 * MIN)
    timer.next()  # nobody polled: the UI was busy
    clock.advance(4 * MIN)
    events = timer.poll()
    assert [(e.kind, e.index, e.at) for e in events] == [
        (TimerEventKind.SEGMENT_STARTED, 0, 0.0),
        (TimerEventKind.WARNING, 0, 3 * MIN),
        (TimerEventKind.SEGMENT_ENDED, 0, 5 * MIN),
        (TimerEventKind.SEGMENT_STARTED, 1, 6 * MIN),
        (TimerEventKind.WARNING, 1, 7 * MIN),
        (TimerEventKind.SEGMENT_ENDED, 1, 9 * MIN),
    ]
    assert timer.poll() == []
    timer.end()
    assert kinds(timer.poll()) == [(TimerEventKind.SESSION_FINISHED, 1)]


def test_the_end_is_announced_when_the_clock_first_reads_zero() -> None:
    timer, clock = started(1)
    timer.poll()
    end = timer.segment_end_instant()
    assert end is not None
    clock.now = end - 1e-9  # a UI timer firing a hair early
    assert format_clock(timer.remaining()) == "0:00"
    assert kinds(timer.poll()) == [(TimerEventKind.SEGMENT_ENDED, 0)]


# --- crash recovery ------------------------------------------------------------------------


def crash_and_restore(
    timer: RunTimer, segments: list[PlannedSegment], dead_seconds: float
) -> tuple[RunTimer, FakeClock]:
    """Save, lose the process, reboot (a new monotonic base) and resume the same agenda."""
    saved = json.loads(json.dumps(timer.to_state(), allow_nan=False))
    wall = FakeClock(saved["saved_at"] + dead_seconds)
    rebooted = FakeClock(42.0)
    return RunTimer.from_state(segments, saved, rebooted, wall), rebooted


def test_a_running_session_resumes_with_the_time_the_room_lived_through() -> None:
    timer, clock = started(10, 20, 10, wall=FakeClock(EPOCH))
    clock.advance(11 * MIN)
    timer.next()
    timer.add_minutes(1)
    clock.advance(MIN)
    timer.pause()
    clock.advance(MIN)
    timer.resume()
    clock.advance(2 * MIN)  # 3 min into segment 1 (of 21), then the laptop dies
    behind = timer.ahead_behind_seconds()

    restored, rebooted = crash_and_restore(timer, agenda(10, 20, 10), dead_seconds=90)

    assert restored.state is TimerState.RUNNING and restored.current_index == 1
    assert restored.current_segment.planned_seconds == 21 * MIN  # the +1 survived
    assert restored.remaining() == pytest.approx(21 * MIN - 3 * MIN - 90)
    # the session went on in the room: those 90 s were segment time, not extra lateness
    assert restored.ahead_behind_seconds() == pytest.approx(behind) == 3 * MIN
    assert restored.actual_ends[0] == pytest.approx(rebooted.now - 90 - 4 * MIN)
    rebooted.advance(10)
    assert restored.remaining() == pytest.approx(21 * MIN - 3 * MIN - 100)
    restored.next()
    assert restored.current_index == 2


def test_a_paused_session_resumes_paused_with_the_same_time_left() -> None:
    timer, clock = started(10, 20)
    clock.advance(4 * MIN)
    timer.settle()
    clock.advance(MIN)

    restored, rebooted = crash_and_restore(timer, agenda(10, 20), dead_seconds=600)

    assert restored.state is TimerState.SETTLING
    assert restored.remaining() == pytest.approx(6 * MIN)
    rebooted.advance(30)
    assert restored.remaining() == pytest.approx(6 * MIN)
    restored.resume()
    rebooted.advance(MIN)
    assert restored.remaining() == pytest.approx(5 * MIN)
    assert restored.projected_end_offset() == pytest.approx((4 + 1 + 10 + 0.5 + 1 + 5 + 20) * MIN)


def test_an_end_that_passed_while_the_app_was_down_is_announced_on_resume() -> None:
    timer, clock = started(5, 5)
    clock.advance(4 * MIN)
    timer.poll()
    restored, rebooted = crash_and_restore(timer, agenda(5, 5), dead_seconds=2 * MIN)
    assert [(e.kind, e.index, e.at) for e in restored.poll()] == [
        (TimerEventKind.SEGMENT_ENDED, 0, rebooted.now)
    ]
    assert restored.poll() == []


def test_a_snapshot_for_a_different_agenda_is_refused() -> None:
    timer, _ = started(10, 10)
    state = timer.to_state()
    with pytest.raises(ValueError, match="does not match"):
        RunTimer.from_state(agenda(10, 10, 10), state, FakeClock(), FakeClock(EPOCH))
    with pytest.raises(ValueError, match="another version"):
        RunTimer.from_state(agenda(10, 10), {**state, "version": 99}, FakeClock(), FakeClock())


# --- exact boundaries ----------------------------------------------------------------------


@settings(max_examples=200)
@given(
    planned=st.floats(min_value=1, max_value=4 * 3600),
    start=st.floats(min_value=0, max_value=1e7),
    waited=st.floats(min_value=0, max_value=5 * 3600),
)
def test_next_boundary_is_where_the_shown_second_changes(planned, start, waited) -> None:
    clock = FakeClock(start)
    timer = RunTimer([PlannedSegment("Talk", planned)], clock)
    timer.start()
    clock.advance(waited)
    now = clock.now
    boundary = timer.next_boundary()
    assert boundary is not None
    assert 0 < boundary - now <= 1 + 1e-6
    at_boundary = timer.remaining(boundary)
    assert abs(at_boundary - round(at_boundary)) < 1e-6  # a whole second of remaining time
    assert format_clock(timer.remaining(now)) == format_clock(timer.remaining(boundary - 1e-4))
    assert format_clock(timer.remaining(boundary)) != format_clock(timer.remaining(now))


@settings(max_examples=25, deadline=None)
@given(
    weights=st.lists(st.integers(min_value=1, max_value=30), min_size=4, max_size=12),
    overruns=st.lists(  # pressed next well before the end, or at it or after
        st.floats(min_value=-30, max_value=-1) | st.floats(min_value=0, max_value=90),
        min_size=12,
        max_size=12,
    ),
    pauses=st.lists(
        st.tuples(st.floats(min_value=0, max_value=0.99), st.floats(min_value=0, max_value=120)),
        min_size=12,
        max_size=12,
    ),
    gaps=st.lists(st.floats(min_value=0.2, max_value=30.0), min_size=1, max_size=40),
    start=st.floats(min_value=0, max_value=1e6),
)
def test_a_two_hour_run_announces_every_end_within_a_millisecond(
    weights, overruns, pauses, gaps, start
) -> None:
    """The UI sleeps until next_boundary (rounded up to a whole ms, as QTimer takes ms) and
    also polls at random moments (repaints, clicks); every end lands within 1 ms of the truth."""
    total = 2 * 3600
    lengths = [total * w / sum(weights) for w in weights]
    clock = FakeClock(start)
    timer = RunTimer([PlannedSegment(f"S{i}", s) for i, s in enumerate(lengths)], clock)
    timer.start()
    expected: dict[int, float] = {}
    announced: dict[int, tuple[float, float]] = {}
    gap_index = 0
    for i, planned in enumerate(lengths):
        begin = clock.now
        pause_at, pause_len = pauses[i]
        pause_at *= planned
        overrun = overruns[i]
        actions = [
            (begin + pause_at, timer.pause),
            (begin + pause_at + pause_len, timer.resume),
            (begin + pause_len + planned + overrun, timer.next),
        ]
        if overrun >= 0:
            expected[i] = begin + pause_len + planned
        while actions:
            boundary = timer.next_boundary()
            wake = math.inf
            if boundary is not None:
                wake = clock.now + math.ceil((boundary - clock.now) * 1000) / 1000
            random_poll = clock.now + gaps[gap_index % len(gaps)]
            moment = min(wake, random_poll, actions[0][0])
            clock.now = max(clock.now, moment)
            if moment == actions[0][0]:
                actions.pop(0)[1]()
            elif moment == random_poll:
                gap_index += 1
            for event in timer.poll():
                if event.kind is TimerEventKind.SEGMENT_ENDED:
                    assert event.index not in announced, "an end is announced once"
                    announced[event.index] = (event.at, clock.now)
    assert timer.state is TimerState.FINISHED
    assert announced.keys() == expected.keys()
    for index, (at, polled) in announced.items():
        assert abs(at - expected[index]) < 1e-3
        assert polled - expected[index] < 1e-3 + 1e-6
