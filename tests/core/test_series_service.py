"""The organiser's term: creating, cloning, re-planning and editing a series, and recording it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from attune_desktop.core.errors import NotFoundError, ValidationError
from attune_desktop.core.models import SessionStatus
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.starter import SAMPLE_SLUG, TEMPLATE_SLUG, load_starter_content
from attune_desktop.core.storage.database import Database

TUESDAY = dt.date(2026, 3, 3)


def dates(series: SeriesService, series_id: int) -> list[dt.date | None]:
    return [s.date for s in series.sessions_of(series_id)]


def test_a_new_series_gets_one_planned_session_per_date_with_skips(series: SeriesService) -> None:
    # GIVEN an organiser's plan: four Tuesdays from 3 March, half-term (10 March) skipped
    made = series.create_series(
        "Spring circle",
        TUESDAY,
        weeks=4,
        skip_dates="2026-03-10",
        venue="Library",
        start_time="18:30",
        time_zone="Europe/London",
    )
    # THEN four sessions are planned on the right Tuesdays, with the plan's time and venue
    assert made.id is not None
    sessions = series.sessions_of(made.id)
    assert [s.date for s in sessions] == [
        dt.date(2026, 3, 3),
        dt.date(2026, 3, 17),
        dt.date(2026, 3, 24),
        dt.date(2026, 3, 31),
    ]
    assert [s.week for s in sessions] == [1, 2, 3, 4]
    assert {s.status for s in sessions} == {SessionStatus.PLANNED.value}
    assert {s.venue for s in sessions} == {"Library"}
    assert {s.start_time for s in sessions} == {dt.time(18, 30)}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"weeks": 0}, "weeks"),
        ({"weeks": 200}, "weeks"),
        ({"weekday": 0}, "first_date"),  # 3 March 2026 is a Tuesday, not a Monday
        ({"skip_dates": "2027-01-05"}, "skip_dates"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ],
)
def test_a_bad_plan_is_refused_with_its_field_and_nothing_is_made(
    series: SeriesService, fields: dict[str, object], field: str
) -> None:
    # WHEN a plan is wrong in one way
    with pytest.raises(ValidationError) as refused:
        series.create_series("Spring circle", TUESDAY, **fields)
    # THEN the message names the field at fault, and no series was created
    assert refused.value.field == field
    assert refused.value.message
    assert series.count() == 0


def test_a_script_in_a_title_is_kept_as_plain_text(series: SeriesService) -> None:
    made = series.create_series("<script>alert(1)</script>", TUESDAY, weeks=1)
    assert series.get_series(made.id or 0).title == "<script>alert(1)</script>"


def test_from_the_template_each_week_takes_its_theme_and_agenda(
    db: Database, series: SeriesService, sessions: SessionService
) -> None:
    # GIVEN the starter curriculum template
    load_starter_content(db, today=dt.date(2026, 11, 2))
    template = series.find_by_slug(TEMPLATE_SLUG)
    assert template is not None and template.id is not None
    themes = [s.title for s in series.sessions_of(template.id)]
    # WHEN a term is planned from it
    term = series.create_from_template(template.id, "Autumn circle", TUESDAY)
    # THEN each week is dated, with the template's theme and a copy of its agenda
    planned = series.sessions_of(term.id or 0)
    assert [s.title for s in planned] == themes
    assert all(s.date is not None for s in planned)
    assert len(sessions.segments(planned[0].id or 0)) > 3


def test_a_dated_series_is_not_a_template(db: Database, series: SeriesService) -> None:
    load_starter_content(db, today=dt.date(2026, 11, 2))
    sample = series.find_by_slug(SAMPLE_SLUG)
    assert sample is not None
    with pytest.raises(ValidationError, match="clone it"):
        series.create_from_template(sample.id or 0, "Copy", TUESDAY)


def test_a_clone_copies_the_plan_and_agendas_but_nothing_that_happened(
    db: Database, series: SeriesService
) -> None:
    # GIVEN the sample series with three weeks delivered, with attendance
    load_starter_content(db, today=dt.date(2026, 11, 2))
    sample = series.find_by_slug(SAMPLE_SLUG)
    assert sample is not None and sample.id is not None
    # WHEN it is cloned for the next term
    clone = series.clone_series(sample.id, "Spring again", TUESDAY)
    copied = series.sessions_of(clone.id or 0)
    # THEN the themes come along, but every week is planned, uncounted and untimed
    assert [s.title for s in copied] == [s.title for s in series.sessions_of(sample.id)]
    assert {s.status for s in copied} == {SessionStatus.PLANNED.value}
    assert all(s.attendance is None and s.actual_start is None for s in copied)
    assert clone.venue == sample.venue


def test_save_as_template_makes_an_undated_curriculum(db: Database, series: SeriesService) -> None:
    load_starter_content(db, today=dt.date(2026, 11, 2))
    sample = series.find_by_slug(SAMPLE_SLUG)
    assert sample is not None
    template = series.save_as_template(sample.id or 0)
    assert template.is_template
    assert all(s.date is None for s in series.sessions_of(template.id or 0))
    assert template in series.templates() or template.id in [t.id for t in series.templates()]


def test_replan_redates_and_undo_puts_everything_back(series: SeriesService) -> None:
    # GIVEN a four-week series, and week 2 given a new theme
    made = series.create_series("Circle", TUESDAY, weeks=4)
    sid = made.id or 0
    before = dates(series, sid)
    # WHEN it is re-planned a week later and one week longer
    record = series.replan_series(sid, first_date="2026-03-10", weeks=5)
    # THEN every week moves, and a fifth is added
    assert dates(series, sid)[0] == dt.date(2026, 3, 10)
    assert len(series.sessions_of(sid)) == 5
    # WHEN it is undone
    series.undo_replan(record)
    # THEN the dates and the number of weeks are as before
    assert dates(series, sid) == before
    assert series.get_series(sid).weeks == 4


def test_replan_refuses_to_move_a_delivered_week(series: SeriesService) -> None:
    made = series.create_series("Circle", TUESDAY, weeks=3)
    first = series.sessions_of(made.id or 0)[0]
    series.set_status(first.id or 0, SessionStatus.DELIVERED)
    with pytest.raises(ValidationError, match="Week 1 was already delivered"):
        series.replan_series(made.id or 0, first_date="2026-03-10")
    assert dates(series, made.id or 0)[0] == TUESDAY


def test_move_cancel_add_and_remove_one_session(series: SeriesService) -> None:
    made = series.create_series("Circle", TUESDAY, weeks=3)
    sid = made.id or 0
    week2 = series.sessions_of(sid)[1]
    # WHEN week 2 moves to the Thursday, THEN the old date comes back for undo
    old = series.move_session(week2.id or 0, "2026-03-12")
    assert old == dt.date(2026, 3, 10)
    assert series.get_session(week2.id or 0).date == dt.date(2026, 3, 12)
    # AND a move onto another week's day is refused, naming that week
    with pytest.raises(ValidationError, match="Week 3 already meets"):
        series.move_session(week2.id or 0, "2026-03-17")
    # WHEN week 3 is cancelled, THEN its old status is returned
    week3 = series.sessions_of(sid)[2]
    assert series.cancel_session(week3.id or 0) == SessionStatus.PLANNED.value
    assert series.get_session(week3.id or 0).status == SessionStatus.CANCELLED.value
    # WHEN an extra session is added between weeks 1 and 2, THEN later weeks renumber
    extra = series.add_session(sid, "2026-03-05", "Extra")
    assert extra.week == 2
    assert [s.week for s in series.sessions_of(sid)] == [1, 2, 3, 4]
    assert series.get_series(sid).weeks == 4
    # WHEN it is removed and restored, THEN the numbering follows
    snap = series.remove_session(extra.id or 0)
    assert [s.title for s in series.sessions_of(sid)] == ["Week 1", "Week 2", "Week 3"]
    series.restore_session(snap)
    assert [s.title for s in series.sessions_of(sid)][1] == "Extra"


def test_a_delivered_session_cannot_be_cancelled(series: SeriesService) -> None:
    made = series.create_series("Circle", TUESDAY, weeks=1)
    only = series.sessions_of(made.id or 0)[0]
    series.set_status(only.id or 0, SessionStatus.DELIVERED)
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        series.cancel_session(only.id or 0)


@pytest.mark.parametrize("count", [-1, 501, "lots", 2.5])
def test_attendance_is_a_sensible_head_count(series: SeriesService, count: object) -> None:
    made = series.create_series("Circle", TUESDAY, weeks=1)
    only = series.sessions_of(made.id or 0)[0]
    with pytest.raises(ValidationError):
        series.set_attendance(only.id or 0, count)
    assert series.set_attendance(only.id or 0, 9) is None
    assert series.set_attendance(only.id or 0, "") == 9
    assert series.get_session(only.id or 0).attendance is None


def test_the_calendar_has_one_event_per_session_and_marks_cancellations(
    series: SeriesService, tmp_path: Path
) -> None:
    # GIVEN a series in London across the clocks changing (29 March 2026), one week cancelled
    made = series.create_series(
        "Circle", dt.date(2026, 3, 17), weeks=4, time_zone="Europe/London", start_time="18:00"
    )
    sessions = series.sessions_of(made.id or 0)
    series.cancel_session(sessions[1].id or 0)
    # WHEN it is exported as .ics
    out = series.export_ics(made.id or 0, tmp_path / "circle.ics")
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    # THEN a calendar library reads one event per session, at 18:00 London time each week
    assert len(events) == 4
    starts = [e.decoded("DTSTART") for e in events]
    assert {(s.hour, s.minute) for s in starts} == {(18, 0)}
    assert {str(s.tzinfo) for s in starts} == {"Europe/London"}
    assert str(events[1]["STATUS"]) == "CANCELLED"
    assert {str(e["STATUS"]) for e in events[:1] + events[2:]} == {"CONFIRMED"}
    assert b"TZID=Europe/London" in out.read_bytes()
    # AND the zone's rules travel with it, so programs without that zone still place them
    zones = list(calendar.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["Europe/London"]
    # AND the hour stays 18:00 local on both sides of the change (UTC 18:00, then 17:00)
    assert [s.utcoffset() for s in (starts[0], starts[-1])] == [
        dt.timedelta(0),
        dt.timedelta(hours=1),
    ]


def test_a_template_has_no_calendar(db: Database, series: SeriesService, tmp_path: Path) -> None:
    load_starter_content(db, today=dt.date(2026, 11, 2))
    template = series.find_by_slug(TEMPLATE_SLUG)
    assert template is not None
    with pytest.raises(ValidationError, match="template"):
        series.export_ics(template.id or 0, tmp_path / "x.ics")
    assert not (tmp_path / "x.ics").exists()


def test_an_unknown_series_is_named(series: SeriesService) -> None:
    with pytest.raises(NotFoundError, match="No series with id 42"):
        series.get_series(42)
