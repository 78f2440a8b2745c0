"""Calendar export: a series as an iCalendar (.ics) file that calendar apps can import.

Built with the `icalendar` library rather than by hand, so escaping, line folding and the
VTIMEZONE rules are right. The input dataclasses hold only what a public calendar may show
(title, venue, dates, themes, cancellations): private notes, families and check-ins cannot leak
because there is no field to carry them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from attune_desktop.core.i18n import _
from attune_desktop.core.series_dates import (
    DatesError,
    find_zone,
    local_zone_name,
    session_start,
)

PRODID: Final = "-//Attune Desktop//EN"  # not-ui-text
UID_DOMAIN: Final = "attune-desktop.local"


class ExportError(ValueError):
    """The series could not be exported; the message says what to fix."""


@dataclass(frozen=True)
class CalendarEvent:
    """One session as a calendar shows it.

    `uid` is the session's own identity, kept through every plan edit; without one the UID is
    made from the week number `index` (which changes when weeks are added or removed).
    `sequence` is the event's revision: a calendar replaces its copy only by a higher one.
    """

    index: int
    date: dt.date
    start_time: dt.time
    minutes: int
    theme: str = ""
    cancelled: bool = False
    uid: str = ""
    sequence: int = 0


@dataclass(frozen=True)
class CalendarSeries:
    """A series as a calendar shows it.

    `uid_seed` must stay the same for the life of the series (for example, its database id
    with a random suffix chosen once): UIDs derive from it, so importing a later export updates
    the events already in a calendar app instead of adding duplicates.
    """

    title: str
    venue: str
    time_zone: str  # IANA name; "" is the laptop's zone
    uid_seed: str
    events: Sequence[CalendarEvent]


def event_uid(uid_seed: str, index: int) -> str:
    """The UID of week `index` of a series, for events that have no `uid` of their own."""
    return f"{uid_seed}-week-{index}@{UID_DOMAIN}"  # not-ui-text


def uid_of(series: CalendarSeries, item: CalendarEvent) -> str:
    """The event's UID: from the session's own uid when it has one."""
    if item.uid:
        return f"{item.uid}@{UID_DOMAIN}"
    return event_uid(series.uid_seed.strip(), item.index)


def event_fingerprint(series: CalendarSeries, item: CalendarEvent) -> str:
    """A hash of everything a calendar shows of the event; when it changes, SEQUENCE must rise."""
    shown = [
        item.date.isoformat(),
        item.start_time.isoformat(),
        item.minutes,
        _summary(series.title.strip(), item),
        series.venue.strip(),
        series.time_zone.strip(),
        item.cancelled,
    ]
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode("utf-8")).hexdigest()


def series_to_ics(series: CalendarSeries, *, stamp: dt.datetime | None = None) -> bytes:
    """The series as iCalendar bytes: one VEVENT per session, with the zone's VTIMEZONE.

    Times are written as local wall-clock times with a TZID, so an 18:00 circle shows at 18:00
    on both sides of a daylight-saving change. When `time_zone` is "" the laptop's IANA zone is
    used if it can be found (TZ, /etc/localtime, /etc/timezone); failing that, each start is
    converted with the operating system's rules and written in UTC, which places every session
    at the right instant though the file names no zone.

    Cancelled sessions are kept, marked STATUS:CANCELLED and "Cancelled: ", so a calendar that
    imported them earlier shows the cancellation rather than silently keeping the old event.
    Each event carries its `sequence` as SEQUENCE, so a re-import replaces the older copy.
    `stamp` (DTSTAMP) defaults to now; tests pass a fixed one.
    """
    # icalendar costs ~50 ms to import: paid on export, not at every start-up.
    from icalendar import Calendar, Event
    from icalendar.enums import STATUS

    seed = series.uid_seed.strip()
    if not seed:
        raise ExportError(_("This series has no calendar id yet, so it cannot be exported."))
    _check_events(series)
    zone_name = _zone_name(series.time_zone)
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)

    title = series.title.strip()
    calendar = Calendar.new(
        prodid=PRODID,
        calscale="GREGORIAN",
        name=title or None,
        uid=f"{seed}@{UID_DOMAIN}",
    )
    for item in sorted(series.events, key=lambda e: (e.date, e.start_time, e.index)):
        start = session_start(item.date, item.start_time, zone_name)
        # Add the length in UTC: wall-clock arithmetic would stretch or shrink a session that
        # spans a daylight-saving change.
        end = (start.astimezone(dt.UTC) + dt.timedelta(minutes=item.minutes)).astimezone(
            start.tzinfo
        )
        if not zone_name:
            start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        calendar.add_component(
            Event.new(
                uid=uid_of(series, item),
                sequence=item.sequence,
                stamp=stamp,
                start=start,
                end=end,
                summary=_summary(title, item),
                location=series.venue.strip() or None,
                status=STATUS.CANCELLED if item.cancelled else STATUS.CONFIRMED,
            )
        )
    if zone_name and series.events:
        # Whole years either side, so the VTIMEZONE covers every session and stays small.
        first = min(e.date for e in series.events)
        last = max(e.date for e in series.events)
        calendar.add_missing_timezones(
            first_date=dt.date(first.year, 1, 1),
            last_date=dt.date(min(last.year + 1, dt.MAXYEAR), 1, 1),
        )
    data: bytes = calendar.to_ical()
    return data


def _zone_name(time_zone: str) -> str:
    """The IANA name to write as TZID, or "" to write UTC times."""
    name = time_zone.strip()
    if not name:
        return local_zone_name() or ""
    try:
        find_zone(name)
    except DatesError as exc:
        raise ExportError(exc.message) from None
    return name


def _check_events(series: CalendarSeries) -> None:
    seen: set[str] = set()
    for item in series.events:
        uid = uid_of(series, item)
        if uid in seen:
            raise ExportError(
                _(
                    "Week {index} appears twice; each session needs its own identity so "
                    "calendar apps can tell them apart."
                ).format(index=item.index)
            )
        seen.add(uid)
        if item.minutes < 1:
            raise ExportError(
                _("Week {index} lasts {minutes} minutes; a session needs at least 1.").format(
                    index=item.index, minutes=item.minutes
                )
            )


def _summary(title: str, item: CalendarEvent) -> str:
    text = " — ".join(part for part in (title, item.theme.strip()) if part) or _(
        "Week {index}"
    ).format(index=item.index)
    return _("Cancelled: {text}").format(text=text) if item.cancelled else text
