"""Restore a backup, back up on demand, and export or import everything as one file.

Restoring never leaves a half-written database. A candidate file is first copied aside and
checked there (SQLite header, `PRAGMA integrity_check`, our schema, not newer; an older layout
is migrated on the copy). Then a safety copy of the current database is taken, and the checked
copy is written into the live database with SQLite's online backup API: one write transaction
on the destination, so a crash or power cut mid-restore rolls back to the database as it was.
Writing into the open file (rather than swapping files) also keeps the app's engine valid, so
screens can simply reload.

The export is a zip, not a bare database copy, because routine steps may use photos kept in
the `photos` folder beside the database: one file then carries everything a facilitator made.
Inside: `manifest.json`, `attune.sqlite3` (a consistent backup-API copy) and `photos/*`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from attune_desktop import __version__
from attune_desktop.core import locale_format
from attune_desktop.core.errors import StorageError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.storage.database import SQLITE_MAGIC, Database, open_database

EXPORT_FORMAT: Final = "attune-desktop.export"
EXPORT_VERSION: Final = 1
EXPORT_DATABASE: Final = "attune.sqlite3"
EXPORT_MANIFEST: Final = "manifest.json"
MAX_EXPORT_BYTES: Final = 4 * 1024**3  # what an archive may unpack to, against zip bombs
KEEP_SAFETY_COPIES: Final = 10
LOCK_WAIT_S: Final = 3.0

KINDS: Final = {
    "daily": N_("Daily"),
    "manual": N_("Backed up by hand"),
    "before-migration": N_("Before an update"),
    "before-restore": N_("Before a restore"),
    "damaged": N_("Refused at start"),
}
_NAME = re.compile(
    r"^(daily|manual|before-migration|before-restore|damaged)-(\d{8}-\d{6})\.sqlite3$"
)
_PHOTO_NAME = re.compile(r"^photos/([^/\\]+)$")


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, for a person choosing which one to restore."""

    path: Path
    kind: str  # a key of KINDS, or "file" for any other file
    taken_at: dt.datetime  # UTC; from the name, else the file's modification time
    size: int
    series: int = 0
    sessions: int = 0
    families: int = 0
    photos: int = 0
    problem: str = ""  # why it cannot be restored, when that is already clear

    @property
    def label(self) -> str:
        """The local date and time it was taken, as a person reads it."""
        return locale_format.date_time(self.taken_at.astimezone())

    @property
    def kind_label(self) -> str:
        return _(KINDS[self.kind]) if self.kind in KINDS else _("File")

    @property
    def summary(self) -> str:
        if self.problem:
            return self.problem
        text = (
            f"{_plural(self.series, 'series', 'series')}, "
            f"{_plural(self.sessions, 'session', 'sessions')}, "
            f"{_plural(self.families, 'family', 'families')}"
        )
        if self.photos:
            text += f", {_plural(self.photos, 'photo', 'photos')}"
        return text


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_copy: Path  # the database as it was just before the restore

    @property
    def message(self) -> str:
        return _(
            "Restored {summary} from {name}. The data as it was before is kept in {safety_copy}."
        ).format(
            summary=self.restored.summary,
            name=self.restored.path.name,
            safety_copy=self.safety_copy,
        )


