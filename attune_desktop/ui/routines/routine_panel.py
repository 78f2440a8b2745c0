"""A family's routines: start one from a template or from scratch, copy it to others."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core import validation
from attune_desktop.core.container import Core
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Routine
from attune_desktop.ui.common.form_binding import FormBinding
from attune_desktop.ui.common.row_moves import enable_row_drags, table_delete
from attune_desktop.ui.common.rows_model import PicksRows, same_row
from attune_desktop.ui.common.widgets import configure_table, named
from attune_desktop.ui.routines.controller import RoutinesController
from attune_desktop.ui.routines.copy_dialog import CopyToFamiliesDialog
from attune_desktop.ui.routines.routines_model import TIME_LABELS, RoutinesTableModel


class RoutinePanel(PicksRows, QWidget):
    routine_selected = Signal(object)  # routine id or None
    message = Signal(str)

    def __init__(
        self, core: Core, controller: RoutinesController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._core, self._controller = core, controller
        self._family_id: int | None = None
        self._routine: Routine | None = None
        self._form = FormBinding(self, self._save_typed)
        self._copy: CopyToFamiliesDialog | None = None
        self.model: RoutinesTableModel = RoutinesTableModel(self)
        self.table = named(QTableView(), "routinesTable")
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=0)
        self.table.setAccessibleName(_("Routines"))
        self._configure_moves()
        self.new = named(QPushButton(_("New")), "newRoutine")
        self.templates = named(QToolButton(), "fromTemplate")
        self.templates.setText(_("From template"))
        self.templates.setStyleSheet("QToolButton { padding-right: 18px; }")  # room for the arrow
        self.templates.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.templates.setMenu(QMenu(self))
        self.copy = named(QPushButton(_("Copy to…")), "copyRoutine")
        self.delete = named(QPushButton(_("Delete")), "deleteRoutine")
        for widget, tip in (
            (self.new, _("A new routine from scratch, for this family")),
            (self.templates, _("Start from a ready routine: morning, bedtime, calm-down plan…")),
            (self.copy, _("Give other families their own copy of this routine")),
            (self.delete, _("Delete the routine (Delete in the list; Ctrl+Z undoes)")),
        ):
            widget.setToolTip(tip)
        self.title = named(QLineEdit(), "routineTitle")
        self.title.setMaxLength(validation.TITLE_MAX)
        self.time = named(QComboBox(), "routineTime")
        for key, label in TIME_LABELS.items():
            self.time.addItem(_(label), key)

        buttons = QHBoxLayout()
        for widget in (self.new, self.templates, self.copy, self.delete):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(_("&Title"), self.title)
        form.addRow(_("&When"), self.time)
        self.none_yet = self._none_yet()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.none_yet)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)

        self.new.clicked.connect(self.new_routine)
        self.copy.clicked.connect(self.copy_routine)
        self.delete.clicked.connect(self.delete_routine)
        self.title.editingFinished.connect(lambda: self._save("title", self.title.text()))
        # A title is saved a moment after typing stops too, so a crash loses nothing.
        self.title.textEdited.connect(self._form.typed)
        self.time.activated.connect(lambda _i: self._save("time_of_day", self.time.currentData()))
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(lambda _index: self._edit_title())
        table_delete(self.table, "deleteRoutineKey", self.delete_routine)

    def _none_yet(self) -> QWidget:
        """What a family with no routines sees: that it has none yet, and a button to start."""
        box = named(QWidget(), "noRoutines")
        self.none_yet_text = named(QLabel(), "noRoutinesHint")
        self.none_yet_text.setWordWrap(True)
        start = named(QPushButton(_("Add a routine")), "addFirstRoutine")
        start.setToolTip(_("A new routine from scratch; From template starts a ready one"))
        start.clicked.connect(self.new_routine)
        row = QVBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.none_yet_text)
        row.addWidget(start, 0, Qt.AlignmentFlag.AlignLeft)
        box.hide()
        return box

    def _configure_moves(self) -> None:
        """Drag a routine, or Ctrl+Up/Down: the family's sheets print in this order."""
        table = self.table
        enable_row_drags(table)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, shortcut, offset, name in (
            (_("Move up"), "Ctrl+Up", -1, "routineUp"),
            (_("Move down"), "Ctrl+Down", 1, "routineDown"),
        ):
            action = QAction(text, table)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setToolTip(
                _("{text}: sheets print in this order ({shortcut})").format(
                    text=text, shortcut=shortcut
                )
            )
            action.triggered.connect(lambda _=False, o=offset: self.move_selected(o))
            table.addAction(action)
        table.setToolTip(
            _(
                "Drag a routine, or press Ctrl+↑/↓, to change the order sheets print in; "
                "Enter edits its title; Delete removes it"
            )
        )
        self.model.move_requested.connect(self._on_move_requested)

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
        self._show_none_yet(self._family_id is not None and not routines)
        self.select(keep)

    def _show_none_yet(self, show: bool) -> None:
        if show:
            try:
                label = self._core.families.get_family(self._family_id or 0).label
            except AttuneError:  # deleted a moment ago: the list is about to forget it
                show, label = False, ""
            self.none_yet_text.setText(
                _(
                    "“{0}” has no routines yet. Add one from scratch, or start from a ready "
                    "one with From template."
                ).replace("{0}", label)
            )
        self.none_yet.setVisible(show)

    def _on_selection(self, *_args: object) -> None:
        routine = self.model.selected_in(self.table)
        same = same_row(routine, self._routine)
        if not same:
            self.commit_text()  # a title being typed belongs to the routine being left
        self._routine = routine
        with self._form.filling():
            for widget in (self.title, self.time, self.copy, self.delete):
                widget.setEnabled(routine is not None)
            self._form.show_line(self.title, routine.title if routine else "", same_row=same)
            self.time.setCurrentIndex(
                max(0, self.time.findData(routine.time_of_day if routine else "anytime"))
            )
        self.routine_selected.emit(routine.id if routine else None)

    def commit_text(self) -> None:
        """Save a title still being typed now; a blank title waits for more."""
        self._form.flush()

    def _save_typed(self) -> None:
        title = " ".join(self.title.text().split())
        if self._routine is not None and title and title != self._routine.title:
            self._save("title", title)

    def _save(self, field: str, value: object) -> None:
        if not self._form.loading and self._routine is not None:
            self.message.emit(
                self._controller.edit_routine(self._routine.id or 0, field, value) or ""
            )

    def new_routine(self) -> None:
        if self._family_id is None:
            return
        new_id, error = self._controller.add_routine(self._family_id, _("New routine"))
        self._after_add(new_id, error)
        if new_id:
            self._edit_title()

    def _edit_title(self) -> None:
        self.title.setFocus()
        self.title.selectAll()

    def from_template(self, template_id: int) -> None:
        if self._family_id is None:
            return
        new_id, error = self._controller.copy_routine(
            template_id, [self._family_id], _("Routine from template")
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
            self.message.emit(_("Add another family first: there is no one to copy to."))
            return
        self._copy = CopyToFamiliesDialog(others, self)
        self._copy.families_chosen.connect(self._on_copy_chosen)
        self._copy.open()

    def _on_copy_chosen(self, family_ids: list[int]) -> None:
        if self._routine is None:
            return
        count = len(family_ids)
        _new_id, error = self._controller.copy_routine(
            self._routine.id or 0,
            family_ids,
            _("Copy routine to {count} families").format(count=count),
        )
        self.message.emit(
            error
            or _("Copied “{title}” to {count} families.").format(
                title=self._routine.title, count=count
            )
        )

    def move_selected(self, offset: int) -> None:
        routine_id = self.selected_id()
        if routine_id is None:
            return
        row = self.model.find(lambda r: r.id == routine_id)
        if 0 <= row + offset < self.model.rowCount():
            self._on_move_requested(row, row + offset)
        else:  # a key pressed at the end is answered, not ignored
            self.message.emit(
                _("This routine is already first.")
                if offset < 0
                else _("This routine is already last.")
            )

    def _on_move_requested(self, source: int, target: int) -> None:
        moving = self.model.row_at(source)
        if self._family_id is None or moving is None:
            return
        self.message.emit(self._controller.move_routine(self._family_id, source, target) or "")
        self.refresh()
        self.select(moving.id)

    def delete_routine(self) -> None:
        if self._routine is not None:
            error = self._controller.delete_routine(self._routine.id or 0)
            self.message.emit(error or _("Routine deleted: Ctrl+Z brings it back."))
            self.refresh()
