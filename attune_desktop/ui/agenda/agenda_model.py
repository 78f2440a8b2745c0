"""The agenda as an item model: clock times, titles, minutes; drag and drop asks to move."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from attune_desktop.core import agenda
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import Segment
from attune_desktop.core.value_labels import SEGMENT_KIND_LABELS
from attune_desktop.ui.common.cell_names import cell_name
from attune_desktop.ui.common.row_edits import RowEdits
from attune_desktop.ui.common.row_moves import AnyIndex, RowMoves

MIME_TYPE = "application/x-attune-segment-row"

KIND_LABELS = SEGMENT_KIND_LABELS

COL_START, COL_END, COL_KIND, COL_TITLE, COL_MINUTES, COL_FIXED = range(6)
HEADERS = (N_("Start"), N_("End"), N_("Kind"), N_("Segment"), N_("Min"), "")
SPOKEN_HEADERS = (N_("Start"), N_("End"), N_("Kind"), N_("Segment"), N_("Minutes"), N_("Time"))


class AgendaTableModel(RowEdits[Segment], RowMoves, QAbstractTableModel):
    """Rows are the segments of one session, in order.

    The model never writes: a drop or an inline edit is turned into a request signal that the
    view sends through the undoable controller, and the model is refreshed from the service.
    """

    move_requested = Signal(int, int)  # from row, to row
    mime_type = MIME_TYPE
    edit_requested = Signal(int, str, object)  # segment id, field, value
    headers = HEADERS
    spoken_headers = SPOKEN_HEADERS
    edit_fields = MappingProxyType({COL_TITLE: "title", COL_MINUTES: "planned_minutes"})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Segment] = []
        self._slots: list[agenda.Slot] = []

    def set_segments(self, segments: list[Segment], start: dt.time) -> None:
        self.beginResetModel()
        self._rows = list(segments)
        self._slots = agenda.slots(start, [s.planned_minutes for s in segments])
        self.endResetModel()

    def segment_at(self, row: int) -> Segment | None:
        return self.row_at(row)

    def segments(self) -> list[Segment]:
        return list(self._rows)

    def cell_data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        segment = self.segment_at(index.row())
        if segment is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            slot = self._slots[index.row()]
            values = {
                COL_START: slot.start_label,
                COL_END: slot.end_label,
                COL_KIND: _(KIND_LABELS.get(segment.kind, segment.kind)),
                COL_TITLE: segment.title,
                COL_MINUTES: segment.planned_minutes
                if role == Qt.ItemDataRole.EditRole
                else str(segment.planned_minutes),
                COL_FIXED: _("fixed") if segment.fixed else _("flexible"),
            }
            return values.get(column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TITLE:
            return segment.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column != COL_START:  # each cell its own words; the first one the whole row
                shown = self.cell_data(index, Qt.ItemDataRole.DisplayRole)
                return cell_name(SPOKEN_HEADERS[column], str(shown or ""))
            slot = self._slots[index.row()]
            return _("{start_label} {title}, {planned_minutes} minutes, {flexibility}").format(
                start_label=slot.start_label,
                title=segment.title,
                planned_minutes=segment.planned_minutes,
                flexibility=_("fixed") if segment.fixed else _("flexible"),
            )
        return None

    # --- drag and drop: a drop asks for a move; the service does it --------------------------


def configure_agenda_table(table: QTableView) -> None:
    """Rows chosen whole, one at a time, dragged to reorder; titles take the width."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    table.setDragEnabled(True)
    table.setAcceptDrops(True)
    table.setDropIndicatorShown(True)
    table.setDragDropOverwriteMode(False)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.setAccessibleName(_("Agenda"))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
