"""The organisation's report for funders: every circle (series) in a date range, and in total.

Per circle and in total: sessions planned / delivered / cancelled (with the reasons given),
attendance and retention (first counted week to last), dose, fidelity (segments and practices
delivered of those planned, checklist ticks), booked against actual time, and the check-in
shift. Read with a handful of aggregate queries (portable SQL: SQLite and PostgreSQL), never
one query per session, so a year of a 200-laptop organisation reads in well under a second.

Privacy: only head counts, session facts and check-in shifts under the reveal rules are read.
A circle's shift is summed from the weeks whose shift may be shown (`checkin_rules.shift`):
a hidden week adds nothing but "hidden", so no figure here can give back a banded count.
No notes of any kind, no families, no names are read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Final

from sqlalchemy import Select, case, func
from sqlalchemy import select as aggregate
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core.checkin_rules import ShiftDirection
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.locale_format import short_date
from attune_desktop.core.models import Series, Session, SessionFidelity, SessionStatus
from attune_desktop.core.report import blank, safe_cells
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.core.services.fidelity import CHECKLIST_FIELDS
from attune_desktop.core.storage.database import Database

# A run whose start is further than this from its booking (a run on another day) is not timed.
TIMING_WINDOW_MINUTES: Final = 180
# Started or ended more than this many minutes after the booked time counts as late.
LATE_MINUTES: Final = 5
TOTAL_TITLE: Final = N_("All circles")


@dataclass(frozen=True)
class OrgFilter:
    """What the organiser chose: a date range (both days included) and any labels."""

    start: dt.date
    end: dt.date
    sites: tuple[str, ...] = ()
    facilitators: tuple[str, ...] = ()
    curricula: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("end", _("The report's last day is before its first day."))

    def describe(self) -> str:
        start, end = short_date(self.start), short_date(self.end)
        parts = [_("{start} to {end}").format(start=start, end=end)]
        for name, chosen in (
            (_("sites"), self.sites),
            (_("facilitators"), self.facilitators),
            (_("curricula"), self.curricula),
        ):
            if chosen:
                parts.append(f"{name}: {', '.join(chosen)}")
        return " · ".join(parts)


@dataclass(frozen=True)
class ShiftTally:
    """Check-in shifts of delivered weeks: only weeks whose shift may be shown are summed."""

    shown: int = 0
    hidden: int = 0
    more_settled: int = 0
    less_settled: int = 0
    no_change: int = 0
    difference_sum: float = 0.0  # sum of (closing mean - opening mean) over shown weeks

    @property
    def mean_difference(self) -> float | None:
        return self.difference_sum / self.shown if self.shown else None


@dataclass(frozen=True)
class CircleFigures:
    """One circle's figures in the range, or the total of several (`series_id` None)."""

    series_id: int | None
    title: str
    site: str = ""
    facilitator: str = ""
    curriculum: str = ""
    planned: int = 0  # every session dated in the range, cancelled ones included
    delivered: int = 0
    cancelled: int = 0
    reasons: tuple[tuple[str, int], ...] = ()  # (reason, sessions), "" for none given
    attendance: int = 0  # head counts of delivered sessions, summed
    counted: int = 0  # delivered sessions with a head count
    first_count: int | None = None  # head count of the first counted week
    last_count: int | None = None
    dose_base: int = 0  # planned sessions x first-week count (what full attendance would be)
    segments_planned: int = 0  # of the runs recorded
    segments_delivered: int = 0
    practices_planned: int = 0
    practices_delivered: int = 0
    runs: int = 0  # delivered sessions with a run recorded
    ticks: tuple[int, ...] = (0, 0, 0)  # checklist items ticked, in CHECKLIST order
    answered: tuple[int, ...] = (0, 0, 0)  # checklist items answered at all
    timed: int = 0  # runs timed against their booking
    booked_minutes: int = 0
    actual_minutes: int = 0
    started_late: int = 0
    ended_late: int = 0
    shift: ShiftTally = field(default_factory=ShiftTally)

    @property
    def not_run(self) -> int:
        """Sessions still planned (or left running): neither delivered nor cancelled."""
        return self.planned - self.delivered - self.cancelled

    @property
    def mean_attendance(self) -> float | None:
        return self.attendance / self.counted if self.counted else None

    @property
    def retention(self) -> float | None:
        """Last counted week's head count over the first's (0..1+), None without both."""
        if not self.first_count or self.last_count is None:
            return None
        return self.last_count / self.first_count

    @property
    def dose(self) -> float | None:
        """Share of planned sessions the first week's group attended, on average."""
        return self.attendance / self.dose_base if self.dose_base else None

    @property
    def segment_fidelity(self) -> float | None:
        return _share(self.segments_delivered, self.segments_planned)

    @property
    def practice_fidelity(self) -> float | None:
        return _share(self.practices_delivered, self.practices_planned)

    def reasons_text(self, unknown: str = "no reason given") -> str:  # not-ui-text: the CSV's
        """`reason: count; …`; the CSV says `unknown` in English, a printed report in its own
        language (`_("no reason given")`)."""
        return "; ".join(f"{reason or unknown}: {n}" for reason, n in self.reasons)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class OrgReport:
    chosen: OrgFilter
    circles: tuple[CircleFigures, ...]
    total: CircleFigures

    def summary_lines(self) -> list[str]:
        t = self.total
        lines = [
            _(
                "{count} circles · sessions delivered: {delivered} of {planned} "
                "planned ({cancelled} cancelled, {not_run} not run yet)"
            ).format(
                count=len(self.circles),
                delivered=t.delivered,
                planned=t.planned,
                cancelled=t.cancelled,
                not_run=t.not_run,
            )
        ]
        if t.counted:
            lines.append(
                _(
                    "Attendance: {attendance} in all over {counted} sessions, "
                    "{mean_attendance:.1f} on average (head counts, no names)"
                ).format(
                    attendance=t.attendance,
                    counted=t.counted,
                    mean_attendance=t.mean_attendance or 0,
                )
            )
        retention, dose = percent(t.retention), percent(t.dose)
        segments, practices = percent(t.segment_fidelity), percent(t.practice_fidelity)
        lines.append(
            _("Retention (last week / first week): {retention}").format(retention=retention)
        )
        lines.append(_("Dose (share of planned sessions attended): {dose}").format(dose=dose))
        lines.append(
            _(
                "Fidelity: {segments} of planned segments and {practices} of planned "
                "practices delivered over {runs} runs"
            ).format(segments=segments, practices=practices, runs=t.runs)
        )
        if t.timed:
            lines.append(
                _(
                    "Time: {actual_minutes} minutes run against {booked_minutes} booked "
                    "over {timed} timed sessions; {started_late} started late"
                ).format_map(vars(t))
            )
        return lines


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def build_org_report(db: Database, checkins: CheckInService, chosen: OrgFilter) -> OrgReport:
    """Read the report; an empty selection gives a report with no circles and zero totals."""
    with db.session() as s:
        circles = _series_rows(s, chosen)
        if not circles:
            return OrgReport(chosen, (), CircleFigures(None, _(TOTAL_TITLE)))
        ids = _labelled(chosen)
        figures: dict[int, dict[str, Any]] = {sid: {} for sid in circles}
        _add(figures, _session_counts(s, chosen, ids))
        _add(figures, _ends(s, chosen, ids))
        _add(figures, _fidelity(s, chosen, ids))
        reasons = _reasons(s, chosen, ids)
        delivered = _in_range(select(Session.id, Session.series_id).where(_DELIVERED), chosen, ids)
        series_of = {session_id: sid for session_id, sid in s.connection().execute(delivered)}
    shifts = _shifts(checkins, _delivered_ids(chosen, ids), series_of)
    rows = tuple(
        CircleFigures(
            sid,
            series.title,
            series.site,
            series.facilitators,
            series.curriculum,
            reasons=reasons.get(sid, ()),
            shift=shifts.get(sid, ShiftTally()),
            **figures[sid],
        )
        for sid, series in circles.items()
    )
    rows = tuple(sorted(rows, key=lambda c: (c.site.casefold(), c.title.casefold(), c.series_id)))
    return OrgReport(chosen, rows, total_of(rows))


