"""The first look: the series list and a series' weeks read with sqlite3 alone, exactly as the
services give them, or nothing at all when the home must be opened the full way."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from attune_desktop.core.container import open_core
from attune_desktop.core.storage.first_look import first_look

pytestmark = pytest.mark.sqlite_only

SERIES_FIELDS = (
    "id",
    "title",
    "venue",
    "weekday",
    "start_time",
    "first_date",
    "weeks",
    "is_template",
)
WEEK_FIELDS = ("id", "week", "date", "title", "status", "attendance", "target_minutes")


def _fields(row: object, names: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(getattr(row, name) for name in names)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home with the sample series, plus a second dated series and a cancelled week."""
    home = tmp_path / "home"
    core = open_core(home)
    made = core.series.create_series("Spring circle", dt.date(2027, 3, 2), weeks=4, venue="Hall")
    assert made.id is not None
    core.series.cancel_session(core.series.sessions_of(made.id)[1].id or 0)
    core.close()
    return home


def test_the_first_look_reads_what_the_services_read(home: Path) -> None:
    """GIVEN a home with two dated series and a template
    WHEN the first look reads it, and the services read it
    THEN the series come in the same order with the same fields, and so do every series'
    weeks with their planned minutes."""
    look = first_look(home / "attune.sqlite3")
    assert look is not None
    core = open_core(home)
    try:
        listed = core.series.list_series(templates=False) + core.series.templates()
        assert [_fields(s, SERIES_FIELDS) for s in look.series] == [
            _fields(s, SERIES_FIELDS) for s in listed
        ]
        for series in listed:
            assert series.id is not None
            weeks, minutes = look.weeks(series.id)
            sessions = core.series.sessions_of(series.id)
            assert [_fields(w, WEEK_FIELDS) for w in weeks] == [
                _fields(s, WEEK_FIELDS) for s in sessions
            ]
            assert minutes == core.sessions.planned_minutes([s.id for s in sessions if s.id])
    finally:
        core.close()
    assert [s.title for s in look.series] == [
        "Spring circle",
        "Attunement basics",
        "Attunement basics (curriculum)",
    ]


def test_the_first_look_never_changes_the_file(home: Path) -> None:
    """GIVEN a home, WHEN the first look reads it, THEN not a byte of its database changes
    (it reads as `open_database` looks before it opens: a read-only connection)."""
    database = home / "attune.sqlite3"
    before = database.read_bytes()
    look = first_look(database)
    assert look is not None and look.weeks(look.series[0].id or 0)[0]
    assert database.read_bytes() == before
    assert (
        not list(home.glob("attune.sqlite3-wal"))
        or not (home / "attune.sqlite3-wal").stat().st_size
    )


def test_a_home_to_open_the_full_way_gets_no_first_look(home: Path, tmp_path: Path) -> None:
    """GIVEN homes the app must open through the ORM (to create, migrate, refuse or repair)
    WHEN the first look is asked, THEN it gives nothing (and the app starts as it always has)."""
    database = home / "attune.sqlite3"
    assert first_look(tmp_path / "nowhere" / "attune.sqlite3") is None  # a first run
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert first_look(empty) is None
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert first_look(junk) is None
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE series (id INTEGER)")
    assert first_look(foreign) is None  # someone else's: no migration history
    with sqlite3.connect(database) as conn:  # written by an older version: to migrate
        conn.execute("UPDATE alembic_version SET version_num = '0006_fidelity_and_org_labels'")
    assert first_look(database) is None


def test_a_read_only_home_gets_no_first_look(home: Path) -> None:
    """GIVEN a home whose file cannot be written, WHEN the first look is asked, THEN it gives
    nothing: the full opening says why the app cannot save there."""
    database = home / "attune.sqlite3"
    database.chmod(0o444)
    try:
        assert first_look(database) is None
    finally:
        database.chmod(0o644)
