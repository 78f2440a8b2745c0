"""Validators shared by every service: each returns the clean value or raises ValidationError.

Messages are written for the person at the keyboard: they say what is wrong and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum

from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import _

TITLE_MAX = 120
SHORT_TEXT_MAX = 200
NOTES_MAX = 20_000
MIN_MINUTES = 1
MAX_MINUTES = 240
MAX_SESSION_MINUTES = 600
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Embeddings, overrides and isolates reorder the text around them: "‮txt.exe" shows as
# "exe.txt". The plain marks (LRM, RLM, ALM) cannot reorder and right-to-left text needs them.
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Characters that draw nothing but are not whitespace to `str.strip` (besides format, "Cf").
_BLANK_LOOKING = frozenset("\u115f\u1160\u2800\u3164\uffa0")  # not-ui-text


def clean_text(value: object, field: str, *, max_len: int, multiline: bool = False) -> str:
    """Trimmed text without control characters; too long is refused, never truncated.

    Text that cannot be stored (a lone surrogate) or that could show misleadingly (a
    right-to-left override or another bidirectional control) is refused with a message saying
    so; text made only of invisible characters counts as empty.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, _("The {label} must be text.").format(label=_label(field)))
    _refuse_unshowable(value, field)
    text = _CONTROL_CHARS.sub("", value).strip()
    if not multiline:
        text = " ".join(text.split())
    if text and all(_invisible(char) for char in text):
        text = ""
    if len(text) > max_len:
        raise ValidationError(
            field,
            _("The {label} is {count:,} characters long; at most {max_len:,} fit.").format(
                label=_label(field), count=len(text), max_len=max_len
            ),
        )
    return text


def required_text(value: object, field: str = "title", *, max_len: int = TITLE_MAX) -> str:
    text = clean_text(value, field, max_len=max_len)
    if not text:
        if isinstance(value, str) and value.strip():
            raise ValidationError(
                field,
                _(
                    "The {label} is made only of invisible characters; please type one "
                    "people can read."
                ).format(label=_label(field)),
            )
        raise ValidationError(
            field, _("Please give a {label}; it cannot be empty.").format(label=_label(field))
        )
    return text


def _refuse_unshowable(value: str, field: str) -> None:
    surrogate = _LONE_SURROGATE.search(value)
    if surrogate is not None:
        code = ord(surrogate.group())
        raise ValidationError(
            field,
            _(
                "The {label} has a broken character (U+{code:04X}, half of a pair that "
                "was split) which cannot be saved; retype or remove it."
            ).format(label=_label(field), code=code),
        )
    control = _BIDI_CONTROLS.search(value)
    if control is not None:
        name = unicodedata.name(control.group(), _("text-direction control")).lower()
        code = ord(control.group())
        raise ValidationError(
            field,
            _(
                "The {label} holds an invisible text-direction control (U+{code:04X}, "
                "{name}) that can make words show in a misleading order; remove it."
            ).format(label=_label(field), code=code, name=name),
        )


def _invisible(char: str) -> bool:
    return char.isspace() or char in _BLANK_LOOKING or unicodedata.category(char) == "Cf"


def notes(value: object, field: str = "notes", *, max_len: int = NOTES_MAX) -> str:
    return clean_text(value, field, max_len=max_len, multiline=True)


def whole_number(value: object, field: str, *, low: int, high: int, unit: str = "") -> int:
    if isinstance(value, bool) or value is None:
        raise ValidationError(
            field, _("The {label} must be a whole number.").format(label=_label(field))
        )
    if isinstance(value, str):
        value = value.strip()
        if not re.fullmatch(r"[+-]?\d+", value):
            raise ValidationError(
                field, _("The {label} must be a whole number.").format(label=_label(field))
            )
        value = int(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(
                field, _("The {label} must be a whole number.").format(label=_label(field))
            )
        value = int(value)
    if not isinstance(value, int):
        raise ValidationError(
            field, _("The {label} must be a whole number.").format(label=_label(field))
        )
    if not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise ValidationError(
            field,
            _("The {label} must be from {low} to {high}{suffix}; {value} is not.").format(
                label=_label(field), low=low, high=high, suffix=suffix, value=value
            ),
        )
    return value


def minutes(value: object, field: str = "minutes") -> int:
    return whole_number(value, field, low=MIN_MINUTES, high=MAX_MINUTES, unit="minutes")


def session_minutes(value: object, field: str = "target_minutes") -> int:
    return whole_number(value, field, low=MIN_MINUTES, high=MAX_SESSION_MINUTES, unit="minutes")


def choice(value: object, field: str, enum: type[StrEnum]) -> str:
    try:
        return enum(str(value)).value
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValidationError(
            field,
            _("'{value}' is not a valid {label}; choose one of: {allowed}.").format(
                value=value, label=_label(field), allowed=allowed
            ),
        ) from None


def clock_time(value: object, field: str = "start_time") -> dt.time:
    """A time of day, from a `time` or text such as '18:00' or '6:30'."""
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})[:.h](\d{2})\s*", value)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour < 24 and minute < 60:
                return dt.time(hour, minute)
    raise ValidationError(
        field, _("'{value}' is not a time of day; write it like 18:00.").format(value=value)
    )


def calendar_date(value: object, field: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(
        field, _("'{value}' is not a date; write it like 2026-03-03.").format(value=value)
    )


def optional_date(value: object, field: str = "date") -> dt.date | None:
    if value is None or value == "":
        return None
    return calendar_date(value, field)


def _label(field: str) -> str:
    return field.replace("_", " ")
