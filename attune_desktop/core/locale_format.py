"""The one way to show a date, a time or a number to a person, in the UI language's manner.

Every screen, sheet and message that shows a date, a clock time or a number to a person
formats it here (Babel, from CLDR): 12- or 24-hour clocks, month and weekday names, digits
and separators follow the active UI language (`core.i18n`), in the computer's region when the
computer speaks that language too (Spanish in the United States has a 12-hour clock; Spanish
in Spain a 24-hour one). Machine formats stay as they are elsewhere: ISO dates in CSV files
and calendar (.ics) exports, file names, settings.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from attune_desktop.core import i18n

MINUTES_PER_DAY = 24 * 60
# A language whose region the computer does not say: English keeps a 24-hour clock and the day
# before the month, as Attune wrote them before it spoke other languages.
_WITHOUT_REGION = {"en": "en_GB"}


def _system_tag() -> str:
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(variable, "").split(".")[0]
        if value and value not in ("C", "POSIX"):
            return value
    return ""


@functools.cache
def _locale_for(language: str, system: str) -> Locale:
    if system and i18n.base_code(system) == language:
        try:
            return Locale.parse(system.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            pass
    return Locale.parse(_WITHOUT_REGION.get(language, language))


def ui_locale() -> Locale:
    """The CLDR locale of the active UI language (in the computer's region when it matches)."""
    return _locale_for(i18n.current().code, _system_tag())


def locale_name() -> str:
    """'es_US', 'ar', 'en_GB': for Qt's QLocale, so its date and time fields agree."""
    return str(ui_locale())


def uses_24_hour_clock() -> bool:
    return "a" not in ui_locale().time_formats["short"].pattern


def _skeleton(skeleton: str, value: dt.date | dt.datetime | dt.time) -> str:
    return str(babel_dates.format_skeleton(skeleton, value, locale=ui_locale()))


def day_date(day: dt.date) -> str:
    """The weekday, day, month and year: 'Tue, Nov 17, 2026', 'mar, 17 nov 2026'."""
    return _skeleton("yMMMEd", day)


def long_date(day: dt.date) -> str:
    """In full, for a title or a printed sheet: 'Tuesday, November 17, 2026'."""
    return str(babel_dates.format_date(day, "full", locale=ui_locale()))


def short_date(day: dt.date) -> str:
    """Day, month and year, for a table: 'Nov 17, 2026', '17 nov 2026'."""
    return _skeleton("yMMMd", day)


def day_month(day: dt.date) -> str:
    """Day and month: 'Nov 17', '17 nov'."""
    return _skeleton("MMMd", day)


def weekday_day_month(day: dt.date) -> str:
    """Weekday, day and month: 'Tue, Nov 17', 'mar, 17 nov'."""
    return _skeleton("MMMEd", day)  # not-ui-text


def weekday(index: int, width: Literal["abbreviated", "narrow", "short", "wide"] = "wide") -> str:
    """A weekday's name, Monday = 0: 'Tuesday', 'martes', 'الثلاثاء'."""
    return str(babel_dates.get_day_names(width, "format", locale=ui_locale())[index])


def clock(moment: dt.time | dt.datetime) -> str:
    """A clock time: '6:05 PM' where the clock is 12-hour, '18:05' where it is 24-hour."""
    return str(babel_dates.format_time(moment, "short", locale=ui_locale()))


def clock_minutes(minute_of_day: int) -> str:
    """A clock time from minutes after midnight (days past it are left to the caller)."""
    minute = minute_of_day % MINUTES_PER_DAY
    return clock(dt.time(minute // 60, minute % 60))


def date_time(moment: dt.datetime) -> str:
    """A date with its time: 'Tue, Nov 17, 2026, 6:05 PM'."""
    return f"{day_date(moment.date())} {clock(moment)}"


def number(value: float) -> str:
    """A number with the language's separators: '1,234.5', '1.234,5'."""
    return str(babel_numbers.format_decimal(value, locale=ui_locale()))


def decimal(value: float, places: int = 1) -> str:
    """A number with a fixed count of decimal places: '2.5', '2,5'."""
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return str(babel_numbers.format_decimal(value, format=pattern, locale=ui_locale()))
