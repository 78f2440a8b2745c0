"""Calendar export: the .ics a calendar app imports shows the right sessions, and only them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator

import pytest
from icalendar import Calendar, Event

from attune_desktop.core import calendar_export, series_dates
from attune_desktop.core.calendar_export import (
    CalendarEvent,
    CalendarSeries,
    ExportError,
    event_uid,
    series_to_ics,
)
from attune_desktop.core.series_dates import SeriesPlan, generate_dates

SIX_PM = dt.time(18, 0)
STAMP = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC)
# Everything a public calendar entry may carry; anything else would be a leak.
ALLOWED_EVENT_PROPERTIES = {
    "UID",
    "SEQUENCE",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "STATUS",
}


def weekly_series(
    first: dt.date,
    weeks: int,
    time_zone: str,
    *,
    cancelled: frozenset[int] = frozenset(),
    uid_seed: str = "series-7-a1b2",
) -> CalendarSeries:
    plan = SeriesPlan(first, first.weekday(), SIX_PM, weeks, frozenset(), time_zone)
    events = [
        CalendarEvent(
            index=week,
            date=day,
            start_time=SIX_PM,
            minutes=120,
            theme=f"Theme {week}",
            cancelled=week in cancelled,
        )
        for week, day in enumerate(generate_dates(plan), start=1)
    ]
    return CalendarSeries(
        title="Calm Together",
        venue="Riverside Community Room",
        time_zone=time_zone,
        uid_seed=uid_seed,
        events=events,
    )


def parse_events(data: bytes) -> list[Event]:
    events = [e for e in Calendar.from_ical(data).walk("VEVENT") if isinstance(e, Event)]
    return sorted(events, key=start)


def start(event: Event) -> dt.datetime:
    """DTSTART as a datetime: every session has a clock time, never a whole day."""
    value = event.start
    assert isinstance(value, dt.datetime)
    return value


def end(event: Event) -> dt.datetime:
    value = event.end
    assert isinstance(value, dt.datetime)
    return value


def test_one_event_per_session_with_the_calendar_basics() -> None:
    data = series_to_ics(weekly_series(dt.date(2026, 3, 3), 6, "Europe/London"), stamp=STAMP)
    calendar = Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == "-//Attune Desktop//EN"
    assert str(calendar["VERSION"]) == "2.0"
    events = parse_events(data)
    assert len(events) == 6
    first = events[0]
    assert str(first["SUMMARY"]) == "Calm Together — Theme 1"
    assert str(first["LOCATION"]) == "Riverside Community Room"
    assert first.stamp == STAMP
    assert end(first) - start(first) == dt.timedelta(minutes=120)


@pytest.mark.parametrize(
    ("zone", "first", "utc_hours"),
    [
        # BST begins on Sunday 29 March 2026: 18:00 local is 18:00 then 17:00 UTC.
        ("Europe/London", dt.date(2026, 3, 17), [18, 18, 17, 17]),
        # EDT begins on Sunday 8 March 2026: 18:00 local is 23:00 then 22:00 UTC.
        ("America/New_York", dt.date(2026, 2, 24), [23, 23, 22, 22]),
    ],
)
def test_local_times_hold_across_a_daylight_saving_change(
    zone: str, first: dt.date, utc_hours: list[int]
) -> None:
    data = series_to_ics(weekly_series(first, 4, zone), stamp=STAMP)
    events = parse_events(data)
    # THEN each DTSTART names the series zone and shows 18:00 local time
    assert [e["DTSTART"].params["TZID"] for e in events] == [zone] * 4
    assert [start(e).time() for e in events] == [SIX_PM] * 4
    assert [start(e).astimezone(dt.UTC).hour for e in events] == utc_hours
    # AND the file carries its own VTIMEZONE, whose rules give the same instants, so calendar
    # apps that ignore IANA names still place every session right
    calendar = Calendar.from_ical(data)
    (vtimezone,) = calendar.timezones
    assert vtimezone.tz_name == zone
    own_rules = vtimezone.to_tz()
    for event in events:
        local = start(event).replace(tzinfo=None)
        assert local.replace(tzinfo=own_rules).utcoffset() == start(event).utcoffset()


def test_a_session_spanning_the_change_keeps_its_real_length() -> None:
    # A Saturday-night session in London that runs past 01:00 GMT on the night BST begins.
    series = CalendarSeries(
        title="Night circle",
        venue="",
        time_zone="Europe/London",
        uid_seed="night",
        events=[CalendarEvent(1, dt.date(2026, 3, 28), dt.time(23, 30), 120, "", False)],
    )
    (event,) = parse_events(series_to_ics(series, stamp=STAMP))
    assert end(event).astimezone(dt.UTC) - start(event).astimezone(dt.UTC) == dt.timedelta(hours=2)
    assert end(event).time() == dt.time(2, 30)  # 01:30 GMT is 02:30 BST


def test_cancelled_sessions_are_marked_not_dropped() -> None:
    data = series_to_ics(
        weekly_series(dt.date(2026, 3, 3), 4, "Europe/London", cancelled=frozenset({2})),
        stamp=STAMP,
    )
    events = parse_events(data)
    assert len(events) == 4
    assert [str(e["STATUS"]) for e in events] == [
        "CONFIRMED",
        "CANCELLED",
        "CONFIRMED",
        "CONFIRMED",
    ]
    assert str(events[1]["SUMMARY"]) == "Cancelled: Calm Together — Theme 2"
    assert not str(events[0]["SUMMARY"]).startswith("Cancelled")


def test_uids_are_stable_across_exports_so_reimports_update() -> None:
    # GIVEN the same series exported twice, the second time a day later with a cancellation
    first = series_to_ics(weekly_series(dt.date(2026, 3, 3), 5, "Europe/London"), stamp=STAMP)
    second = series_to_ics(
        weekly_series(dt.date(2026, 3, 3), 5, "Europe/London", cancelled=frozenset({3})),
        stamp=STAMP + dt.timedelta(days=1),
    )
    uids_first = [str(e["UID"]) for e in parse_events(first)]
    uids_second = [str(e["UID"]) for e in parse_events(second)]
    # THEN the UIDs match one for one, so calendar apps update rather than duplicate
    assert uids_first == uids_second
    assert uids_first[0] == "series-7-a1b2-week-1@attune-desktop.local"
    assert len(set(uids_first)) == 5
    assert str(Calendar.from_ical(first)["UID"]) == str(Calendar.from_ical(second)["UID"])


def test_another_series_gets_other_uids() -> None:
    a = parse_events(series_to_ics(weekly_series(dt.date(2026, 3, 3), 3, "UTC", uid_seed="a")))
    b = parse_events(series_to_ics(weekly_series(dt.date(2026, 3, 3), 3, "UTC", uid_seed="b")))
    assert not {str(e["UID"]) for e in a} & {str(e["UID"]) for e in b}
    assert event_uid("a", 1) == "a-week-1@attune-desktop.local"


def test_the_export_carries_no_private_fields() -> None:
    # The input types have no field that could carry notes, families or check-ins …
    assert {f.name for f in dataclasses.fields(CalendarEvent)} == {
        "index",
        "date",
        "start_time",
        "minutes",
        "theme",
        "cancelled",
        "uid",  # the session's identity (a UUID), not anything it holds
        "sequence",
    }
    assert {f.name for f in dataclasses.fields(CalendarSeries)} == {
        "title",
        "venue",
        "time_zone",
        "uid_seed",
        "events",
    }
    # … and each event in the file holds only the public properties.
    data = series_to_ics(weekly_series(dt.date(2026, 3, 3), 3, "Europe/London"), stamp=STAMP)
    for event in parse_events(data):
        assert set(event.keys()) <= ALLOWED_EVENT_PROPERTIES
        assert not event.subcomponents  # no alarms, no attendees hidden below
    text = data.decode()
    for leak in ("DESCRIPTION", "ATTENDEE", "ORGANIZER", "COMMENT:Week", "X-ATTUNE"):
        assert leak not in text


def test_themes_with_commas_and_new_lines_survive_the_round_trip() -> None:
    series = CalendarSeries(
        title="Calm, together",
        venue="Hall; side door",
        time_zone="Europe/Paris",
        uid_seed="s",
        events=[CalendarEvent(1, dt.date(2026, 5, 5), SIX_PM, 90, "Big feelings,\nsmall bodies")],
    )
    (event,) = parse_events(series_to_ics(series, stamp=STAMP))
    assert str(event["SUMMARY"]) == "Calm, together — Big feelings,\nsmall bodies"
    assert str(event["LOCATION"]) == "Hall; side door"


def test_an_empty_zone_uses_the_laptops_named_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    (event,) = parse_events(series_to_ics(weekly_series(dt.date(2026, 1, 6), 1, ""), stamp=STAMP))
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert start(event).time() == SIX_PM


@pytest.fixture
def laptop_in_new_york_without_a_zone_name(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The OS knows New York's rules (a POSIX TZ string), but no IANA name can be found."""
    monkeypatch.setenv("TZ", "EST5EDT,M3.2.0,M11.1.0")
    time.tzset()
    monkeypatch.setattr(series_dates, "local_zone_name", lambda: None)
    monkeypatch.setattr(calendar_export, "local_zone_name", lambda: None)
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("laptop_in_new_york_without_a_zone_name")
def test_without_a_zone_name_the_times_are_written_in_utc_at_the_right_instant() -> None:
    data = series_to_ics(weekly_series(dt.date(2026, 3, 3), 2, ""), stamp=STAMP)
    events = parse_events(data)
    # 18:00 EST on 3 March, then 18:00 EDT on 10 March (after the 8 March change).
    assert [start(e) for e in events] == [
        dt.datetime(2026, 3, 3, 23, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 10, 22, 0, tzinfo=dt.UTC),
    ]
    assert "TZID" not in data.decode()
    assert not Calendar.from_ical(data).timezones


def test_an_unknown_zone_is_refused_kindly() -> None:
    series = weekly_series(dt.date(2026, 3, 3), 1, "UTC")
    with pytest.raises(ExportError, match="'Atlantis/Central' is not a time zone"):
        series_to_ics(dataclasses.replace(series, time_zone="Atlantis/Central"))


def test_duplicate_weeks_and_missing_ids_are_refused() -> None:
    series = weekly_series(dt.date(2026, 3, 3), 2, "UTC")
    clash = dataclasses.replace(series, events=[series.events[0], series.events[0]])
    with pytest.raises(ExportError, match="Week 1 appears twice"):
        series_to_ics(clash)
    with pytest.raises(ExportError, match="no calendar id"):
        series_to_ics(dataclasses.replace(series, uid_seed="  "))


def test_a_series_with_no_sessions_exports_an_empty_calendar() -> None:
    series = CalendarSeries("Calm Together", "", "Europe/London", "empty", [])
    calendar = Calendar.from_ical(series_to_ics(series, stamp=STAMP))
    assert calendar.walk("VEVENT") == []
