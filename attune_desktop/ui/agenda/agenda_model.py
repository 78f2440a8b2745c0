"""The agenda as an item model: clock times, titles, minutes; drag and drop asks to move."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from attune_desktop.core import agenda
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import Segment
from attune_desktop.core.value_labels import SEGMENT_KIND_LABELS
from attune_desktop.ui.common.row_moves import RowMoves

AnyIndex = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-attune-segment-row"

KIND_LABELS = SEGMENT_KIND_LABELS

COL_START, COL_END, COL_KIND, COL_TITLE, COL_MINUTES, COL_FIXED = range(6)
HEADERS = (N_("Start"), N_("End"), N_("Kind"), N_("Segment"), N_("Min"), "")


class AgendaTableModel(RowMoves, QAbstractTableModel):
    """Rows are the segments of one session, in order.

    The model never writes: a drop or an inline edit is turned into a request signal that the
    view sends through the undoable controller, and the model is refreshed from the service.
    """

    move_requested = Signal(int, int)  # from row, to row
    mime_type = MIME_TYPE
    edit_requested = Signal(int, str, object)  # segment id, field, value

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._segments: list[Segment] = []
        self._slots: list[agenda.Slot] = []

    def set_segments(self, segments: list[Segment], start: dt.time) -> None:
        self.beginResetModel()
        self._segments = list(segments)
        self._slots = agenda.slots(start, [s.planned_minutes for s in segments])
        self.endResetModel()

    def segment_at(self, row: int) -> Segment | None:
        return self._segments[row] if 0 <= row < len(self._segments) else None

    def row_of(self, segment_id: int) -> int:
        return next((i for i, s in enumerate(self._segments) if s.id == segment_id), -1)

    def segments(self) -> list[Segment]:
        return list(self._segments)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._segments)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
            slot = self._slots[index.row()]
            return _("{start_label} {title}, {planned_minutes} minutes, {value6}").format(
                start_label=slot.start_label,
                title=segment.title,
                planned_minutes=segment.planned_minutes,
                value6=_("fixed") if segment.fixed else _("flexible"),
            )
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        segment = self.segment_at(index.row())
        if segment is None or role != Qt.ItemDataRole.EditRole:
            return False
        field = {COL_TITLE: "title", COL_MINUTES: "planned_minutes"}.get(index.column())
        if field is None:
            return False
        self.edit_requested.emit(segment.id, field, value)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section]) if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() in (COL_TITLE, COL_MINUTES):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

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
