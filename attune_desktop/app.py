"""The one composition root: opens the Qt-free `Core`, then starts Qt and the main window.

The command line uses `open_core` alone for headless work; `run_gui` adds Qt on top.
`Core`, `open_core` and `has_display` live in lower layers and are re-exported here for
callers that still import them from the composition root.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from attune_desktop.core.container import Core, open_core
from attune_desktop.core.errors import AttuneError
from attune_desktop.runtime import has_display

if TYPE_CHECKING:
    from attune_desktop.ui.single_instance import SingleInstance

__all__ = ["Core", "claim_home", "has_display", "open_core", "run_gui"]


def claim_home(home: Path, files: list[str]) -> SingleInstance | None:
    """One window per home: this launch's claim on `home`, or None when the window already
    open on it took over (brought forward, given `files` to import)."""
    from attune_desktop.ui.single_instance import SingleInstance, hand_over

    instance = SingleInstance(home)
    if instance.claim():
        return instance
    if hand_over(home, files):
        return None
    raise AttuneError(
        f"Attune Desktop is already open on {home} but does not answer. "
        "Close that window (or wait a moment), then start it again."
    )


def run_gui(
    core: Core,
    argv: list[str],
    *,
    instance: SingleInstance | None = None,
    files: list[str] | None = None,
    quit_after: float | None = None,
) -> int:
    """Start Qt on the qasync loop, show the main window, and run until it closes.

    `instance` answers later launches on the same home; `files` are bundles to import once
    the window shows; `quit_after` (seconds, the hidden `--quit-after`) is for smoke tests.
    """
    import asyncio
    import gc

    import qasync  # import after PySide6 so qasync picks the same Qt binding
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from attune_desktop.ui.common.theme_menu import SETTING as THEME_SETTING
    from attune_desktop.ui.common.ui_language import apply_language
    from attune_desktop.ui.main_window import MainWindow
    from attune_desktop.ui.shell import UiContext, install_excepthook, make_application
    from attune_desktop.ui.single_instance import bring_forward
    from attune_desktop.ui.theme import apply_theme

    app = QApplication.instance() or make_application(argv)
    assert isinstance(app, QApplication)
    install_excepthook(core.paths.home / "logs")
    context = UiContext.create(core)
    apply_language(app, context.settings)  # before any window is built
    apply_theme(app, choice=context.settings.text(THEME_SETTING))  # the View menu's choice
    window = MainWindow(context)
    window.theme_menu.chosen.connect(lambda choice: apply_theme(app, choice=choice))
    window.show()
    QTimer.singleShot(0, gc.enable)  # off while starting (cli._open_window): on once shown
    if instance is not None:
        instance.handed_over.connect(lambda given: bring_forward(window, given))
        QTimer.singleShot(0, instance.listen)  # once the window is up; a later launch waits
    if files:
        QTimer.singleShot(0, lambda: bring_forward(window, files))
    if quit_after is not None:
        # For smoke tests and the start-up benchmark: when the window is up (the first turn
        # of the event loop), say so with a system-wide clock reading, then close it later.
        QTimer.singleShot(0, lambda: _report_shown(window.current_page()))
        QTimer.singleShot(int(quit_after * 1000), window.close)  # as a person closes it

    background = context.background
    if core.daily_backup_pending:
        # Copying a large home takes ~0.4 s: do it in a worker thread (SQLite's backup API on
        # its own connection) once the window is up, so it never holds back the screen.
        QTimer.singleShot(0, lambda: background.in_thread(core.take_daily_backup))

    async def _until_closed() -> None:
        closed = asyncio.Event()
        app.aboutToQuit.connect(closed.set)
        await closed.wait()

    try:
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            runner.run(_until_closed())
    finally:
        background.wait_for_threads()  # let a copy or export finish before the database closes
        if core.daily_backup_pending:  # closed before the copy started: take it now, never skip it
            core.take_daily_backup()
    return 0


def _report_shown(page: str) -> None:
    import time

    print(f"attune-desktop: window shown at monotonic {time.monotonic():.6f} on {page}", flush=True)
