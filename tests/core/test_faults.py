"""Crash and fault tests: killed mid-edit, a full disk, a locked, read-only, damaged or newer file.

The kill trials fork children (see faults_helpers): 100 trials take seconds, not a minute.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import signal
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import event

from attune_desktop.cli import main
from attune_desktop.core.config import AppPaths
from attune_desktop.core.container import open_core
from attune_desktop.core.errors import StorageError
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import open_database
from tests.core.faults_helpers import integrity_ok, kill_after_acks, rows, whole

pytestmark = pytest.mark.slow

TRIALS = 100


def _edit_forever(url: str, first: int, ack_fd: int) -> None:
    """The child: edits through the service, acknowledging each one after its commit."""
    db = open_database(url)
    service = SessionService(db)
    os.write(ack_fd, b"ready\n")
    i = first
    session_id = segment_id = 0
    while True:
        step = i % 4
        if step == 0:
            session_id = service.create_session(f"edit {i}").id or 0
            line = f"create {i} {session_id}"
        elif step == 1:
            segment_id = service.add_segment(session_id, title=f"seg {i}").id or 0
            line = f"segment {i} {segment_id}"
        elif step == 2:
            service.update_session(session_id, venue=f"venue {i}")
            line = f"update {i} {session_id}"
        else:
            service.delete_segment(segment_id)
            line = f"delete {i} {i - 2}"  # ids are reused after a delete: name the segment
        os.write(ack_fd, f"{line}\n".encode())
        i += 1


def _run_and_kill(url: str, first: int, after_acks: int, extra: float) -> list[str]:
    """Fork a child that edits; SIGKILL it `extra` seconds after its `after_acks`-th ack."""
    lines = kill_after_acks(lambda fd: _edit_forever(url, first, fd), after_acks, extra)
    return [line for line in lines if line.count(" ") == 2]  # a torn last line is no ack


def test_every_acknowledged_edit_survives_a_sigkill(paths: AppPaths) -> None:
    # GIVEN a home (created before the trials, as a facilitator's laptop has one)
    open_database(paths.database_url).close()
    rng = random.Random(8)
    acked: list[tuple[str, int, int]] = []
    in_flight: set[int] = set()  # the edit each child was making when killed: maybe saved
    first = 0
    for _trial in range(TRIALS):
        # WHEN the app is killed at a random moment while it is saving edits
        after_acks = rng.randrange(0, 12)
        extra = rng.choice([0.0, rng.uniform(0, 0.002), rng.uniform(0, 0.01)])
        last = first - 1
        for line in _run_and_kill(paths.database_url, first, after_acks, extra):
            kind, number, ident = line.split()
            acked.append((kind, int(number), int(ident)))
            last = int(number)
        in_flight.add(last + 1)
        # the next run starts a fresh group of four edits after the last one tried
        first = (max((n for _k, n, _i in acked), default=first) // 4 + 1) * 4
        # THEN the database is whole after every kill
        assert whole(paths.database_url)

    # AND every acknowledged edit is there
    assert len(acked) >= TRIALS * 4  # the kills really came mid-run, after edits
    url = paths.database_url
    titles = {ident: title for ident, title in rows(url, "SELECT id, title FROM session")}
    venues = {ident: venue for ident, venue in rows(url, "SELECT id, venue FROM session")}
    segments = {row[0] for row in rows(url, "SELECT title FROM segment")}
    deleted = {f"seg {made}" for kind, _n, made in acked if kind == "delete"}
    for kind, number, ident in acked:
        if kind == "create":
            assert titles.get(ident) == f"edit {number}"
        elif kind == "segment":  # still there, unless its delete (two edits on) was made
            assert (
                f"seg {number}" in segments
                or f"seg {number}" in deleted
                or (number + 2 in in_flight)
            )
        elif kind == "update":
            assert venues.get(ident) == f"venue {number}"
        else:
            assert f"seg {ident}" not in segments
    # AND the app opens it as usual afterwards
    open_database(paths.database_url).close()


@pytest.mark.sqlite_only
def test_a_full_disk_refuses_the_edit_with_a_message_and_keeps_the_rest(
    paths: AppPaths,
) -> None:
    # Simulated with SQLite's max_page_count: the database may not grow past its current size,
    # which is what SQLite reports when the disk is full (SQLITE_FULL).
    db = open_database(paths.database_url)
    service = SessionService(db)
    kept = service.create_session("Written before the disk filled")
    db.engine.dispose()  # new connections get the limit below

    @event.listens_for(db.engine, "connect")
    def _no_room(dbapi_conn, _record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    try:
        with pytest.raises(StorageError, match="is full, so the change was not saved"):
            service.create_session("Too much", prep_notes="a long note " * 1500)
        # THEN nothing of the refused edit was written, and earlier work is all there
        assert [s.title for s in service.list_sessions()] == [kept.title]
        assert db.integrity_ok()
    finally:
        db.close()


@pytest.mark.sqlite_only
def test_a_full_disk_during_an_export_leaves_no_half_file(tmp_path: Path, monkeypatch) -> None:
    # Simulated at the file layer: the zip writer fails with ENOSPC part way through.
    core = open_core(tmp_path / "home")
    out = tmp_path / "usb" / "everything.zip"

    def _no_space(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", _no_space)
    try:
        with pytest.raises(StorageError, match="No space left on device"):
            core.backups.export_everything(out)
    finally:
        core.close()
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


@pytest.mark.sqlite_only
def test_a_locked_database_refuses_an_edit_clearly_and_keeps_it_out(paths: AppPaths) -> None:
    db = open_database(paths.database_url, busy_timeout_ms=200)
    service = SessionService(db)
    service.create_session("Before the lock")
    other = sqlite3.connect(paths.database)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="in use by another program"):
            service.create_session("While locked")
    finally:
        other.rollback()
        other.close()
    assert [s.title for s in service.list_sessions()] == ["Before the lock"]
    db.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_read_only(paths: AppPaths) -> None:
    paths.database.chmod(0o444)
    paths.home.chmod(0o555)


def _make_corrupt(paths: AppPaths) -> None:
    data = bytearray(paths.database.read_bytes())
    data[100:4096] = b"\x00garbage" * 499 + b"\x00" * 4
    paths.database.write_bytes(bytes(data))


def _make_newer(paths: AppPaths) -> None:
    # Closed explicitly: the last connection to close folds the WAL into the file, so the
    # digest taken next is of the whole database, not of a file a later checkpoint changes.
    conn = sqlite3.connect(paths.database)
    try:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d-from-the-future'")
        conn.commit()
    finally:
        conn.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_make_read_only, "read-only"),
        (_make_corrupt, "damaged"),
        (_make_newer, "newer version of Attune Desktop"),
    ],
    ids=["read-only-home", "corrupt", "newer-schema"],
)
def test_each_refusal_is_a_clear_message_and_the_file_keeps_every_byte(
    paths: AppPaths, capsys, spoil, message: str
) -> None:
    # GIVEN a home with data, then spoilt in one way
    open_core(paths.home).close()
    for leftover in paths.home.glob("attune.sqlite3-*"):
        leftover.unlink()
    spoil(paths)
    before = _digest(paths.database)
    try:
        # WHEN the app is asked to use it
        code = main(["--home", str(paths.home), "list", "series"])
        err = capsys.readouterr().err
    finally:
        paths.home.chmod(0o755)
        paths.database.chmod(0o644)
    # THEN a message says what is wrong, no traceback, and nothing was overwritten
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert _digest(paths.database) == before


@pytest.mark.sqlite_only
def test_a_locked_home_is_a_clear_message_on_the_command_line(paths: AppPaths, capsys) -> None:
    open_core(paths.home).close()
    other = sqlite3.connect(paths.database)
    other.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["--home", str(paths.home), "demo"])
    finally:
        other.rollback()
        other.close()
    err = capsys.readouterr().err
    assert code == 2
    assert "in use by another program" in err


def _fill(path: Path, label: str, count: int) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM session")
        conn.executemany(
            "INSERT INTO session (title, start_time, venue, target_minutes, status, is_template,"
            " prep_notes, created_at, updated_at) VALUES (?, '18:00:00.000000', '', 120,"
            " 'planned', 0, ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            [(f"{label} {i}", "notes " * 40) for i in range(count)],
        )
    sqlite3.connect(path).close()


def _titles(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT title FROM session")}


@pytest.mark.sqlite_only
def test_a_restore_killed_midway_leaves_the_old_data_or_the_new_never_half(
    tmp_path: Path,
) -> None:
    from attune_desktop.core.storage.restore import restore

    # GIVEN two backups with different data, and a home holding the first
    paths = AppPaths(tmp_path / "home")
    open_database(paths.database_url).close()
    copies = {}
    for label in ("A", "B"):
        _fill(paths.database, label, 3000)
        copies[label] = tmp_path / f"{label}.sqlite3"
        db = open_database(paths.database_url)
        db.backup_to(copies[label])
        db.close()
    expected = {label: _titles(path) for label, path in copies.items()}
    rng = random.Random(4)
    for _trial in range(20):
        current = "A" if _titles(paths.database) == expected["A"] else "B"
        other = "B" if current == "A" else "A"
        # WHEN a restore of the other copy is killed at a random moment
        pid = os.fork()
        if pid == 0:
            try:
                database = open_database(paths.database_url)
                restore(database, copies[other], paths.backups, paths.photos)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.4))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        # THEN the database is whole and holds one copy or the other, entirely
        assert integrity_ok(paths.database)
        now = _titles(paths.database)
        assert now in (expected["A"], expected["B"])
    open_database(paths.database_url).close()
