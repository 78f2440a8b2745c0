"""A routine's steps: the list to reorder (drag, or Ctrl+Up/Down) and the selected step's form."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QTableView,
    QToolButton,
    QWidget,
)

from attune_desktop.core import validation
from attune_desktop.core.container import Core
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Step
from attune_desktop.core.pictograms import PictogramIndex
from attune_desktop.core.services.families import WORDS_MAX
from attune_desktop.ui.common.form_binding import FormBinding
from attune_desktop.ui.common.widgets import button_row, list_and_form, named
from attune_desktop.ui.routines.controller import RoutinesController
from attune_desktop.ui.routines.pictogram_picker import PictogramPickerDialog
from attune_desktop.ui.routines.pictures import PictureIcons, picture_name
from attune_desktop.ui.routines.steps_model import (
    COL_PICTURE,
    COL_WORDS,
    StepsTableModel,
)
from attune_desktop.ui.routines.steps_table import configure_steps_table

NEW_STEP_PICTURE = "pictogram:2B50"  # not-ui-text: a star, until the family chooses


class StepPanel(QWidget):
    message = Signal(str)

    def __init__(
        self,
        core: Core,
        controller: RoutinesController,
        pictograms: PictogramIndex,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._core, self._controller, self._pictograms = core, controller, pictograms
        self._routine_id: int | None = None
        self._step: Step | None = None
        self._form = FormBinding(self, self.commit_text)
        self._picker: PictogramPickerDialog | None = None
        self.icons = PictureIcons(pictograms.folder, core.paths.photos, 40)
        self._big_icons = PictureIcons(pictograms.folder, core.paths.photos, 64)
        self.model = StepsTableModel(
            self.icons, self, lambda picture: picture_name(pictograms, picture, self._language())
        )
        self.table = named(QTableView(), "stepsTable")
        self.table.setModel(self.model)
        configure_steps_table(self.table)

        self.picture = named(QToolButton(), "stepPicture")
        self.picture.setIconSize(QSize(64, 64))
        self.picture.setMinimumSize(QSize(88, 92))  # the same size with or without a picture
        self.picture.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.picture.setText(_("Picture…"))
        self.picture.setToolTip(_("Choose a pictogram or the family's own photo (Ctrl+Shift+P)"))
        self.words = named(QLineEdit(), "stepWords")
        self.words.setMaxLength(WORDS_MAX)
        self.words.setPlaceholderText(_("Short words for the child, e.g. “Brush teeth”"))
        self.minutes = named(QSpinBox(), "stepMinutes")
        self.minutes.setRange(0, validation.MAX_MINUTES)
        self.minutes.setSpecialValueText(_("no time"))
        self.minutes.setSuffix(_(" min"))
        self.caregiver = named(QLineEdit(), "stepCaregiver")
        self.caregiver.setMaxLength(WORDS_MAX)
        self.caregiver.setPlaceholderText(_("Optional, e.g. “me: three slow breaths”"))

        tools = []
        for text, shortcut, slot, name, tip in (
            (
                _("Add step"),
                "Ctrl+N",
                self.add_step,
                "addStep",
                _("Add a step after the selected one"),
            ),
            (
                _("Picture…"),
                "Ctrl+Shift+P",
                self.pick_picture,
                "pickPicture",
                _("Choose a picture"),
            ),
            (_("Delete"), _("Delete"), self.delete_step, "deleteStep", _("Delete the step")),
            ("↑", "Ctrl+Up", lambda: self.move_selected(-1), "stepUp", _("Move up")),
            ("↓", "Ctrl+Down", lambda: self.move_selected(1), "stepDown", _("Move down")),
        ):
            button = QToolButton()
            button.setDefaultAction(self._action(text, shortcut, slot, name, tip))
            tools.append(button)
        form = QFormLayout()
        form.addRow(_("&Words"), self.words)
        form.addRow(_("&Minutes"), self.minutes)
        form.addRow(_("&Caregiver"), self.caregiver)
        editor = QHBoxLayout()
        editor.addWidget(self.picture)
        editor.addLayout(form, 1)
        list_and_form(self, button_row(*tools), self.table, editor)

        # Words are saved a moment after typing stops (and when leaving the field), so a
        # crash loses nothing; a burst of typing in one field is one undo step.
        self.picture.clicked.connect(self.pick_picture)
        for edit in (self.words, self.caregiver):
            edit.textEdited.connect(self._form.typed)
            edit.editingFinished.connect(self.commit_text)
        self.minutes.valueChanged.connect(lambda value: self._save("minutes", value or None))
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.move_requested.connect(self._on_move_requested)
        self.model.edit_requested.connect(self._on_edit_requested)
        self.table.activated.connect(self._on_activated)
        self.set_routine(None)

    def _action(self, text: str, shortcut: str, slot: object, name: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setToolTip(f"{tip} ({shortcut})")
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- showing ----------------------------------------------------------------------------

    def set_routine(self, routine_id: int | None) -> None:
        changed = routine_id != self._routine_id
        self._routine_id = routine_id
        self.refresh(None if changed else self.selected_id())

    def refresh(self, select: int | None = None) -> None:
        keep = select or self.selected_id()
        steps = self._core.families.steps(self._routine_id) if self._routine_id else []
        self.model.set_steps(steps)
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and steps:
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, COL_WORDS),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        for action in self.actions():
            action.setEnabled(self._routine_id is not None)
        self._on_selection()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        step = self.model.step_at(rows[0].row()) if rows else None
        return step.id if step else None

    def _on_selection(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        step = self.model.step_at(rows[0].row()) if rows else None
        same = step is not None and self._step is not None and step.id == self._step.id
        if not same:
            self.commit_text()  # pending words belong to the step being left
        self._step = step
        with self._form.filling():
            for widget in (self.picture, self.words, self.minutes, self.caregiver):
                widget.setEnabled(step is not None)
            self.picture.setIcon(
                self._big_icons.icon(step.picture) if step else self._big_icons.icon("")
            )
            for edit, text in (
                (self.words, step.words if step else ""),
                (self.caregiver, step.caregiver_line if step else ""),
            ):
                if not (same and self._typist_has(edit, text)):
                    edit.setText(text)
                    edit.home(False)
            self.minutes.setValue(step.minutes or 0 if step else 0)

    # --- editing ----------------------------------------------------------------------------

    def _typist_has(self, edit: QLineEdit, saved: str) -> bool:
        """Leave the field alone while it is being typed into and holds the typist's words;
        a change from elsewhere (an undo) still shows."""
        if not edit.hasFocus():
            return False
        return self._form.typing() or " ".join(edit.text().split()) == saved

    def commit_text(self) -> None:
        """Save words still being typed now (also when the selection moves away)."""
        self._form.stop()
        step = self._step
        if step is None or self._form.loading:
            return
        for field, edit, saved in (
            ("words", self.words, step.words),
            ("caregiver_line", self.caregiver, step.caregiver_line),
        ):
            if edit.text().strip() != saved:
                self._save(field, edit.text())

    def _save(self, field: str, value: object) -> None:
        if not self._form.loading and self._step is not None:
            self.message.emit(self._controller.edit_step(self._step.id or 0, field, value) or "")

    def _on_activated(self, index: QModelIndex) -> None:
        """Enter (or a double click) on a step edits what is under the cursor."""
        if index.column() == COL_PICTURE:
            self.pick_picture()
        else:
            self.table.edit(index)

    def _on_edit_requested(self, step_id: int, field: str, value: object) -> None:
        if field == "minutes":
            value = value or None
        self.message.emit(self._controller.edit_step(step_id, field, value) or "")

    def add_step(self) -> None:
        if self._routine_id is None:
            return
        rows = self.table.selectionModel().selectedRows()
        position = rows[0].row() + 1 if rows else None
        new_id, error = self._controller.add_step(
            self._routine_id, position, picture=NEW_STEP_PICTURE, words=_("New step")
        )
        self.message.emit(error or "")
        if new_id:
            self.refresh(new_id)
            self.words.setFocus()
            self.words.selectAll()

    def delete_step(self) -> None:
        step_id = self.selected_id()
        if step_id is not None:
            row = self.model.row_of(step_id)
            self.message.emit(self._controller.delete_step(step_id) or "")
            following = self.model.step_at(row + 1) or self.model.step_at(row - 1)
            self.refresh(following.id if following else None)

    def move_selected(self, offset: int) -> None:
        step_id = self.selected_id()
        if step_id is None or self._routine_id is None:
            return
        row = self.model.row_of(step_id)
        if 0 <= row + offset < self.model.rowCount():
            self.message.emit(self._controller.move_step(self._routine_id, row, row + offset) or "")
            self.refresh(step_id)
        else:  # a key pressed at the end is answered, not ignored
            self.message.emit(
                _("This step is already first.") if offset < 0 else _("This step is already last.")
            )

    def _on_move_requested(self, source: int, target: int) -> None:
        moving = self.model.step_at(source)
        if self._routine_id is not None and moving is not None:
            self.message.emit(self._controller.move_step(self._routine_id, source, target) or "")
            self.refresh(moving.id)

    def pick_picture(self) -> None:
        if self._step is None:
            return
        self._picker = PictogramPickerDialog(
            self._pictograms, self.icons, self, hint=self._step.words, language=self._language()
        )
        self._picker.picture_chosen.connect(lambda picture: self._save("picture", picture))
        self._picker.photo_chosen.connect(self._on_photo_chosen)
        self._picker.open()

    def _language(self) -> str:
        """The family's language, which the picker searches and names pictures in first."""
        families = self._core.families
        routine = families.get_routine(self._routine_id) if self._routine_id else None
        if routine is None or routine.family_id is None:
            return "en"
        return families.get_family(routine.family_id).language

    def _on_photo_chosen(self, path: str) -> None:
        if self._step is not None:
            self.message.emit(self._controller.use_photo(self._step.id or 0, path) or "")
