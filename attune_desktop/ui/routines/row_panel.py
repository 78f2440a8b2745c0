"""What the families list and a family's routines list share: the list, the selected row's form.

Both fill the form from the row chosen in the list, save words still being typed for the row
being left, and say what each edit did on `message`. A panel gives the form's `_fields()`,
`_show(row, same)` to fill them, and `_save_typed()`; the row shown is `self._row`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from attune_desktop.core.container import Core
from attune_desktop.ui.common.form_binding import FormBinding
from attune_desktop.ui.common.rows_model import PicksRows, same_row
from attune_desktop.ui.routines.controller import RoutinesController

RowT = TypeVar("RowT", bound=Any)


class RowPanel(PicksRows, QWidget, Generic[RowT]):
    row_selected = Signal(object)  # the row's id, or None
    message = Signal(str)  # what the last edit said; empty when it went well

    def __init__(
        self, core: Core, controller: RoutinesController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._core, self._controller = core, controller
        self._row: RowT | None = None
        self._form = FormBinding(self, self._save_typed)

    def commit_text(self) -> None:
        """Save what is being typed now; a blank name waits for more."""
        self._form.flush()

    def _on_selection(self, *_args: object) -> None:
        row = self.model.selected_in(self.table)
        same = same_row(row, self._row)
        if not same:
            self.commit_text()  # words being typed belong to the row being left
        self._row = row
        with self._form.filling():
            for widget in self._fields():
                widget.setEnabled(row is not None)
            self._show(row, same)
        self.row_selected.emit(row.id if row else None)

    def _after_add(self, new_id: int | None, error: str | None) -> None:
        """Say what adding said; a new row is shown, selected, in the list."""
        self.message.emit(error or "")
        if new_id:
            self.refresh()
            self.select(new_id)

    def refresh(self) -> None:
        """Read the rows again, keeping the selection."""
        raise NotImplementedError

    def _fields(self) -> Sequence[QWidget]:
        """The form's widgets, usable only while a row is selected."""
        raise NotImplementedError

    def _show(self, row: RowT | None, same: bool) -> None:
        """Fill the form with `row` (None: empty); `same` when it is the row already shown."""
        raise NotImplementedError

    def _save_typed(self) -> None:
        raise NotImplementedError
