"""Families (by the label they chose) and the routines they are building."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QSplitter, QTableView, QVBoxLayout, QWidget

from attune_desktop.core.models import Family, Routine, Step
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import (
    configure_table,
    empty_label,
    named,
    subtitle_label,
    title_label,
)
from attune_desktop.ui.shell import UiContext

TEMPLATES_LABEL = "Routine templates"


class RoutinesView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routinesView")
        self._core = context.core
        self.families_model: RowsTableModel[Family | None] = RowsTableModel(
            [
                Column("Family", lambda f: f.label if f else TEMPLATES_LABEL),
                Column("Language", lambda f: f.language if f else ""),
            ],
            self,
        )
        self.routines_model: RowsTableModel[Routine] = RowsTableModel(
            [
                Column("Routine", lambda r: r.title),
                Column("When", lambda r: r.time_of_day.replace("_", " ")),
            ],
            self,
        )
        self.steps_model: RowsTableModel[Step] = RowsTableModel(
            [
                Column("#", lambda s: str(s.position + 1), align_right=True),
                Column("Words", lambda s: s.words),
                Column("Minutes", lambda s: str(s.minutes or ""), align_right=True),
                Column("Caregiver", lambda s: s.caregiver_line),
            ],
            self,
        )
        self.families_table = self._table("familiesTable", self.families_model, 0, "Families")
        self.routines_table = self._table("routinesTable", self.routines_model, 0, "Routines")
        self.steps_table = self._table("stepsTable", self.steps_model, 1, "Steps")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.families_table)
        splitter.addWidget(self.routines_table)
        splitter.addWidget(self.steps_table)
        splitter.setSizes([240, 260, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(title_label("Routines"))
        layout.addWidget(
            subtitle_label(
                "Rituals and routines families build in the circle, to take home as a "
                "picture-first sheet in their own language."
            )
        )
        self.empty = empty_label("No families yet.")
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)

        self.families_table.selectionModel().selectionChanged.connect(self._on_family)
        self.routines_table.selectionModel().selectionChanged.connect(self._on_routine)
        Subscriptions(self).refresh_on(self._core.families.changed, self.refresh)
        self.refresh()

    def _table(
        self, name: str, model: RowsTableModel[object] | object, stretch: int, label: str
    ) -> QTableView:
        table = named(QTableView(), name)
        table.setModel(model)  # type: ignore[arg-type]
        configure_table(table, stretch_column=stretch)
        table.setAccessibleName(label)
        return table

    def refresh(self) -> None:
        families: list[Family | None] = [*self._core.families.list_families(), None]
        self.families_model.set_rows(families)
        self.empty.setVisible(len(families) == 1)
        self.families_table.selectRow(0)
        self._on_family()

    def _selected(self, table: QTableView, model: RowsTableModel[object] | object) -> object:
        indexes = table.selectionModel().selectedRows()
        return model.row_at(indexes[0].row()) if indexes else None  # type: ignore[union-attr]

    def _on_family(self, *_args: QItemSelection) -> None:
        family = self._selected(self.families_table, self.families_model)
        family_id = family.id if isinstance(family, Family) else None
        self.routines_model.set_rows(self._core.families.routines(family_id))
        self.routines_table.selectRow(0)
        self._on_routine()

    def _on_routine(self, *_args: QItemSelection) -> None:
        routine = self._selected(self.routines_table, self.routines_model)
        steps = self._core.families.steps(routine.id or 0) if isinstance(routine, Routine) else []
        self.steps_model.set_rows(steps)
