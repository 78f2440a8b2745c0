"""The words the Practices screen shows for stored keys (kinds, counting styles, languages)."""

from __future__ import annotations

from attune_desktop.core.i18n import N_

# The room languages and their own names, as the check-ins show them.
from attune_desktop.ui.checkins.open_round_dialog import LANGUAGE_NAMES

KIND_LABELS = {
    "breathing": N_("Breathing"),
    "grounding": N_("Grounding"),
    "humming": N_("Humming"),
    "self_holding": N_("Self-holding"),
    "movement": N_("Movement"),
    "orienting": N_("Orienting"),
    "other": N_("Other"),
}
COUNTING_LABELS = {
    "natural": N_("Count up breathing in, down breathing out"),
    "down": N_("Count down every phase"),
    "up": N_("Count up every phase, out-breath too"),
    "none": N_("No numbers"),
}
# Lengths the library can be filtered by: (label, fewest minutes, most minutes; 0 = any).
LENGTHS = (
    (N_("Any length"), 0, 0),
    (N_("Up to 3 min"), 0, 3),
    (N_("4 to 5 min"), 4, 5),
    (N_("6 min or more"), 6, 0),
)

__all__ = ["COUNTING_LABELS", "KIND_LABELS", "LANGUAGE_NAMES", "LENGTHS"]
