"""Take the README screenshots from the real app in a real X window, with the demo content.

    .venv/bin/python docs/screenshots/shoot.py              # every shot, 1366x768, here
    .venv/bin/python docs/screenshots/shoot.py --out /tmp/s --size 1920x1080 --dark
    .venv/bin/python docs/screenshots/shoot.py --only presenter projector-pacer

It starts its own Xvfb (display SHOT_DISPLAY, default 97), builds the main window on a
throwaway home filled by the starter content, drives it as a facilitator would (select the
series, week 1, run a session to its breathing practice, close a check-in round, open the
kiosk) and grabs the screen with QScreen.grabWindow, as a person would see it. Each PNG is
then made smaller with pngquant (or `convert -strip`) when one of them is installed.
Needs: xvfb, xauth (Debian packages); optional pngquant or imagemagick.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHOTS = (
    "main-window",
    "agenda-builder",
    "presenter",
    "projector-pacer",
    "checkins-results",
    "kiosk",
)


def _start_xvfb(display: str, size: str) -> subprocess.Popen[bytes]:
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        if Path(f"/tmp/.X11-unix/X{display.lstrip(':')}").exists():
            return xvfb
        time.sleep(0.1)
    xvfb.kill()
    sys.exit(f"Xvfb did not start on {display}")


def _shrink(path: Path) -> None:
    if shutil.which("pngquant"):
        subprocess.run(
            [
                "pngquant",
                "--force",
                "--skip-if-larger",
                "--quality=70-95",
                "--strip",
                "--ext",
                ".png",
                str(path),
            ],
            check=False,
        )
    elif shutil.which("convert"):
        subprocess.run(["convert", str(path), "-strip", str(path)], check=False)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--dark", action="store_true", help="force the dark palette")
    parser.add_argument("--only", nargs="*", choices=SHOTS, default=list(SHOTS))
    parser.add_argument("--home", type=Path, help="use this home instead of a fresh demo one")
    args = parser.parse_args(argv)
    display = f":{os.environ.get('SHOT_DISPLAY', '97')}"
    xvfb = _start_xvfb(display, args.size)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
    )
    try:
        with tempfile.TemporaryDirectory(prefix="attune-shots-") as tmp:
            home = args.home or Path(tmp) / "home"
            args.out.mkdir(parents=True, exist_ok=True)
            for path in _take(home, args):
                _shrink(path)
                print(f"{path}  {path.stat().st_size // 1024} KB")
    finally:
        xvfb.terminate()
        xvfb.wait()
    return 0


def _take(home: Path, args: argparse.Namespace) -> list[Path]:
    # Imported here: Qt must see DISPLAY and the platform first.
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from attune_desktop.app import open_core
    from attune_desktop.ui.checkins.kiosk import KioskWindow
    from attune_desktop.ui.common.theme_menu import SETTING as THEME_SETTING
    from attune_desktop.ui.common.ui_language import apply_language
    from attune_desktop.ui.main_window import MainWindow
    from attune_desktop.ui.shell import UiContext, make_application
    from attune_desktop.ui.theme import apply_theme

    if args.dark:
        os.environ["ATTUNE_THEME"] = "dark"
    app = make_application(sys.argv[:1])
    core = open_core(home)
    context = UiContext.create(core)
    apply_language(app, context.settings)  # the computer's language (LANGUAGE=ar, es…), as run_gui
    apply_theme(app, choice=context.settings.text(THEME_SETTING))
    width, height = (int(n) for n in args.size.split("x"))
    window = MainWindow(context)
    window.setGeometry(0, 0, width, height)
    window.show()
    screen = app.primaryScreen()
    taken: list[Path] = []

    def settle(seconds: float = 0.6) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.02)

    def grab(name: str, front: QWidget) -> None:
        front.raise_()
        front.activateWindow()
        settle()
        path = args.out / f"{name}.png"
        screen.grabWindow(0).save(str(path))
        taken.append(path)

    series = core.series.list_series()[0]
    sessions = core.series.sessions_of(series.id)
    week1 = sessions[0]
    planned = next((s for s in sessions if s.status == "planned"), week1)

    def main_window() -> None:
        window.show_page("series")
        window.series_view.select_series(series.id)
        grab("main-window", window)

    def agenda_builder() -> None:
        window.show_page("sessions")
        window.sessions_view.select_session(week1.id)
        grab("agenda-builder", window)

    def presenter_and_pacer() -> None:
        # The run's clocks are moved on by each segment's planned length as the shot skips
        # ahead, so the presenter reads as a session on time, on its own date and hour.
        shift = [0.0]
        began = time.monotonic()
        # The room settled 7 minutes after its booked start, as rooms do.
        day = dt.datetime.combine(planned.date or dt.date.today(), planned.start_time)
        day += dt.timedelta(minutes=7)
        core.runs.clock = lambda: time.monotonic() + shift[0]
        core.runs.wall_clock = lambda: day.timestamp() + time.monotonic() - began + shift[0]
        presenter = window.run_launcher.run_session(planned.id)
        assert presenter is not None
        presenter.setGeometry(0, 0, width, height)
        presenter.run.start()
        practice = next(
            i for i, s in enumerate(presenter.run.segments) if s.practice_id is not None
        )
        for index in range(practice):
            shift[0] += presenter.run.plan_seconds[index]
            presenter.run.next()
        shift[0] += 50.0  # a little way into the practice
        presenter.refresh()
        settle(3.0)  # the pacer's circle on its way out
        if "presenter" in args.only:
            grab("presenter", presenter)
        if "projector-pacer" in args.only:
            presenter.show_projector()
            presenter.projector.setGeometry(0, 0, width, height)
            grab("projector-pacer", presenter.projector)
            presenter.projector.hide()
        presenter.run.pause()
        presenter.hide()

    def checkins_results() -> None:
        window.show_page("checkins")
        window.checkins_view.select_session(week1.id)
        closing = core.checkins.rounds(week1.id)[-1]
        window.checkins_view.select_round(closing.id)
        grab("checkins-results", window)

    def kiosk() -> None:
        opened = core.checkins.open_round(planned.id, "opening", "regulation4")
        for key in ("calm", "wobbly", "wobbly"):
            core.checkins.record_answer(opened.id, key)
        shown = KioskWindow(core.checkins, opened.id)
        shown.setGeometry(0, 0, width, height)
        shown.show()
        grab("kiosk", shown)
        shown.hide()

    steps: dict[str, Callable[[], None]] = {
        "main-window": main_window,
        "agenda-builder": agenda_builder,
        "presenter": presenter_and_pacer,
        "checkins-results": checkins_results,
        "kiosk": kiosk,
    }
    if "projector-pacer" in args.only and "presenter" not in args.only:
        steps["projector-pacer"] = presenter_and_pacer
    settle(1.0)
    for name, step in steps.items():
        if name in args.only:
            step()
    window.close()
    core.close()
    return taken


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
