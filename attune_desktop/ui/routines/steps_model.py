"""A routine's steps as an item model: picture, words, minutes, the caregiver's part.

Like the agenda model it never writes: inline edits and drops become request signals the
view sends through the undoable controller, and the model is refreshed from the service.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import Step
from attune_desktop.ui.common.row_moves import RowMoves
from attune_desktop.ui.routines.pictures import PictureIcons

AnyIndex = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-attune-step-row"
COL_PICTURE, COL_WORDS, COL_MINUTES, COL_CAREGIVER = range(4)
HEADERS = ("", N_("Words"), N_("Min"), N_("Caregiver (me)"))
FIELDS = {COL_WORDS: "words", COL_MINUTES: "minutes", COL_CAREGIVER: "caregiver_line"}


def _right_to_left(text: str) -> bool:
    """Arabic (or Hebrew) words start at the right, as they are read."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


class StepsTableModel(RowMoves, QAbstractTableModel):
    move_requested = Signal(int, int)  # from row, to row
    mime_type = MIME_TYPE
    edit_requested = Signal(int, str, object)  # step id, field, value

    def __init__(self, icons: PictureIcons, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icons = icons
        self._steps: list[Step] = []

    def set_steps(self, steps: list[Step]) -> None:
        self.beginResetModel()
        self._steps = list(steps)
        self.endResetModel()

    def step_at(self, row: int) -> Step | None:
        return self._steps[row] if 0 <= row < len(self._steps) else None

    def row_of(self, step_id: int) -> int:
        return next((i for i, s in enumerate(self._steps) if s.id == step_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step = self.step_at(index.row())
        if step is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == COL_PICTURE:
            return self._icons.icon(step.picture)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_PICTURE:
                return str(index.row() + 1)
            if column == COL_MINUTES:
                return str(step.minutes) if step.minutes else ""
            return {COL_WORDS: step.words, COL_CAREGIVER: step.caregiver_line}.get(column)
        if role == Qt.ItemDataRole.EditRole:
            if column == COL_MINUTES:
                return step.minutes or 0
            return {COL_WORDS: step.words, COL_CAREGIVER: step.caregiver_line}.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_WORDS, COL_CAREGIVER):
            text = step.words if column == COL_WORDS else step.caregiver_line
            side = (
                Qt.AlignmentFlag.AlignRight if _right_to_left(text) else Qt.AlignmentFlag.AlignLeft
            )
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_WORDS, COL_CAREGIVER):
            return step.words if column == COL_WORDS else step.caregiver_line
        if role == Qt.ItemDataRole.AccessibleTextRole:
            minutes = _(", {minutes} minutes").format(minutes=step.minutes) if step.minutes else ""
            return _("Step {value1}: {words}{minutes}").format(
                value1=index.row() + 1, words=step.words, minutes=minutes
            )
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        step = self.step_at(index.row())
        field = FIELDS.get(index.column())
        if step is None or field is None or role != Qt.ItemDataRole.EditRole:
            return False
        self.edit_requested.emit(step.id, field, value)
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
        if index.column() in FIELDS:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # --- drag and drop: a drop asks for a move; the service does it --------------------------
