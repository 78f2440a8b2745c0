"""Starter content: the practice library, the sample series, routine templates, demo families.

Everything is matched by slug (or by label within the sample series), so loading twice adds
nothing the second time. The text lives in resources/starter as JSON, written for this project.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session as DbSession
from sqlmodel import select

from attune_desktop.core.config import resources_dir
from attune_desktop.core.i18n import _
from attune_desktop.core.models import (
    CheckInRound,
    Family,
    Practice,
    RoundStatus,
    Routine,
    Segment,
    Series,
    Session,
    SessionStatus,
    Step,
)
from attune_desktop.core.services.checkins import add_round
from attune_desktop.core.services.practices import starter_fields
from attune_desktop.core.services.queries import ordered_segments, sessions_by_week
from attune_desktop.core.storage.database import Database

SAMPLE_SLUG = "attunement-basics"
TEMPLATE_SLUG = "attunement-basics-curriculum"


@dataclass
class LoadReport:
    """What a load added; all zeros means the content was already there."""

    practices: int = 0
    series: int = 0
    sessions: int = 0
    templates: int = 0
    families: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def added_anything(self) -> bool:
        return any((self.practices, self.series, self.sessions, self.templates, self.families))

    def summary(self) -> str:
        if not self.added_anything:
            return _("The starter content is already here; nothing was added.")
        parts = [
            _("{practices} practices").format(practices=self.practices),
            _("{series} series").format(series=self.series),
            _("{sessions} sessions").format(sessions=self.sessions),
            _("{templates} routine templates").format(templates=self.templates),
            _("{families} example families").format(families=self.families),
        ]
        return _("Added {items}.").format(items=", ".join(parts))


def load_starter_content(db: Database, today: dt.date | None = None) -> LoadReport:
    """Load every part of the starter content that is not there yet, in one transaction."""
    folder = resources_dir() / "starter"
    today = today or dt.date.today()
    report = LoadReport()
    with db.session() as session:
        practices = _load_practices(session, _read(folder / "practices.json"), report)
        basics = _read(folder / "attunement_basics.json")
        _load_curriculum_template(session, basics, practices, report)
        series = _load_sample_series(session, basics, practices, today, report)
        _load_routine_templates(session, _read(folder / "routine_templates.json"), report)
        _load_families(session, _read(folder / "demo_families.json"), report)
        if series is not None:
            _mark_delivered(session, series, _read(folder / "delivered_weeks.json"))
    return report


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _load_practices(db: DbSession, data: dict[str, Any], report: LoadReport) -> dict[str, Practice]:
    existing = {p.slug: p for p in db.exec(select(Practice)) if p.slug}
    for item in data["practices"]:
        if item["slug"] in existing:
            continue
        # The same reading "restore the original" uses, so a restored practice is as shipped.
        practice = Practice(slug=item["slug"], builtin=True, **starter_fields(item))
        db.add(practice)
        existing[item["slug"]] = practice
        report.practices += 1
    db.flush()
    return existing


def _series_fields(data: dict[str, Any]) -> dict[str, Any]:
    info = data["series"]
    hour, minute = (int(part) for part in info["start_time"].split(":"))
    return {
        "title": info["title"],
        "venue": info.get("venue", ""),
        "facilitators": info.get("facilitators", ""),
        "weekday": int(info["weekday"]),
        "start_time": dt.time(hour, minute),
        "weeks": int(info["weeks"]),
        "session_minutes": int(info.get("session_minutes", 120)),
    }


def _add_sessions(
    db: DbSession,
    series: Series,
    data: dict[str, Any],
    practices: dict[str, Practice],
    dates: list[dt.date | None],
    *,
    template: bool,
) -> int:
    assert series.id is not None
    for info, day in zip(data["sessions"], dates, strict=True):
        session = Session(
            series_id=series.id,
            week=int(info["week"]),
            title=info["title"],
            date=day,
            start_time=series.start_time,
            venue=series.venue,
            target_minutes=series.session_minutes,
            prep_notes=info.get("prep_notes", ""),
            is_template=template,
        )
        db.add(session)
        db.flush()
        assert session.id is not None
        for position, seg in enumerate(info["segments"]):
            practice = practices.get(seg.get("practice") or "")
            db.add(
                Segment(
                    session_id=session.id,
                    position=position,
                    kind=seg["kind"],
                    title=seg["title"],
                    planned_minutes=int(seg["minutes"]),
                    notes=seg.get("notes", ""),
                    materials=seg.get("materials", ""),
                    fixed=bool(seg.get("fixed", False)),
                    practice_id=practice.id if practice else None,
                )
            )
    db.flush()
    return len(data["sessions"])


def _load_curriculum_template(
    db: DbSession, data: dict[str, Any], practices: dict[str, Practice], report: LoadReport
) -> None:
    if db.exec(select(Series).where(Series.slug == TEMPLATE_SLUG)).first():
        return
    fields = _series_fields(data)
    title = fields["title"]
    fields["title"] = _("{title} (curriculum)").format(title=title)
    series = Series(slug=TEMPLATE_SLUG, first_date=dt.date(2000, 1, 3), is_template=True, **fields)
    db.add(series)
    db.flush()
    report.sessions += _add_sessions(
        db, series, data, practices, [None] * len(data["sessions"]), template=True
    )
    report.series += 1


def _load_sample_series(
    db: DbSession,
    data: dict[str, Any],
    practices: dict[str, Practice],
    today: dt.date,
    report: LoadReport,
) -> Series | None:
    if db.exec(select(Series).where(Series.slug == SAMPLE_SLUG)).first():
        return None
    fields = _series_fields(data)
    # The sample series started two weeks before the latest meeting day, so that its first
    # weeks are in the past (delivered, with a report to show) and the rest lie ahead.
    latest = today - dt.timedelta(days=(today.weekday() - fields["weekday"]) % 7)
    first = latest - dt.timedelta(weeks=2)
    series = Series(slug=SAMPLE_SLUG, first_date=first, **fields)
    db.add(series)
    db.flush()
    dates: list[dt.date | None] = [
        first + dt.timedelta(weeks=i) for i in range(len(data["sessions"]))
    ]
    report.sessions += _add_sessions(db, series, data, practices, dates, template=False)
    report.series += 1
    return series


def _load_routine_templates(db: DbSession, data: dict[str, Any], report: LoadReport) -> None:
    existing = {r.slug for r in db.exec(select(Routine).where(Routine.is_template)) if r.slug}
    for position, item in enumerate(data["templates"]):
        if item["slug"] in existing:
            continue
        routine = Routine(
            slug=item["slug"],
            title=item["title"],
            time_of_day=item["time_of_day"],
            position=position,
            is_template=True,
        )
        _add_routine(db, routine, item["steps"])
        report.templates += 1


def _add_routine(db: DbSession, routine: Routine, steps: list[dict[str, Any]]) -> None:
    db.add(routine)
    db.flush()
    assert routine.id is not None
    for position, step in enumerate(steps):
        db.add(
            Step(
                routine_id=routine.id,
                position=position,
                picture=step.get("picture", ""),
                words=step.get("words", ""),
                minutes=step.get("minutes"),
                caregiver_line=step.get("caregiver_line", ""),
            )
        )
    db.flush()


def _load_families(db: DbSession, data: dict[str, Any], report: LoadReport) -> None:
    series = db.exec(select(Series).where(Series.slug == SAMPLE_SLUG)).first()
    if series is None:
        return
    labels = {f.label for f in db.exec(select(Family).where(Family.series_id == series.id))}
    for item in data["families"]:
        if item["label"] in labels:
            continue
        family = Family(
            label=item["label"],
            language=item["language"],
            series_id=series.id,
            notes=item.get("notes", ""),
        )
        db.add(family)
        db.flush()
        for position, info in enumerate(item["routines"]):
            routine = Routine(
                family_id=family.id,
                title=info["title"],
                time_of_day=info["time_of_day"],
                position=position,
            )
            _add_routine(db, routine, info["steps"])
        report.families += 1


def _mark_delivered(db: DbSession, series: Series, data: dict[str, Any]) -> None:
    """Record the first weeks as run: attendance, actual timings and check-in counts."""
    sessions = {s.week: s for s in sessions_by_week(db, series.id or 0)}
    for week in data["weeks"]:
        session = sessions.get(int(week["week"]))
        if session is None or session.date is None:
            continue
        segments = ordered_segments(db, session.id or 0)
        local_start = dt.datetime.combine(session.date, session.start_time).astimezone()
        cursor = local_start.astimezone(dt.UTC)
        session.actual_start = cursor
        for segment, actual in zip(segments, week["segment_actual_minutes"], strict=False):
            segment.actual_start = cursor
            cursor = cursor + dt.timedelta(minutes=int(actual))
            segment.actual_end = cursor
            db.add(segment)
        session.actual_end = cursor
        session.status = SessionStatus.DELIVERED.value
        session.attendance = int(week["attendance"])
        db.add(session)
        for position, check in enumerate(week["checkins"]):
            round_ = CheckInRound(
                session_id=session.id,
                moment=check["moment"],
                scale_key=check["scale"],
                status=RoundStatus.CLOSED.value,
                position=position,
            )
            add_round(db, round_, {option: int(n) for option, n in check["counts"].items()})
    db.flush()
