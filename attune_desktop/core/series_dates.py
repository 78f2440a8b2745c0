"""Series dates: from an organiser's plan to the weekly meeting dates and their start instants.

Pure functions over a frozen `SeriesPlan`, so the series form, the printed plan, the calendar
export and the service that creates sessions all agree on the same dates. Every refusal is a
`DatesError` whose message can be shown to the organiser as it is: it names the date at fault
and says what would be accepted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_skeleton, get_month_names

from attune_desktop.core import i18n, locale_format
from attune_desktop.core.i18n import _
from attune_desktop.core.locale_format import weekday
from attune_desktop.core.value_labels import meeting_day

MIN_WEEKS: Final = 1
MAX_WEEKS: Final = 52
ONE_WEEK: Final = dt.timedelta(days=7)

# Keys that load on some machines but mean "whatever this laptop says", so they travel badly.
_NOT_PORTABLE_ZONES: Final = frozenset({"localtime", "posixrules", "Factory"})  # not-ui-text


class DatesError(ValueError):
    """A plan or an edit was refused; the message is written for the organiser.

    `field` names the input at fault ("weeks", "weekday", "first_date", "skip_dates",
    "time_zone", "index", "new_date") so a form can show the message beside it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class SeriesPlan:
    """What the organiser chose; everything else about the dates is derived from it."""

    first_date: dt.date
    weekday: int  # Monday is 0, as in `date.weekday()`
    start_time: dt.time
    weeks: int  # sessions that actually meet; skipped dates do not count
    skip_dates: frozenset[dt.date] = frozenset()
    time_zone: str = ""  # IANA name; "" is the laptop's own zone


# --- validation ---------------------------------------------------------------------------------


def validate_plan(plan: SeriesPlan) -> None:
    """Refuse a plan that cannot become a series, naming the first problem found.

    Checks run in the order the form is filled in, so the organiser fixes one thing at a time.
    """
    _check_weeks(plan.weeks)
    if not 0 <= plan.weekday <= 6:
        raise DatesError(
            "weekday",
            _("The meeting day must be 0 (Monday) to 6 (Sunday); {weekday} is not.").format(
                weekday=plan.weekday
            ),
        )
    if plan.first_date.weekday() != plan.weekday:
        raise DatesError(
            "first_date",
            _("{long_date} is a {weekday}, but the series meets on {meeting_day}.").format(
                long_date=long_date(plan.first_date),
                weekday=weekday(plan.first_date.weekday()),
                meeting_day=_meeting_days(plan.weekday),
            ),
        )
    if plan.time_zone:
        find_zone(plan.time_zone)
    _check_skip_dates(plan)


def _check_weeks(weeks: int) -> None:
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        raise DatesError("weeks", _("The number of weeks must be a whole number, such as 8."))
    if weeks < MIN_WEEKS:
        raise DatesError(
            "weeks",
            _("A series has {min_weeks} to {max_weeks} weeks; {weeks} is too few.").format(
                min_weeks=MIN_WEEKS, max_weeks=MAX_WEEKS, weeks=weeks
            ),
        )
    if weeks > MAX_WEEKS:
        raise DatesError(
            "weeks",
            _("A series has {min_weeks} to {max_weeks} weeks; {weeks} is too many.").format(
                min_weeks=MIN_WEEKS, max_weeks=MAX_WEEKS, weeks=weeks
            ),
        )


def _check_skip_dates(plan: SeriesPlan) -> None:
    """A skip must land on a date the series would otherwise meet, or it means nothing."""
    ordered = sorted(plan.skip_dates)
    first = long_date(plan.first_date)
    for day in ordered:
        if day.weekday() != plan.weekday:
            raise DatesError(
                "skip_dates",
                _(
                    "{long_date} is a {weekday}; the series meets on {meeting_day}, so "
                    "there is no session to skip that day."
                ).format(
                    long_date=long_date(day),
                    weekday=weekday(day.weekday()),
                    meeting_day=_meeting_days(plan.weekday),
                ),
            )
        if day < plan.first_date:
            raise DatesError(
                "skip_dates",
                _(
                    "{long_date} is before the series starts on {first}; only dates within "
                    "the series can be skipped."
                ).format(long_date=long_date(day), first=first),
            )
    last = _walk(plan)[-1]
    final = long_date(last)
    for day in ordered:
        if day > last:
            raise DatesError(
                "skip_dates",
                _(
                    "{long_date} is after the last session on {final}; only dates within "
                    "the series can be skipped."
                ).format(long_date=long_date(day), final=final),
            )


