"""Attendance and "delivered" are records of what happened: never for a cancelled or future week.

The starter series has weeks 1-3 delivered (10, 11 and 9 people) and weeks 4-6 still planned.
"""

from __future__ import annotations

import datetime as dt

import pytest

from attune_desktop.core.errors import ValidationError
from attune_desktop.core.models import Session, SessionStatus
from attune_desktop.core.report import build_report, report_csv
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.starter import SAMPLE_SLUG, load_starter_content
from attune_desktop.core.storage.database import Database

TODAY = dt.date(2026, 11, 2)  # after week 3 (27 October), before week 4 (3 November)


@pytest.fixture
def weeks(db: Database, series: SeriesService) -> list[Session]:
    load_starter_content(db, today=dt.date(2026, 11, 2))
    sample = series.find_by_slug(SAMPLE_SLUG)
    assert sample is not None and sample.id is not None
    found = series.sessions_of(sample.id)
    assert [s.status for s in found[:4]] == ["delivered"] * 3 + ["planned"]
    assert found[2].date is not None and found[2].date <= TODAY < (found[3].date or TODAY)
    return found


def test_a_head_count_on_a_cancelled_week_is_refused(
    series: SeriesService, weeks: list[Session]
) -> None:
    # GIVEN week 5 cancelled
    week5 = weeks[4].id or 0
    series.cancel_session(week5)
    # WHEN a head count is typed on it THEN it is refused, saying why
    with pytest.raises(ValidationError, match="was cancelled, so nobody came"):
        series.set_attendance(week5, 7, today=TODAY)
    assert series.get_session(week5).attendance is None
    # AND clearing a count is always allowed
    assert series.set_attendance(week5, None, today=TODAY) is None


def test_a_head_count_on_a_week_still_to_come_is_refused(
    series: SeriesService, weeks: list[Session]
) -> None:
    week4 = weeks[3]
    with pytest.raises(ValidationError, match="still to come"):
        series.set_attendance(week4.id or 0, 8, today=TODAY)
    # on the day itself it is taken
    series.set_attendance(week4.id or 0, 8, today=week4.date)
    assert series.get_session(week4.id or 0).attendance == 8


def test_a_session_next_february_cannot_be_marked_delivered_today(
    series: SeriesService, weeks: list[Session]
) -> None:
    # GIVEN week 6 moved to next February
    week6 = weeks[5].id or 0
    series.move_session(week6, dt.date(2027, 2, 9))
    # WHEN it is marked delivered today THEN the refusal names its date
    with pytest.raises(ValidationError, match="9 February 2027, still to come"):
        series.set_status(week6, SessionStatus.DELIVERED, today=TODAY)
    assert series.get_session(week6).status == SessionStatus.PLANNED.value
    # AND a week that has happened can still be marked delivered after the fact
    series.set_status(weeks[3].id or 0, SessionStatus.DELIVERED, today=weeks[3].date)


def test_counts_on_weeks_not_delivered_stay_out_of_the_totals(
    db: Database, series: SeriesService, sessions: SessionService, weeks: list[Session]
) -> None:
    # GIVEN counts typed before these rules, on a cancelled week and a future one
    series.cancel_session(weeks[4].id or 0)
    with db.session() as s:
        for index, count in ((4, 5), (5, 3)):
            row = s.get(Session, weeks[index].id)
            assert row is not None
            row.attendance = count
            s.add(row)
    # WHEN the report is built
    report = build_report(series, sessions, CheckInService(db), weeks[0].series_id or 0)
    # THEN the totals are the three delivered weeks only, and say what was left out
    assert report.delivered == 3
    assert report.counted == [10, 11, 9]
    attendance = report.summary_lines()[1]
    assert attendance.startswith("Attendance: 30 in all over 3 sessions, 10.0 on average")
    assert "counts on 2 weeks not delivered are left out" in attendance
    assert "38 in all" not in report_csv(report)
