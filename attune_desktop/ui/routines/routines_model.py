"""A family's routines as an item model that can be reordered by drag and drop.

The printed sheets follow this order, so a drop asks for a move (through the undoable
controller) instead of letting Qt move the row; the model is refreshed from the service.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import Routine, TimeOfDay
from attune_desktop.ui.common.row_moves import AnyIndex, RowMoves
from attune_desktop.ui.common.rows_model import Column, RowsTableModel

MIME_TYPE = "application/x-attune-routine-row"
TIME_LABELS = {
    TimeOfDay.MORNING.value: N_("Morning"),
    TimeOfDay.AFTER_SCHOOL.value: N_("After school"),
    TimeOfDay.EVENING.value: N_("Evening"),
    TimeOfDay.BEDTIME.value: N_("Bedtime"),
    TimeOfDay.ANYTIME.value: N_("Any time"),
}


class RoutinesTableModel(RowMoves, RowsTableModel[Routine]):
    move_requested = Signal(int, int)  # from row, to row
    mime_type = MIME_TYPE

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(_("Routine"), lambda r: r.title, tooltip=lambda r: r.title),
                Column(_("When"), lambda r: _(TIME_LABELS.get(r.time_of_day, r.time_of_day))),
            ],
            parent,
        )

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base
