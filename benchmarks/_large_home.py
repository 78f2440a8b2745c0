"""Make a large home fast: bulk inserts (executemany) into a database made by the real schema.

Shared by bench_large_home.py and the tests that want a big home. Sizes are per series:
12 weekly sessions, 12 segments a session, 4 families (each with one routine of 5 steps).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SESSIONS_PER_SERIES = 12
SEGMENTS_PER_SESSION = 12
FAMILIES_PER_SERIES = 4
STEPS_PER_ROUTINE = 5
KINDS = ("welcome", "check_in", "teaching", "discussion", "practice", "break", "closing", "other")
STAMP = "2026-01-01 00:00:00.000000"
NOTE = "Facilitator notes: invite, never instruct. " * 6


@dataclass(frozen=True)
class Size:
    series: int

    @property
    def sessions(self) -> int:
        return self.series * SESSIONS_PER_SERIES

    @property
    def segments(self) -> int:
        return self.sessions * SEGMENTS_PER_SESSION

    @property
    def families(self) -> int:
        return self.series * FAMILIES_PER_SERIES

    def __str__(self) -> str:
        return (
            f"{self.series:,} series, {self.sessions:,} sessions, {self.segments:,} segments, "
            f"{self.families:,} families"
        )


def make_home(home: Path, size: Size) -> Path:
    """A home whose database has the real schema (made by the app), then `size` rows added."""
    from attune_desktop.app import open_core

    core = open_core(home, load_starter_on_first_run=False)
    core.close()
    database = home / "attune.sqlite3"
    conn = sqlite3.connect(database)
    try:
        with conn:
            fill(conn, size)
    finally:
        conn.close()
    return database


def fill(conn: sqlite3.Connection, size: Size) -> None:
    first = dt.date(2020, 1, 6)
    series_rows, session_rows, segment_rows = [], [], []
    family_rows, routine_rows, step_rows = [], [], []
    session_id = segment_id = family_id = routine_id = 0
    base_series = _next_id(conn, "series")
    base_session = _next_id(conn, "session")
    base_family = _next_id(conn, "family")
    base_routine = _next_id(conn, "routine")
    for s in range(size.series):
        series_id = base_series + s
        start = first + dt.timedelta(weeks=s % 300, days=s // 300)
        series_rows.append(
            (
                series_id,
                f"Circle {s + 1}: attunement basics",
                "Community room",
                "Sam & Ren",
                start.weekday(),
                "18:00:00.000000",
                start.isoformat(),
                SESSIONS_PER_SERIES,
                "",
                "",
                120,
                0,
                None,
                STAMP,
                STAMP,
            )
        )
        for week in range(1, SESSIONS_PER_SERIES + 1):
            sid = base_session + session_id
            session_id += 1
            day = start + dt.timedelta(weeks=week - 1)
            session_rows.append(
                (
                    sid,
                    series_id,
                    week,
                    f"Week {week}: noticing feelings",
                    day.isoformat(),
                    "18:00:00.000000",
                    "Community room",
                    120,
                    "planned",
                    None,
                    0,
                    NOTE,
                    None,
                    None,
                    None,
                    STAMP,
                    STAMP,
                )
            )
            for position in range(SEGMENTS_PER_SESSION):
                segment_id += 1
                segment_rows.append(
                    (
                        sid,
                        position,
                        KINDS[position % len(KINDS)],
                        f"Segment {position + 1}",
                        10,
                        NOTE,
                        "Chairs in a circle",
                        0,
                        None,
                        None,
                        None,
                    )
                )
        for _ in range(FAMILIES_PER_SERIES):
            fid = base_family + family_id
            family_id += 1
            family_rows.append((fid, f"Family {fid}", "en", series_id, ""))
            rid = base_routine + routine_id
            routine_id += 1
            routine_rows.append((rid, fid, "Bedtime", "bedtime", 0, 0, None))
            for position in range(STEPS_PER_ROUTINE):
                step_rows.append(
                    (
                        rid,
                        position,
                        "pictogram:1F6C1",
                        f"Step {position + 1}",
                        5,
                        "me: three slow breaths",
                    )
                )
    conn.executemany(
        "INSERT INTO series (id, title, venue, facilitators, weekday, start_time, first_date,"
        " weeks, skip_dates, time_zone, session_minutes, is_template, slug, created_at,"
        " updated_at) VALUES (" + ",".join("?" * 15) + ")",
        series_rows,
    )
    conn.executemany(
        "INSERT INTO session (id, series_id, week, title, date, start_time, venue,"
        " target_minutes, status, attendance, is_template, prep_notes, run_state, actual_start,"
        " actual_end, created_at, updated_at) VALUES (" + ",".join("?" * 17) + ")",
        session_rows,
    )
    conn.executemany(
        "INSERT INTO segment (session_id, position, kind, title, planned_minutes, notes,"
        " materials, fixed, practice_id, actual_start, actual_end)"
        " VALUES (" + ",".join("?" * 11) + ")",
        segment_rows,
    )
    conn.executemany(
        "INSERT INTO family (id, label, language, series_id, notes) VALUES (?,?,?,?,?)",
        family_rows,
    )
    conn.executemany(
        "INSERT INTO routine (id, family_id, title, time_of_day, position, is_template, slug)"
        " VALUES (?,?,?,?,?,?,?)",
        routine_rows,
    )
    conn.executemany(
        "INSERT INTO step (routine_id, position, picture, words, minutes, caregiver_line)"
        " VALUES (?,?,?,?,?,?)",
        step_rows,
    )


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])
