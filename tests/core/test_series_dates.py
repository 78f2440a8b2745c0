"""Series dates: the organiser's plan becomes the right weekly dates and start instants."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune_desktop.core.series_dates import (
    DatesError,
    SeriesPlan,
    find_zone,
    format_date,
    generate_dates,
    local_zone_name,
    move_session,
    next_on_weekday,
    session_start,
    validate_plan,
)

MON, TUE, WED, SUN = 0, 1, 2, 6
SIX_PM = dt.time(18, 0)


def plan(
    first: dt.date = dt.date(2026, 3, 3),  # a Tuesday
    *,
    weekday: int = TUE,
    weeks: int = 4,
    skips: tuple[dt.date, ...] = (),
    time_zone: str = "",
) -> SeriesPlan:
    return SeriesPlan(
        first_date=first,
        weekday=weekday,
        start_time=SIX_PM,
        weeks=weeks,
        skip_dates=frozenset(skips),
        time_zone=time_zone,
    )


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


# --- generating ---------------------------------------------------------------------------------


def test_weekly_dates_from_the_first_date() -> None:
    assert generate_dates(plan(weeks=3)) == [d("2026-03-03"), d("2026-03-10"), d("2026-03-17")]


def test_a_skipped_date_does_not_use_up_a_week() -> None:
    # GIVEN a four-week series with the half-term Tuesday skipped
    dates = generate_dates(plan(weeks=4, skips=(d("2026-03-10"),)))
    # THEN the series runs one week longer and still has four sessions
    assert dates == [d("2026-03-03"), d("2026-03-17"), d("2026-03-24"), d("2026-03-31")]


def test_consecutive_skips_and_a_skipped_first_date() -> None:
    dates = generate_dates(plan(weeks=2, skips=(d("2026-03-03"), d("2026-03-10"))))
    assert dates == [d("2026-03-17"), d("2026-03-24")]


def test_a_one_week_series_and_the_longest_series() -> None:
    assert generate_dates(plan(weeks=1)) == [d("2026-03-03")]
    dates = generate_dates(plan(weeks=52))
    assert len(dates) == 52
    assert dates[-1] == d("2026-03-03") + dt.timedelta(weeks=51)


def test_generating_refuses_an_invalid_plan_rather_than_returning_odd_dates() -> None:
    with pytest.raises(DatesError):
        generate_dates(plan(weeks=0))


def test_a_series_that_would_run_off_the_calendar_is_refused_kindly() -> None:
    last_tuesday = next_on_weekday(dt.date(9999, 12, 1), TUE)
    with pytest.raises(DatesError, match="past the last date") as caught:
        generate_dates(plan(last_tuesday, weeks=10))
    assert caught.value.field == "first_date"


# --- validating ---------------------------------------------------------------------------------


def test_zero_weeks_is_refused() -> None:
    with pytest.raises(DatesError) as caught:
        validate_plan(plan(weeks=0))
    assert str(caught.value) == "A series has 1 to 52 weeks; 0 is too few."
    assert caught.value.field == "weeks"


def test_two_hundred_weeks_is_refused() -> None:
    with pytest.raises(DatesError) as caught:
        validate_plan(plan(weeks=200))
    assert str(caught.value) == "A series has 1 to 52 weeks; 200 is too many."


def test_a_first_date_on_the_wrong_weekday_names_both_days() -> None:
    with pytest.raises(DatesError) as caught:
        validate_plan(plan(d("2027-03-01"), weekday=TUE))
    assert str(caught.value) == "1 March 2027 is a Monday, but the series meets on Tuesdays."
    assert caught.value.field == "first_date"


def test_the_ui_can_offer_the_next_meeting_day_as_the_fix() -> None:
    assert next_on_weekday(d("2027-03-01"), TUE) == d("2027-03-02")
    assert next_on_weekday(d("2027-03-02"), TUE) == d("2027-03-02")  # already right: unchanged
    assert next_on_weekday(d("2027-03-03"), TUE) == d("2027-03-09")
    validate_plan(plan(next_on_weekday(d("2027-03-01"), TUE)))


def test_an_impossible_weekday_is_refused() -> None:
    with pytest.raises(DatesError, match="0 \\(Monday\\) to 6 \\(Sunday\\); 7 is not"):
        validate_plan(plan(weekday=7))
    with pytest.raises(DatesError):
        next_on_weekday(d("2027-03-01"), -1)


def test_a_skip_on_another_weekday_is_refused_by_name() -> None:
    with pytest.raises(DatesError) as caught:
        validate_plan(plan(skips=(d("2026-03-11"),)))  # a Wednesday
    assert "11 March 2026 is a Wednesday" in str(caught.value)
    assert "Tuesdays" in str(caught.value)
    assert caught.value.field == "skip_dates"


def test_a_skip_before_the_series_is_refused_by_name() -> None:
    with pytest.raises(DatesError, match="24 February 2026 is before the series starts"):
        validate_plan(plan(skips=(d("2026-02-24"),)))


def test_a_skip_after_the_last_session_is_refused_by_name() -> None:
    # Four weeks end on 24 March; 31 March is outside the series.
    with pytest.raises(DatesError) as caught:
        validate_plan(plan(weeks=4, skips=(d("2026-03-31"),)))
    assert "31 March 2026 is after the last session on 24 March 2026" in str(caught.value)


def test_a_skip_is_within_the_series_when_an_earlier_skip_extends_it() -> None:
    # Skipping 10 March pushes the fourth session to 31 March, so 24 March is inside: both skips
    # are accepted and the series ends on 7 April.
    dates = generate_dates(plan(weeks=4, skips=(d("2026-03-10"), d("2026-03-24"))))
    assert dates[-1] == d("2026-04-07")


def test_time_zones_are_checked_by_name() -> None:
    validate_plan(plan(time_zone="Europe/London"))
    validate_plan(plan(time_zone=""))  # the laptop's zone
    for bad in ("Mars/Olympus", "Europe", "../etc/passwd", "europe/london", "localtime"):
        with pytest.raises(DatesError, match="not a time zone") as caught:
            validate_plan(plan(time_zone=bad))
        assert caught.value.field == "time_zone"
        assert bad in str(caught.value)


def test_dates_error_is_a_value_error() -> None:
    assert issubclass(DatesError, ValueError)


# --- the organiser's edits ----------------------------------------------------------------------


def test_moving_a_session_round_a_holiday_keeps_its_place() -> None:
    dates = generate_dates(plan(weeks=3))
    moved = move_session(dates, 1, d("2026-03-11"))  # week 2 moves to the Wednesday
    assert moved == [d("2026-03-03"), d("2026-03-11"), d("2026-03-17")]
    assert dates[1] == d("2026-03-10")  # the input is left alone


def test_moving_a_session_onto_another_session_is_refused() -> None:
    dates = generate_dates(plan(weeks=3))
    with pytest.raises(DatesError) as caught:
        move_session(dates, 0, d("2026-03-17"))
    assert str(caught.value) == (
        "Week 3 already meets on 17 March 2026; choose another day for this session."
    )
    assert caught.value.field == "new_date"


def test_moving_a_session_to_its_own_date_is_allowed() -> None:
    dates = generate_dates(plan(weeks=3))
    assert move_session(dates, 2, dates[2]) == dates


def test_moving_a_session_that_does_not_exist_is_refused() -> None:
    dates = generate_dates(plan(weeks=3))
    for index in (3, -1):
        with pytest.raises(DatesError, match="this series has 3 sessions"):
            move_session(dates, index, d("2026-05-05"))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Tue 3 Mar 2026"),
        ("es", "mar, 3 mar 2026"),
        ("fr", "mar. 3 mars 2026"),
        ("es-MX", "mar, 3 mar 2026"),
        ("fr_CA", "mar. 3 mars 2026"),
        ("de", "Tue 3 Mar 2026"),  # unknown languages fall back to English
    ],
)
def test_format_date(lang: str, expected: str) -> None:
    assert format_date(d("2026-03-03"), lang) == expected


def test_format_date_covers_every_weekday_and_month() -> None:
    assert format_date(d("2026-12-27"), "fr") == "dim. 27 déc. 2026"
    assert format_date(d("2026-08-01"), "es") == "sáb, 1 ago 2026"


# --- start instants -----------------------------------------------------------------------------


def test_london_sessions_stay_at_six_pm_across_the_clocks_going_forward() -> None:
    # GIVEN a Tuesday series in London spanning Sunday 29 March 2026, when BST begins
    dates = generate_dates(plan(d("2026-03-17"), weeks=4, time_zone="Europe/London"))
    starts = [session_start(day, SIX_PM, "Europe/London") for day in dates]
    # THEN every session starts at 18:00 local time
    assert {s.time() for s in starts} == {SIX_PM}
    # AND the UTC offset moves from GMT to BST, so the UTC hour changes
    assert [s.utcoffset() for s in starts] == [
        dt.timedelta(0),
        dt.timedelta(0),
        dt.timedelta(hours=1),
        dt.timedelta(hours=1),
    ]
    assert [s.astimezone(dt.UTC).hour for s in starts] == [18, 18, 17, 17]


def test_new_york_sessions_stay_at_six_pm_across_the_autumn_change() -> None:
    starts = [
        session_start(day, SIX_PM, "America/New_York")
        for day in (d("2026-10-27"), d("2026-11-03"))  # DST ends on 1 November 2026
    ]
    assert [s.time() for s in starts] == [SIX_PM, SIX_PM]
    assert [s.astimezone(dt.UTC).hour for s in starts] == [22, 23]


def test_a_time_inside_the_spring_gap_becomes_the_real_wall_time() -> None:
    start = session_start(d("2026-03-29"), dt.time(1, 30), "Europe/London")
    assert start.time() == dt.time(2, 30)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)


def test_an_ambiguous_autumn_time_is_the_first_occurrence() -> None:
    start = session_start(d("2026-10-25"), dt.time(1, 30), "Europe/London")
    assert start.utcoffset() == dt.timedelta(hours=1)


def test_an_empty_zone_uses_the_laptops_named_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    start = session_start(d("2026-01-06"), SIX_PM, "")
    assert start.tzinfo == find_zone("America/New_York")
    assert start.utcoffset() == dt.timedelta(hours=-5)


def test_an_unknown_zone_is_refused_when_computing_a_start() -> None:
    with pytest.raises(DatesError):
        session_start(d("2026-01-06"), SIX_PM, "Nowhere/Special")


# --- finding the laptop's zone ------------------------------------------------------------------


def test_local_zone_from_the_tz_variable() -> None:
    assert local_zone_name({"TZ": ":Europe/Paris"}, Path("/nonexistent"), Path("/none")) == (
        "Europe/Paris"
    )


def test_local_zone_from_the_localtime_link(tmp_path: Path) -> None:
    zoneinfo = tmp_path / "usr/share/zoneinfo/posix/Australia"
    zoneinfo.mkdir(parents=True)
    (zoneinfo / "Sydney").write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(zoneinfo / "Sydney")
    assert local_zone_name({}, link, tmp_path / "none") == "Australia/Sydney"


def test_local_zone_from_the_debian_timezone_file(tmp_path: Path) -> None:
    (tmp_path / "timezone").write_text("America/Chicago\n", encoding="utf-8")
    assert local_zone_name({}, tmp_path / "none", tmp_path / "timezone") == "America/Chicago"


def test_no_local_zone_name_when_nothing_names_a_real_zone(tmp_path: Path) -> None:
    (tmp_path / "timezone").write_text("not a zone\n", encoding="utf-8")
    environ = {"TZ": "GMT0BST,M3.5.0/1,M10.5.0"}  # a POSIX rule, not an IANA name
    assert local_zone_name(environ, tmp_path / "none", tmp_path / "timezone") is None


# --- properties ---------------------------------------------------------------------------------


@st.composite
def plans(draw: st.DrawFn) -> SeriesPlan:
    """Valid plans: skips are drawn from the weekly slots that fall inside the series."""
    weekday = draw(st.integers(0, 6))
    first = next_on_weekday(draw(st.dates(dt.date(1990, 1, 1), dt.date(2200, 1, 1))), weekday)
    weeks = draw(st.integers(1, 52))
    skip_count = draw(st.integers(0, 10))
    # With k skips among the first weeks + k - 1 slots, slot weeks + k - 1 is the last session.
    positions = draw(st.permutations(range(weeks + skip_count - 1)))[:skip_count]
    skips = frozenset(first + dt.timedelta(weeks=p) for p in positions)
    return SeriesPlan(first, weekday, SIX_PM, weeks, skips, "")


@given(plans())
def test_generated_dates_keep_every_promise_of_the_plan(p: SeriesPlan) -> None:
    dates = generate_dates(p)
    assert len(dates) == p.weeks
    assert all(day.weekday() == p.weekday for day in dates)
    assert all(a < b for a, b in itertools.pairwise(dates))
    assert not set(dates) & p.skip_dates
    assert dates[0] >= p.first_date
    # Nothing is lost or invented: the span holds exactly the sessions plus the skips.
    assert (dates[-1] - p.first_date).days // 7 + 1 == p.weeks + len(p.skip_dates)


@given(plans(), st.integers(1, 30))
def test_a_skip_past_the_last_session_is_always_refused(p: SeriesPlan, weeks_after: int) -> None:
    last = generate_dates(p)[-1]
    late = last + dt.timedelta(weeks=weeks_after)
    with pytest.raises(DatesError, match="after the last session"):
        validate_plan(SeriesPlan(p.first_date, p.weekday, SIX_PM, p.weeks, p.skip_dates | {late}))


@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2200, 1, 1)),
    st.times(),
    st.sampled_from(["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]),
)
def test_a_session_starts_at_its_wall_time_unless_that_time_does_not_exist(
    day: dt.date, start: dt.time, zone: str
) -> None:
    result = session_start(day, start, zone)
    naive = dt.datetime.combine(day, start)
    assert result.tzinfo == find_zone(zone)
    if result.replace(tzinfo=None) != naive:
        # Only a time in a spring-forward gap moves, and then forward by under a day.
        zone_info = find_zone(zone)
        round_trip = naive.replace(tzinfo=zone_info).astimezone(dt.UTC).astimezone(zone_info)
        assert round_trip.replace(tzinfo=None) != naive
        assert dt.timedelta(0) < result.replace(tzinfo=None) - naive < dt.timedelta(days=1)
