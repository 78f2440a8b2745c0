"""The words the room reads on the breathing pacer, in the six room languages.

Each practice may give its own word for a phase ("hum" for the out-breath of a humming
practice, "let go", "sigh out"), per language; a phase it leaves blank reads the default word
of that language. The languages are the check-ins' (`checkin_scales.LANGUAGES`), so the room
reads its pacer in the language it answers check-ins in.

Stored on the practice as compact JSON: {"en": {"out": "hum"}, "fr": {"out": "fredonnez"}}.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

from attune_desktop.core.checkin_scales import FALLBACK_LANGUAGE, LANGUAGES, language_of
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import _

MAX_WORD_CHARS: Final = 30
# The phases a practice can name: the four of a breath, the top-up inhale and the lead-in.
PHASES: Final = ("in", "in2", "hold", "out", "settle")

DEFAULT_WORDS: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        "en": {
            "in": "breathe in",
            "in2": "a little more",
            "hold": "hold",
            "out": "breathe out",
            "settle": "settle in",
        },
        "es": {
            "in": "inhala",
            "in2": "un poco más",
            "hold": "pausa",
            "out": "exhala",
            "settle": "acomódate",
        },
        "fr": {
            "in": "inspirez",
            "in2": "encore un peu",
            "hold": "pause",
            "out": "expirez",
            "settle": "installez-vous",
        },
        "ar": {
            "in": "شهيق",
            "in2": "قليلًا بعد",
            "hold": "توقّف",
            "out": "زفير",
            "settle": "استقرّ",
        },
        "uk": {
            "in": "вдих",
            "in2": "ще трохи",
            "hold": "пауза",
            "out": "видих",
            "settle": "влаштуйтеся",
        },
        "zh": {
            "in": "吸气",
            "in2": "再吸一点",
            "hold": "停住",
            "out": "呼气",
            "settle": "安顿下来",
        },
    }
)

PhaseWords = dict[str, dict[str, str]]


def word_for(custom: Mapping[str, Mapping[str, str]], language: str, phase: str) -> str:
    """The practice's word for a phase in a language, else that language's default word."""
    lang = language_of(language)
    own = custom.get(lang, {}).get(phase, "")
    if own:
        return own
    defaults = DEFAULT_WORDS.get(lang, DEFAULT_WORDS[FALLBACK_LANGUAGE])
    return defaults.get(phase, "")


def room_words(custom: Mapping[str, Mapping[str, str]], language: str) -> dict[str, str]:
    """Every phase's word in one language, ready for the pacer to show."""
    return {phase: word_for(custom, language, phase) for phase in PHASES}


def parse_words(text: str) -> PhaseWords:
    """The stored JSON back as a dict; anything unreadable is read as 'no own words'."""
    if not text:
        return {}
    try:
        return clean_words(text)
    except ValidationError:
        return {}


def words_json(words: Mapping[str, Mapping[str, str]]) -> str:
    """The one way phase words are stored: sorted, compact, empty when there are none."""
    clean = {lang: dict(sorted(phases.items())) for lang, phases in words.items() if phases}
    if not clean:
        return ""
    return json.dumps(dict(sorted(clean.items())), ensure_ascii=False, separators=(",", ":"))


def clean_words(value: object) -> PhaseWords:
    """Check phase words given as JSON text or as a dict; say exactly what is wrong."""
    data: object = value
    if isinstance(value, str):
        if not value.strip():
            return {}
        try:
            data = json.loads(value)
        except (json.JSONDecodeError, RecursionError):
            raise ValidationError("phase_words", _("Phase words could not be read.")) from None
    if not isinstance(data, dict):
        raise ValidationError(
            "phase_words", _("Phase words are given per language, e.g. {“en”: {“out”: “hum”}}.")
        )
    clean: PhaseWords = {}
    for lang, phases in data.items():
        _one_of(lang, LANGUAGES, _("room language"))
        if not isinstance(phases, dict):
            raise ValidationError(
                "phase_words", _("Phase words in “{lang}” must be phase: word.").format(lang=lang)
            )
        words: dict[str, str] = {}
        for phase, word in phases.items():
            _one_of(phase, PHASES, "phase")
            if not isinstance(word, str):
                raise ValidationError(
                    "phase_words", _("The word for “{phase}” must be text.").format(phase=phase)
                )
            text = " ".join(word.split())
            if any(not ch.isprintable() for ch in text):
                raise ValidationError(
                    "phase_words",
                    _("The word for “{phase}” has characters that cannot be shown.").format(
                        phase=phase
                    ),
                )
            if len(text) > MAX_WORD_CHARS:
                raise ValidationError(
                    "phase_words",
                    _(
                        "The word for “{phase}” ({lang}) is longer than {max_word_chars} "
                        "characters; the room reads it at a glance."
                    ).format(phase=phase, lang=lang, max_word_chars=MAX_WORD_CHARS),
                )
            if text:
                words[phase] = text
        if words:
            clean[lang] = words
    return clean


def clean_words_json(value: object) -> str:
    """The validator the practice service uses: any accepted input, stored canonically."""
    return words_json(clean_words(value))


def _one_of(value: object, allowed: Sequence[str], what: str) -> None:
    if value not in allowed:
        raise ValidationError(
            "phase_words",
            _("“{value}” is not a {what}; use one of {allowed}.").format(
                value=str(value)[:20], what=what, allowed=", ".join(allowed)
            ),
        )
