"""The words the Practices screen shows for stored keys (kinds, counting styles, languages)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# The room languages and their own names, as the check-ins show them.
from attune_desktop.ui.checkins.open_round_dialog import LANGUAGE_NAMES


def _t(context: str, text: str) -> str:
    """Marks a label for translation (lupdate reads QT_TRANSLATE_NOOP); shown with tr()."""
    return str(QT_TRANSLATE_NOOP(context, text))


KIND_LABELS = {
    "breathing": _t("Practices", "Breathing"),
    "grounding": _t("Practices", "Grounding"),
    "humming": _t("Practices", "Humming"),
    "self_holding": _t("Practices", "Self-holding"),
    "movement": _t("Practices", "Movement"),
    "orienting": _t("Practices", "Orienting"),
    "other": _t("Practices", "Other"),
}
COUNTING_LABELS = {
    "natural": _t("Practices", "Count up breathing in, down breathing out"),
    "down": _t("Practices", "Count down every phase"),
    "up": _t("Practices", "Count up every phase, out-breath too"),
    "none": _t("Practices", "No numbers"),
}
# Lengths the library can be filtered by: (label, fewest minutes, most minutes; 0 = any).
LENGTHS = (
    (_t("Practices", "Any length"), 0, 0),
    (_t("Practices", "Up to 3 min"), 0, 3),
    (_t("Practices", "4 to 5 min"), 4, 5),
    (_t("Practices", "6 min or more"), 6, 0),
)

__all__ = ["COUNTING_LABELS", "KIND_LABELS", "LANGUAGE_NAMES", "LENGTHS"]