def total_of(circles: Sequence[CircleFigures]) -> CircleFigures:
    """Every count summed; the first and last weeks summed over circles that have both."""
    summed: dict[str, Any] = {}
    skip = {"series_id", "title", "site", "facilitator", "curriculum", "reasons", "shift"}
    for f in fields(CircleFigures):
        if f.name in skip or f.name in ("first_count", "last_count", "ticks", "answered"):
            continue
        summed[f.name] = sum(getattr(c, f.name) for c in circles)
    both = [c for c in circles if c.first_count and c.last_count is not None]
    reasons: dict[str, int] = {}
    for c in circles:
        for reason, n in c.reasons:
            reasons[reason] = reasons.get(reason, 0) + n
    shift = ShiftTally(
        *(sum(getattr(c.shift, f.name) for c in circles) for f in fields(ShiftTally))
    )
    return CircleFigures(
        None,
        _(TOTAL_TITLE),
        first_count=sum(c.first_count or 0 for c in both) if both else None,
        last_count=sum(c.last_count or 0 for c in both) if both else None,
        ticks=tuple(map(sum, zip(*(c.ticks for c in circles), strict=True))) or (0, 0, 0),
        answered=tuple(map(sum, zip(*(c.answered for c in circles), strict=True))) or (0, 0, 0),
        reasons=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        shift=shift,
        **summed,
    )


