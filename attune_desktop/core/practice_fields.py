"""What a practice is made of: each field's check, and the fields that travel in files.

Shared by the practice service, template bundles and practices files, so a practice is
checked the same way whichever door it comes in by.
"""

from __future__ import annotations

from typing import Any

from attune_desktop.core import validation as v
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Practice, PracticeKind
from attune_desktop.core.pacer_words import clean_words_json
from attune_desktop.core.pacing import Counting, PatternError, format_pattern, parse_pattern
from attune_desktop.core.services.base import Validator


def _pacing(value: object) -> str:
    text = v.clean_text(value, "pacing", max_len=200)
    if not text:
        return ""
    try:
        return str(format_pattern(parse_pattern(text)))
    except PatternError as exc:
        raise ValidationError("pacing", str(exc)) from exc


PRACTICE_FIELDS: dict[str, Validator] = {
    "name": lambda x: v.required_text(x, "name"),
    "kind": lambda x: v.choice(x, "kind", PracticeKind),
    "default_minutes": lambda x: v.minutes(x, "default_minutes"),
    "summary": lambda x: v.clean_text(x, "summary", max_len=400),
    "script": lambda x: v.notes(x, "script"),
    "pacing": _pacing,
    "cues": lambda x: v.notes(x, "cues", max_len=4_000),
    "care_notes": lambda x: v.notes(x, "care_notes", max_len=4_000),
    "slug": lambda x: None if x is None else v.clean_text(x, "slug", max_len=80) or None,
    "builtin": bool,
    "phase_words": clean_words_json,
    "counting": lambda x: v.choice(x, "counting", Counting),
    "breath_tones": lambda x: _flag(x, "breath_tones"),
}
# The fields a practice file or bundle carries, and the JSON type each is written as.
SHARED_FIELDS: dict[str, type] = {
    "name": str,
    "kind": str,
    "default_minutes": int,
    "summary": str,
    "script": str,
    "pacing": str,
    "cues": str,
    "care_notes": str,
    "phase_words": str,
    "counting": str,
    "breath_tones": bool,
}


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, _("must be on or off (true or false)."))
    return value


def shared_fields(practice: Practice) -> dict[str, Any]:
    """A practice's fields as a file carries them (no id, slug or starter mark)."""
    return {name: getattr(practice, name) for name in SHARED_FIELDS}