def find_zone(name: str) -> ZoneInfo:
    """The named IANA zone, or a DatesError the organiser can act on.

    Only non-empty names belong here; "" (the laptop's zone) is resolved by `local_zone_name`.
    """
    zone = _load_zone(name)
    if zone is None:
        raise DatesError(
            "time_zone",
            _(
                "'{name}' is not a time zone this computer knows. Choose one such as "
                "Europe/London or America/New_York, or leave it empty to use this "
                "computer's zone."
            ).format(name=name),
        )
    return zone


def _load_zone(name: str) -> ZoneInfo | None:
    if not name or name in _NOT_PORTABLE_ZONES:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # unknown, malformed, or a folder
        return None


# --- dates --------------------------------------------------------------------------------------


def next_on_weekday(day: dt.date, weekday: int) -> dt.date:
    """`day` itself if it falls on `weekday`, else the next such date.

    Lets the form offer a one-click fix when the first date is on the wrong day.
    """
    if not 0 <= weekday <= 6:
        raise DatesError(
            "weekday",
            _("The meeting day must be 0 (Monday) to 6 (Sunday); {weekday} is not.").format(
                weekday=weekday
            ),
        )
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def generate_dates(plan: SeriesPlan) -> list[dt.date]:
    """The meeting dates: `weeks` of them, weekly from the first date, stepping over skips.

    A skipped date does not use up a week: the series runs on past it so the circle still gets
    every session it was promised. The plan is validated first, so the result is never partial.
    """
    validate_plan(plan)
    return _walk(plan)


def _walk(plan: SeriesPlan) -> list[dt.date]:
    """Weekly dates from the first date until `weeks` unskipped ones are found."""
    dates: list[dt.date] = []
    day = plan.first_date
    try:
        while True:
            if day not in plan.skip_dates:
                dates.append(day)
                if len(dates) == plan.weeks:
                    return dates
            day += ONE_WEEK
    except OverflowError:
        raise DatesError(
            "first_date",
            _(
                "A series starting on {long_date} would run past the last date the "
                "calendar can hold; choose an earlier first date."
            ).format(long_date=long_date(plan.first_date)),
        ) from None


def move_session(dates: Sequence[dt.date], index: int, new_date: dt.date) -> list[dt.date]:
    """The dates with session `index` (0-based) moved to `new_date`; the input is not changed.

    Positions are kept, not re-sorted: position `index` is still the same session (week
    `index + 1`, with its theme and agenda), only on another day. Any day of the week is
    allowed, since a move is exactly the way round a holiday, but two sessions of one series
    on the same date is refused: the circle cannot meet twice in one day.
    """
    if not 0 <= index < len(dates):
        raise DatesError(
            "index",
            _("There is no week {index} to move; this series has {count} sessions.").format(
                index=index + 1, count=len(dates)
            ),
        )
    for other, day in enumerate(dates):
        if other != index and day == new_date:
            raise DatesError(
                "new_date",
                _(
                    "Week {other} already meets on {long_date}; choose another day for "
                    "this session."
                ).format(other=other + 1, long_date=long_date(new_date)),
            )
    moved = list(dates)
    moved[index] = new_date
    return moved


# --- words --------------------------------------------------------------------------------------


def _meeting_days(weekday: int) -> str:
    """'Mondays', 'lunes': the Series screen's label, in a sentence (Spanish lower-cases it)."""
    word = meeting_day(weekday)
    return word if i18n.current().code == i18n.SOURCE_LANGUAGE else word.lower()


def long_date(day: dt.date) -> str:
    """'1 March 2027' (unambiguous in every English-speaking country), '1 de marzo de 2027':
    a date in a message, in the UI language."""
    if i18n.current().code == i18n.SOURCE_LANGUAGE:
        return f"{day.day} {get_month_names('wide', locale='en')[day.month]} {day.year}"
    return str(format_skeleton("yMMMMd", day, locale=locale_format.ui_locale()))