# --- queries (portable: no SQLite-only SQL) ----------------------------------------------------


def _add(figures: dict[int, dict[str, Any]], rows: dict[int, dict[str, Any]]) -> None:
    for sid, values in rows.items():
        if sid in figures:
            figures[sid].update(values)


# The circles a query reads: a subquery, not a list of their ids (a year of an organisation
# is a thousand circles; a thousand bound values in every query cost more than the query).
Circles = Select[tuple[int]]


def _labelled(chosen: OrgFilter) -> Circles:
    """The ids of the series (not templates) with the chosen labels."""
    query: Circles = select(Series.id).where(col(Series.is_template).is_(False))  # type: ignore[assignment]
    if chosen.sites:
        query = query.where(col(Series.site).in_(chosen.sites))
    if chosen.facilitators:
        query = query.where(col(Series.facilitators).in_(chosen.facilitators))
    if chosen.curricula:
        query = query.where(col(Series.curriculum).in_(chosen.curricula))
    return query


def _series_rows(s: DbSession, chosen: OrgFilter) -> dict[int, Series]:
    query = select(Series).where(col(Series.id).in_(_labelled(chosen)))
    in_range = (
        select(Session.series_id)
        .where(col(Session.date) >= chosen.start)
        .where(col(Session.date) <= chosen.end)
        .distinct()
    )
    query = query.where(col(Series.id).in_(in_range))
    return {row.id or 0: row for row in s.exec(query)}


def _in_range(query: Any, chosen: OrgFilter, ids: Circles) -> Any:
    return (
        query.where(col(Session.series_id).in_(ids))
        .where(col(Session.date) >= chosen.start)
        .where(col(Session.date) <= chosen.end)
    )


_DELIVERED = col(Session.status) == SessionStatus.DELIVERED.value
_COUNTED = _DELIVERED & col(Session.attendance).is_not(None)


def _when(condition: Any, value: Any = 1) -> Any:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def _session_counts(s: DbSession, chosen: OrgFilter, ids: Circles) -> dict[int, dict[str, Any]]:
    columns: list[Any] = [
        col(Session.series_id),
        func.count(),
        _when(_DELIVERED),
        _when(col(Session.status) == SessionStatus.CANCELLED.value),
        _when(_COUNTED, col(Session.attendance)),
        _when(_COUNTED),
    ]
    query = aggregate(*columns).group_by(col(Session.series_id))
    names = ("planned", "delivered", "cancelled", "attendance", "counted")
    return {
        row[0]: dict(zip(names, map(int, row[1:]), strict=True))
        for row in s.exec(_in_range(query, chosen, ids))
    }


