"""Opening the database: created, migrated, backed up, and never overwritten when refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from attune_desktop.core.config import AppPaths
from attune_desktop.core.errors import StorageError
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage import migrations, revisions
from attune_desktop.core.storage.database import open_database

# About the SQLite file: its checks, WAL, migration backups.
# A PostgreSQL home's own checks are in test_storage_server.py.
pytestmark = pytest.mark.sqlite_only


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_home_gets_a_migrated_database_with_wal_and_foreign_keys(paths: AppPaths) -> None:
    db = open_database(paths.database_url, backups_dir=paths.backups)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            tables = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert {"series", "session", "segment", "checkincount", "alembic_version"} <= tables
        assert migrations.status(db.engine).current == migrations.status(db.engine).head
        assert db.backup_before_migration is None  # nothing existed to back up
    finally:
        db.close()


def test_every_connection_syncs_each_commit_to_disk_so_a_power_cut_loses_nothing(
    paths: AppPaths,
) -> None:
    # GIVEN an open database, used by several connections at once (the pool hands out more
    # than one: the app's units of work, a backup, the check-in server)
    db = open_database(paths.database_url, backups_dir=paths.backups)
    try:
        with db.engine.connect() as first, db.engine.connect() as second, db.session() as unit:
            # THEN every one of them waits for the disk on each commit (synchronous=FULL, 2)
            levels = [
                first.exec_driver_sql("PRAGMA synchronous").scalar(),
                second.exec_driver_sql("PRAGMA synchronous").scalar(),
                unit.connection().exec_driver_sql("PRAGMA synchronous").scalar(),
            ]
        assert levels == [2, 2, 2]
    finally:
        db.close()


def test_an_empty_file_is_migrated_in_place(paths: AppPaths) -> None:
    paths.home.mkdir(parents=True)
    paths.database.touch()
    db = open_database(paths.database_url, backups_dir=paths.backups)
    try:
        assert SessionService(db).create_session("Week 1").id == 1
    finally:
        db.close()
    assert paths.database.stat().st_size > 0


def test_reopening_keeps_data_and_takes_no_backup(paths: AppPaths) -> None:
    db = open_database(paths.database_url, backups_dir=paths.backups)
    SessionService(db).create_session("Noticing feelings")
    db.close()
    again = open_database(paths.database_url, backups_dir=paths.backups)
    try:
        titles = [s.title for s in SessionService(again).list_sessions()]
        assert titles == ["Noticing feelings"]
        assert again.backup_before_migration is None
        assert not paths.backups.exists()
    finally:
        again.close()


def test_an_older_database_is_backed_up_then_migrated(paths: AppPaths) -> None:
    # GIVEN a database left at the first revision by an older version, holding a session
    paths.home.mkdir(parents=True)
    engine = create_engine(paths.database_url)
    config = migrations._config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql(
            "INSERT INTO session (title, start_time, venue, target_minutes, status, is_template,"
            " prep_notes, created_at, updated_at) VALUES ('Old week', '18:00:00', '', 120,"
            " 'planned', 0, '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    engine.dispose()
    before = digest(paths.database)
    # WHEN this version opens it
    db = open_database(paths.database_url, backups_dir=paths.backups)
    try:
        # THEN a copy of the old file was taken first, and the data survived the migration
        backup = db.backup_before_migration
        assert backup is not None and backup.parent == paths.backups
        with sqlite3.connect(backup) as old:
            assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert old.execute("SELECT title FROM session").fetchall() == [("Old week",)]
        assert [s.title for s in SessionService(db).list_sessions()] == ["Old week"]
        status = migrations.status(db.engine)
        assert status.current == status.head != "0001"
    finally:
        db.close()
    assert digest(paths.database) != before


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(paths: AppPaths) -> None:
    open_database(paths.database_url).close()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = digest(paths.database)
    with pytest.raises(StorageError, match="newer version"):
        open_database(paths.database_url, backups_dir=paths.backups)
    assert digest(paths.database) == before
    assert not paths.backups.exists()


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database\n" * 50, b"SQLite format 3\x00" + b"\xff" * 4096],
    ids=["not-sqlite", "damaged-sqlite"],
)
def test_a_corrupt_file_is_refused_and_never_overwritten(paths: AppPaths, content: bytes) -> None:
    paths.home.mkdir(parents=True)
    paths.database.write_bytes(content)
    with pytest.raises(StorageError, match=r"damaged|not an Attune Desktop database"):
        open_database(paths.database_url, backups_dir=paths.backups)
    assert paths.database.read_bytes() == content


def test_someone_elses_sqlite_database_is_refused(paths: AppPaths) -> None:
    paths.home.mkdir(parents=True)
    with sqlite3.connect(paths.database) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = digest(paths.database)
    with pytest.raises(StorageError, match="not one of Attune Desktop's"):
        open_database(paths.database_url)
    assert digest(paths.database) == before


def test_a_read_only_database_gets_a_clear_message(paths: AppPaths) -> None:
    open_database(paths.database_url).close()
    before = digest(paths.database)
    paths.database.chmod(0o444)
    try:
        with pytest.raises(StorageError, match="read-only"):
            open_database(paths.database_url)
    finally:
        paths.database.chmod(0o644)
    assert digest(paths.database) == before


def test_a_read_only_home_folder_gets_a_clear_message(tmp_path: Path) -> None:
    home = tmp_path / "locked-home"
    home.mkdir()
    home.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="read-only"):
            open_database(AppPaths(home).database_url)
    finally:
        home.chmod(0o755)
    assert list(home.iterdir()) == []


def test_a_database_locked_by_another_program_gets_a_clear_message(paths: AppPaths) -> None:
    open_database(paths.database_url).close()
    holder = sqlite3.connect(paths.database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="in use by another program"):
            open_database(paths.database_url, busy_timeout_ms=100)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_backup_to_makes_a_consistent_copy(paths: AppPaths, tmp_path: Path) -> None:
    db = open_database(paths.database_url)
    try:
        SessionService(db).create_session("Kept safe")
        target = db.backup_to(tmp_path / "copy.sqlite3")
    finally:
        db.close()
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT title FROM session").fetchall() == [("Kept safe",)]


def test_the_revisions_read_from_the_files_are_the_ones_alembic_knows() -> None:
    # The fast path (no alembic import at start-up) must agree with alembic itself.
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations._config())
    fast = revisions.revisions_from_files()
    assert fast == (
        frozenset(rev.revision for rev in script.walk_revisions()),
        script.get_current_head(),
    )
