"""Series: a multi-week programme that owns its sessions, with dates generated from a plan.

Besides creating and editing a series, this is where an organiser's term changes: one session
moved, cancelled or added, the whole plan re-dated, a series cloned or started from a
curriculum template, and what happened recorded (attendance as a number, paper check-in
tallies). Every change returns what an undo needs, so the UI can push an already-done command.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core import bundle
from attune_desktop.core import validation as v
from attune_desktop.core.calendar_export import (
    CalendarEvent,
    CalendarSeries,
    ExportError,
    event_fingerprint,
    series_to_ics,
)
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import (
    CalendarStamp,
    Segment,
    Series,
    Session,
    SessionStatus,
    utcnow,
)
from attune_desktop.core.series_dates import (
    DatesError,
    SeriesPlan,
    generate_dates,
    long_date,
    move_session,
    next_on_weekday,
    validate_plan,
)
from attune_desktop.core.services import snapshots
from attune_desktop.core.services.base import ChangeKind, Service, Validator, clean_changes, require
from attune_desktop.core.services.queries import ordered_segments, sessions_by_week
from attune_desktop.core.services.received import (
    is_received,
    refuse_received_series,
)
from attune_desktop.core.services.sessions import take_out_session
from attune_desktop.core.services.snapshots import Snapshot
from attune_desktop.core.value_labels import status_label

# A template has no dates of its own; its plan still needs a first date on its weekday.
TEMPLATE_EPOCH = dt.date(2000, 1, 3)
# What a session keeps from the plan unless it was delivered (history is not rewritten).
_SETTLED = frozenset({SessionStatus.DELIVERED.value, SessionStatus.RUNNING.value})


def _skip_dates(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        items: list[object] = list(value.split(","))
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:  # a number or a flag would otherwise fail as "not iterable"
        raise ValidationError("skip_dates", _("The dates to skip must be a list of dates."))
    dates = sorted({v.calendar_date(item, "skip_dates") for item in items if str(item).strip()})
    return ",".join(d.isoformat() for d in dates)


def _attendance(value: object) -> int | None:
    if value is None or value == "":
        return None
    return v.whole_number(value, "attendance", low=0, high=500, unit="people")


SERIES_FIELDS: dict[str, Validator] = {
    "title": lambda x: v.required_text(x, "title"),
    "venue": lambda x: v.clean_text(x, "venue", max_len=v.SHORT_TEXT_MAX),
    "facilitators": lambda x: v.clean_text(x, "facilitators", max_len=300),
    "site": lambda x: v.clean_text(x, "site", max_len=120),
    "curriculum": lambda x: v.clean_text(x, "curriculum", max_len=120),
    "weekday": lambda x: v.whole_number(x, "weekday", low=0, high=6),
    "start_time": lambda x: v.clock_time(x, "start_time"),
    "first_date": lambda x: v.calendar_date(x, "first_date"),
    "weeks": lambda x: v.whole_number(x, "weeks", low=1, high=52, unit="weeks"),
    "skip_dates": _skip_dates,
    "time_zone": lambda x: v.clean_text(x, "time_zone", max_len=64),
    "session_minutes": lambda x: v.session_minutes(x, "session_minutes"),
    "is_template": bool,
    "slug": lambda x: None if x is None else v.clean_text(x, "slug", max_len=80) or None,
}
PLAN_FIELDS = frozenset({"first_date", "weekday", "weeks", "skip_dates", "time_zone"})


def plan_of(series: Series) -> SeriesPlan:
    skips = frozenset(dt.date.fromisoformat(d) for d in series.skip_dates.split(",") if d)
    return SeriesPlan(
        first_date=series.first_date,
        weekday=series.weekday,
        start_time=series.start_time,
        weeks=series.weeks,
        skip_dates=skips,
        time_zone=series.time_zone,
    )


def check_plan(series: Series) -> list[dt.date]:
    try:
        plan = plan_of(series)
        validate_plan(plan)
        return generate_dates(plan)
    except DatesError as exc:
        raise ValidationError(exc.field, exc.message) from exc


@dataclass
class Replan:
    """What a re-dating changed, so that undo can put every session back as it was."""

    series_id: int
    changes: dict[str, Any]
    series_before: dict[str, Any]
    sessions_before: list[dict[str, Any]] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    removed: list[Snapshot] = field(default_factory=list)


class SeriesService(Service):
    # --- reading ----------------------------------------------------------------------------

    def list_series(self, *, templates: bool | None = False) -> list[Series]:
        with self._db.session() as db:
            query = select(Series)
            if templates is not None:
                query = query.where(Series.is_template == templates)
            return list(db.exec(query.order_by(col(Series.first_date).desc(), col(Series.id))))

    def templates(self) -> list[Series]:
        """Curriculum templates (each week's theme and agenda, no dates), by title."""
        return sorted(self.list_series(templates=True), key=lambda s: s.title.casefold())

    def get_series(self, series_id: int) -> Series:
        with self._db.session() as db:
            return require(db.get(Series, series_id), "series", series_id)

    def is_received(self, series_id: int) -> bool:
        """True for a curriculum template received from the organisation (read-only here)."""
        with self._db.session() as db:
            series = require(db.get(Series, series_id), "series", series_id)
            return series.is_template and is_received(db, series.uid)

    def received_template_ids(self) -> set[int]:
        """The curriculum templates received from the organisation's library."""
        with self._db.session() as db:
            query = select(Series).where(col(Series.is_template))
            return {t.id or 0 for t in db.exec(query) if is_received(db, t.uid)}

    def find_by_slug(self, slug: str) -> Series | None:
        with self._db.session() as db:
            return db.exec(select(Series).where(Series.slug == slug)).first()

    def sessions_of(self, series_id: int) -> list[Session]:
        """The series' sessions by week (then date): the curriculum order."""
        with self._db.session() as db:
            require(db.get(Series, series_id), "series", series_id)
            return sessions_by_week(db, series_id)

    # --- creating ---------------------------------------------------------------------------

    def create_series(self, title: str, first_date: object, **fields: Any) -> Series:
        """Create a series and one planned session per generated date."""
        clean = clean_changes({"title": title, "first_date": first_date, **fields}, SERIES_FIELDS)
        if "weekday" not in clean:
            clean["weekday"] = clean["first_date"].weekday()
        series = Series(**clean)
        dates = check_plan(series)
        with self._db.session() as db:
            db.add(series)
            db.flush()
            assert series.id is not None
            for week, day in enumerate(dates, start=1):
                db.add(
                    Session(
                        series_id=series.id,
                        week=week,
                        title=_("Week {week}").format(week=week),
                        date=None if series.is_template else day,
                        start_time=series.start_time,
                        venue=series.venue,
                        target_minutes=series.session_minutes,
                        is_template=series.is_template,
                    )
                )
            new_id = series.id
        self._announce("series", ChangeKind.CREATED, (new_id,))
        return series

    def clone_series(self, source_id: int, title: str, first_date: object, **fields: Any) -> Series:
        """A new series with the source's plan, themes and agendas, on new dates.

        Nothing that happened is copied: no attendance, timings, check-ins or follow-up notes.
        Skip dates belong to one term, so they are only taken from `fields`.
        """
        return self._copy_series(source_id, title, first_date, fields, need_template=False)

    def create_from_template(
        self, template_id: int, title: str, first_date: object, **fields: Any
    ) -> Series:
        """Plan a term from a curriculum template: each week's theme and agenda, dated."""
        return self._copy_series(template_id, title, first_date, fields, need_template=True)

    def save_as_template(self, source_id: int, title: str | None = None) -> Series:
        """A curriculum template (no dates, nothing that happened) made from a series."""
        source = self.get_series(source_id)
        name = title or f"{source.title} (template)"[: v.TITLE_MAX]
        return self._copy_series(
            source_id, name, TEMPLATE_EPOCH, {"is_template": True}, need_template=False
        )

    def _copy_series(
        self,
        source_id: int,
        title: str,
        first_date: object,
        fields: Mapping[str, Any],
        *,
        need_template: bool,
    ) -> Series:
        with self._db.session() as db:
            source = require(db.get(Series, source_id), "series", source_id)
            if need_template and not source.is_template:
                raise ValidationError(
                    "template",
                    _("“{title}” is a dated series, not a template; clone it.").format(
                        title=source.title
                    ),
                )
            weeks = sessions_by_week(db, source_id)
            copied = {
                "venue": source.venue,
                "facilitators": source.facilitators,
                "start_time": source.start_time,
                "time_zone": source.time_zone,
                "session_minutes": source.session_minutes,
                "weeks": len(weeks) or source.weeks,
            }
            raw = {**copied, **fields, "title": title, "first_date": first_date}
            clean = clean_changes(raw, SERIES_FIELDS)
            template = bool(clean.get("is_template", False))
            clean.setdefault(
                "weekday", source.weekday if template else clean["first_date"].weekday()
            )
            if template:
                clean["first_date"] = next_on_weekday(TEMPLATE_EPOCH, clean["weekday"])
                clean["skip_dates"] = ""
            series = Series(**clean)
            dates = check_plan(series)
            db.add(series)
            db.flush()
            assert series.id is not None
            for index, day in enumerate(dates):
                origin = weeks[index] if index < len(weeks) else None
                _add_week(db, series, index + 1, None if template else day, origin)
            new_id = series.id
        self._announce("series", ChangeKind.CREATED, (new_id,))
        return series

    # --- editing the series -----------------------------------------------------------------

    def update_series(self, series_id: int, **changes: Any) -> Series:
        clean = clean_changes(changes, SERIES_FIELDS)
        with self._db.session() as db:
            series = require(db.get(Series, series_id), "series", series_id)
            refuse_received_series(db, series)
            for name, value in clean.items():
                setattr(series, name, value)
            if {"first_date", "weekday", "weeks", "skip_dates", "time_zone"} & set(clean):
                check_plan(series)
            series.updated_at = utcnow()
            db.add(series)
        self._announce("series", ChangeKind.UPDATED, (series_id,))
        return series

    def replan_series(self, series_id: int, **changes: Any) -> Replan:
        """Change the series and carry the change to its sessions, dates included.

        Week N takes the plan's Nth date (a session moved by hand takes it too). A delivered
        week keeps its date and its record: a plan that would move or remove it is refused,
        naming the week. Extra weeks are added as "Week N"; weeks beyond a shorter plan are
        removed (undo brings them back whole). Start time, venue and length follow the plan
        for each planned session that still had the old value.
        """
        clean = clean_changes(changes, SERIES_FIELDS)
        with self._db.session() as db:
            series = require(db.get(Series, series_id), "series", series_id)
            if series.is_template:  # (a circle pulled from another laptop is not a template)
                refuse_received_series(db, series)
            record = Replan(series_id, dict(changes), series.model_dump())
            old = Series(**record.series_before)
            for name, value in clean.items():
                setattr(series, name, value)
            if "first_date" in clean and "weekday" not in clean and not series.is_template:
                series.weekday = series.first_date.weekday()
            if series.is_template:
                series.first_date = next_on_weekday(TEMPLATE_EPOCH, series.weekday)
                series.skip_dates = ""
            redate = any(getattr(old, n) != getattr(series, n) for n in PLAN_FIELDS)
            dates: list[dt.date | None] = list(check_plan(series))
            if series.is_template:
                dates = [None] * len(dates)
            sessions = sessions_by_week(db, series_id)
            if redate:
                _refuse_settled_changes(sessions, dates)
            for index, session in enumerate(sessions):
                record.sessions_before.append(session.model_dump())
                if redate and index >= len(dates):
                    rows = snapshots.session_rows(db, session.id or 0)
                    record.removed.append(snapshots.take(rows))
                    db.delete(session)
                    continue
                if session.status in _SETTLED:
                    continue
                if redate:
                    session.week, session.date = index + 1, dates[index]
                _follow(session, "start_time", old.start_time, series.start_time)
                _follow(session, "venue", old.venue, series.venue)
                _follow(session, "target_minutes", old.session_minutes, series.session_minutes)
                session.updated_at = utcnow()
                db.add(session)
            if redate:
                for index in range(len(sessions), len(dates)):
                    record.created_ids.append(_add_week(db, series, index + 1, dates[index], None))
            series.updated_at = utcnow()
            db.add(series)
        self._announce("series", ChangeKind.UPDATED, (series_id,))
        return record

    def undo_replan(self, record: Replan) -> None:
        """Put the series and every session back exactly as before `replan_series`."""
        with self._db.session() as db:
            snapshots.replace_back(db, Session, record.created_ids, record.removed)
            for before in record.sessions_before:
                session = db.get(Session, before["id"])
                if session is not None:
                    for name, value in before.items():
                        setattr(session, name, value)
                    db.add(session)
            series = require(db.get(Series, record.series_id), "series", record.series_id)
            for name, value in record.series_before.items():
                setattr(series, name, value)
            db.add(series)
        self._announce("series", ChangeKind.UPDATED, (record.series_id,))

    def delete_series(self, series_id: int) -> Snapshot:
        with self._db.session() as db:
            series = require(db.get(Series, series_id), "series", series_id)
            refuse_received_series(db, series)
            snap = snapshots.series_snapshot(db, series)
            db.delete(series)
        self._announce("series", ChangeKind.DELETED, (series_id,))
        return snap

    def restore_series(self, snap: Snapshot) -> Series:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
        self._announce("series", ChangeKind.CREATED, (snap.root_id,))
        return self.get_series(snap.root_id)

    # --- one session of the term ------------------------------------------------------------

    def move_session(self, session_id: int, new_date: object) -> dt.date:
        """Move one session to another day; returns its old date (for undo).

        Any weekday is allowed (a move is the way round a holiday), but not a day another
        session of the same series already meets.
        """
        day = v.calendar_date(new_date, "date")
        with self._db.session() as db:
            session = self._dated_session(db, session_id)
            old = session.date
            assert old is not None
            others = sessions_by_week(db, session.series_id or 0)
            dates = [s.date or old for s in others]
            index = next(i for i, s in enumerate(others) if s.id == session_id)
            try:
                move_session(dates, index, day)
            except DatesError as exc:
                message = exc.message
                clash = next((s for s in others if s.date == day and s.id != session_id), None)
                if clash is not None and clash.week is not None:
                    message = _(
                        "Week {week} already meets on {long_date}; choose another day for this "
                        "session."
                    ).format(week=clash.week, long_date=long_date(day))
                raise ValidationError("date", message) from exc
            session.date = day
            session.updated_at = utcnow()
            db.add(session)
        self._announce("session", ChangeKind.UPDATED, (session_id,), session.series_id)
        return old

    def set_status(self, session_id: int, status: object, *, today: dt.date | None = None) -> str:
        """Mark a session planned, delivered or cancelled; returns the old status (for undo).

        A session dated after `today` (the laptop's date) cannot be marked delivered: it has
        not happened yet.
        """
        value = v.choice(status, "status", SessionStatus)
        with self._changing_session(session_id) as session:
            old = session.status
            if value == SessionStatus.DELIVERED.value and old != value:
                _refuse_future(session, today, "status", _("marked delivered"))
            session.status = value
        return old

    def cancel_session(self, session_id: int, reason: object = None) -> str:
        """Cancel a session that has not happened; a delivered one keeps its record.

        `reason` (snow, venue closed...) is kept for the organisation's report; None leaves
        a reason already given as it is.
        """
        session = self.get_session(session_id)
        if session.status in _SETTLED:
            raise ValidationError(
                "status",
                _(
                    "Week {week} was already {status}; a session that happened cannot be cancelled."
                ).format(week=session.week or "?", status=status_label(session.status).casefold()),
            )
        if reason is not None:
            self.set_cancel_reason(session_id, reason)
        return self.set_status(session_id, SessionStatus.CANCELLED)

    def set_cancel_reason(self, session_id: int, reason: object) -> str:
        """Why a week was cancelled (a few words, no names); returns the old reason."""
        text = v.clean_text(reason, "cancel_reason", max_len=200)
        with self._db.session() as db:
            session = require(db.get(Session, session_id), "session", session_id)
            old = session.cancel_reason
            session.cancel_reason = text
            session.updated_at = utcnow()
            db.add(session)
        self._announce("session", ChangeKind.UPDATED, (session_id,), session.series_id)
        return old

    def set_attendance(
        self, session_id: int, count: object, *, today: dt.date | None = None
    ) -> int | None:
        """How many came: a head count, never names. Returns the old count (for undo).

        A count is refused for a cancelled week and for one still to come (after `today`):
        nobody came to those, and a count there would swell the report. Clearing is allowed.
        """
        value = _attendance(count)
        with self._changing_session(session_id) as session:
            old = session.attendance
            if value is not None and value != old:
                if session.status == SessionStatus.CANCELLED.value:
                    raise ValidationError(
                        "attendance",
                        _(
                            "Week {week} was cancelled, so nobody came; a head count is kept only "
                            "for sessions that happened."
                        ).format(week=session.week or "?"),
                    )
                _refuse_future(session, today, "attendance", _("given a head count"))
            session.attendance = value
        return old

    @contextmanager
    def _changing_session(self, session_id: int) -> Iterator[Session]:
        """One session to change in the block; then stamped, saved and announced (not on a
        refusal: the block's error leaves it as it was)."""
        with self._db.session() as db:
            session = require(db.get(Session, session_id), "session", session_id)
            yield session
            session.updated_at = utcnow()
            db.add(session)
        self._announce("session", ChangeKind.UPDATED, (session_id,), session.series_id)

    def get_session(self, session_id: int) -> Session:
        with self._db.session() as db:
            return require(db.get(Session, session_id), "session", session_id)

    def add_session(self, series_id: int, new_date: object, title: str | None = None) -> Session:
        """An extra session on `new_date`; it takes its week number by date, later weeks +1."""
        day = v.calendar_date(new_date, "date")
        with self._db.session() as db:
            series = require(db.get(Series, series_id), "series", series_id)
            if series.is_template:
                raise ValidationError("date", _("A template has no dates; add weeks to a series."))
            sessions = sessions_by_week(db, series_id)
            if len(sessions) >= 52:
                raise ValidationError("date", _("A series can hold at most 52 sessions."))
            clash = next((s for s in sessions if s.date == day), None)
            if clash is not None:
                raise ValidationError(
                    "date",
                    _(
                        "Week {week} already meets on {long_date}; choose another day for the "
                        "extra session."
                    ).format(week=clash.week, long_date=long_date(day)),
                )
            week = 1 + sum(1 for s in sessions if s.date is not None and s.date < day)
            _shift_weeks(db, sessions, week, +1)
            clean_title = v.required_text(title) if title else _("Week {week}").format(week=week)
            new_id = _add_week(db, series, week, day, None, title=clean_title)
            _count_weeks(db, series, +1)
            session = require(db.get(Session, new_id), "session", new_id)
        self._announce("session", ChangeKind.CREATED, (new_id,), series_id)
        return session

    def remove_session(self, session_id: int) -> Snapshot:
        """Delete one session of a series; later weeks close the gap. Undo: `restore_session`."""
        with self._db.session() as db:
            snap, session = take_out_session(db, session_id)
            series_id = session.series_id
            others = [s for s in sessions_by_week(db, series_id or 0) if s.id != session_id]
            db.flush()
            if session.week is not None:
                _shift_weeks(db, others, session.week + 1, -1)
            if series_id is not None:
                _count_weeks(db, db.get(Series, series_id), -1)
        self._announce("session", ChangeKind.DELETED, (session_id,), series_id)
        return snap

    def restore_session(self, snap: Snapshot) -> Session:
        """Put back a removed session, its week number re-opened, with all it owned."""
        data = snap.rows[0][1]
        with self._db.session() as db:
            series_id, week = data.get("series_id"), data.get("week")
            if series_id is not None and week is not None:
                _shift_weeks(db, sessions_by_week(db, int(series_id)), int(week), +1)
            snapshots.put_back(db, snap)
            if series_id is not None:
                _count_weeks(db, db.get(Series, int(series_id)), +1)
            session = require(db.get(Session, snap.root_id), "session", snap.root_id)
        self._announce("session", ChangeKind.CREATED, (snap.root_id,), session.series_id)
        return session

    def restore_session_fields(self, before: Mapping[str, Any]) -> None:
        """Undo a field-level change by writing back a session's earlier values."""
        ident = int(before["id"])
        with self._db.session() as db:
            session = require(db.get(Session, ident), "session", ident)
            for name, value in before.items():
                setattr(session, name, value)
            db.add(session)
        self._announce("session", ChangeKind.UPDATED, (ident,), session.series_id)

    # --- sharing ----------------------------------------------------------------------------

    def export_bundle(
        self, series_id: int, out_path: str | os.PathLike[str], *, include_notes: bool = False
    ) -> Path:
        """Save the series' curriculum as a template bundle (no dates, nothing private).

        Segment scripts travel only with `include_notes`, a choice the sharer makes.
        """
        with self._db.session() as db:
            return bundle.write_bundle(db, series_id, out_path, include_notes=include_notes)

    def import_bundle(self, path: str | os.PathLike[str]) -> bundle.ImportResult:
        """Check the whole bundle first, then import it in one transaction, or nothing."""
        checked = bundle.read_bundle(path)
        with self._db.session() as db:
            result = bundle.import_bundle(db, checked)
        if result.created:
            self._announce("series", ChangeKind.CREATED, (result.series_id,))
        return result

    def calendar(self, series_id: int, uid_suffix: str = "") -> CalendarSeries:
        """The series as a calendar shows it: dates, times, themes, cancellations; no notes.

        Each event is named by its session's `uid`, so moving, cancelling, adding or removing
        a week leaves every other event's identity as it was. SEQUENCE is 0 here; an export
        (`export_ics`) gives each event the revision calendars have seen.
        """
        with self._db.session() as db:
            return self._calendar(db, series_id, uid_suffix)

    def _calendar(self, db: DbSession, series_id: int, uid_suffix: str = "") -> CalendarSeries:
        series = require(db.get(Series, series_id), "series", series_id)
        if series.is_template:
            raise ValidationError(
                "series",
                _("“{title}” is a template and has no dates to export.").format(title=series.title),
            )
        sessions = [s for s in sessions_by_week(db, series_id) if s.date is not None]
        created = series.created_at.strftime("%Y%m%d%H%M%S")
        seed = f"attune-series-{series_id}-{created}{uid_suffix}"
        events = [
            CalendarEvent(
                index=session.week or number,
                date=session.date,
                start_time=session.start_time,
                minutes=session.target_minutes,
                theme=session.title,
                cancelled=session.status == SessionStatus.CANCELLED.value,
                uid=session.uid,
            )
            for number, session in enumerate(sessions, start=1)
            if session.date is not None
        ]
        return CalendarSeries(series.title, series.venue, series.time_zone, seed, events)

    def export_ics(self, series_id: int, out_path: str | os.PathLike[str]) -> Path:
        """Save the series as an .ics file that calendar programs import.

        Every event's SEQUENCE rises when what it shows changed since the last export, and a
        session removed since then is sent once more, cancelled, so a calendar that imported
        an earlier file updates its events instead of keeping stale or doubled ones.
        """
        with self._db.session() as db:
            calendar = _stamped(db, series_id, self._calendar(db, series_id))
            try:
                data = series_to_ics(calendar)
            except ExportError as exc:
                raise ValidationError("series", str(exc)) from exc
        return bundle.atomic_write(out_path, data)

    # --- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _dated_session(db: DbSession, session_id: int) -> Session:
        session = require(db.get(Session, session_id), "session", session_id)
        if session.date is None or session.series_id is None:
            raise ValidationError(
                "date", _("Only a dated session of a series can be moved; templates have no dates.")
            )
        return session

    def count(self) -> int:
        with self._db.session() as db:
            return len(list(db.exec(select(Series.id))))


_REMOVED = "removed"


def _stamped(db: DbSession, series_id: int, calendar: CalendarSeries) -> CalendarSeries:
    """The calendar with each event's SEQUENCE, and removed sessions' events cancelled.

    `CalendarStamp` keeps, per event, the last SEQUENCE and a fingerprint of what it showed.
    """
    stamps = {
        stamp.uid: stamp
        for stamp in db.exec(select(CalendarStamp).where(CalendarStamp.series_id == series_id))
    }
    events: list[CalendarEvent] = []
    for item in calendar.events:
        stamp = stamps.pop(item.uid, None) or CalendarStamp(
            uid=item.uid, series_id=series_id, sequence=-1
        )
        shown = event_fingerprint(calendar, item)
        if stamp.fingerprint != shown:
            stamp.sequence += 1
            stamp.fingerprint = shown
            stamp.last_event = json.dumps(
                [
                    item.index,
                    item.date.isoformat(),
                    item.start_time.isoformat(),
                    item.minutes,
                    item.theme,
                ]
            )
            db.add(stamp)
        events.append(replace(item, sequence=stamp.sequence))
    for stamp in stamps.values():  # sessions removed since an export: cancel their events
        if stamp.fingerprint != _REMOVED:
            stamp.sequence += 1
            stamp.fingerprint = _REMOVED
            db.add(stamp)
        try:
            week, day, start, minutes, theme = json.loads(stamp.last_event)
            events.append(
                CalendarEvent(
                    index=int(week),
                    date=dt.date.fromisoformat(day),
                    start_time=dt.time.fromisoformat(start),
                    minutes=int(minutes),
                    theme=str(theme),
                    cancelled=True,
                    uid=stamp.uid,
                    sequence=stamp.sequence,
                )
            )
        except (TypeError, ValueError):
            continue  # nothing usable was kept: the event cannot be named again
    return replace(calendar, events=events)


def _refuse_future(session: Session, today: dt.date | None, field: str, what: str) -> None:
    """Refuse to record as happened a session dated after today."""
    day = today or dt.date.today()
    if session.date is not None and session.date > day:
        raise ValidationError(
            field,
            _(
                "Week {week} is on {long_date}, still to come; it can be {what} on "
                "that day or after."
            ).format(week=session.week or "?", long_date=long_date(session.date), what=what),
        )


def _shift_weeks(db: DbSession, sessions: Sequence[Session], from_week: int, step: int) -> None:
    for session in sessions:
        if session.week is not None and session.week >= from_week:
            session.week += step
            db.add(session)
    db.flush()


def _count_weeks(db: DbSession, series: Series | None, step: int) -> None:
    """Keep the plan's number of weeks equal to the sessions that meet after an add/remove."""
    if series is not None:
        series.weeks = max(1, min(52, series.weeks + step))
        series.updated_at = utcnow()
        db.add(series)


def _follow(session: Session, name: str, old: object, new: object) -> None:
    """Carry a plan change to a session that still had the plan's old value."""
    if getattr(session, name) == old:
        setattr(session, name, new)


def _refuse_settled_changes(sessions: Sequence[Session], dates: Sequence[dt.date | None]) -> None:
    for index, session in enumerate(sessions):
        if session.status not in _SETTLED:
            continue
        week = session.week or index + 1
        if index >= len(dates):
            raise ValidationError(
                "weeks",
                _(
                    "Week {week} was already {status}, so the series cannot be shortened "
                    "to fewer weeks than that."
                ).format(week=week, status=status_label(session.status).casefold()),
            )
        if session.date is not None and dates[index] != session.date:
            raise ValidationError(
                "first_date",
                _(
                    "Week {week} was already {status} on {long_date}; this plan would move "
                    "it. Move single upcoming sessions instead."
                ).format(
                    week=week,
                    status=status_label(session.status).casefold(),
                    long_date=long_date(session.date),
                ),
            )


def _add_week(
    db: DbSession,
    series: Series,
    week: int,
    day: dt.date | None,
    origin: Session | None,
    *,
    title: str | None = None,
) -> int:
    """Add one planned session; with `origin`, its theme, length, prep notes and agenda."""
    assert series.id is not None
    session = Session(
        series_id=series.id,
        week=week,
        title=title or (origin.title if origin else _("Week {week}").format(week=week)),
        date=day,
        start_time=series.start_time,
        venue=series.venue,
        target_minutes=origin.target_minutes if origin else series.session_minutes,
        prep_notes=origin.prep_notes if origin else "",
        is_template=series.is_template,
    )
    db.add(session)
    db.flush()
    assert session.id is not None
    if origin is not None:
        for segment in ordered_segments(db, origin.id or 0):
            data = segment.model_dump(
                exclude={"id", "uid", "session_id", "actual_start", "actual_end"}
            )
            db.add(Segment(session_id=session.id, **data))
        db.flush()
    return session.id
