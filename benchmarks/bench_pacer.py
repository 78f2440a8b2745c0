"""CPU used by the projector view while the breathing pacer runs, and memory in run mode.

The presenter and the projector are open on a paced practice (in 4, hold 7, out 8) and the
pacer animates for 60 s: offscreen Qt by default, or a real X window when DISPLAY is set and
QT_QPA_PLATFORM=xcb (e.g. under Xvfb). CPU is this process's user+system time over the wall
time, as % of one core; peak RSS is the process's high-water mark in run mode.

Run alone: .venv/bin/python benchmarks/bench_pacer.py  (BENCH_PACER_SECONDS=10 for short)
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL_CPU_PERCENT = 10.0
GOAL_RSS_MB = 250.0


def measure(seconds: float) -> dict[str, float]:
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
    )
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from attune_desktop.app import open_core
    from attune_desktop.ui.run.presenter import PresenterWindow
    from attune_desktop.ui.shell import UiContext, make_application

    app = QApplication.instance() or make_application(["bench"])
    assert app is not None
    core = open_core(Path(tempfile.mkdtemp()) / "home", load_starter_on_first_run=False)
    practice = core.practices.create_practice(
        "4-7-8 breathing", kind="breathing", default_minutes=10, pacing="in 4, hold 7, out 8"
    )
    session = core.sessions.create_session("Benchmark")
    core.sessions.add_practice_segment(session.id or 0, practice.id or 0)
    context = UiContext.create(core)
    presenter = PresenterWindow(context, core.runs.prepare(session.id or 0))
    presenter.chimes.set_muted(True)
    presenter.resize(1366, 728)
    presenter.show()
    presenter.show_projector()
    presenter.projector.resize(1920, 1080)
    presenter.run.start()
    presenter.tick()
    pacer = presenter.projector.pacer
    # A local event loop: QApplication.quit() would close every window.
    loop = QEventLoop()
    plan = presenter.readout.room_view().pacer
    lead_in = plan.lead_in_seconds if plan is not None else 0.0
    # Let start-up work and the quiet lead-in pass: measure the breathing itself.
    QTimer.singleShot(int((lead_in + 1.5) * 1000), loop.quit)
    loop.exec()
    frames_before = pacer.frames_painted
    computed_before = pacer.frames_computed
    cpu_before = time.process_time()
    wall_before = time.monotonic()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    wall = time.monotonic() - wall_before
    cpu = time.process_time() - cpu_before
    frames = pacer.frames_painted - frames_before
    computed = pacer.frames_computed - computed_before
    animating = pacer.is_animating()
    presenter.close()
    core.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "cpu_percent": 100 * cpu / wall,
        "fps": frames / wall,
        "ticks_per_second": computed / wall,
        "rss_mb": rss_mb,
        "animating": float(animating),
    }


def main() -> None:
    seconds = float(os.environ.get("BENCH_PACER_SECONDS", "60"))
    result = measure(seconds)
    platform = os.environ.get("QT_QPA_PLATFORM", "xcb")
    cpu = result["cpu_percent"]
    print(
        f"pacer_cpu_{platform}_{seconds:g}s: {cpu:.1f} % of one core "
        f"(goal <= {GOAL_CPU_PERCENT:g} %; ratio {cpu / GOAL_CPU_PERCENT:.2f})"
    )
    fps = result["fps"]
    # Repaints happen only while the shape moves or the count changes: about 34 a second on
    # average over a 4-7-8 breath (none during the 7 s hold but the count), 60 while moving.
    print(f"pacer_repaints: {fps:.1f} fps (goal >= 25 fps; ratio {fps / 25:.2f})")
    ticks = result["ticks_per_second"]
    print(f"pacer_frame_clock: {ticks:.1f} Hz (goal >= 50 Hz; ratio {ticks / 50:.2f})")
    rss = result["rss_mb"]
    print(
        f"run_mode_peak_rss: {rss:.0f} MB (goal <= {GOAL_RSS_MB:g} MB; "
        f"ratio {rss / GOAL_RSS_MB:.2f})"
    )


if __name__ == "__main__":
    main()
