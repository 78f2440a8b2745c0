"""The routine builder: families on the left, their routines, then the steps of one routine.

Every edit is saved as it is made and can be undone (Ctrl+Z); the print bar below makes
picture-first sheets for one routine, a family or a whole circle.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.core.pictograms import PictogramIndex
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import (
    empty_label,
    named,
    page_layout,
    side_by_side,
    subtitle_label,
)
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
        self.empty = self._empty_state()

        panes: list[QWidget] = [self.families, self.routines, self.steps]
        self.splitter = splitter = side_by_side(panes, [270, 290, 560], stretch=2)
        layout = page_layout(
            self,
            _("Routines"),
            _(
                "Rituals and routines families build in the circle, printed picture-first in their "
                "own language. Drag or Ctrl+↑/↓ to reorder routines and steps; every change is "
                "saved; Ctrl+Z undoes it."
            ),
        )
        layout.addWidget(self.empty, 1)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.print_bar)

        for panel in (self.families, self.routines, self.steps, self.print_bar):
            panel.message.connect(self.message.setText)
        self.families.row_selected.connect(self._on_family_selected)
        self.families.model.modelReset.connect(self._on_families_reset)
        self.routines.row_selected.connect(self.steps.set_routine)
        subs = Subscriptions(self)
        subs.refresh_on(self._core.families.changed, self.refresh)
        subs.refresh_on(self._core.series.changed, self.refresh)
        self.refresh()

    def _empty_state(self) -> QWidget:
        """What a new home shows instead of three empty lists: what to do first, and a button."""
        box = named(QWidget(), "routinesEmpty")
        heading = empty_label(_("No families yet"))
        text = subtitle_label(
            _(
                "A family is known only by the nickname it chooses (“Team Sunflower” is enough). "
                "Add one, then build its routines together from a template or from scratch, and "
                "print them picture-first in its own language."
            )
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(560)
        text.setMinimumHeight(text.heightForWidth(560))  # an aligned label is not re-wrapped
        start = named(QPushButton(_("Add the first family")), "addFirstFamily")
        start.setDefault(True)
        start.clicked.connect(self.families.add_family)
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(start, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return box

    def refresh(self) -> None:
        self.families.refresh()
        self.routines.refresh()
        self.steps.refresh()

    def _on_families_reset(self) -> None:
        """At once, not on the next refresh: a new first family's label takes the focus."""
        empty = self.families.model.rowCount() == 0
        self.empty.setVisible(empty)
        for part in (self.splitter, self.message, self.print_bar):
            part.setVisible(not empty)

    def _on_family_selected(self, family_id: int | None) -> None:
        self.routines.set_family(family_id)

    def _print_target(self) -> tuple[int | None, int | None]:
        return self.families.selected_id(), self.routines.selected_id()
