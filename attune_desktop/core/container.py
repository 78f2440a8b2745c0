"""The Qt-free `Core`: every service the app is made of, wired once over one database.

The window, the command line, the check-in server and the printed sheets all take a `Core`
(or the services in it); none of them needs Qt to build one, so it lives in `core`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

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
    home: Path,
    *,
    load_starter_on_first_run: bool = True,
    daily_backup_now: bool = True,
    database_url: str | None = None,
) -> Core:
    """Open the home's database (creating and migrating it) and build the services.

    With `daily_backup_now=False` today's backup is left pending (`daily_backup_pending`),
    so the window can show first and `run_gui` takes it in the background. `database_url`
    names a PostgreSQL database to use instead of the home's file; it has no daily backups
    (the organisation backs up its server).
    """
    paths = AppPaths(home, server_url=database_url)
    db = open_database(paths.database_url, backups_dir=paths.backups)
    first_run = db.created
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
    core.backups.refuse_restore_while(core.checkins.open_round_problem)
    if first_run and load_starter_on_first_run:
        core.starter = load_starter_content(db)
        log.info("first run: %s", core.starter.summary())
    elif not first_run and not db.on_server:
        if daily_backup_now:
            core.take_daily_backup()
        else:
            core.daily_backup_pending = True
    return core
