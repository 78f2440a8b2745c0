"""The one composition root: opens the Qt-free `Core`, then starts Qt and the main window.

The command line uses `open_core` alone for headless work; `run_gui` adds Qt on top. It takes
an open `Core`, or a `Later`: a home the first look could read, whose window paints the Series
screen from that look before the ORM is imported, and whose core is opened at the first turn
of the event loop (docs/decisions/0018-paint-before-the-orm.md).

`Core`, `open_core` and `has_display` live in lower layers and are re-exported here for
callers that still import them from the composition root; `Core` and `open_core` are imported
when first asked for, so importing this module does not import the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attune_desktop.core.config import AppPaths
from attune_desktop.core.errors import AttuneError
from attune_desktop.runtime import has_display

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from attune_desktop.core.container import Core, open_core
    from attune_desktop.core.storage.first_look import FirstLook
    from attune_desktop.ui.shell import UiContext
    from attune_desktop.ui.single_instance import SingleInstance

__all__ = ["Core", "Later", "claim_home", "has_display", "open_core", "run_gui"]
FIRST_LOOK_PAGES = ("", "series")  # the screens the first look can paint (the Series screen)


def __getattr__(name: str) -> Any:
    """`Core` and `open_core`, from `core.container`, when first asked for."""
    if name in ("Core", "open_core"):
        from attune_desktop.core import container

        return getattr(container, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Later:
    """A home whose core is opened once its window has painted from `look`."""

    home: Path
    look: FirstLook


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
    core: Core | Later,
    argv: list[str],
    *,
    instance: SingleInstance | None = None,
    files: list[str] | None = None,
    quit_after: float | None = None,
) -> int:
    """Start Qt on the qasync loop, show the main window, and run until it closes.

    `core` is open, or `Later`: then this opens it after the first paint, and closes it.
    `instance` answers later launches on the same home; `files` are bundles to import once
    the window shows; `quit_after` (seconds, the hidden `--quit-after`) is for smoke tests.
    """
    import gc

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
    opened = _Opening()
    if isinstance(core, Later):
        context = UiContext.before_core(AppPaths(core.home), core.look)
        if context.settings.text("ui/last_page") not in FIRST_LOOK_PAGES:
            opened.open(context, None)  # it opens on a screen the first look cannot paint
    else:
        context = UiContext.create(core)
    install_excepthook(context.paths.home / "logs")
    apply_language(app, context.settings)  # before any window is built
    apply_theme(app, choice=context.settings.text(THEME_SETTING))  # the View menu's choice
    window = MainWindow(context)
    window.theme_menu.chosen.connect(lambda choice: apply_theme(app, choice=choice))
    window.show()
    if quit_after is not None:
        # For smoke tests and the start-up benchmark: when the window is up (the first turn
        # of the event loop), say so with a system-wide clock reading, then close it later.
        QTimer.singleShot(0, lambda: _report_shown(window.current_page()))
        QTimer.singleShot(int(quit_after * 1000), window.close)  # as a person closes it
    if context.ready:
        QTimer.singleShot(0, gc.enable)  # off while starting (cli._cmd_gui): on once shown
    if instance is not None:
        # A later launch's bundle is imported through the core: once it is attached.
        instance.handed_over.connect(
            lambda given: context.when_ready(lambda _core: bring_forward(window, given))
        )
        QTimer.singleShot(0, instance.listen)  # once the window is up; a later launch waits
    if files:
        QTimer.singleShot(0, lambda: context.when_ready(lambda _c: bring_forward(window, files)))

    background = context.background

    def _back_up(ready: Core) -> None:
        # Copying a large home takes ~0.4 s: do it in a worker thread (SQLite's backup API on
        # its own connection) once the window is up, so it never holds back the screen.
        if ready.daily_backup_pending:
            QTimer.singleShot(0, lambda: background.in_thread(ready.take_daily_backup))

    context.when_ready(_back_up)

    def _open_core() -> None:
        opened.open(context, window)
        gc.enable()

    try:
        if not context.ready:  # painted from the first look: the paint, then the core (ORM)
            _paint_first(app, window)
            if not window.isVisible():  # closed already (--quit-after 0): no loop to run
                return opened.refused()
            QTimer.singleShot(0, _open_core)  # the loop's first turn
        _run_until_closed(app)
    finally:
        background.wait_for_threads()  # let a copy or export finish before the database closes
        last = context.core if context.ready else opened.quietly(context.paths.home)
        if last is not None and last.daily_backup_pending:  # closed before the copy began:
            last.take_daily_backup()  # take it now, never skip it
        opened.close()
    return opened.refused()


def _paint_first(app: QApplication, window: QWidget) -> None:
    """Turn Qt's own event loop until the window's first paint is on screen (or a second
    has passed, or it closed): it shows before asyncio (the qasync loop's) and the ORM are
    imported. Timers set before this (the single-instance listener, `--quit-after`) run here."""
    from PySide6.QtCore import QEventLoop

    from attune_desktop.ui.common.first_paint import AfterFirstPaint

    loop = QEventLoop()
    AfterFirstPaint(window, loop.quit)
    app.lastWindowClosed.connect(loop.quit)
    loop.exec()


def _run_until_closed(app: QApplication) -> None:
    """The app's event loop: qasync's, so views can run coroutines, until the app quits."""
    import asyncio

    import qasync  # import after PySide6 so qasync picks the same Qt binding

    async def _until_closed() -> None:
        closed = asyncio.Event()
        app.aboutToQuit.connect(closed.set)
        await closed.wait()

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(_until_closed())


class _Opening:
    """The core `run_gui` opens itself (for a `Later`), and why it could not, if it could not."""

    def __init__(self) -> None:
        self.core: Core | None = None
        self.refusal: AttuneError | None = None

    def open(self, context: UiContext, window: QWidget | None) -> None:
        """Open the home's core and attach it; a refusal is shown as at any start (with the
        offer of a backup), and closes the window if none replaced the file."""
        from attune_desktop.core.container import open_core
        from attune_desktop.ui.startup_error import show_startup_error

        home = context.paths.home
        while self.core is None:
            try:
                self.core = open_core(home, daily_backup_now=False)  # backup: in the background
            except AttuneError as exc:  # a lock taken, or a file damaged since the first look
                if show_startup_error(str(exc), context.paths):
                    continue  # a backup replaced the refused file
                self.refusal = exc
                if window is None:
                    raise
                window.close()
                return
        context.attach(self.core)

    def quietly(self, home: Path) -> Core | None:
        """The core, opened without a window (the window closed before it was attached),
        for today's backup; none if it was refused (it said why) or cannot be opened now."""
        from attune_desktop.core.container import open_core

        if self.refusal is None and self.core is None:
            try:
                self.core = open_core(home, daily_backup_now=False)
            except AttuneError:
                return None
        return self.core

    def close(self) -> None:
        if self.core is not None:
            self.core.close()

    def refused(self) -> int:
        if self.refusal is not None:
            raise self.refusal  # the command line says it and exits with its code
        return 0


def _report_shown(page: str) -> None:
    import time

    print(f"attune-desktop: window shown at monotonic {time.monotonic():.6f} on {page}", flush=True)
