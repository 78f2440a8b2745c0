"""The fixed words printed on a routine sheet and a take-home card, in a family's language.

A family writes its own step words; these are the few words around them (the sheet's kind,
"Done", "Me" and "You", the days of the week) so a parent who reads Arabic gets a whole sheet
in Arabic. The words themselves are the room's gettext catalogues
(`resources/locale/<code>/LC_MESSAGES/room.po`, core.i18n); this module gathers the ones a sheet
needs, once per language and only when that language is printed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from attune_desktop.core.i18n import (
    ROOM_LANGUAGE_CODES,
    RTL_CODES,
    SOURCE_LANGUAGE,
    base_code,
    language,
    room_ntext,
    room_text,
)
from attune_desktop.core.models import TimeOfDay

DEFAULT_LANGUAGE = SOURCE_LANGUAGE  # the room's languages: the one list in core.i18n
RTL_LANGUAGES = RTL_CODES
LANGUAGE_CODES: tuple[str, ...] = ROOM_LANGUAGE_CODES


@dataclass(frozen=True)
class SheetWords:
    """Every fixed word a sheet uses, in one language."""

    code: str
    titles: dict[str, str]  # TimeOfDay value -> the sheet's kind ("Morning routine")
    done: str
    me: str
    you: str
    weekdays: tuple[str, str, str, str, str, str, str]  # Monday first
    week_of: str
    this_week: str
    continued: str
    step: str
    pictures_by: str  # "Pictures:" before the attribution line

    @property
    def name(self) -> str:
        """The language's own name, for a picker."""
        return language(self.code).name

    @property
    def english_name(self) -> str:
        return language(self.code).english_name

    @property
    def rtl(self) -> bool:
        return self.code in RTL_LANGUAGES

    def title_for(self, time_of_day: str) -> str:
        return self.titles.get(time_of_day, self.titles[TimeOfDay.ANYTIME.value])

    def minutes(self, n: int) -> str:
        """'5 minutes', with the language's plural rules ('دقيقتان', '5 хвилин')."""
        return room_ntext(self.code, "{n} minute", "{n} minutes", n).format(n=n)


@functools.cache
def _sheet_words(code: str) -> SheetWords:
    return SheetWords(
        code=code,
        titles={
            TimeOfDay.MORNING.value: room_text(code, "Morning routine"),
            TimeOfDay.AFTER_SCHOOL.value: room_text(code, "After-school routine"),
            TimeOfDay.EVENING.value: room_text(code, "Evening ritual"),
            TimeOfDay.BEDTIME.value: room_text(code, "Bedtime routine"),
            TimeOfDay.ANYTIME.value: room_text(code, "Our routine"),
        },
        # i18n: the "Done" column a child ticks; "Me" and "You" say who helps with a step.
        done=room_text(code, "Done"),
        me=room_text(code, "Me"),
        you=room_text(code, "You"),
        weekdays=(
            room_text(code, "Mon"),
            room_text(code, "Tue"),
            room_text(code, "Wed"),
            room_text(code, "Thu"),
            room_text(code, "Fri"),
            room_text(code, "Sat"),
            room_text(code, "Sun"),
        ),
        week_of=room_text(code, "Week of"),
        this_week=room_text(code, "This week", "routine sheet"),
        continued=room_text(code, "continued"),
        step=room_text(code, "Step"),
        pictures_by=room_text(code, "Pictures:"),
    )


def _room_code(code: str) -> str:
    base = base_code(code)
    return base if base in ROOM_LANGUAGE_CODES else DEFAULT_LANGUAGE


def words_for(code: str) -> SheetWords:
    """The sheet words for a language code ('es', 'es-MX', 'AR'); English when unknown."""
    return _sheet_words(_room_code(code))


def is_supported(code: str) -> bool:
    return base_code(code) in ROOM_LANGUAGE_CODES


def languages() -> list[SheetWords]:
    return [_sheet_words(code) for code in ROOM_LANGUAGE_CODES]


def strip_speaker(line: str, words: SheetWords) -> str:
    """A caregiver line without a leading "me:" the family wrote (the sheet prints its own)."""
    text = line.strip()
    for marker in (":", "："):
        head, sep, rest = text.partition(marker)
        if sep and head.strip().lower() in _speaker_words():
            return rest.strip()
    return text


@functools.cache
def _speaker_words() -> frozenset[str]:
    """ "Me" in every room language: a family may write it before a caregiver's line."""
    return frozenset(_sheet_words(code).me.lower() for code in ROOM_LANGUAGE_CODES)


@dataclass(frozen=True)
class TakeHomeWords:
    """The fixed words of the take-home card "what we practised today", in one language."""

    code: str
    heading: str
    try_at_home: str
    nothing_practised: str
    breathe_in: str
    hold: str
    breathe_out: str
    this_week: str
    invitation: str

    def seconds(self, seconds: float) -> str:
        """'4 s' for a breathing phase ('4 ث', '4 秒')."""
        return room_text(self.code, "{seconds:g} s").format(seconds=seconds)


@functools.cache
def _take_home_words(code: str) -> TakeHomeWords:
    return TakeHomeWords(
        code=code,
        heading=room_text(code, "What we practised today"),
        try_at_home=room_text(code, "Try it at home, together"),
        nothing_practised=room_text(code, "Today we talked and listened together."),
        breathe_in=room_text(code, "Breathe in"),
        hold=room_text(code, "Hold"),
        breathe_out=room_text(code, "Breathe out"),
        this_week=room_text(code, "This week", "take-home card"),
        invitation=room_text(
            code,
            "Notice one moment your child's face lights up, and check back in next time.",
        ),
    )


def take_home_words(code: str) -> TakeHomeWords:
    """The take-home card's words for a language code; English when unknown."""
    return _take_home_words(_room_code(code))
