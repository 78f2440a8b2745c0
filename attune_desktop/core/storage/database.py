"""Open the database safely: check the file, apply migrations after a backup, never overwrite.

The database is reached through a SQLAlchemy URL. SQLite is the default and the only backend
that needs special care (pragmas, file checks, the online backup API); that care is all here.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session as DbSession

from attune_desktop.core.errors import StorageError
from attune_desktop.core.storage import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000


@dataclass
class Database:
    """An open, migrated database. Services open short units of work with `session()`."""

    engine: Engine
    path: Path | None
    backup_before_migration: Path | None = None

    @contextlib.contextmanager
    def session(self) -> Iterator[DbSession]:
        """A unit of work: committed on success, rolled back on any error."""
        with DbSession(self.engine, expire_on_commit=False) as db:
            try:
                yield db
                db.commit()
            except OperationalError as exc:
                db.rollback()
                raise StorageError(_describe_operational_error(exc, self.path)) from exc
            except BaseException:
                db.rollback()
                raise

    def free_to_write(self) -> bool:
        """Whether a write would get the lock now, without waiting for it.

        For retries that must not block the screen while another program holds the file.
        """
        try:
            with self.engine.connect() as conn:
                waits = int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0)
                conn.exec_driver_sql("PRAGMA busy_timeout=0")
                try:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                    conn.exec_driver_sql("ROLLBACK")
                finally:
                    conn.exec_driver_sql(f"PRAGMA busy_timeout={waits}")
        except DBAPIError:
            return False
        return True

    def integrity_ok(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the live database, made with SQLite's online backup API."""
        if self.path is None:
            raise StorageError("This database is not a file, so it cannot be copied.")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        try:
            _sqlite_backup(self.path, tmp)
            os.replace(tmp, target)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(f"Could not write the backup {target}: {exc}") from exc
        return target

    def forget_history(self) -> bool:
        """Fold the write-ahead log into the database and truncate it to nothing.

        The log keeps every version of a page written since the last checkpoint; after a
        check-in round closes, none of it may be left to tell what changed when. Returns
        False when a reader held the log (it is truncated at the next call or start).
        """
        if self.path is None:
            return True  # an in-memory database has no log
        try:
            with self.engine.connect() as conn:
                busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
        except DBAPIError:
            return False
        return busy is None or not busy[0]

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    url: str, *, backups_dir: Path | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> Database:
    """Open (creating if needed) and migrate the database at `url`.

    Raises StorageError with a message a person can act on; the file is never overwritten,
    and a copy is taken before any migration touches an existing file.
    """
    path = _sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
        if path.exists() and path.stat().st_size > 0:
            # Look before touching: a refused file must keep every byte (even WAL's header).
            _refuse_if_not_ours(_read_only_status(path, busy_timeout_ms), path)
    engine = _make_engine(url, path, busy_timeout_ms)
    try:
        _probe(engine, path)
        backup: Path | None = None
        status = migrations.status(engine)
        _refuse_if_not_ours(status, path or url)
        if status.needs_upgrade:
            if path is not None and status.current is not None:
                backup = _backup_before_migration(path, backups_dir or path.parent / "backups")
            migrations.upgrade(engine)
    except StorageError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise StorageError(_describe_operational_error(exc, path)) from exc
    return Database(engine=engine, path=path, backup_before_migration=backup)


def _refuse_if_not_ours(status: migrations.MigrationStatus, where: Path | str) -> None:
    if status.is_foreign:
        raise StorageError(
            f"The file {where} is a database, but not one of Attune Desktop's. "
            "It was left untouched; choose another folder with --home."
        )
    if status.is_newer:
        raise StorageError(
            f"This database ({where}) was written by a newer version of Attune Desktop. "
            "Please update Attune Desktop to open it; the file was left untouched."
        )


def _read_only_status(path: Path, busy_timeout_ms: int) -> migrations.MigrationStatus:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=busy_timeout_ms / 1000)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            current = None
            if "alembic_version" in names:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                current = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StorageError(_describe_message(str(exc), path)) from exc
    return migrations.classify(current, bool(names - {"alembic_version"}))


def _sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix) :]
    if rest in ("", ":memory:"):
        return None
    return Path(rest)


def _check_sqlite_file(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"Attune Desktop cannot create its data folder {folder}: {exc.strerror}. "
            "Choose another folder with --home."
        ) from exc
    if not path.exists():
        if not _writable(folder):
            raise StorageError(
                f"The data folder {folder} is read-only, so no database can be created there. "
                "Choose another folder with --home."
            )
        return
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file.")
    if not os.access(path, os.R_OK):
        raise StorageError(f"The database {path} cannot be read: permission denied.")
    if not _writable(path) or not _writable(folder):
        raise StorageError(
            f"The database {path} (or its folder) is read-only. Attune Desktop saves every "
            "edit as you make it, so it needs to write there. Copy the file somewhere "
            "writable and open it with --home, or fix the permissions."
        )
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise StorageError(
            f"The file {path} is not an Attune Desktop database (it may be damaged). "
            "It was left untouched. Restore a backup from the backups folder, or move the "
            "file away to start fresh."
        )


def _writable(path: Path) -> bool:
    """Writable by us, and not marked read-only (which root could otherwise ignore)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & stat.S_IWUSR)


def _make_engine(url: str, path: Path | None, busy_timeout_ms: int) -> Engine:
    if path is None and not url.startswith("sqlite"):
        return create_engine(url)
    engine = create_engine(
        url,
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
        poolclass=NullPool if path is None else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            # Freed space is zeroed, so a deleted or rewritten row leaves no old copy behind
            # in the file (check-in counts, private notes).
            cursor.execute("PRAGMA secure_delete=ON")
            if path is not None:
                cursor.execute("PRAGMA journal_mode=WAL")
                # FULL, not NORMAL: in WAL mode NORMAL survives a killed app but a power cut
                # can lose the last commits; an edit acknowledged must survive both.
                cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    return engine


def _probe(engine: Engine, path: Path | None) -> None:
    """Read the schema and take the write lock once, so problems surface now, not mid-edit."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            conn.exec_driver_sql("ROLLBACK")
    except DBAPIError as exc:
        raise StorageError(_describe_operational_error(exc, path)) from exc


def _describe_operational_error(exc: DBAPIError, path: Path | None) -> str:
    return _describe_message(str(exc.orig) if exc.orig is not None else str(exc), path)


def _describe_message(raw: str, path: Path | None) -> str:
    where = str(path) if path else "the database"
    message = raw.lower()
    if "locked" in message or "busy" in message:
        return (
            f"{where} is in use by another program (is Attune Desktop already open?). "
            "Close it and try again; nothing was changed."
        )
    if "readonly" in message or "read-only" in message:
        return f"{where} is read-only, so the change could not be saved."
    if "disk is full" in message or "full" in message:
        return f"The disk holding {where} is full, so the change was not saved. Free some space."
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return (
            f"{where} is damaged and cannot be opened. It was left untouched. Restore a "
            "backup from the backups folder, or move the file away to start fresh."
        )
    return f"{where} could not be used: {raw}"


def _backup_before_migration(path: Path, backups_dir: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"before-migration-{stamp}.sqlite3"
    backups_dir.mkdir(parents=True, exist_ok=True)
    try:
        _sqlite_backup(path, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        raise StorageError(
            f"Could not back up {path} before updating it ({exc}); nothing was changed."
        ) from exc
    return target


def _sqlite_backup(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # A copy is one self-contained file: not in WAL mode, so no -wal file beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
