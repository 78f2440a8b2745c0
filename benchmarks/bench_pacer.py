"""CPU used by the projector view while the breathing pacer runs, and memory in run mode.

The presenter and the projector are open on a paced practice (in 4, hold 7, out 8) and the
pacer animates for 60 s, the projector at 1920×1080: offscreen Qt by default, or a real X
window when DISPLAY is set and QT_QPA_PLATFORM=xcb. The goal is for a real X window:

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" \
        .venv/bin/python benchmarks/bench_pacer.py

CPU is this process's user+system time over the wall time, as % of one core (the presenter's
own once-a-second work included); it is measured with the growing circle and again with
reduced motion (a still prompt). Peak RSS is the process's high-water mark in run mode.
BENCH_PACER_SECONDS=10 for a short run.
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

GOAL_CPU_PERCENT = 2.0  # strictly under this, in a real X window at 1920×1080
GOAL_RSS_MB = 250.0


def measure(seconds: float, *, reduced_motion: bool = False) -> dict[str, float]:
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
    )
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from attune_desktop.app import open_core
    from attune_desktop.core.pacing import PhaseKind, pacer_frame
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
    context.settings.setValue("pacer/reduced_motion", "on" if reduced_motion else "off")
    presenter = PresenterWindow(context, core.runs.prepare(session.id or 0))
    presenter.chimes.set_muted(True)
    presenter.projector.configure_pacer(context.settings, presenter.chimes)  # as the launcher
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
    assert plan is not None
    lead_in = plan.lead_in_seconds
    # The breaths still fit whole and end on an out-breath: the last instant breathes out.
    last = pacer_frame(plan, plan.end_seconds - 0.01)
    whole = last.kind is PhaseKind.OUT and pacer_frame(plan, plan.end_seconds).finished
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
        "ends_on_out_breath": float(whole),
        "cycles": float(plan.cycles),
        "width": float(pacer.window().width()),
        "height": float(pacer.window().height()),
    }


def main() -> None:
    seconds = float(os.environ.get("BENCH_PACER_SECONDS", "60"))
    platform = os.environ.get("QT_QPA_PLATFORM", "xcb")
    result = measure(seconds)
    still = measure(seconds, reduced_motion=True)
    size = f"{result['width']:.0f}x{result['height']:.0f}"
    for name, found in (("", result), ("_reduced_motion", still)):
        cpu = found["cpu_percent"]
        verdict = "met" if cpu < GOAL_CPU_PERCENT else "NOT met"
        print(
            f"pacer_cpu{name}_{platform}_{size}_{seconds:g}s: {cpu:.2f} % of one core "
            f"(goal < {GOAL_CPU_PERCENT:g} %: {verdict}; ratio {cpu / GOAL_CPU_PERCENT:.2f})"
        )
    fps = result["fps"]
    # The shape is redrawn at up to 20 frames a second while it moves (only when its edge
    # moved a whole pixel); holds and the still prompt redraw only the words, on a change.
    print(f"pacer_repaints: {fps:.1f} a second, {still['fps']:.1f} with reduced motion")
    ticks = result["ticks_per_second"]
    print(f"pacer_frame_clock: {ticks:.1f} Hz, {still['ticks_per_second']:.1f} Hz reduced")
    ends = "yes" if result["ends_on_out_breath"] else "NO"
    print(f"pacer_whole_cycles: {result['cycles']:.0f} breaths, ending on an out-breath: {ends}")
    rss = max(result["rss_mb"], still["rss_mb"])
    print(
        f"run_mode_peak_rss: {rss:.0f} MB (goal <= {GOAL_RSS_MB:g} MB; "
        f"ratio {rss / GOAL_RSS_MB:.2f})"
    )


if __name__ == "__main__":
    main()
