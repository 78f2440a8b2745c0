"""A family's routines: start one from a template or from scratch, copy it to others."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.app import Core
from attune_desktop.core import validation
from attune_desktop.core.models import Family, Routine, TimeOfDay
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.widgets import configure_table, named
from attune_desktop.ui.routines.controller import RoutinesController

TIME_LABELS = {
    TimeOfDay.MORNING.value: "Morning",
    TimeOfDay.AFTER_SCHOOL.value: "After school",
    TimeOfDay.EVENING.value: "Evening",
    TimeOfDay.BEDTIME.value: "Bedtime",
    TimeOfDay.ANYTIME.value: "Any time",
}


class CopyToFamiliesDialog(QDialog):
    """Tick the families that should get a copy; non-blocking (open it)."""

    families_chosen = Signal(list)

    def __init__(self, families: list[Family], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copyRoutineDialog")
        self.setWindowTitle("Copy routine to families")
        self.model = QStandardItemModel(self)
        for family in families:
            item = QStandardItem(family.label)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(family.id)
            self.model.appendRow(item)
        view = named(QListView(), "copyFamilies")
        view.setModel(self.model)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Each family gets its own copy, to change as it likes."))
        layout.addWidget(view)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)

    def set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.model.rowCount()):
            self.model.item(row).setCheckState(state)

    def chosen(self) -> list[int]:
        return [
            int(self.model.item(row).data())
            for row in range(self.model.rowCount())
            if self.model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _on_accept(self) -> None:
        self.families_chosen.emit(self.chosen())
        self.accept()


class RoutinePanel(QWidget):
    routine_selected = Signal(object)  # routine id or None
    message = Signal(str)

    def __init__(
        self, core: Core, controller: RoutinesController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._core, self._controller = core, controller
        self._family_id: int | None = None
        self._routine: Routine | None = None
        self._loading = False
        self._copy: CopyToFamiliesDialog | None = None
        self.model: RowsTableModel[Routine] = RowsTableModel(
            [
                Column("Routine", lambda r: r.title, tooltip=lambda r: r.title),
                Column("When", lambda r: TIME_LABELS.get(r.time_of_day, r.time_of_day)),
            ],
            self,
        )
        self.table = named(QTableView(), "routinesTable")
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=0)
        self.table.setAccessibleName("Routines")
        self.new = named(QPushButton("New"), "newRoutine")
        self.templates = named(QToolButton(), "fromTemplate")
        self.templates.setText("From template")
        self.templates.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.templates.setMenu(QMenu(self))
        self.copy = named(QPushButton("Copy to…"), "copyRoutine")
        self.delete = named(QPushButton("Delete"), "deleteRoutine")
        self.title = named(QLineEdit(), "routineTitle")
        self.title.setMaxLength(validation.TITLE_MAX)
        self.time = named(QComboBox(), "routineTime")
        for key, label in TIME_LABELS.items():
            self.time.addItem(label, key)

        buttons = QHBoxLayout()
        for widget in (self.new, self.templates, self.copy, self.delete):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&When", self.time)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)

        self.new.clicked.connect(self.new_routine)
        self.copy.clicked.connect(self.copy_routine)
        self.delete.clicked.connect(self.delete_routine)
        self.title.editingFinished.connect(lambda: self._save("title", self.title.text()))
        self.time.activated.connect(lambda _i: self._save("time_of_day", self.time.currentData()))
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

    def set_family(self, family_id: int | None) -> None:
        if family_id != self._family_id:
            self._family_id = family_id
            self.refresh(select_first=True)

    def refresh(self, select_first: bool = False) -> None:
        keep = None if select_first else self.selected_id()
        menu = self.templates.menu()
        menu.clear()
        for template in self._core.families.routines(None):
            action = menu.addAction(template.title)
            action.setObjectName(f"template_{template.slug}")
            action.triggered.connect(lambda _=False, t=template.id: self.from_template(t or 0))
        routines = self._core.families.routines(self._family_id) if self._family_id else []
        self.model.set_rows(routines)
        for widget in (self.new, self.templates):
            widget.setEnabled(self._family_id is not None)
        self.select(keep)

    def select(self, routine_id: int | None) -> None:
        row = self.model.find(lambda r: r.id == routine_id) if routine_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._on_selection()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        routine = self.model.row_at(rows[0].row()) if rows else None
        return routine.id if routine else None

    def _on_selection(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        routine = self.model.row_at(rows[0].row()) if rows else None
        same = routine is not None and self._routine is not None and routine.id == self._routine.id
        self._routine = routine
        self._loading = True
        try:
            for widget in (self.title, self.time, self.copy, self.delete):
                widget.setEnabled(routine is not None)
            if not (same and self.title.hasFocus()):  # never under the typist's cursor
                self.title.setText(routine.title if routine else "")
            self.time.setCurrentIndex(
                max(0, self.time.findData(routine.time_of_day if routine else "anytime"))
            )
        finally:
            self._loading = False
        self.routine_selected.emit(routine.id if routine else None)

    def _save(self, field: str, value: object) -> None:
        if not self._loading and self._routine is not None:
            self.message.emit(
                self._controller.edit_routine(self._routine.id or 0, field, value) or ""
            )

    def new_routine(self) -> None:
        if self._family_id is None:
            return
        new_id, error = self._controller.add_routine(self._family_id, "New routine")
        self._after_add(new_id, error)
        if new_id:
            self.title.setFocus()
            self.title.selectAll()

    def from_template(self, template_id: int) -> None:
        if self._family_id is None:
            return
        new_id, error = self._controller.copy_routine(
            template_id, [self._family_id], "Routine from template"
        )
        self._after_add(new_id, error)

    def _after_add(self, new_id: int | None, error: str | None) -> None:
        self.message.emit(error or "")
        if new_id:
            self.refresh()
            self.select(new_id)

    def copy_routine(self) -> None:
        if self._routine is None:
            return
        others = [f for f in self._core.families.list_families() if f.id != self._family_id]
        if not others:
            self.message.emit("Add another family first: there is no one to copy to.")
            return
        self._copy = CopyToFamiliesDialog(others, self)
        self._copy.families_chosen.connect(self._on_copy_chosen)
        self._copy.open()

    def _on_copy_chosen(self, family_ids: list[int]) -> None:
        if self._routine is None:
            return
        count = len(family_ids)
        _new_id, error = self._controller.copy_routine(
            self._routine.id or 0, family_ids, f"Copy routine to {count} families"
        )
        self.message.emit(error or f"Copied “{self._routine.title}” to {count} families.")

    def delete_routine(self) -> None:
        if self._routine is not None:
            error = self._controller.delete_routine(self._routine.id or 0)
            self.message.emit(error or "Routine deleted: Ctrl+Z brings it back.")
            self.refresh()
