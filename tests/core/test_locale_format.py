"""Dates, clock times and numbers as the facilitator's language writes them (core.locale_format)."""

from __future__ import annotations

import datetime as dt

import pytest

from attune_desktop.core import agenda, i18n, locale_format

DAY = dt.date(2026, 11, 17)
EVENING = dt.time(18, 5)


@pytest.fixture
def region(monkeypatch):
    """Set the computer's locale, as LANG says it."""

    def set_region(tag: str) -> None:
        for variable in ("LC_ALL", "LC_TIME"):
            monkeypatch.delenv(variable, raising=False)
        monkeypatch.setenv("LANG", tag)

    return set_region


@pytest.mark.parametrize(
    ("code", "system", "day", "clock", "number"),
    [
        ("en", "C.UTF-8", "Tue, 17 Nov 2026", "18:05", "1,234.5"),
        ("en", "en_US.UTF-8", "Tue, Nov 17, 2026", "6:05\u202fPM", "1,234.5"),
        ("es", "C.UTF-8", "mar, 17 nov 2026", "18:05", "1.234,5"),
        ("es", "es_US.UTF-8", "mar, 17 de nov de 2026", "6:05\u202fp.m.", "1,234.5"),
        ("ar", "C.UTF-8", "الثلاثاء، 17 نوفمبر 2026", "6:05 م", "1,234.5"),
    ],
)
def test_one_way_to_write_dates_times_and_numbers(region, code, system, day, clock, number):
    """GIVEN a UI language and the computer's region
    WHEN a date, a clock time and a number are shown
    THEN each follows that language's (and region's) conventions, Arabic with digits 0–9."""
    region(system)
    with i18n.using(code):
        assert locale_format.day_date(DAY) == day
        assert locale_format.clock(EVENING).replace("\xa0", " ") == clock.replace("\xa0", " ")
        assert locale_format.number(1234.5) == number


def test_agenda_clock_labels_follow_the_language(region):
    """GIVEN a segment that ends after midnight WHEN labelled in English and in Spanish (US)
    THEN the day after is said in words and the clock follows the language."""
    region("C.UTF-8")
    assert agenda.clock_label(24 * 60 + 15) == "00:15 (+1 day)"
    region("es_US.UTF-8")
    with i18n.using("es"):
        assert agenda.clock_label(24 * 60 + 15).endswith("(+1 día)")
        assert "a.m." in agenda.clock_label(24 * 60 + 15)
        assert agenda.duration_label(125) == "2 h 05 min"


def test_weekday_names_come_from_cldr(region):
    """GIVEN Arabic WHEN Monday is named THEN it is the Arabic name CLDR gives."""
    region("C.UTF-8")
    with i18n.using("ar"):
        assert locale_format.weekday(0) == "الاثنين"
    assert locale_format.weekday(0) == "Monday"
