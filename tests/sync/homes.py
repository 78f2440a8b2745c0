"""Laptop homes filled with a term of circles, with private text that must never leave them.

Every private field (preparation, follow-up notes, segment scripts not shared, families,
routines) holds the home's MARKER, so a privacy test can look for it in every column of the
organisation's database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core.config import AppPaths
from attune_desktop.core.models import (
    CheckInCount,
    CheckInRound,
    Family,
    FollowUpNote,
    Practice,
    Routine,
    Segment,
    Series,
    Session,
    SessionStatus,
    Step,
)
from attune_desktop.core.storage.database import open_database

TERM_START = dt.date(2026, 9, 7)
SHARED_SCRIPT = "Shared script: welcome everyone by name of the circle"


def fill_home(
    home: Path, marker: str, *, series: int = 1, weeks: int = 12, segments: int = 6
) -> list[str]:
    """Add `series` terms of `weeks` sessions; the first half delivered. Returns series uids."""
    db = open_database(AppPaths(home).database_url, backups_dir=AppPaths(home).backups)
    uids: list[str] = []
    try:
        with db.session() as s:
            for n in range(series):
                row = Series(
                    title=f"{home.name} circle {n}",
                    venue="Hall",
                    first_date=TERM_START,
                    weekday=TERM_START.weekday(),
                    weeks=weeks,
                )
                s.add(row)
                s.flush()
                uids.append(row.uid)
                family = Family(label=f"{marker} family", series_id=row.id, notes=f"{marker} fam")
                s.add(family)
                s.flush()
                routine = Routine(family_id=family.id, title=f"{marker} routine")
                s.add(routine)
                s.flush()
                s.add(Step(routine_id=routine.id or 0, words=f"{marker} step"))
                for week in range(1, weeks + 1):
                    _add_session(s, row, week, marker, segments)
    finally:
        db.close()
    return uids


def _add_session(s: DbSession, series: Series, week: int, marker: str, segments: int) -> None:
    day = TERM_START + dt.timedelta(weeks=week - 1)
    delivered = week <= 6
    start = dt.datetime.combine(day, dt.time(18, 0), dt.UTC)
    session = Session(
        series_id=series.id,
        week=week,
        title=f"Week {week}",
        date=day,
        status=SessionStatus.DELIVERED.value if delivered else SessionStatus.PLANNED.value,
        attendance=8 if delivered else None,
        prep_notes=f"{marker} prep",
        actual_start=start if delivered else None,
        actual_end=start + dt.timedelta(minutes=118) if delivered else None,
    )
    s.add(session)
    s.flush()
    for position in range(segments):
        shared = position == 0
        s.add(
            Segment(
                session_id=session.id or 0,
                position=position,
                title=f"Part {position}",
                planned_minutes=10,
                notes=SHARED_SCRIPT if shared else f"{marker} script",
                materials=f"{marker} materials",
                share_script=shared,
            )
        )
    s.add(FollowUpNote(session_id=session.id or 0, text=f"{marker} followup"))
    if delivered:
        _add_rounds(s, session.id or 0)


def _add_rounds(s: DbSession, session_id: int) -> None:
    met = CheckInRound(session_id=session_id, scale_key="regulation4", status="closed")
    too_few = CheckInRound(
        session_id=session_id, scale_key="regulation4", status="closed", position=1
    )
    s.add(met)
    s.add(too_few)
    s.flush()
    for key, count in {"calm": 4, "wobbly": 3, "stormy": 2, "flat": 2}.items():
        s.add(CheckInCount(round_id=met.id or 0, option_key=key, count=count))
    s.add(CheckInCount(round_id=too_few.id or 0, option_key="calm", count=3))


@contextlib.contextmanager
def editing(home: Path) -> Iterator[DbSession]:
    """One unit of work on a laptop's home while no app has it open."""
    db = open_database(AppPaths(home).database_url, backups_dir=AppPaths(home).backups)
    try:
        with db.session() as s:
            yield s
    finally:
        db.close()


def add_template(home: Path, title: str, weeks: int = 3) -> str:
    """A curriculum template of the organiser's own (not starter content); returns its uid."""
    with editing(home) as s:
        row = Series(title=title, first_date=TERM_START, weeks=weeks, is_template=True)
        s.add(row)
        s.flush()
        for week in range(1, weeks + 1):
            session = Session(series_id=row.id, week=week, title=f"Theme {week}", is_template=True)
            s.add(session)
            s.flush()
            s.add(Segment(session_id=session.id or 0, title="Opening", planned_minutes=15))
        return row.uid


def set_template_title(home: Path, uid: str, title: str) -> None:
    with editing(home) as s:
        row = s.exec(select(Series).where(Series.uid == uid)).one()
        row.title = title
        s.add(row)


def template_titles(home: Path) -> list[str]:
    with editing(home) as s:
        query = select(Series).where(col(Series.is_template).is_(True))
        return sorted(r.title for r in s.exec(query))


def set_practice(home: Path, name: str, script: str) -> None:
    """Add the organiser's own practice, or change the script of the one with that name."""
    with editing(home) as s:
        row = s.exec(select(Practice).where(Practice.name == name)).first()
        row = row or Practice(name=name)
        row.script = script
        s.add(row)


def practice_scripts(home: Path) -> dict[str, str]:
    with editing(home) as s:
        return {p.name: p.script for p in s.exec(select(Practice))}
