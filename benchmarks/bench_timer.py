"""How late a segment's end is announced, against the goal of one frame (16 ms).

1. A simulated 2-hour session with a fake clock: the presenter's own scheduling rule (one
   single-shot timer set for `RunTimer.next_boundary`, whole milliseconds, rounded up) with an
   event loop that wakes 0-4 ms late, pauses, +1/−1 minute and skips along the way.
2. A real run of about 2 minutes: the presenter window on the real monotonic clock, eight
   15-second segments, offscreen Qt; each segment end is timed from its true instant to the
   moment the presenter announced it, and each display tick from its second boundary.

Run alone: .venv/bin/python benchmarks/bench_timer.py  (BENCH_TIMER_REAL_SECONDS=30 for short)
"""

from __future__ import annotations

import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from attune_desktop.core.timer import (  # noqa: E402
    PlannedSegment,
    RunTimer,
    TimerEventKind,
    TimerState,
)

GOAL_MS = 16.0


class FakeClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]


def delay_ms(boundary: float, now: float) -> int:
    """The presenter's rule (ui/run/presenter.py `_schedule`)."""
    return max(0, math.ceil((boundary - now) * 1000 - 1e-3))


def simulated_run(seed: int = 4) -> tuple[list[float], list[float]]:
    """End errors and display-tick errors, in ms, over a simulated 2-hour session."""
    rng = random.Random(seed)
    minutes = [10, 10, 5, 20, 15, 5, 20, 15, 10, 10]  # 2 hours
    clock = FakeClock(10_000.0)
    timer = RunTimer([PlannedSegment(f"s{i}", m * 60.0) for i, m in enumerate(minutes)], clock)
    timer.start()
    timer.poll()
    end_errors: list[float] = []
    tick_errors: list[float] = []
    actions = {900.0: "pause", 960.0: "resume", 2000.0: "plus", 3000.0: "minus", 5000.0: "skip"}
    start = clock.now
    while timer.state is not TimerState.FINISHED:
        boundary = timer.next_boundary()
        if boundary is None:  # paused: the presenter refreshes once a second
            clock.now += 1.0
        else:
            fire = clock.now + delay_ms(boundary, clock.now) / 1000 + rng.uniform(0, 0.004)
            clock.now = fire
            tick_errors.append((fire - boundary) * 1000)
        for event in timer.poll():
            if event.kind is TimerEventKind.SEGMENT_ENDED:
                end_errors.append((clock.now - event.at) * 1000)
                timer.next()
                timer.poll()
        due = [t for t in actions if clock.now - start >= t]
        for t in due:
            action = actions.pop(t)
            if action == "pause":
                timer.pause()
            elif action == "resume":
                timer.resume()
            elif action == "plus":
                timer.add_minutes(1)
            elif action == "minus":
                timer.add_minutes(-1)
            elif action == "skip":
                timer.skip()
            timer.poll()
        if clock.now - start > 3 * 3600:
            break
    return end_errors, tick_errors


def real_run(seconds: float) -> tuple[list[float], list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
    )
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from attune_desktop.app import open_core
    from attune_desktop.ui.run.presenter import PresenterWindow
    from attune_desktop.ui.shell import UiContext

    app = QApplication.instance() or QApplication(["bench"])
    core = open_core(Path(tempfile.mkdtemp()) / "home", load_starter_on_first_run=False)
    session = core.sessions.create_session("Benchmark")
    count = 8
    for i in range(count):
        core.sessions.add_segment(session.id or 0, title=f"Part {i + 1}", planned_minutes=1)
    run = core.runs.prepare(session.id or 0, warning_minutes=None)
    length = seconds / count
    run.timer = RunTimer(
        [PlannedSegment(f"Part {i + 1}", length) for i in range(count)],
        run.clock,
        warning_seconds=None,
    )
    context = UiContext.create(core)
    presenter = PresenterWindow(context, run)
    presenter.chimes.set_muted(True)
    end_errors: list[float] = []
    tick_errors: list[float] = []
    original_announce = presenter._announce
    original_schedule = presenter._schedule
    planned: list[float] = []

    def announce(events: list) -> None:  # type: ignore[type-arg]
        now = time.monotonic()
        if planned:
            tick_errors.append((now - planned[-1]) * 1000)
        for event in events:
            if event.kind is TimerEventKind.SEGMENT_ENDED:
                end_errors.append((now - event.at) * 1000)
                QTimer.singleShot(0, presenter.run.next)  # the facilitator moves on at once
                QTimer.singleShot(0, presenter.tick)
            elif event.kind is TimerEventKind.SESSION_FINISHED:
                QTimer.singleShot(0, app.quit)
        original_announce(events)

    def schedule() -> None:
        boundary = presenter.run.timer.next_boundary()
        if boundary is not None:
            planned.append(boundary)
        original_schedule()

    presenter._announce = announce  # type: ignore[method-assign]
    presenter._schedule = schedule  # type: ignore[method-assign]
    presenter.show()
    run.start()
    presenter.tick()
    QTimer.singleShot(int((seconds + 10) * 1000), app.quit)  # a safety net
    app.exec()
    presenter.close()
    core.close()
    return end_errors, tick_errors


def line(name: str, value: float, unit: str, goal: float) -> str:
    return f"{name}: {value:.2f} {unit} (goal <= {goal:g} {unit}; ratio {value / goal:.2f})"


def main() -> None:
    ends, ticks = simulated_run()
    print(line("timer_sim_2h_end_error_max", max(ends), "ms", GOAL_MS))
    print(line("timer_sim_2h_end_error_p99", p99(ends), "ms", GOAL_MS))
    print(line("timer_sim_2h_tick_error_max", max(ticks), "ms", GOAL_MS))
    seconds = float(os.environ.get("BENCH_TIMER_REAL_SECONDS", "120"))
    ends, ticks = real_run(seconds)
    label = f"timer_real_{seconds:g}s"
    if ends:
        print(line(f"{label}_end_error_max", max(ends), "ms", GOAL_MS))
        print(line(f"{label}_end_error_p99", p99(ends), "ms", GOAL_MS))
    if ticks:
        print(line(f"{label}_tick_error_max", max(ticks), "ms", GOAL_MS))
        print(line(f"{label}_tick_error_median", statistics.median(ticks), "ms", GOAL_MS))


if __name__ == "__main__":
    main()
