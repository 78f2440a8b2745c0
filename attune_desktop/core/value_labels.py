"""The words a person reads for stored values: a status, a segment's kind.

The database keeps the key ('delivered', 'check_in'); screens and sheets show the label in
the UI language (core.i18n): `status_label(key)`, `_(SEGMENT_KIND_LABELS[key])`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from attune_desktop.core.i18n import N_, _

STATUS_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "planned": N_("Planned"),
        "running": N_("Running"),
        "delivered": N_("Delivered"),
        "cancelled": N_("Cancelled"),
        "open": N_("Open"),
        "closed": N_("Closed"),
    }
)

SEGMENT_KIND_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "welcome": N_("Welcome"),
        "check_in": N_("Check-in"),
        "teaching": N_("Teaching"),
        "discussion": N_("Discussion"),
        "practice": N_("Practice"),
        "break": N_("Break"),
        "closing": N_("Closing"),
        "other": N_("Other"),
    }
)


def status_label(key: str) -> str:
    """'delivered' → 'Delivered' (or 'Realizada' in Spanish); an unknown key as it is."""
    label = STATUS_LABELS.get(key)
    return _(label) if label else key.capitalize()


# A series meets on a weekday (0 = Monday): "Tuesdays 18:00" on the Series screen and the plan.
MEETING_DAYS: Final = (
    N_("Mondays"),
    N_("Tuesdays"),
    N_("Wednesdays"),
    N_("Thursdays"),
    N_("Fridays"),
    N_("Saturdays"),
    N_("Sundays"),
)


def meeting_day(weekday: int) -> str:
    """'Tuesdays', in the UI language."""
    return _(MEETING_DAYS[weekday])
