"""Drag and drop of one row within a list, as a request to move it (the service moves it).

The agenda, the steps and the routines models use it: a drop never lets Qt move rows itself, it
asks for a move that goes through the undoable controller, and the model is refreshed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView

from attune_desktop.core.i18n import _

AnyIndex = QModelIndex | QPersistentModelIndex


def row_mime(mime_type: str, indexes: Sequence[QModelIndex]) -> QMimeData:
    """The dragged row (the first one: lists select one row at a time)."""
    data = QMimeData()
    rows = sorted({i.row() for i in indexes if i.isValid()})
    if rows:
        data.setData(mime_type, QByteArray(str(rows[0]).encode()))
    return data


def dropped_move(
    data: QMimeData, mime_type: str, row: int, parent: AnyIndex, count: int
) -> tuple[int, int] | None:
    """(from row, to row) for a drop before `row` (or on `parent`), or None if nothing moves."""
    try:
        source = int(bytes(data.data(mime_type).data()).decode() or -1)
    except ValueError:
        return None
    target = row if row >= 0 else (parent.row() if parent.isValid() else count)
    destination = target - 1 if source < target else target
    destination = max(0, min(destination, count - 1))
    if 0 <= source < count and destination != source:
        return source, destination
    return None


def table_delete(table: QAbstractItemView, name: str, slot: Callable[[], None]) -> QAction:
    """The Delete key on a list deletes its selected row (undoable, like the button)."""
    action = QAction(_("Delete"), table)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    table.addAction(action)
    return action


def enable_row_drags(table: QAbstractItemView) -> None:
    """Rows can be dragged within the list; the model turns a drop into a move request."""
    table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    table.setDragEnabled(True)
    table.setAcceptDrops(True)
    table.setDropIndicatorShown(True)
    table.setDragDropOverwriteMode(False)


class RowMoves:
    """Drag and drop for a table model whose rows the service reorders (a mixin).

    Put it before the Qt model class: `class StepsTableModel(RowMoves, QAbstractTableModel)`.
    The model declares `mime_type` and a `move_requested = Signal(int, int)`; a drop emits
    (from row, to row) and never lets Qt move rows itself.
    """

    mime_type: str

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.mime_type]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return row_mime(self.mime_type, indexes)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return data.hasFormat(self.mime_type) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if self.canDropMimeData(data, action, row, column, parent):
            count = self.rowCount()  # type: ignore[attr-defined]
            move = dropped_move(data, self.mime_type, row, parent, count)
            if move is not None:
                self.move_requested.emit(*move)  # type: ignore[attr-defined]
        return False  # the service moves the row; Qt must not remove the source row
