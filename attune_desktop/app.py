"""The one composition root: opens the Qt-free `Core`, then starts Qt and the main window.

The command line uses `open_core` alone for headless work; `run_gui` adds Qt on top.
`Core`, `open_core` and `has_display` live in lower layers and are re-exported here for
callers that still import them from the composition root.
"""

from __future__ import annotations

from attune_desktop.core.container import Core, open_core
from attune_desktop.runtime import has_display

__all__ = ["Core", "has_display", "open_core", "run_gui"]


def run_gui(core: Core, argv: list[str]) -> int:
    """Start Qt on the qasync loop, show the main window, and run until it closes."""
    import asyncio
    import threading

    import qasync  # import after PySide6 so qasync picks the same Qt binding
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from attune_desktop.ui.main_window import MainWindow
    from attune_desktop.ui.shell import UiContext, install_excepthook, make_application

    app = QApplication.instance() or make_application(argv)
    assert isinstance(app, QApplication)
    install_excepthook(core.paths.home / "logs")
    context = UiContext.create(core)
    window = MainWindow(context)
    window.show()

    backup: threading.Thread | None = None
    if core.daily_backup_pending:
        # Copying a large home takes ~0.4 s: do it in a worker thread (SQLite's backup API on
        # its own connection) once the window is up, so it never holds back the screen.
        backup = threading.Thread(target=core.take_daily_backup, name="daily-backup")
        QTimer.singleShot(0, backup.start)

    async def _until_closed() -> None:
        closed = asyncio.Event()
        app.aboutToQuit.connect(closed.set)
        await closed.wait()

    try:
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            runner.run(_until_closed())
    finally:
        if backup is not None:
            if backup.ident is None:  # closed before the loop ran: take it now, never skip it
                core.take_daily_backup()
            else:
                backup.join()  # let the copy finish before the database is closed
    return 0
