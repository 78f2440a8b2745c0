"""A family's calendar stays right through every plan edit: same UIDs, rising SEQUENCE.

Each export is read back with vobject (an .ics reader independent of the icalendar library
that writes it) and "imported" as a calendar program does: by UID, a higher SEQUENCE replacing
the copy it has. After any edit, the calendar must hold one event per session, none doubled.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from attune_desktop.core.config import AppPaths
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.storage import migrations
from attune_desktop.core.storage.database import open_database

vobject = pytest.importorskip("vobject")

TUESDAY = dt.date(2026, 3, 3)


@dataclass(frozen=True)
class Seen:
    uid: str
    sequence: int
    summary: str
    start: dt.datetime
    status: str


def read(path: Path) -> dict[str, Seen]:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    events: dict[str, Seen] = {}
    for event in calendar.vevent_list:
        uid = event.uid.value
        assert uid not in events, f"{uid} twice in one file"
        events[uid] = Seen(
            uid,
            int(event.sequence.value),
            event.summary.value,
            event.dtstart.value,
            event.status.value,
        )
    return events


class FamilyCalendar:
    """What a calendar program keeps after importing each file: one event per UID."""

    def __init__(self) -> None:
        self.events: dict[str, Seen] = {}

    def import_file(self, path: Path) -> dict[str, Seen]:
        got = read(path)
        for uid, event in got.items():
            held = self.events.get(uid)
            if held is None or event.sequence > held.sequence:
                self.events[uid] = event
            elif event != held:
                assert event.sequence > held.sequence, f"{uid} changed without a higher SEQUENCE"
        return got

    def showing(self) -> list[Seen]:
        return sorted(
            (e for e in self.events.values() if e.status != "CANCELLED"), key=lambda e: e.start
        )


@pytest.fixture
def term(series: SeriesService) -> int:
    return series.create_series("Circle", TUESDAY, weeks=6, venue="Hall").id or 0


def export(series: SeriesService, sid: int, folder: Path, name: str) -> Path:
    return series.export_ics(sid, folder / f"{name}.ics")


def test_every_plan_edit_keeps_each_events_identity(
    series: SeriesService, term: int, tmp_path: Path
) -> None:
    family = FamilyCalendar()
    # GIVEN the family imported the term's calendar
    first = family.import_file(export(series, term, tmp_path, "first"))
    assert len(first) == 6 and {e.sequence for e in first.values()} == {0}
    weeks = series.sessions_of(term)

    # WHEN week 2 is removed (later weeks renumber), and the calendar exported again
    removed = weeks[1]
    snap = series.remove_session(removed.id or 0)
    second = family.import_file(export(series, term, tmp_path, "second"))
    # THEN the other weeks keep their UIDs and their SEQUENCE (nothing they show changed)
    kept = {uid: e for uid, e in second.items() if e.status != "CANCELLED"}
    assert set(kept) == set(first) - {f"{removed.uid}@attune-desktop.local"}
    assert all(kept[uid].sequence == first[uid].sequence for uid in kept)
    # AND the removed week is sent once more, cancelled, with a higher SEQUENCE
    gone = second[f"{removed.uid}@attune-desktop.local"]
    assert gone.status == "CANCELLED" and gone.sequence == 1
    assert len(family.showing()) == 5

    # WHEN a week is added, one moved, one cancelled and the whole plan shifted by an hour
    added = series.add_session(term, "2026-03-05", "Extra")
    series.move_session(weeks[3].id or 0, "2026-03-26")
    series.cancel_session(weeks[4].id or 0)
    series.replan_series(term, start_time="19:00")
    third = family.import_file(export(series, term, tmp_path, "third"))
    # THEN no event is doubled: the family sees the sessions that still meet, once each
    meeting = [s for s in series.sessions_of(term) if s.status != "cancelled"]
    assert len(family.showing()) == len(meeting) == 5
    assert {e.start.date() for e in family.showing()} == {s.date for s in meeting}
    assert all(e.start.hour == 19 for e in family.showing())
    # AND every event that changed went up, the removed one stayed as it was
    assert third[f"{added.uid}@attune-desktop.local"].sequence == 0
    assert all(third[uid].sequence == 1 for uid in kept)
    assert third[f"{removed.uid}@attune-desktop.local"].sequence == 1

    # WHEN the removal is undone THEN the week comes back under its old UID, newer again
    series.restore_session(snap)
    fourth = family.import_file(export(series, term, tmp_path, "fourth"))
    back = fourth[f"{removed.uid}@attune-desktop.local"]
    assert back.status == "CONFIRMED" and back.sequence == 2
    assert len(family.showing()) == 6


def test_an_export_without_changes_keeps_every_sequence(
    series: SeriesService, term: int, tmp_path: Path
) -> None:
    one = read(export(series, term, tmp_path, "one"))
    two = read(export(series, term, tmp_path, "two"))
    assert {u: e.sequence for u, e in one.items()} == {u: e.sequence for u, e in two.items()}


def test_undo_never_lowers_a_sequence(series: SeriesService, term: int, tmp_path: Path) -> None:
    # GIVEN a replan that was exported, then undone
    family = FamilyCalendar()
    family.import_file(export(series, term, tmp_path, "before"))
    record = series.replan_series(term, start_time="20:00")
    family.import_file(export(series, term, tmp_path, "replanned"))
    series.undo_replan(record)
    # WHEN exported again THEN every event is newer than the replanned one the family holds
    after = family.import_file(export(series, term, tmp_path, "undone"))
    assert {e.sequence for e in after.values()} == {2}
    assert all(e.start.hour == 18 for e in family.showing())


def test_a_copied_term_has_its_own_uids(series: SeriesService, term: int) -> None:
    copy = series.clone_series(term, "Spring", dt.date(2026, 9, 1))
    mine = {s.uid for s in series.sessions_of(term)}
    theirs = {s.uid for s in series.sessions_of(copy.id or 0)}
    assert len(mine) == len(theirs) == 6 and not mine & theirs


@pytest.mark.sqlite_only
def test_the_migration_keeps_the_uids_calendars_already_have(paths: AppPaths) -> None:
    # GIVEN a database from before session uids, with a term of three dated weeks
    paths.home.mkdir(parents=True)
    engine = create_engine(paths.database_url)
    config = migrations._config()
    from alembic import command

    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.exec_driver_sql(
            "INSERT INTO series (id, title, venue, facilitators, weekday, start_time, first_date,"
            " weeks, skip_dates, time_zone, session_minutes, is_template, created_at, updated_at)"
            " VALUES (4, 'Old term', '', '', 1, '18:00:00', '2026-03-03', 3, '', '', 120, 0,"
            " '2026-01-02 03:04:05.000000', '2026-01-02 03:04:05.000000')"
        )
        for week in (1, 2, 3):
            conn.exec_driver_sql(
                "INSERT INTO session (series_id, week, title, date, start_time, venue,"
                " target_minutes, status, is_template, prep_notes, created_at, updated_at)"
                f" VALUES (4, {week}, 'Week {week}', '2026-03-{2 + 7 * week:02d}', '18:00:00',"
                " '', 120, 'planned', 0, '', '2026-01-02 03:04:05', '2026-01-02 03:04:05')"
            )
        conn.exec_driver_sql(
            "INSERT INTO session (title, start_time, venue, target_minutes, status, is_template,"
            " prep_notes, created_at, updated_at) VALUES ('Loose', '18:00:00', '', 60,"
            " 'planned', 0, '', '2026-01-02 03:04:05', '2026-01-02 03:04:05')"
        )
    engine.dispose()
    # WHEN this version opens it
    db = open_database(paths.database_url, backups_dir=paths.backups)
    try:
        series = SeriesService(db)
        uids = [s.uid for s in series.sessions_of(4)]
        # THEN each dated week keeps the UID the old export gave it, and the rest get UUIDs
        assert uids == [f"attune-series-4-20260102030405-week-{n}" for n in (1, 2, 3)]
        assert series.calendar(4).events[0].uid == uids[0]
    finally:
        db.close()
    with sqlite3.connect(paths.database) as conn:
        loose = conn.execute("SELECT uid FROM session WHERE series_id IS NULL").fetchone()[0]
        assert len(loose) == 36 and loose.count("-") == 4
        unique = conn.execute("SELECT COUNT(DISTINCT uid), COUNT(*) FROM session").fetchone()
        assert unique == (4, 4)
