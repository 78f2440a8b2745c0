"""Screenshots of the Practices screen and the projector's pacer, in a real X window.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/shoot_practices.py

Writes practices-library.png, practices-editor.png and projector-pacer-*.png (the growing
circle, numbers off, reduced motion, and the practice's words in French and Arabic) beside
this file. A throwaway home with the starter content; the pacer is shown at fixed instants.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")


def main() -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from attune_desktop.app import open_core
    from attune_desktop.core.pacing import fit_cycles
    from attune_desktop.ui.main_window import MainWindow
    from attune_desktop.ui.run.pacer import PacerLook
    from attune_desktop.ui.run.projector import ProjectorWindow, RoomMode, RoomView
    from attune_desktop.ui.shell import UiContext, make_application

    app = QApplication.instance() or make_application(["shots"])
    assert app is not None
    out = Path(os.environ.get("SHOT_OUT", str(HERE)))
    core = open_core(Path(tempfile.mkdtemp()) / "home")
    context = UiContext.create(core)

    def settle(ms: int = 400) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def grab(widget: QWidget, name: str) -> None:
        settle()
        widget.grab().save(str(out / name))
        print("wrote", out / name)

    window = MainWindow(context)
    window.resize(1366, 860)
    window.show()
    window.show_page("practices")
    view = window.findChild(QWidget, "practicesView")
    assert view is not None
    hum = core.practices.find_by_slug("humming-breath")
    assert hum is not None and hum.id is not None
    view.select_practice(hum.id)  # type: ignore[attr-defined]
    grab(window, "practices-library.png")
    view.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]
    settle(2600)  # let the preview reach the out-breath ("hum")
    grab(window, "practices-editor.png")
    window.hide()

    projector = ProjectorWindow()
    projector.resize(1920, 1080)
    projector.show()
    plan = core.practices.pacer_plan(hum.id, 4 * 60)
    assert plan is not None
    plan = fit_cycles(plan.pattern, plan.used_seconds).styled(
        words=plan.phase_words, counting=plan.counting, tones=False
    )
    for name, look, t in (
        ("projector-pacer-in.png", PacerLook(), 2.5),
        ("projector-pacer-out.png", PacerLook(), 7.2),
        ("projector-pacer-numbers-off.png", PacerLook(numbers=False), 7.2),
        ("projector-pacer-reduced-motion.png", PacerLook(reduced_motion=True), 7.2),
        ("projector-pacer-fr.png", PacerLook(language="fr"), 7.2),
        ("projector-pacer-ar.png", PacerLook(language="ar", reduced_motion=True), 2.5),
    ):
        projector.pacer.set_look(look)
        projector.show_room(RoomView(RoomMode.SEGMENT, hum.name, pacer=plan, running=False))
        projector.pacer.set_plan(plan, lambda t=t: t)  # this instant of the practice
        grab(projector, name)
    projector.close()
    core.close()


if __name__ == "__main__":
    main()
