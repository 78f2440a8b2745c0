"""Series: a multi-week programme that owns its sessions, with dates generated from a plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import col, select

from attune_desktop.core import validation as v
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.models import Series, Session, utcnow
from attune_desktop.core.series_dates import DatesError, SeriesPlan, generate_dates, validate_plan
from attune_desktop.core.services import snapshots
from attune_desktop.core.services.base import ChangeKind, Service, Validator, clean_changes, require
from attune_desktop.core.services.snapshots import Snapshot


def _skip_dates(value: object) -> str:
    if value is None or value == "":
        return ""
    items = value.split(",") if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    dates = sorted({v.calendar_date(item, "skip_dates") for item in items if str(item).strip()})
    return ",".join(d.isoformat() for d in dates)


SERIES_FIELDS: dict[str, Validator] = {
    "title": lambda x: v.required_text(x, "title"),
    "venue": lambda x: v.clean_text(x, "venue", max_len=v.SHORT_TEXT_MAX),
    "facilitators": lambda x: v.clean_text(x, "facilitators", max_len=300),
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


class SeriesService(Service):
    def list_series(self, *, templates: bool | None = False) -> list[Series]:
        with self._db.session() as db:
            query = select(Series)
            if templates is not None:
                query = query.where(Series.is_template == templates)
            return list(db.exec(query.order_by(col(Series.first_date).desc(), col(Series.id))))

    def get_series(self, series_id: int) -> Series:
        with self._db.session() as db:
            return require(db.get(Series, series_id), "series", series_id)

    def find_by_slug(self, slug: str) -> Series | None:
        with self._db.session() as db:
            return db.exec(select(Series).where(Series.slug == slug)).first()

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
                        title=f"Week {week}",
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

    def update_series(self, series_id: int, **changes: Any) -> Series:
        clean = clean_changes(changes, SERIES_FIELDS)
        with self._db.session() as db:
            series = require(db.get(Series, series_id), "series", series_id)
            for name, value in clean.items():
                setattr(series, name, value)
            if {"first_date", "weekday", "weeks", "skip_dates", "time_zone"} & set(clean):
                check_plan(series)
            series.updated_at = utcnow()
            db.add(series)
        self._announce("series", ChangeKind.UPDATED, (series_id,))
        return series

    def delete_series(self, series_id: int) -> Snapshot:
        with self._db.session() as db:
            series = require(db.get(Series, series_id), "series", series_id)
            snap = snapshots.series_snapshot(db, series)
            db.delete(series)
        self._announce("series", ChangeKind.DELETED, (series_id,))
        return snap

    def restore_series(self, snap: Snapshot) -> Series:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
        self._announce("series", ChangeKind.CREATED, (snap.root_id,))
        return self.get_series(snap.root_id)

    def count(self) -> int:
        with self._db.session() as db:
            return len(list(db.exec(select(Series.id))))
