"""The routine builder: families on the left, their routines, then the steps of one routine.

Every edit is saved as it is made and can be undone (Ctrl+Z); the print bar below makes
picture-first sheets for one routine, a family or a whole circle.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from attune_desktop.core.pictograms import PictogramIndex
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import empty_label, named, page_layout
from attune_desktop.ui.routines.controller import RoutinesController
from attune_desktop.ui.routines.family_panel import FamilyPanel
from attune_desktop.ui.routines.print_bar import PrintBar
from attune_desktop.ui.routines.routine_panel import RoutinePanel
from attune_desktop.ui.routines.step_panel import StepPanel
from attune_desktop.ui.shell import UiContext


class RoutinesView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routinesView")
        self._core = context.core
        self.controller = RoutinesController(
            context.core.families, context.undo, context.core.paths.photos
        )
        self.pictograms = PictogramIndex.load()
        self.families = FamilyPanel(context.core, self.controller)
        self.routines = RoutinePanel(context.core, self.controller)
        self.steps = StepPanel(context.core, self.controller, self.pictograms)
        self.print_bar = PrintBar(context.core, context.settings, self._print_target)
        self.message = named(QLabel(), "routinesMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.empty = empty_label(
            "No families yet: “Add family” starts one, with a nickname it chooses."
        )

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.families)
        splitter.addWidget(self.routines)
        splitter.addWidget(self.steps)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([270, 290, 560])
        layout = page_layout(
            self,
            "Routines",
            "Rituals and routines families build in the circle, printed picture-first in their "
            "own language. Drag or Ctrl+↑/↓ to reorder steps; every change is saved; Ctrl+Z "
            "undoes it.",
        )
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.print_bar)

        for panel in (self.families, self.routines, self.steps, self.print_bar):
            panel.message.connect(self.message.setText)
        self.families.family_selected.connect(self._on_family_selected)
        self.routines.routine_selected.connect(self.steps.set_routine)
        subs = Subscriptions(self)
        subs.refresh_on(self._core.families.changed, self.refresh)
        subs.refresh_on(self._core.series.changed, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.families.refresh()
        self.empty.setVisible(self.families.model.rowCount() == 0)
        self.routines.refresh()
        self.steps.refresh()

    def _on_family_selected(self, family_id: int | None) -> None:
        self.routines.set_family(family_id)

    def _print_target(self) -> tuple[int | None, int | None]:
        return self.families.selected_id(), self.routines.selected_id()
