"""A child process for start-up benchmarks: start the real app (or a bare window), then report.

    python _startup_child.py app HOME                  # the app on HOME, through app.run_gui
    python _startup_child.py app HOME --editable       # ... and the time until its core is open
    python _startup_child.py app HOME --session ID     # ... and the series list and a session
    python _startup_child.py bare                      # a bare PySide6 window shown and closed

It prints one JSON line: seconds from this script's first line to the window shown (after
the first turn of the event loop) and the series' rows it lists then. On a home the first
look can read, the window is painted before the core (the ORM) is opened
(docs/decisions/0018-paint-before-the-orm.md): with `--editable` or `--session` it then waits
for the core and adds `editable` (the core attached, every button usable), and with
`--session` the time to open the series list and a session. Then it exits at once (teardown
is not part of a start). Without either, it exits at the first turn, as the bare one does.
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def _finish(result: dict) -> None:
    print(json.dumps(result), flush=True)
    os._exit(0)


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1200, 760)
    window.show()

    def _shown() -> None:
        shown = time.perf_counter() - T0
        window.close()
        _finish({"shown": shown})

    QTimer.singleShot(0, _shown)
    app.exec()


def app(home: Path, session_id: int | None, editable: bool) -> None:
    """Start through the real entry point, `cli.main`, hooking only the moment it is shown."""
    import gc

    # `cli._cmd_gui` turns the cycle collector off before it imports the app; the hook below
    # imports the app first (to wrap `run_gui`), so it does the same here. (`app` imports
    # neither the ORM nor Qt at its top: `run_gui` does, when it runs.)
    gc.disable()
    import attune_desktop.app as composition
    from attune_desktop.cli import main

    real_run_gui = composition.run_gui

    def run_gui_and_report(core: object, argv: list[str], **options: object) -> int:
        from PySide6.QtCore import QTimer

        from attune_desktop.ui.shell import make_application

        qapp = make_application(argv)
        QTimer.singleShot(0, lambda: _report(session_id, editable))
        try:
            return real_run_gui(core, argv, **options)  # type: ignore[arg-type]
        finally:
            del qapp

    composition.run_gui = run_gui_and_report
    main(["--home", str(home)])


def _report(session_id: int | None, editable: bool) -> None:
    from PySide6.QtWidgets import QApplication

    shown = time.perf_counter() - T0
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
    assert window.isVisible()
    result = {"shown": shown, "series_rows": window.series_view.series_table.model().rowCount()}
    if session_id is None and not editable:
        _finish(result)
    _when_editable(window, lambda: _open_views(window, session_id, result))


def _when_editable(window: object, then: object) -> None:
    """`then()` once the core is attached (painted from the first look, it comes next: the
    loops must keep turning meanwhile, so this polls on a timer rather than waiting here)."""
    from PySide6.QtCore import QTimer

    if window._context.ready:  # type: ignore[attr-defined]
        then()  # type: ignore[operator]
        return
    assert time.perf_counter() - T0 < 100, "the core was never attached"
    QTimer.singleShot(5, lambda: _when_editable(window, then))


def _open_views(window: object, session_id: int | None, result: dict) -> None:
    from PySide6.QtCore import QCoreApplication

    result["editable"] = time.perf_counter() - T0
    start = time.perf_counter()
    window.show_page("series")  # type: ignore[attr-defined]
    window.series_view.refresh()  # type: ignore[attr-defined]
    QCoreApplication.processEvents()
    result["series_list"] = time.perf_counter() - start
    start = time.perf_counter()
    if session_id is not None:
        window._on_open_session(session_id)  # type: ignore[attr-defined]
        QCoreApplication.processEvents()
    result["session"] = time.perf_counter() - start
    _finish(result)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        sid = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--session" else None
        app(Path(sys.argv[2]), sid, editable="--editable" in sys.argv[3:])