# --- listing and previews ---------------------------------------------------------------------


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in the folder with a preview of what it holds, newest first."""
    if not folder.is_dir():
        return []
    found = [preview(path) for path in folder.iterdir() if _NAME.match(path.name)]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def preview(path: Path) -> BackupInfo:
    """Counts and date of a database or export file, read without changing it."""
    kind, taken_at = _kind_and_time(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return BackupInfo(
            path,
            kind,
            taken_at,
            0,
            problem=_("Cannot be read: {strerror}.").format(strerror=exc.strerror),
        )
    if zipfile.is_zipfile(path):
        try:
            with _unpacked(path, with_photos=False) as (database, photos, manifest_time):
                info = _database_preview(database, path, "file", manifest_time or taken_at, size)
                return replace(info, photos=len(photos))
        except StorageError as exc:
            return BackupInfo(path, "file", taken_at, size, problem=str(exc))
    return _database_preview(path, path, kind, taken_at, size)


def _database_preview(
    database: Path, shown: Path, kind: str, taken_at: dt.datetime, size: int
) -> BackupInfo:
    problem = _header_problem(database)
    if problem:
        return BackupInfo(shown, kind, taken_at, size, problem=problem)
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro&immutable=1", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                problem = _("Not an Attune Desktop database.")
                return BackupInfo(shown, kind, taken_at, size, problem=problem)
            counts = [
                _count(conn, tables, "series", "WHERE is_template = 0"),
                _count(conn, tables, "session", "WHERE is_template = 0"),
                _count(conn, tables, "family", ""),
            ]
        finally:
            conn.close()
    except sqlite3.Error:
        problem = _("Damaged: it cannot be read as a database.")
        return BackupInfo(shown, kind, taken_at, size, problem=problem)
    return BackupInfo(
        shown, kind, taken_at, size, series=counts[0], sessions=counts[1], families=counts[2]
    )


def _count(conn: sqlite3.Connection, tables: set[str], table: str, where: str) -> int:
    if table not in tables:
        return 0
    return int(conn.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0])


def _kind_and_time(path: Path) -> tuple[str, dt.datetime]:
    match = _NAME.match(path.name)
    if match:
        stamp = dt.datetime.strptime(match.group(2), "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
        return match.group(1), stamp
    try:
        return "file", dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        return "file", dt.datetime.now(dt.UTC)


def _header_problem(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        return _("Cannot be read: {strerror}.").format(strerror=exc.strerror)
    if header != SQLITE_MAGIC:
        return _("Not an Attune Desktop database, or damaged.")
    return ""


# --- backing up -------------------------------------------------------------------------------


def back_up_now(db: Database, folder: Path, *, now: dt.datetime | None = None) -> BackupInfo:
    """A copy of the database in the backups folder, kept until you delete it."""
    target = folder / _stamped("manual", now)
    db.backup_to(target)
    return preview(target)


def _stamped(kind: str, now: dt.datetime | None) -> str:
    moment = now or dt.datetime.now(dt.UTC)
    return f"{kind}-{moment:%Y%m%d-%H%M%S}.sqlite3"


def _safety_copy(db: Database, folder: Path) -> Path:
    target = folder / _stamped("before-restore", None)
    if target.exists():  # two restores within a second: never overwrite a safety copy
        target = target.with_name(f"{target.stem}-{os.getpid()}-{id(target)}.sqlite3")
    db.backup_to(target)
    kept = sorted(folder.glob("before-restore-*.sqlite3"), key=lambda p: p.name, reverse=True)
    for old in kept[KEEP_SAFETY_COPIES:]:
        old.unlink(missing_ok=True)
    return target


# --- restoring --------------------------------------------------------------------------------


def restore(db: Database, source: Path, backups_dir: Path, photos_dir: Path) -> RestoreResult:
    """Replace the database's contents with a backup or an export, atomically.

    Raises StorageError (and changes nothing) when the file is damaged, not ours, or newer.
    """
    db.refuse_if_on_server()
    source = Path(source)
    if not source.is_file():
        raise StorageError(_("There is no backup file at {source}.").format(source=source))
    if db.path is None:
        raise StorageError(_("This database is not a file, so it cannot be restored into."))
    info = preview(source)
    with contextlib.ExitStack() as stack:
        checked, photos = _checked_candidate(stack, source)
        safety = _safety_copy(db, backups_dir)
        _copy_into(checked, db.path)
        _put_photos(photos, photos_dir)
    return RestoreResult(restored=info, safety_copy=safety)


def restore_unopenable(
    database: Path, source: Path, backups_dir: Path, photos_dir: Path
) -> RestoreResult:
    """Put a backup in place of a database the app refuses (damaged, not ours, or newer).

    The refused file is copied to `backups/damaged-<time>.sqlite3` first, never deleted. A
    database that is only locked or read-only is not replaced: StorageError, nothing changed.
    """
    database, source = Path(database), Path(source)
    if not source.is_file():
        raise StorageError(_("There is no backup file at {source}.").format(source=source))
    if not unusable(database):
        raise StorageError(
            _(
                "{database} is not damaged, so it was not replaced. Close any other "
                "program using it, then restore from the app or try again; nothing was "
                "changed."
            ).format(database=database)
        )
    info = preview(source)
    with contextlib.ExitStack() as stack:
        checked, photos = _checked_candidate(stack, source)
        aside = backups_dir / _stamped("damaged", None)
        tmp = database.with_name(f".{database.name}.restoring")
        try:
            backups_dir.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm"):  # keep every byte of what was there
                old = database.with_name(database.name + suffix)
                if old.exists():
                    shutil.copyfile(old, aside.with_name(aside.name + suffix))
            shutil.copyfile(checked, tmp)
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
            for suffix in ("-wal", "-shm"):  # a stale WAL must never be replayed onto the copy
                database.with_name(database.name + suffix).unlink(missing_ok=True)
            os.replace(tmp, database)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(
                _("Could not put the backup in place: {problem}").format(problem=exc)
            ) from exc
        _put_photos(photos, photos_dir)
    return RestoreResult(restored=info, safety_copy=aside)


def unusable(database: Path) -> bool:
    """True when the app would refuse the file for what it holds (not for a lock or rights)."""
    if not database.is_file() or database.stat().st_size == 0:
        return False
    if _header_problem(database):
        return True
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return True
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                return bool(tables)
            current = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        return "locked" not in str(exc) and "busy" not in str(exc)
    except sqlite3.DatabaseError:
        return True
    from attune_desktop.core.storage import migrations

    return migrations.classify(current[0] if current else None, True).is_newer


def _checked_candidate(stack: contextlib.ExitStack, source: Path) -> tuple[Path, list[Path]]:
    """A backup's or an export's database, checked and migrated, and the export's photos;
    the private copies last as long as `stack`."""
    photos: list[Path] = []
    database = source
    if zipfile.is_zipfile(source):
        database, photos, _time = stack.enter_context(_unpacked(source))
    return stack.enter_context(_checked_copy(database, source)), photos


@contextlib.contextmanager
def _checked_copy(database: Path, shown: Path) -> Iterator[Path]:
    """A private copy of the candidate, checked and migrated to this version's schema."""
    with tempfile.TemporaryDirectory(prefix="attune-restore-") as work:
        copy = Path(work) / "candidate.sqlite3"
        problem = _header_problem(database)
        if problem:
            raise StorageError(
                _("{name} cannot be restored. {problem} Nothing was changed.").format(
                    name=shown.name, problem=problem
                )
            )
        try:
            _sqlite_copy(database, copy)  # reads a -wal file beside it too, unlike a file copy
            conn = sqlite3.connect(copy)
            try:
                verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                conn.close()
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(
                _(
                    "{name} cannot be restored: it is damaged ({problem}). Nothing was changed."
                ).format(name=shown.name, problem=exc)
            ) from exc
        if verdict != "ok":
            raise StorageError(
                _(
                    "{name} cannot be restored: it is damaged ({verdict}). Nothing was changed."
                ).format(name=shown.name, verdict=verdict)
            )
        try:
            opened = open_database(f"sqlite:///{copy}", backups_dir=Path(work) / "migration")
        except StorageError as exc:
            raise StorageError(
                _("{name} cannot be restored. {problem} Nothing was changed.").format(
                    name=shown.name, problem=exc
                )
            ) from exc
        opened.close()
        yield copy


