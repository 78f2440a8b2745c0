"""A read-only table model over a list of rows, described by columns (vorta's `set_rows`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from attune_desktop.core.bidi import isolated
from attune_desktop.ui.common.cell_names import cell_name
from attune_desktop.ui.common.row_moves import AnyIndex

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Column(Generic[RowT]):
    header: str
    text: Callable[[RowT], str]
    align_right: bool = False
    tooltip: Callable[[RowT], str] | None = None


def shown(text: str) -> str:
    """Words someone typed, as a table or a list shows them: isolated (FSI … PDI) when they read
    the other way from the screen, so a family's "¡Buenos días!" in an Arabic screen keeps its
    punctuation where it was typed. Only for showing: an edit gets the words as typed."""
    rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return isolated(text, rtl)


def row_id(row: object) -> int | None:
    """A core row's `id` (None for no row)."""
    ident = getattr(row, "id", None)
    return ident if isinstance(ident, int) else None


def same_row(row: object, other: object) -> bool:
    """Two rows are the same stored row (both there, with one id)."""
    return row is not None and other is not None and row_id(row) == row_id(other)


class RowsTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows from a core service; refreshed wholesale with `set_rows` when the service announces."""

    def __init__(self, columns: Sequence[Column[RowT]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[RowT] = []

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def find(self, predicate: Callable[[RowT], bool]) -> int:
        return next((i for i, row in enumerate(self._rows) if predicate(row)), -1)

    def selected_in(self, view: QAbstractItemView) -> RowT | None:
        """The row selected in a view of this model (lists select one row at a time)."""
        rows = view.selectionModel().selectedRows()
        return self.row_at(rows[0].row()) if rows else None

    def selected_id_in(self, view: QAbstractItemView) -> int | None:
        """The `id` of the row selected in a view of this model (rows of core models)."""
        return row_id(self.selected_in(view))

    def select_id_in(self, view: QAbstractItemView, ident: int | None) -> bool:
        """Select the row whose `id` is `ident`, or the first row; True if one is."""
        return self.select_in(view, lambda row: ident is not None and row_id(row) == ident)

    def select_in(
        self, view: QAbstractItemView, predicate: Callable[[RowT], bool], *, or_first: bool = True
    ) -> bool:
        """Select the first row matching `predicate` (or the first row); True if one is."""
        row = self.find(predicate)
        if row < 0 and or_first and self._rows:
            row = 0
        if row < 0:
            return False
        view.selectionModel().setCurrentIndex(
            self.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(self._columns):
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(column.text(row))
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole and not column.text(row).strip():
            return cell_name(column.header, "")  # an empty cell is not silent
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None


class PicksRows:
    """`select(id)` and `selected_id()` for a panel listing rows of a core model (a mixin).

    Put it first: `class FamilyPanel(PicksRows, QWidget)`. The panel has `model` (a
    `RowsTableModel`), `table` (its view) and `_on_selection()`, which fills the form from
    the selected row.
    """

    model: RowsTableModel[Any]
    table: QAbstractItemView

    def select(self, ident: int | None) -> None:
        self.model.select_id_in(self.table, ident)
        self._on_selection()

    def selected_id(self) -> int | None:
        return self.model.selected_id_in(self.table)

    def _on_selection(self, *_args: object) -> None:
        raise NotImplementedError
