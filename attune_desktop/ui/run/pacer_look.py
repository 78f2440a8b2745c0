"""How the room's pacer looks (its settings) and what plays its breath tones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from attune_desktop.core.checkin_scales import LANGUAGES, language_of
from attune_desktop.ui.common.settings import Settings

REDUCED_MOTION_KEY = "pacer/reduced_motion"  # "system", "on" or "off"
NUMBERS_KEY = "pacer/numbers"
LANGUAGE_KEY = "pacer/language"


class TonePlayer(Protocol):
    """Plays the soft breath tones (the run's chime player, so volume and mute are shared)."""

    def play_breath(self, breathing_in: bool) -> None: ...


def desktop_prefers_reduced_motion() -> bool:
    hints = QGuiApplication.styleHints()
    if hints is None:
        return False
    try:
        preference = hints.accessibility().motionPreference()
    except (AttributeError, RuntimeError):  # an older Qt reports nothing
        return False
    return bool(preference == Qt.MotionPreference.ReducedMotion)


@dataclass(frozen=True)
class PacerLook:
    """How the room's pacer looks, whatever the practice: the room's settings."""

    reduced_motion: bool = False
    numbers: bool = True
    language: str = "en"

    @classmethod
    def load(cls, settings: Settings) -> PacerLook:
        choice = (settings.text(REDUCED_MOTION_KEY) or "system").lower()
        reduced = desktop_prefers_reduced_motion() if choice == "system" else choice == "on"
        language = language_of(settings.text(LANGUAGE_KEY) or "en")
        return cls(
            reduced_motion=reduced,
            numbers=settings.flag(NUMBERS_KEY),
            language=language if language in LANGUAGES else "en",
        )
