"""The one composition root: builds config, storage and services, then the main window.

The command line uses `open_core` alone for headless work; `run_gui` adds Qt on top.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from attune_desktop.core.config import AppPaths
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.services.backups import BackupService
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.core.services.families import FamilyService
from attune_desktop.core.services.followups import FollowUpService
from attune_desktop.core.services.practices import PracticeService
from attune_desktop.core.services.runs import RunService
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.starter import LoadReport, load_starter_content
from attune_desktop.core.storage.backups import take_daily_backup
from attune_desktop.core.storage.database import Database, open_database

if TYPE_CHECKING:
    from attune_desktop.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)


@dataclass
class Core:
    """Everything Qt-free the app is made of, wired once."""

    paths: AppPaths
    db: Database
    series: SeriesService
    sessions: SessionService
    practices: PracticeService
    checkins: CheckInService
    families: FamilyService
    followups: FollowUpService
    runs: RunService
    backups: BackupService
    first_run: bool
    starter: LoadReport | None = None
    daily_backup_pending: bool = False  # left for the window to take once it is shown

    def take_daily_backup(self) -> None:
        """Today's rotating backup, if not taken yet; a failure is logged, never raised."""
        self.daily_backup_pending = False
        try:
            take_daily_backup(self.db, self.paths.backups)
        except AttuneError as exc:  # a backup must never stop the app from opening
            log.warning("daily backup skipped: %s", exc)

    def close(self) -> None:
        self.db.close()


def open_core(
    home: Path, *, load_starter_on_first_run: bool = True, daily_backup_now: bool = True
) -> Core:
    """Open the home's database (creating and migrating it) and build the services.

    With `daily_backup_now=False` today's backup is left pending (`daily_backup_pending`),
    so the window can show first and `run_gui` takes it in the background.
    """
    paths = AppPaths(home)
    first_run = not paths.database.exists() or paths.database.stat().st_size == 0
    db = open_database(paths.database_url, backups_dir=paths.backups)
    sessions = SessionService(db)
    core = Core(
        paths=paths,
        db=db,
        series=SeriesService(db),
        sessions=sessions,
        practices=PracticeService(db),
        checkins=CheckInService(db),
        families=FamilyService(db),
        followups=FollowUpService(db),
        runs=RunService(db, sessions),
        backups=BackupService(db, paths),
        first_run=first_run,
    )
    # After a restore every service announces RELOADED, so every screen refreshes.
    core.backups.announce_reloads_on(
        core.series,
        core.sessions,
        core.practices,
        core.checkins,
        core.families,
        core.followups,
        core.runs,
    )
    core.backups.refuse_restore_while(core.runs.open_run_problem)
    if first_run and load_starter_on_first_run:
        core.starter = load_starter_content(db)
        log.info("first run: %s", core.starter.summary())
    elif not first_run:
        if daily_backup_now:
            core.take_daily_backup()
        else:
            core.daily_backup_pending = True
    return core


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


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
    import threading

    import qasync  # import after PySide6 so qasync picks the same Qt binding
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from attune_desktop.ui.main_window import MainWindow
    from attune_desktop.ui.shell import UiContext, install_excepthook, make_application
    from attune_desktop.ui.single_instance import bring_forward

    app = QApplication.instance() or make_application(argv)
    assert isinstance(app, QApplication)
    install_excepthook(core.paths.home / "logs")
    context = UiContext.create(core)
    window = MainWindow(context)
    window.show()
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


def _report_shown(page: str) -> None:
    import time

    print(f"attune-desktop: window shown at monotonic {time.monotonic():.6f} on {page}", flush=True)
