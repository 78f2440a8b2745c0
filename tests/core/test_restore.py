"""Restore with a preview, back up now, export everything: tested by restoring."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from attune_desktop.cli import main
from attune_desktop.core.container import Core, open_core
from attune_desktop.core.errors import StorageError
from attune_desktop.core.services.base import Change, ChangeKind
from attune_desktop.core.storage import migrations

# About file backups and restores.
# A PostgreSQL home's own checks are in test_storage_server.py.
pytestmark = pytest.mark.sqlite_only


def content(path: Path) -> list[tuple[object, ...]]:
    """Every row of every table: what a person's data is, whatever the file's bytes."""
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.fixture
def home_core(tmp_path: Path):
    core = open_core(tmp_path / "home")  # with the starter content: 1 series, 5 families
    yield core
    core.close()


def test_restoring_a_backup_brings_the_data_back_and_keeps_a_safety_copy(home_core: Core):
    # GIVEN a backup taken by hand, then a session added and a series deleted afterwards
    backup = home_core.backups.back_up_now()
    assert (backup.series, backup.sessions, backup.families) == (1, 6, 5)
    home_core.sessions.create_session("Added after the backup")
    home_core.series.delete_series(home_core.series.list_series()[0].id or 0)
    before_restore = content(home_core.db.path or Path())
    heard: list[Change] = []
    home_core.sessions.changed.connect(heard.append)

    # WHEN the backup is restored
    result = home_core.backups.restore(backup.path)

    # THEN the data is as it was when the backup was taken, and screens are told to reload
    titles = [s.title for s in home_core.sessions.list_sessions()]
    assert "Added after the backup" not in titles
    assert len(home_core.series.list_series()) == 1
    assert home_core.db.integrity_ok()
    assert heard == [Change("all", ChangeKind.RELOADED)]
    # AND the data as it was just before the restore is kept, and listed with a preview
    assert content(result.safety_copy) == before_restore
    kinds = {info.kind for info in home_core.backups.list_backups()}
    assert {"manual", "before-restore"} <= kinds
    assert "1 series, 6 sessions, 5 families" in result.message


def test_the_list_shows_what_each_backup_holds_newest_first(home_core: Core):
    first = home_core.backups.back_up_now()
    home_core.series.delete_series(home_core.series.list_series()[0].id or 0)
    (home_core.paths.backups / "notes.txt").write_text("not a backup")
    second_path = home_core.paths.backups / "manual-29990101-000000.sqlite3"
    home_core.db.backup_to(second_path)

    listed = home_core.backups.list_backups()

    assert [b.path for b in listed][:2] == [second_path, first.path]
    assert listed[0].summary == "0 series, 0 sessions, 5 families"
    assert listed[1].summary == "1 series, 6 sessions, 5 families"
    assert all(b.path.suffix == ".sqlite3" for b in listed)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"this is a text file, not a database",
        b"SQLite format 3\x00" + b"\xff" * 5000,
    ],
    ids=["empty", "text", "garbage-after-header"],
)
def test_a_damaged_backup_is_refused_and_nothing_changes(
    home_core: Core, tmp_path: Path, damage: bytes
):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(damage)
    before = content(home_core.db.path or Path())

    with pytest.raises(StorageError, match="cannot be restored"):
        home_core.backups.restore(bad)

    assert content(home_core.db.path or Path()) == before
    assert not list(home_core.paths.backups.glob("before-restore-*"))


def test_a_backup_torn_in_the_middle_is_refused(home_core: Core, tmp_path: Path):
    # GIVEN a real backup whose second half was lost (a copy cut short)
    backup = home_core.backups.back_up_now()
    torn = tmp_path / "torn.sqlite3"
    data = backup.path.read_bytes()
    torn.write_bytes(data[: len(data) // 2])
    home_core.sessions.create_session("Kept")

    with pytest.raises(StorageError, match="cannot be restored"):
        home_core.backups.restore(torn)

    assert "Kept" in [s.title for s in home_core.sessions.list_sessions()]


def test_a_backup_from_a_newer_version_is_refused(home_core: Core, tmp_path: Path):
    newer = tmp_path / "newer.sqlite3"
    home_core.db.backup_to(newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    home_core.sessions.create_session("Kept")

    with pytest.raises(StorageError, match="newer version"):
        home_core.backups.restore(newer)

    assert "Kept" in [s.title for s in home_core.sessions.list_sessions()]


def test_someone_elses_database_is_refused(home_core: Core, tmp_path: Path):
    foreign = tmp_path / "photos.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE albums (name TEXT)")
    assert "Not an Attune Desktop database" in home_core.backups.preview(foreign).summary

    with pytest.raises(StorageError, match="not one of Attune Desktop's"):
        home_core.backups.restore(foreign)


def test_a_backup_from_before_an_update_is_migrated_as_it_is_restored(
    home_core: Core, tmp_path: Path
):
    # GIVEN a database at the first schema revision (as an older version left it)
    old = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{old}")
    config = migrations._config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql(
            "INSERT INTO session (title, start_time, venue, target_minutes, status, is_template,"
            " prep_notes, created_at, updated_at) VALUES ('From the old days', '18:00:00', '',"
            " 120, 'planned', 0, '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    engine.dispose()

    home_core.backups.restore(old)

    assert [s.title for s in home_core.sessions.list_sessions()] == ["From the old days"]
    status = migrations.status(home_core.db.engine)
    assert status.current == status.head
    assert content(old)  # the file restored from was not changed into the new layout
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_a_locked_database_refuses_the_restore_and_keeps_its_data(home_core: Core):
    backup = home_core.backups.back_up_now()
    home_core.sessions.create_session("Kept")
    other = sqlite3.connect(home_core.db.path or Path(), timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError):
            home_core.backups.restore(backup.path)
    finally:
        other.rollback()
        other.close()
    assert "Kept" in [s.title for s in home_core.sessions.list_sessions()]


def test_export_everything_then_restore_it_into_a_fresh_home(home_core: Core, tmp_path: Path):
    # GIVEN a home with a photo used by a routine step
    home_core.paths.photos.mkdir(parents=True, exist_ok=True)
    (home_core.paths.photos / "bedtime.jpg").write_bytes(b"\xff\xd8 a tiny photo")
    home_core.sessions.create_session("Only in the export")

    # WHEN everything is exported to one file
    out = home_core.backups.export_everything(tmp_path / "everything")

    # THEN it is a zip with a manifest, the database and the photos
    assert out.name == "everything.zip"
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert names == {"manifest.json", "attune.sqlite3", "photos/bedtime.jpg"}
    assert manifest["format"] == "attune-desktop.export"
    assert (manifest["series"], manifest["families"], manifest["photos"]) == (1, 5, 1)
    preview = home_core.backups.preview(out)
    assert preview.summary == "1 series, 7 sessions, 5 families, 1 photo"

    # AND restoring it into another, empty home brings back the data and the photo
    fresh = open_core(tmp_path / "fresh", load_starter_on_first_run=False)
    try:
        fresh.backups.restore(out)
        assert "Only in the export" in [s.title for s in fresh.sessions.list_sessions()]
        assert (fresh.paths.photos / "bedtime.jpg").read_bytes() == b"\xff\xd8 a tiny photo"
        assert fresh.db.integrity_ok()
    finally:
        fresh.close()


def test_an_export_cannot_write_outside_the_photos_folder(home_core: Core, tmp_path: Path):
    out = home_core.backups.export_everything(tmp_path / "export.zip")
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("photos/../../escaped.txt", "no")
        archive.writestr("../escaped.txt", "no")
        archive.writestr("/tmp/escaped-abs.txt", "no")

    home_core.backups.restore(out)

    assert not list(tmp_path.rglob("escaped*"))
    assert not Path("/tmp/escaped-abs.txt").exists()


@pytest.mark.parametrize(
    ("member", "data", "message"),
    [
        ("manifest.json", "{}", "not an Attune Desktop export"),
        ("manifest.json", '{"format": "attune-desktop.export", "version": 99}', "newer version"),
        ("readme.txt", "hello", "no manifest"),
    ],
)
def test_a_zip_that_is_not_our_export_is_refused(
    home_core: Core, tmp_path: Path, member: str, data: str, message: str
):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(member, data)
    before = content(home_core.db.path or Path())

    with pytest.raises(StorageError, match=message):
        home_core.backups.restore(bad)

    assert content(home_core.db.path or Path()) == before


def test_backup_commands_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    home = str(tmp_path / "home")
    assert main(["--home", home, "demo"]) == 0
    assert main(["backup", "now", "--home", home]) == 0
    assert main(["--home", home, "backup", "export", str(tmp_path / "all.zip")]) == 0
    capsys.readouterr()

    assert main(["--home", home, "backup", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Backed up by hand\t1 series, 6 sessions, 5 families" in listing

    assert main(["--home", home, "backup", "restore", str(tmp_path / "all.zip")]) == 0
    assert "Restored 1 series, 6 sessions, 5 families" in capsys.readouterr().out

    assert main(["--home", home, "backup", "restore", str(tmp_path / "missing.zip")]) == 2
    assert "There is no backup file" in capsys.readouterr().err


def test_a_damaged_home_can_be_restored_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # GIVEN a home with a backup, whose database was then damaged
    home = tmp_path / "home"
    core = open_core(home)
    backup = core.backups.back_up_now()
    database = core.paths.database
    core.close()
    damaged = b"SQLite format 3\x00" + b"\x13" * 8000
    database.write_bytes(damaged)
    assert main(["--home", str(home), "list", "series"]) == 2  # the app refuses it
    # AND its backups can still be listed
    capsys.readouterr()
    assert main(["--home", str(home), "backup", "list"]) == 0
    assert "1 series, 6 sessions, 5 families" in capsys.readouterr().out

    # WHEN the backup is restored from the command line
    assert main(["--home", str(home), "backup", "restore", str(backup.path)]) == 0

    # THEN the app opens with the data, and the damaged file is kept, byte for byte
    reopened = open_core(home)
    try:
        assert len(reopened.series.list_series()) == 1
        kept = [b for b in reopened.backups.list_backups() if b.kind == "damaged"]
        assert len(kept) == 1 and kept[0].path.read_bytes() == damaged
        assert kept[0].kind_label == "Refused at start"
    finally:
        reopened.close()


def test_a_locked_home_is_not_replaced_by_the_command_line_restore(tmp_path: Path, capsys):
    home = tmp_path / "home"
    core = open_core(home)
    backup = core.backups.back_up_now()
    database = core.paths.database
    core.close()
    other = sqlite3.connect(database)
    other.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["--home", str(home), "backup", "restore", str(backup.path)])
    finally:
        other.rollback()
        other.close()
    assert code == 2
    assert "in use by another program" in capsys.readouterr().err
    assert not list((home / "backups").glob("damaged-*"))