class _DateWords(NamedTuple):
    days: tuple[str, ...]  # Monday first
    months: tuple[str, ...]  # January first
    pattern: str


_DATE_WORDS: Final = MappingProxyType(  # not-ui-text: the room's words for a family's sheet
    {
        "en": _DateWords(
            ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
            "{weekday} {day} {month} {year}",
        ),
        "es": _DateWords(
            ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
            ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
            "{weekday}, {day} {month} {year}",
        ),
        "fr": _DateWords(
            ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
            (
                "janv.",
                "févr.",
                "mars",
                "avr.",
                "mai",
                "juin",
                "juil.",
                "août",
                "sept.",
                "oct.",
                "nov.",
                "déc.",
            ),
            "{weekday} {day} {month} {year}",
        ),
    }
)


def format_date(day: dt.date, lang: str = "en") -> str:
    """A short long-date such as 'Tue 3 Mar 2026' in English, Spanish or French.

    Written out here rather than through the OS locale, which a laptop in a community room may
    not have installed, so a printed plan reads the same on every machine. A regional tag such
    as 'es-MX' uses its language; any other language falls back to English.
    """
    primary = lang.replace("_", "-").split("-", 1)[0].lower()
    words = _DATE_WORDS.get(primary, _DATE_WORDS["en"])
    return words.pattern.format(
        weekday=words.days[day.weekday()],
        day=day.day,
        month=words.months[day.month - 1],
        year=day.year,
    )


# --- instants -----------------------------------------------------------------------------------


def session_start(day: dt.date, start_time: dt.time, time_zone: str) -> dt.datetime:
    """The aware start instant of a session on `day` at local `start_time` in `time_zone`.

    The wall-clock time is what stays fixed: an 18:00 circle is at 18:00 on both sides of a
    daylight-saving change, and only its UTC offset moves. A time that does not exist that day
    (inside the spring-forward gap) is moved on to the real wall time it falls at, and an
    ambiguous one (the autumn repeat) is the first occurrence.

    `time_zone` "" means the laptop's zone: its IANA name when it can be found, otherwise the
    operating system's own rules for that date (a fixed-offset result that is still right for
    that instant).
    """
    naive = dt.datetime.combine(day, start_time.replace(tzinfo=None, fold=0))
    zone = find_zone(time_zone) if time_zone else _load_zone(local_zone_name() or "")
    if zone is None:
        return naive.astimezone()
    # A round trip through UTC normalises a nonexistent time to the instant it denotes.
    return naive.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)


def local_zone_name(
    environ: Mapping[str, str] | None = None,
    localtime: Path = Path("/etc/localtime"),
    timezone_file: Path = Path("/etc/timezone"),
) -> str | None:
    """The IANA name of this laptop's zone, or None when it cannot be found.

    A name, rather than an offset, is what keeps later dates right across daylight-saving
    changes and what calendar apps need as a TZID. Looked for, without the tzlocal dependency,
    in the TZ variable, the /etc/localtime link (Linux, macOS) and /etc/timezone (Debian).
    The arguments exist so tests can point at their own files.
    """
    env = os.environ if environ is None else environ
    candidates: list[str] = []
    tz_variable = env.get("TZ", "").strip().lstrip(":")
    if tz_variable:
        candidates.append(_zone_key_from_path(tz_variable))
    with contextlib.suppress(OSError):
        if localtime.is_symlink():
            candidates.append(_zone_key_from_path(str(localtime.resolve())))
    with contextlib.suppress(OSError, UnicodeDecodeError):
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    for candidate in candidates:
        if _load_zone(candidate) is not None:
            return candidate
    return None


def _zone_key_from_path(path: str) -> str:
    """'/usr/share/zoneinfo/posix/Europe/London' -> 'Europe/London'; a bare key is kept."""
    marker = "zoneinfo/"
    key = path.rsplit(marker, 1)[1] if marker in path else path
    for prefix in ("posix/", "right/"):
        key = key.removeprefix(prefix)
    return key
