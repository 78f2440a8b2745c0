"""Backups on demand, restore with a preview, and export or import of everything.

A restore changes every table at once, so afterwards every service announces RELOADED and
each screen refreshes from its own service, as after any other change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from attune_desktop.core.config import AppPaths
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.services.base import Change, ChangeKind, Service
from attune_desktop.core.storage import restore as storage
from attune_desktop.core.storage.database import Database
from attune_desktop.core.storage.restore import BackupInfo, RestoreResult


class RestoreRefused(AttuneError):
    """A restore cannot happen now (a session is running); the message says what to do."""


class BackupService(Service):
    """The backups folder of one home, and the restore and export commands over it."""

    def __init__(self, db: Database, paths: AppPaths) -> None:
        super().__init__(db)
        self._paths = paths
        self._others: list[Service] = []
        self._blockers: list[Callable[[], str | None]] = []

    def announce_reloads_on(self, *services: Service) -> None:
        """Services that announce RELOADED after a restore (the app passes all of them)."""
        self._others.extend(s for s in services if s not in self._others)

    def refuse_restore_while(self, blocker: Callable[[], str | None]) -> None:
        """A check made before every restore: a message (why not, what to do) refuses it.

        A live run keeps saving into the database by session and segment id; after a restore
        those ids may name other sessions, so the run must be ended or closed first.
        """
        self._blockers.append(blocker)

    def restore_blocked(self) -> str | None:
        """Why a restore cannot happen now, or None when it can."""
        for blocker in self._blockers:
            message = blocker()
            if message:
                return message
        return None

    @property
    def folder(self) -> Path:
        return self._paths.backups

    def list_backups(self) -> list[BackupInfo]:
        """Daily, by-hand, before-update and before-restore copies, newest first."""
        return storage.list_backups(self._paths.backups)

    def preview(self, path: Path) -> BackupInfo:
        """What a backup or export file holds (counts and date), without changing anything."""
        return storage.preview(Path(path))

    def back_up_now(self) -> BackupInfo:
        info = storage.back_up_now(self._db, self._paths.backups)
        self._announce("backup", ChangeKind.CREATED)
        return info

    def restore(self, path: Path) -> RestoreResult:
        """Restore a backup (.sqlite3) or a full export (.zip); a safety copy is kept first."""
        blocked = self.restore_blocked()
        if blocked:
            raise RestoreRefused(blocked)
        result = storage.restore(self._db, Path(path), self._paths.backups, self._paths.photos)
        for service in (self, *self._others):
            service.changed.emit(Change("all", ChangeKind.RELOADED))
        return result

    def export_everything(self, out: Path) -> Path:
        """The database and the photos in one zip file."""
        return storage.export_everything(self._db, self._paths.photos, Path(out))
