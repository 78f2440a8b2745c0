"""Open the database safely: check the file, apply migrations after a backup, never overwrite.

The database is reached through a SQLAlchemy URL: a SQLite file (every laptop's home) or a
PostgreSQL database (`postgresql://…`, an organisation's server, or an organiser's only home).
SQLite is the backend that needs special care (pragmas, file checks, the online backup API);
that care is all here, and nothing outside `core.storage` asks which backend it is talking to.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session as DbSession

from attune_desktop.core.errors import StorageError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.storage import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000
CONNECT_TIMEOUT_S = 10  # a PostgreSQL server that does not answer: say so, do not hang
POSTGRES_DRIVER = "postgresql+psycopg"  # not-ui-text
SERVER_BACKUP_MESSAGE = N_(
    "This home is the organisation's PostgreSQL database ({where}); Attune Desktop does not "
    "copy it. Backing it up is the organisation's job, on the server (pg_dump, or the "
    "hosting's own backups); ask whoever looks after it."
)


@dataclass
class Database:
    """An open, migrated database. Services open short units of work with `session()`."""

    engine: Engine
    path: Path | None
    backup_before_migration: Path | None = None
    created: bool = False  # it had no tables before this opening (a first run)

    @property
    def on_server(self) -> bool:
        """Whether the data lives in a database server (PostgreSQL), not a SQLite file."""
        return self.engine.dialect.name != "sqlite"

    @property
    def where(self) -> str:
        """The database as a person would name it (never with its password)."""
        if self.path is not None:
            return str(self.path)
        return _display_url(self.engine.url)

    def refuse_if_on_server(self) -> None:
        """Backups and restores copy a file; on a server they are the organisation's job."""
        if self.on_server:
            raise StorageError(_(SERVER_BACKUP_MESSAGE).format(where=self.where))

    @contextlib.contextmanager
    def session(self) -> Iterator[DbSession]:
        """A unit of work: committed on success, rolled back on any error."""
        with DbSession(self.engine, expire_on_commit=False) as db:
            try:
                yield db
                db.commit()
            except OperationalError as exc:
                db.rollback()
                if self.on_server:
                    raise StorageError(_describe_server_error(exc, self.where)) from exc
                raise StorageError(_describe_operational_error(exc, self.path)) from exc
            except BaseException:
                db.rollback()
                raise

    def free_to_write(self) -> bool:
        """Whether a write would get the lock now, without waiting for it.

        For retries that must not block the screen while another program holds the file.
        A server takes row locks as it goes, so there it is whether the server answers.
        """
        if self.on_server:
            return self._answers()
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
        """SQLite's own check of the file; a server keeps its pages itself (it answers or not)."""
        if self.on_server:
            return self._answers()
        with self.engine.connect() as conn:
            return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    def _answers(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except DBAPIError:
            return False
        return True

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the live database, made with SQLite's online backup API."""
        self.refuse_if_on_server()
        if self.path is None:
            raise StorageError(_("This database is not a file, so it cannot be copied."))
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        try:
            _sqlite_backup(self.path, tmp)
            os.replace(tmp, target)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(
                _("Could not write the backup {target}: {problem}").format(
                    target=target, problem=exc
                )
            ) from exc
        return target

    def forget_history(self) -> bool:
        """Fold the write-ahead log into the database and truncate it to nothing.

        The log keeps every version of a page written since the last checkpoint; after a
        check-in round closes, none of it may be left to tell what changed when. Returns
        False when a reader held the log (it is truncated at the next call or start).

        On a server there is nothing to fold: check-in counts are written once, when a round
        closes (never one row per answer), so its log and old row versions hold nothing finer.
        """
        if self.path is None:
            return True  # an in-memory database, or a server's
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
    and a copy is taken before any migration touches an existing file. A PostgreSQL URL
    (`postgresql://user:password@host/dbname`) opens the organisation's database instead: it is
    migrated in place, one opener at a time, and its backups are the organisation's.
    """
    parsed = parse_database_url(url)
    if parsed.get_backend_name() != "sqlite":
        return _open_server(parsed)
    path = _sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
        if path.exists() and path.stat().st_size > 0:
            # Look before touching: a refused file must keep every byte (even WAL's header).
            _refuse_if_not_ours(_read_only_status(path, busy_timeout_ms), path)
    engine = _make_engine(url, path, busy_timeout_ms)
    with _disposed_on_failure(engine, lambda exc: _describe_operational_error(exc, path)):
        _probe(engine, path)
        backup: Path | None = None
        status = migrations.status(engine)
        _refuse_if_not_ours(status, path or url)
        if status.needs_upgrade:
            if path is not None and status.current is not None:
                backup = _backup_before_migration(path, backups_dir or path.parent / "backups")
            migrations.upgrade(engine)
    return Database(
        engine=engine, path=path, backup_before_migration=backup, created=_created(status)
    )


def parse_database_url(url: str) -> URL:
    """The URL, checked: a SQLite file or a PostgreSQL database, in words if neither.

    `postgresql://` and `postgres://` mean the psycopg (version 3) driver the app ships with.
    """
    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise StorageError(
            _(
                "“{url}” is not a database address. Give a PostgreSQL one like "
                "postgresql://user:password@host:5432/dbname (or leave it out for this "
                "laptop's own file)."
            ).format(url=url)
        ) from None
    backend = parsed.get_backend_name()
    if backend == "postgres":
        backend = "postgresql"
    if backend == "postgresql":
        return parsed.set(drivername=POSTGRES_DRIVER)
    if backend == "sqlite":
        return parsed
    raise StorageError(
        _(
            "Attune Desktop keeps its data in SQLite or PostgreSQL, not "
            "“{backend}”: give a postgresql://… address."
        ).format(backend=backend)
    )


def _open_server(url: URL) -> Database:
    where = _display_url(url)
    if not url.database:
        raise StorageError(
            _(
                "The address {where} names no database: add one at its end, as in "
                "postgresql://user@host/attune."
            ).format(where=where)
        )
    engine = create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "attune-desktop"},
    )
    with _disposed_on_failure(engine, lambda exc: _describe_server_error(exc, where)):
        status = migrations.status(engine)
        _refuse_if_not_ours(status, where, server=True)
        if status.needs_upgrade:
            migrations.upgrade(engine)
    return Database(engine=engine, path=None, created=_created(status))


@contextlib.contextmanager
def _disposed_on_failure(engine: Engine, describe: Callable[[DBAPIError], str]) -> Iterator[None]:
    """Opening `engine`: any refusal closes it; a driver's error becomes a sentence."""
    try:
        yield
    except StorageError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise StorageError(describe(exc)) from exc


def _created(status: migrations.MigrationStatus) -> bool:
    return status.current is None and not status.has_tables


def _display_url(url: URL) -> str:
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


_NO_ANSWER = (  # not-ui-text: the driver's own words, matched
    "connection refused",
    "could not connect",
    "could not translate host name",
    "timeout expired",
    "no route to host",
    "name or service not known",
)
_CONNECTION_LOST = (  # not-ui-text
    "server closed the connection",
    "connection is closed",
    "terminating connection",
)


def _describe_server_error(exc: DBAPIError, where: str) -> str:
    raw = str(exc.orig) if exc.orig is not None else str(exc)
    message = raw.lower()
    if "password authentication failed" in message or "no password supplied" in message:
        return _("The PostgreSQL server refused the name or password given in {where}.").format(
            where=where
        )
    if "does not exist" in message and "database" in message:
        return _(
            "The database in {where} does not exist on that server: ask for it to be created."
        ).format(where=where)
    if "permission denied" in message:
        return _("{where} does not let this role do that: {detail}").format(
            where=where, detail=raw.strip()
        )
    if any(sign in message for sign in _NO_ANSWER):
        return _(
            "No PostgreSQL server answered at {where}. Check the address, and that "
            "the server runs and lets this machine in."
        ).format(where=where)
    if any(sign in message for sign in _CONNECTION_LOST):
        return _(
            "The connection to the PostgreSQL database {where} was lost, so the "
            "change was not saved. Check the network and try again."
        ).format(where=where)
    return _("The PostgreSQL database {where} could not be used: {detail}").format(
        where=where, detail=raw.strip()
    )


def _refuse_if_not_ours(
    status: migrations.MigrationStatus, where: Path | str, *, server: bool = False
) -> None:
    if status.is_foreign and server:
        raise StorageError(
            _(
                "The database {where} holds tables, but not Attune Desktop's. It was "
                "left untouched; give the address of an empty database, or of Attune "
                "Desktop's."
            ).format(where=where)
        )
    if status.is_foreign:
        raise StorageError(
            _(
                "The file {where} is a database, but not one of Attune Desktop's. It "
                "was left untouched; choose another folder with --home."
            ).format(where=where)
        )
    if status.is_newer:
        raise StorageError(
            _(
                "This database ({where}) was written by a newer version of Attune "
                "Desktop. Please update Attune Desktop to open it; it was left untouched."
            ).format(where=where)
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
            _(
                "Attune Desktop cannot create its data folder {folder}: {strerror}. "
                "Choose another folder with --home."
            ).format(folder=folder, strerror=exc.strerror)
        ) from exc
    if not path.exists():
        if not _writable(folder):
            raise StorageError(
                _(
                    "The data folder {folder} is read-only, so no database can be created "
                    "there. Choose another folder with --home."
                ).format(folder=folder)
            )
        return
    if path.is_dir():
        raise StorageError(_("{path} is a folder, not a database file.").format(path=path))
    if not os.access(path, os.R_OK):
        raise StorageError(
            _("The database {path} cannot be read: permission denied.").format(path=path)
        )
    if not _writable(path) or not _writable(folder):
        raise StorageError(
            _(
                "The database {path} (or its folder) is read-only. Attune Desktop "
                "saves every edit as you make it, so it needs to write there. Copy the "
                "file somewhere writable and open it with --home, or fix the "
                "permissions."
            ).format(path=path)
        )
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise StorageError(
            _(
                "The file {path} is not an Attune Desktop database (it may be "
                "damaged). It was left untouched. Restore a backup from the backups "
                "folder, or move the file away to start fresh."
            ).format(path=path)
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
    where = str(path) if path else _("the database")
    message = raw.lower()
    if "locked" in message or "busy" in message:
        return _(
            "{where} is in use by another program (is Attune Desktop already "
            "open?). Close it and try again; nothing was changed."
        ).format(where=where)
    if "readonly" in message or "read-only" in message:
        return _("{where} is read-only, so the change could not be saved.").format(where=where)
    if "disk is full" in message or "full" in message:
        return _(
            "The disk holding {where} is full, so the change was not saved. Free some space."
        ).format(where=where)
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return _(
            "{where} is damaged and cannot be opened. It was left untouched. "
            "Restore a backup from the backups folder, or move the file away to "
            "start fresh."
        ).format(where=where)
    return _("{where} could not be used: {detail}").format(where=where, detail=raw)


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
            _(
                "Could not back up {path} before updating it ({problem}); nothing was changed."
            ).format(path=path, problem=exc)
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
