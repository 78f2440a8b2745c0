"""The end-of-term report for a funder or manager: what ran, who came (a number), how it went.

Built from the services only, and only from fields that identify nobody: each session's status,
head count, planned and actual timings, and the group-level check-in shift under the reveal
rules (`CheckInService.series_shifts`), so a hidden week stays hidden here too. Preparation
notes, segment notes and follow-up notes are never read, so they cannot reach the report.
The same `SeriesReport` feeds the PDF (printing.series_report) and the CSV below.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from attune_desktop.core.checkin_rules import ShiftDirection, WeekShift
from attune_desktop.core.i18n import N_, _, ngettext
from attune_desktop.core.models import Session, SessionStatus
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService

CSV_HEADER = (
    "week",
    "date",
    "theme",
    "status",
    "attendance",
    "planned_minutes",
    "actual_minutes",
    "difference_minutes",
    "segments_over_plan",
    "checkin_before",
    "checkin_after",
    "checkin_shift",
    "checkin_note",
)
DIRECTION_LABELS = {
    ShiftDirection.TOWARD_SETTLED: N_("more settled"),
    ShiftDirection.AWAY_FROM_SETTLED: N_("less settled"),
    ShiftDirection.NO_CHANGE: N_("no change"),
}


@dataclass(frozen=True)
class WeekRow:
    """One week of the term, as the report may show it."""

    week: int | None
    date: dt.date | None
    theme: str
    status: str
    attendance: int | None
    planned_minutes: int
    actual_minutes: int | None
    segments_over: int | None  # segments that ran longer than planned; None if not timed
    shift_before: float | None  # the group's mean on the scale (0 = most settled)
    shift_after: float | None
    shift_label: str  # "more settled", "no change"... or "" when hidden / not run
    shift_note: str  # why a shift is hidden; empty when shown

    @property
    def difference(self) -> int | None:
        if self.actual_minutes is None:
            return None
        return self.actual_minutes - self.planned_minutes


@dataclass(frozen=True)
class SeriesReport:
    title: str
    venue: str
    facilitators: str
    weeks: tuple[WeekRow, ...]

    @property
    def planned(self) -> int:
        """Sessions the term planned (cancelled ones included: they were planned)."""
        return len(self.weeks)

    @property
    def delivered(self) -> int:
        return sum(1 for w in self.weeks if w.status == SessionStatus.DELIVERED.value)

    @property
    def cancelled(self) -> int:
        return sum(1 for w in self.weeks if w.status == SessionStatus.CANCELLED.value)

    @property
    def counted(self) -> list[int]:
        """Head counts of delivered weeks: a count typed on a week that did not happen (yet)
        is not attendance, so it never reaches the totals."""
        return [
            w.attendance
            for w in self.weeks
            if w.attendance is not None and w.status == SessionStatus.DELIVERED.value
        ]

    @property
    def uncounted(self) -> int:
        """Weeks with a head count that the totals leave out (not delivered)."""
        return sum(1 for w in self.weeks if w.attendance is not None) - len(self.counted)

    @property
    def mean_attendance(self) -> float | None:
        counts = self.counted
        return sum(counts) / len(counts) if counts else None

    @property
    def shifts_shown(self) -> int:
        return sum(1 for w in self.weeks if w.shift_label)

    def summary_lines(self) -> list[str]:
        lines = [
            _("Sessions delivered: {delivered} of {planned} planned").format(
                delivered=self.delivered, planned=self.planned
            )
        ]
        if self.cancelled:
            lines[0] += _(" ({cancelled} cancelled)").format(cancelled=self.cancelled)
        mean, total = self.mean_attendance, sum(self.counted)
        if mean is not None:
            lines.append(
                _(
                    "Attendance: {total} in all over {count} sessions, {mean:.1f} on "
                    "average (head counts, no names)"
                ).format(total=total, count=len(self.counted), mean=mean)
            )
        else:
            lines.append(_("Attendance: none recorded yet"))
        if self.uncounted:
            left_out = ngettext(
                "; counts on {count} week not delivered are left out",
                "; counts on {count} weeks not delivered are left out",
                self.uncounted,
            )
            lines[-1] += left_out.format(count=self.uncounted)
        timed = [w for w in self.weeks if w.actual_minutes is not None]
        if timed:
            planned = sum(w.planned_minutes for w in timed)
            actual = sum(w.actual_minutes or 0 for w in timed)
            lines.append(
                _(
                    "Timing: {actual} minutes run against {planned} planned over {count} "
                    "timed sessions"
                ).format(actual=actual, planned=planned, count=len(timed))
            )
        return lines


def build_report(
    series: SeriesService,
    sessions: SessionService,
    checkins: CheckInService,
    series_id: int,
) -> SeriesReport:
    """Read a series into a report; raises NotFoundError for an unknown series."""
    plan = series.get_series(series_id)
    rows = series.sessions_of(series_id)
    planned = sessions.planned_minutes([s.id for s in rows if s.id is not None])
    shifts = {report.session_id: report.week for report in checkins.series_shifts(series_id)}
    weeks = tuple(
        _week_row(s, planned.get(s.id or 0, 0), sessions, shifts.get(s.id or 0)) for s in rows
    )
    return SeriesReport(plan.title, plan.venue, plan.facilitators, weeks)


def _week_row(
    session: Session, planned: int, sessions: SessionService, shift: WeekShift | None
) -> WeekRow:
    actual = _minutes(session.actual_start, session.actual_end)
    over: int | None = None
    if actual is not None:
        timed = [
            (seg.planned_minutes, _minutes(seg.actual_start, seg.actual_end))
            for seg in sessions.segments(session.id or 0)
        ]
        over = sum(1 for plan, ran in timed if ran is not None and ran > plan)
    before = after = None
    label = note = ""
    if session.status == SessionStatus.DELIVERED.value and shift is not None:
        if shift.shift is not None:
            before, after = shift.shift.mean_before, shift.shift.mean_after
            label = _(DIRECTION_LABELS[shift.shift.direction])
        else:
            note = shift.reason
    return WeekRow(
        week=session.week,
        date=session.date,
        theme=session.title,
        status=session.status,
        attendance=session.attendance,
        planned_minutes=planned or session.target_minutes,
        actual_minutes=actual,
        segments_over=over,
        shift_before=before,
        shift_after=after,
        shift_label=label,
        shift_note=note,
    )


def _minutes(start: dt.datetime | None, end: dt.datetime | None) -> int | None:
    if start is None or end is None or end < start:
        return None
    return round((end - start).total_seconds() / 60)


def report_csv(report: SeriesReport) -> str:
    """The report as CSV (one row per week); text cannot run as a spreadsheet formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for w in report.weeks:
        writer.writerow(
            safe_cells(
                [
                    w.week or "",
                    w.date.isoformat() if w.date else "",
                    w.theme,
                    w.status,
                    "" if w.attendance is None else w.attendance,
                    w.planned_minutes,
                    blank(w.actual_minutes),
                    blank(w.difference),
                    blank(w.segments_over),
                    "" if w.shift_before is None else f"{w.shift_before:.2f}",
                    "" if w.shift_after is None else f"{w.shift_after:.2f}",
                    w.shift_label,
                    w.shift_note,
                ]
            )
        )
    return out.getvalue()


def blank(value: int | None) -> object:
    return "" if value is None else value


def safe_cells(cells: Iterable[object]) -> list[str]:
    """Text a spreadsheet will not run as a formula (a negative number stays a number)."""
    safe: list[str] = []
    for cell in cells:
        text = str(cell)
        if isinstance(cell, int | float):
            safe.append(text)
        elif text[:1] in ("=", "+", "-", "@", "\t", "\r"):
            safe.append(f"'{text}")
        else:
            safe.append(text)
    return safe
