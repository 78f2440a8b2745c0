"""A first look at a home's database with `sqlite3` alone, so the window can paint its Series
screen before the ORM (SQLModel, SQLAlchemy, pydantic: ~0.3–0.5 s to import) is loaded.

It reads only what the first screen shows: the series list and one series' weeks, as plain
rows (`SeriesRow`, `WeekRow`) with the attribute names of the `Series` and `Session` tables,
in the services' order. It is a look, never a write: the file is opened read-only, and
anything unusual (no file yet, a file that needs migrating, is not ours, is damaged or
read-only, a server's database) gives None, and the app starts the way it always has, through
`open_database`, which says what is wrong. See docs/decisions/0018-paint-before-the-orm.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from attune_desktop.core.storage.revisions import revisions_from_files

SQLITE_MAGIC = b"SQLite format 3\x00"
_SERIES = "SELECT id, title, venue, weekday, start_time, first_date, weeks, is_template FROM series"
_WEEKS = (
    "SELECT id, week, date, title, status, attendance, target_minutes FROM session "
    "WHERE series_id = ? ORDER BY week IS NULL, week, date, id"
)
_MINUTES = (
    "SELECT segment.session_id, SUM(segment.planned_minutes) FROM segment "
    "JOIN session ON session.id = segment.session_id WHERE session.series_id = ? "
    "GROUP BY segment.session_id"
)


@dataclass(frozen=True)
class SeriesRow:
    """A series as the Series screen's list shows it (the `Series` table's names)."""

    id: int | None
    title: str
    venue: str
    weekday: int
    start_time: dt.time
    first_date: dt.date
    weeks: int
    is_template: bool


@dataclass(frozen=True)
class WeekRow:
    """A week of a series as the term's table shows it (the `Session` table's names)."""

    id: int | None
    week: int | None
    date: dt.date | None
    title: str
    status: str
    attendance: int | None
    target_minutes: int


@dataclass(frozen=True)
class FirstLook:
    """The series list, read once; a series' weeks are read when asked for."""

    path: Path
    series: list[SeriesRow]

    def weeks(self, series_id: int) -> tuple[list[WeekRow], dict[int, int]]:
        """The series' weeks by week (then date), and each one's planned minutes (the sum
        of its segments), as `sessions_of` and `planned_minutes` give them; none if the
        file cannot be read now (the services read it a moment later)."""
        try:
            with _reading(self.path) as conn:
                weeks = [_week(row) for row in conn.execute(_WEEKS, (series_id,))]
                minutes = {
                    int(ident): int(total or 0)
                    for ident, total in conn.execute(_MINUTES, (series_id,))
                }
        except (sqlite3.Error, ValueError, TypeError):
            return [], {}
        return weeks, minutes


def first_look(path: Path) -> FirstLook | None:
    """The series list of the SQLite database at `path`, or None when the app must open it
    the full way (missing, empty, not at this version's newest revision, or not readable)."""
    if not _plain_file(path):
        return None
    try:
        with _reading(path) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None or not _is_newest(row[0]):
                return None
            rows = [_series(r) for r in conn.execute(_SERIES + " ORDER BY first_date DESC, id")]
    except (sqlite3.Error, ValueError, TypeError):
        return None
    dated = [s for s in rows if not s.is_template]
    templates = sorted((s for s in rows if s.is_template), key=lambda s: s.title.casefold())
    return FirstLook(path=path, series=dated + templates)


def _plain_file(path: Path) -> bool:
    """An existing, non-empty SQLite file we may read and write, in a folder we may write."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        for where in (path, path.parent):  # marked read-only counts even for root
            if not os.access(where, os.R_OK | os.W_OK) or not where.stat().st_mode & stat.S_IWUSR:
                return False
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _is_newest(revision: object) -> bool:
    known = revisions_from_files()
    return known is not None and revision == known[1]


def _reading(path: Path) -> contextlib.closing[sqlite3.Connection]:
    """A read-only connection, closed on leaving (sqlite3's own `with` only commits)."""
    return contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1))


def _series(row: tuple[object, ...]) -> SeriesRow:
    ident, title, venue, weekday, start, first, weeks, template = row
    return SeriesRow(
        id=_whole(ident),
        title=str(title),
        venue=str(venue or ""),
        weekday=int(str(weekday)),
        start_time=dt.time.fromisoformat(str(start)),
        first_date=dt.date.fromisoformat(str(first)),
        weeks=int(str(weeks)),
        is_template=bool(template),
    )


def _week(row: tuple[object, ...]) -> WeekRow:
    ident, week, date, title, status, attendance, target = row
    return WeekRow(
        id=_whole(ident),
        week=_whole(week),
        date=dt.date.fromisoformat(str(date)) if date else None,
        title=str(title),
        status=str(status),
        attendance=_whole(attendance),
        target_minutes=int(str(target)),
    )


def _whole(value: object) -> int | None:
    return None if value is None else int(str(value))