def _sqlite_copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _copy_into(source: Path, live: Path) -> None:
    """Write every page of `source` into the live database in one transaction."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(live, timeout=3)
        try:
            src_size = src.execute("PRAGMA page_size").fetchone()[0]
            if dst.execute("PRAGMA page_size").fetchone()[0] != src_size:
                # A WAL database cannot change page size inside the backup transaction.
                src.close()
                src = _with_page_size(source, dst.execute("PRAGMA page_size").fetchone()[0])
            src.backup(dst, progress=_give_up_after(LOCK_WAIT_S))
            if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise StorageError(_("The restored database failed its check."))
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise StorageError(
            _(
                "The backup could not be written into {live} ({problem}); it was left as it was."
            ).format(live=live, problem=exc)
        ) from exc
    finally:
        src.close()


def _give_up_after(seconds: float) -> Callable[[int, int, int], None]:
    """A backup progress callback that stops a wait on a locked database (Python would retry
    forever); stopping rolls the destination back, so nothing is half-written."""
    deadline = time.monotonic() + seconds

    def _progress(status: int, _remaining: int, _total: int) -> None:
        busy = status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        if busy and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")  # not-ui-text

    return _progress


def _with_page_size(source: Path, page_size: int) -> sqlite3.Connection:
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute(f"PRAGMA page_size={int(page_size)}")
    conn.execute("VACUUM")
    return conn


def _put_photos(photos: list[Path], photos_dir: Path) -> None:
    if not photos:
        return
    try:
        photos_dir.mkdir(parents=True, exist_ok=True)
        for photo in photos:
            target = photos_dir / photo.name
            tmp = target.with_name(f".{target.name}.part")
            shutil.copyfile(photo, tmp)
            os.replace(tmp, target)
    except OSError as exc:
        raise StorageError(
            _("The database was restored, but some photos could not be put back: {problem}").format(
                problem=exc
            )
        ) from exc


# --- export and import of everything ----------------------------------------------------------


def export_everything(db: Database, photos_dir: Path, out: Path) -> Path:
    """The database and its photos in one zip, written atomically (never a half file)."""
    out = Path(out)
    if out.suffix.lower() != ".zip":
        out = out.with_name(out.name + ".zip")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            _("Could not create the folder for {out}: {strerror}.").format(
                out=out, strerror=exc.strerror
            )
        ) from exc
    with tempfile.TemporaryDirectory(prefix="attune-export-") as work:
        copy = db.backup_to(Path(work) / EXPORT_DATABASE)
        info = preview(copy)
        photos = (
            sorted(p for p in photos_dir.glob("*") if p.is_file()) if photos_dir.is_dir() else []
        )
        manifest = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "app_version": __version__,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "series": info.series,
            "sessions": info.sessions,
            "families": info.families,
            "photos": len(photos),
        }
        tmp = out.with_name(f".{out.name}.part")
        try:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(EXPORT_MANIFEST, json.dumps(manifest, indent=2))
                archive.write(copy, EXPORT_DATABASE)
                for photo in photos:
                    archive.write(photo, f"photos/{photo.name}")
            os.replace(tmp, out)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(
                _("Could not write {out}: {strerror}.").format(
                    out=out, strerror=exc.strerror or exc
                )
            ) from exc
    return out


@contextlib.contextmanager
def _unpacked(
    archive_path: Path, *, with_photos: bool = True
) -> Iterator[tuple[Path, list[Path], dt.datetime | None]]:
    """Unpack an export into a private folder after checking its names, sizes and manifest.

    Without photos (for a preview) the photo paths are listed but not written.
    """
    with tempfile.TemporaryDirectory(prefix="attune-import-") as work:
        database, photos, manifest = _unpack(archive_path, Path(work), with_photos)
        yield database, photos, _manifest_time(manifest)


def _unpack(
    archive_path: Path, folder: Path, with_photos: bool
) -> tuple[Path, list[Path], dict[str, object]]:
    name = archive_path.name
    try:
        with zipfile.ZipFile(archive_path) as archive:
            members = archive.infolist()
            manifest = _manifest(archive, name)
            if sum(m.file_size for m in members) > MAX_EXPORT_BYTES:
                raise StorageError(
                    _("{name} would unpack to more than 4 GB; it was not opened.").format(name=name)
                )
            if EXPORT_DATABASE not in {m.filename for m in members}:
                raise StorageError(
                    _("{name} holds no database; it is not a full export.").format(name=name)
                )
            database = folder / EXPORT_DATABASE
            with archive.open(EXPORT_DATABASE) as packed, database.open("wb") as unpacked:
                shutil.copyfileobj(packed, unpacked)
            photos: list[Path] = []
            (folder / "photos").mkdir()
            for member in members:
                match = _PHOTO_NAME.match(member.filename)
                if member.is_dir() or not match or match.group(1) in (".", ".."):
                    continue  # only plain names under photos/: nothing can land elsewhere
                photo = folder / "photos" / match.group(1)
                if with_photos:
                    photo.write_bytes(archive.read(member))
                photos.append(photo)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,  # an encrypted member
        NotImplementedError,  # a compression method zipfile does not know
    ) as exc:
        raise StorageError(
            _("{name} is damaged and cannot be read as an export ({problem}).").format(
                name=name, problem=exc
            )
        ) from exc
    return database, photos, manifest


def _manifest(archive: zipfile.ZipFile, name: str) -> dict[str, object]:
    try:
        data = json.loads(archive.read(EXPORT_MANIFEST).decode("utf-8"))
    except (KeyError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StorageError(
            _("{name} is not an Attune Desktop export (no manifest).").format(name=name)
        ) from exc
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise StorageError(_("{name} is not an Attune Desktop export.").format(name=name))
    version = data.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise StorageError(
            _(
                "{name} was made by a newer version of Attune Desktop. Please update to restore it."
            ).format(name=name)
        )
    return data


def _manifest_time(manifest: dict[str, object]) -> dt.datetime | None:
    created = manifest.get("created_at")
    if not isinstance(created, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(created)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"
