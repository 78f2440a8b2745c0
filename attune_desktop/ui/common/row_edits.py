"""Inline edits in a table of rows the service owns: a cell edit is a request, never a write.

The agenda and the steps models use it (with `RowMoves`): editing a cell emits
`edit_requested(row id, field, value)`, which the view sends through the undoable controller,
and the model is refreshed from the service. A model answers `cell_data()`; `data()` shows
typed words in their own direction (`rows_model.shown`), while an edit gets them as typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, Qt

from attune_desktop.core.i18n import _
from attune_desktop.ui.common.row_moves import AnyIndex
from attune_desktop.ui.common.rows_model import shown


class Stored(Protocol):
    """A row of a core model: it has the id the service knows it by."""

    @property
    def id(self) -> int | None: ...


RowT = TypeVar("RowT", bound=Stored)


class RowEdits(Generic[RowT]):
    """The rows, headers, editable columns and drag flags of a table model (a mixin).

    Put it first: `class StepsTableModel(RowEdits[Step], RowMoves, QAbstractTableModel)`. The
    model declares `headers` (and `spoken_headers`, what a reader says for each), `edit_fields`
    (column → the field an edit of it changes) and an `edit_requested = Signal(int, str,
    object)`, and sets `self._rows` in `__init__` and inside its reset.
    """

    headers: Sequence[str]
    spoken_headers: Sequence[str] = ()  # what a screen reader says for a header ("Min" → "Minutes")
    edit_fields: Mapping[int, str]
    _rows: list[RowT]

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_id(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found is not None else None

    def row_of(self, ident: int) -> int:
        return next((i for i, found in enumerate(self._rows) if found.id == ident), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def cell_data(self, index: AnyIndex, role: int) -> Any:
        """A cell's value for a role, as typed (the model's own)."""
        raise NotImplementedError

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = self.cell_data(index, role)
        if role == Qt.ItemDataRole.DisplayRole and isinstance(value, str):
            return shown(value)
        return value

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        ident = self.row_id(index.row())
        field = self.edit_fields.get(index.column())
        if ident is None or field is None or role != Qt.ItemDataRole.EditRole:
            return False
        self.edit_requested.emit(ident, field, value)  # type: ignore[attr-defined]
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.headers[section])  # declared with N_()
        if role == Qt.ItemDataRole.AccessibleTextRole and self.spoken_headers:
            return _(self.spoken_headers[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        inherited: Qt.ItemFlag = super().flags(index)  # type: ignore[misc]
        base = inherited | Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() in self.edit_fields:
            base |= Qt.ItemFlag.ItemIsEditable
        return base
