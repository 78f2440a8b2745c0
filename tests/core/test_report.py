"""The end-of-term report: the numbers from a seeded series, under the check-in reveal rules."""

from __future__ import annotations

import csv
import datetime as dt
import io

from attune_desktop.core.models import RoundMoment, SessionStatus
from attune_desktop.core.report import CSV_HEADER, build_report, report_csv
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.starter import SAMPLE_SLUG, load_starter_content
from attune_desktop.core.storage.database import Database


def seeded(db: Database, series: SeriesService) -> int:
    load_starter_content(db, today=dt.date(2026, 11, 2))
    sample = series.find_by_slug(SAMPLE_SLUG)
    assert sample is not None and sample.id is not None
    return sample.id


def test_the_sample_series_reports_what_happened(
    db: Database, series: SeriesService, sessions: SessionService
) -> None:
    # GIVEN the starter series: weeks 1-3 delivered with 10, 11 and 9 people
    sid = seeded(db, series)
    # WHEN the report is built
    report = build_report(series, sessions, CheckInService(db), sid)
    # THEN it counts delivered against planned, and attendance per week
    assert (report.delivered, report.planned, report.cancelled) == (3, 6, 0)
    assert [w.attendance for w in report.weeks] == [10, 11, 9, None, None, None]
    assert report.mean_attendance == 10.0
    # AND the planned and actual minutes come from the recorded timings
    first = report.weeks[0]
    assert first.planned_minutes == 120
    assert first.actual_minutes == 125  # the starter's segment minutes add up to 125
    assert first.difference == 5
    assert first.segments_over is not None and first.segments_over > 0
    assert report.weeks[4].actual_minutes is None
    # AND each delivered week shows the group moving toward settled; planned weeks show none
    assert [w.shift_label for w in report.weeks[:3]] == ["more settled"] * 3
    assert all(w.shift_label == "" and w.shift_note == "" for w in report.weeks[3:])
    assert "Sessions delivered: 3 of 6 planned" in report.summary_lines()[0]


def test_a_week_with_too_few_answers_is_hidden_and_says_so(
    db: Database, series: SeriesService, sessions: SessionService
) -> None:
    # GIVEN week 2's closing round replaced by a tally of only three answers
    sid = seeded(db, series)
    week2 = series.sessions_of(sid)[1]
    CheckInService(db).record_paper_rounds(
        week2.id or 0, {RoundMoment.CLOSING: {"calm": 2, "wobbly": 1}}, scale_key="regulation4"
    )
    # WHEN the report is built
    report = build_report(series, sessions, CheckInService(db), sid)
    hidden = report.weeks[1]
    # THEN that week carries no numbers at all, only the reason
    assert hidden.shift_label == ""
    assert hidden.shift_before is None and hidden.shift_after is None
    assert "hidden" in hidden.shift_note
    assert report.weeks[0].shift_label == "more settled"


def test_a_cancelled_week_is_counted_as_planned_not_delivered(
    db: Database, series: SeriesService, sessions: SessionService
) -> None:
    sid = seeded(db, series)
    series.cancel_session(series.sessions_of(sid)[4].id or 0)
    report = build_report(series, sessions, CheckInService(db), sid)
    assert (report.delivered, report.planned, report.cancelled) == (3, 6, 1)
    assert report.weeks[4].status == SessionStatus.CANCELLED.value


def test_the_csv_has_a_row_per_week_and_no_formulas(
    db: Database, series: SeriesService, sessions: SessionService
) -> None:
    sid = seeded(db, series)
    last = series.sessions_of(sid)[5]
    sessions.update_session(last.id or 0, title='=HYPERLINK("http://x")', prep_notes="SECRET")
    text = report_csv(build_report(series, sessions, CheckInService(db), sid))
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == 7
    week1 = dict(zip(CSV_HEADER, rows[1], strict=True))
    assert week1["attendance"] == "10"
    assert week1["actual_minutes"] == "125"
    assert week1["checkin_shift"] == "more settled"
    assert rows[6][2].startswith("'=")
    assert "SECRET" not in text