def _ends(s: DbSession, chosen: OrgFilter, ids: Circles) -> dict[int, dict[str, Any]]:
    """The first and last counted weeks' head counts, by date (ties: the larger count)."""
    found: dict[int, dict[str, Any]] = {}
    bounds = _in_range(
        select(
            col(Session.series_id).label("sid"),
            func.min(Session.date).label("first"),
            func.max(Session.date).label("last"),
        ).where(_COUNTED),
        chosen,
        ids,
    ).group_by(col(Session.series_id))
    bound = bounds.subquery()
    for name, day in (("first_count", bound.c.first), ("last_count", bound.c.last)):
        query = (
            select(Session.series_id, func.max(Session.attendance))
            .join(bound, (bound.c.sid == col(Session.series_id)) & (day == col(Session.date)))
            .where(_COUNTED)
            .group_by(col(Session.series_id))
        )
        for sid, count in s.exec(query):
            found.setdefault(sid or 0, {})[name] = int(count or 0)
    for sid, values in _planned(s, chosen, ids).items():
        first = found.get(sid, {}).get("first_count")
        if first:
            found[sid]["dose_base"] = values * first
    return found


def _planned(s: DbSession, chosen: OrgFilter, ids: Circles) -> dict[int, int]:
    query = select(Session.series_id, func.count()).group_by(col(Session.series_id))
    return {sid: int(n) for sid, n in s.exec(_in_range(query, chosen, ids))}


def _fidelity(s: DbSession, chosen: OrgFilter, ids: Circles) -> dict[int, dict[str, Any]]:
    f = SessionFidelity
    start, end = col(f.start_offset_minutes), col(f.end_offset_minutes)
    timed = start.is_not(None) & end.is_not(None) & (func.abs(start) <= TIMING_WINDOW_MINUTES)
    checklist = [col(getattr(f, name)) for name in CHECKLIST_FIELDS]
    columns: list[Any] = [
        col(Session.series_id),
        func.count(),
        func.sum(f.segments_planned),
        func.sum(f.segments_delivered),
        func.sum(f.practices_planned),
        func.sum(f.practices_delivered),
        _when(timed),
        _when(timed, col(Session.target_minutes)),
        _when(timed, col(Session.target_minutes) + end - start),
        _when(timed & (start > LATE_MINUTES)),
        _when(timed & (end > LATE_MINUTES)),
        *(_when(item.is_(True)) for item in checklist),
        *(func.count(item) for item in checklist),
    ]
    query = (
        aggregate(*columns)
        .join(f, col(f.session_id) == col(Session.id))
        .where(_DELIVERED)
        .group_by(col(Session.series_id))
    )
    names = (
        "runs",
        "segments_planned",
        "segments_delivered",
        "practices_planned",
        "practices_delivered",
        "timed",
        "booked_minutes",
        "actual_minutes",
        "started_late",
        "ended_late",
    )
    width = len(CHECKLIST_FIELDS)
    found: dict[int, dict[str, Any]] = {}
    for row in s.exec(_in_range(query, chosen, ids)):
        values = [int(x or 0) for x in row[1:]]
        found[row[0]] = dict(zip(names, values, strict=False))
        found[row[0]]["ticks"] = tuple(values[len(names) : len(names) + width])
        found[row[0]]["answered"] = tuple(values[len(names) + width :])
    return found


def _reasons(
    s: DbSession, chosen: OrgFilter, ids: Circles
) -> dict[int, tuple[tuple[str, int], ...]]:
    query = (
        select(Session.series_id, Session.cancel_reason, func.count())
        .where(col(Session.status) == SessionStatus.CANCELLED.value)
        .group_by(col(Session.series_id), col(Session.cancel_reason))
    )
    found: dict[int, list[tuple[str, int]]] = {}
    for sid, reason, n in s.exec(_in_range(query, chosen, ids)):
        found.setdefault(sid, []).append((reason, int(n)))
    return {sid: tuple(sorted(r, key=lambda kv: (-kv[1], kv[0]))) for sid, r in found.items()}


def _delivered_ids(chosen: OrgFilter, ids: Circles) -> Select[tuple[int]]:
    query: Select[tuple[int]] = _in_range(select(Session.id).where(_DELIVERED), chosen, ids)
    return query


def _shifts(
    checkins: CheckInService, session_ids: Select[tuple[int]], series_of: dict[int, int]
) -> dict[int, ShiftTally]:
    """Each circle's shifts, from the weeks that may show one (hidden weeks only counted)."""
    reports = checkins.shifts_for(session_ids)
    tallies: dict[int, ShiftTally] = {}
    for session_id, report in reports.items():
        sid = series_of.get(session_id)
        if sid is None:
            continue
        tally = tallies.get(sid, ShiftTally())
        found = report.result.shift
        if found is None:
            tally = replace(tally, hidden=tally.hidden + 1)
        else:
            direction = {
                ShiftDirection.TOWARD_SETTLED: "more_settled",
                ShiftDirection.AWAY_FROM_SETTLED: "less_settled",
                ShiftDirection.NO_CHANGE: "no_change",
            }[found.direction]
            tally = replace(
                tally,
                shown=tally.shown + 1,
                difference_sum=tally.difference_sum + found.difference,
                **{direction: getattr(tally, direction) + 1},
            )
        tallies[sid] = tally
    return tallies


# --- CSV -------------------------------------------------------------------------------------

CSV_HEADER: Final = (
    "circle",
    "site",
    "facilitator",
    "curriculum",
    "sessions_planned",
    "sessions_delivered",
    "sessions_cancelled",
    "sessions_not_run",
    "cancel_reasons",
    "attendance_total",
    "sessions_counted",
    "mean_attendance",
    "first_week_count",
    "last_week_count",
    "retention_percent",
    "dose_percent",
    "runs_recorded",
    "segments_planned",
    "segments_delivered",
    "segment_fidelity_percent",
    "practices_planned",
    "practices_delivered",
    "practice_fidelity_percent",
    *(f"checklist_{name}" for name in CHECKLIST_FIELDS),
    "timed_sessions",
    "booked_minutes",
    "actual_minutes",
    "started_late",
    "ended_late",
    "checkin_weeks_shown",
    "checkin_weeks_hidden",
    "more_settled",
    "less_settled",
    "no_change",
    "mean_shift",
)


def _pct(value: float | None) -> object:
    return "" if value is None else round(value * 100)


def csv_row(c: CircleFigures) -> list[str]:
    mean = c.mean_attendance
    ticks = [  # not-ui-text: the CSV's cells stay English, as its header does
        f"{t} of {a}" if a else "" for t, a in zip(c.ticks, c.answered, strict=True)
    ]
    shift = c.shift.mean_difference
    cells: Iterable[object] = (
        c.title,
        c.site,
        c.facilitator,
        c.curriculum,
        c.planned,
        c.delivered,
        c.cancelled,
        c.not_run,
        c.reasons_text(),
        c.attendance,
        c.counted,
        "" if mean is None else round(mean, 1),
        blank(c.first_count),
        blank(c.last_count),
        _pct(c.retention),
        _pct(c.dose),
        c.runs,
        c.segments_planned,
        c.segments_delivered,
        _pct(c.segment_fidelity),
        c.practices_planned,
        c.practices_delivered,
        _pct(c.practice_fidelity),
        *ticks,
        c.timed,
        c.booked_minutes,
        c.actual_minutes,
        c.started_late,
        c.ended_late,
        c.shift.shown,
        c.shift.hidden,
        c.shift.more_settled,
        c.shift.less_settled,
        c.shift.no_change,
        "" if shift is None else round(shift, 2),
    )
    return safe_cells(cells)


def org_report_csv(report: OrgReport) -> str:
    """One row per circle, then the total; text cannot run as a spreadsheet formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for circle in (*report.circles, report.total):
        writer.writerow(csv_row(circle))
    return out.getvalue()
