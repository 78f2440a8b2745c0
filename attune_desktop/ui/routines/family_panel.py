"""The families list and the selected family's form: label, language, series, notes."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core import sheet_words
from attune_desktop.core.container import Core
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Family
from attune_desktop.core.services.families import LABEL_MAX
from attune_desktop.ui.common.form_binding import FormBinding
from attune_desktop.ui.common.row_moves import table_delete
from attune_desktop.ui.common.rows_model import Column, PicksRows, RowsTableModel, same_row
from attune_desktop.ui.common.widgets import configure_table, named
from attune_desktop.ui.routines.controller import RoutinesController


def language_name(code: str) -> str:
    return sheet_words.words_for(code).name


def default_language() -> str:
    """A new family's language: the app's own (its locale), English when sheets lack it.

    Never the last family's: the family chosen in the list says nothing about the next one.
    """
    code = QLocale().name()
    return sheet_words.words_for(code).code if sheet_words.is_supported(code) else "en"


class FamilyPanel(PicksRows, QWidget):
    family_selected = Signal(object)  # family id or None
    message = Signal(str)

    def __init__(
        self, core: Core, controller: RoutinesController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._core, self._controller = core, controller
        self._family: Family | None = None
        self._form = FormBinding(self, self._save_typed)
        self.model: RowsTableModel[Family] = RowsTableModel(
            [
                Column(_("Family"), lambda f: f.label),
                Column(_("Language"), lambda f: language_name(f.language)),
            ],
            self,
        )
        self.table = named(QTableView(), "familiesTable")
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=0)
        self.table.setAccessibleName(_("Families"))
        add = named(QPushButton(_("Add family")), "addFamily")
        add.setToolTip(_("Add a family, known only by the nickname it chooses"))
        delete = named(QPushButton(_("Delete")), "deleteFamily")
        delete.setToolTip(
            _("Delete the family and its routines (Delete in the list; Ctrl+Z undoes)")
        )
        self.table.setToolTip(_("Enter edits the family's label; Delete removes the family"))
        self.label = named(QLineEdit(), "familyLabel")
        self.label.setMaxLength(LABEL_MAX)
        self.label.setPlaceholderText(_("The name the family chose, e.g. “Team Sunflower”"))
        self.language = named(QComboBox(), "familyLanguage")
        for words in sheet_words.languages():
            self.language.addItem(f"{words.name} ({words.english_name})", words.code)
        self.series = named(QComboBox(), "familySeries")
        self.notes = named(QPlainTextEdit(), "familyNotes")
        self.notes.setPlaceholderText(_("Notes for you (never printed)"))
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)  # Tab moves on: keyboard users are not trapped

        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(delete)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(_("&Label"), self.label)
        form.addRow(_("Lan&guage"), self.language)
        form.addRow(_("Ci&rcle"), self.series)
        form.addRow(_("N&otes"), self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)

        add.clicked.connect(self.add_family)
        delete.clicked.connect(self.delete_family)
        self.label.editingFinished.connect(lambda: self._save("label", self.label.text()))
        self.language.activated.connect(
            lambda _i: self._save("language", self.language.currentData())
        )
        self.series.activated.connect(lambda _i: self._save("series_id", self.series.currentData()))
        self.notes.textChanged.connect(self._form.typed)
        self.label.textEdited.connect(self._form.typed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(lambda _index: self._edit_label())
        table_delete(self.table, "deleteFamilyKey", self.delete_family)

    # --- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.selected_id()
        self.commit_text()
        with self._form.filling():
            self.series.clear()
            self.series.addItem(_("No circle"), None)
            for series in self._core.series.list_series():
                self.series.addItem(series.title, series.id)
            self.model.set_rows(self._core.families.list_families())
        self.select(keep)

    def _on_selection(self, *_args: object) -> None:
        family = self.model.selected_in(self.table)
        same = same_row(family, self._family)
        if not same:
            self.commit_text()
        self._family = family
        with self._form.filling():
            for widget in (self.label, self.language, self.series, self.notes):
                widget.setEnabled(family is not None)
            self._form.show_line(self.label, family.label if family else "", same_row=same)
            self.language.setCurrentIndex(
                max(0, self.language.findData(family.language if family else "en"))
            )
            self.series.setCurrentIndex(
                max(0, self.series.findData(family.series_id if family else None))
            )
            notes_changed = family is None or self.notes.toPlainText() != family.notes
            if notes_changed and not (same and self.notes.hasFocus()):
                self.notes.setPlainText(family.notes if family else "")
        self.family_selected.emit(family.id if family else None)

    # --- editing ----------------------------------------------------------------------------

    def _save(self, field: str, value: object) -> None:
        if self._form.loading or self._family is None:
            return
        error = self._controller.edit_family(self._family.id or 0, field, value)
        self.message.emit(error or "")

    def commit_text(self) -> None:
        """Save what is being typed (label or notes) now; a blank label waits for more."""
        self._form.flush()

    def _save_typed(self) -> None:
        family = self._family
        if family is None:
            return
        label = " ".join(self.label.text().split())
        if label and label != family.label:
            self._save("label", label)
        if self.notes.toPlainText().strip() != family.notes:
            self._save("notes", self.notes.toPlainText())

    def add_family(self) -> None:
        existing = {f.label for f in self.model.rows()}
        label = next(
            name
            for n in range(1, 1000)
            if (name := _("New family {n}").format(n=n) if n > 1 else _("New family"))
            not in existing
        )
        language = default_language()
        series_id = self._family.series_id if self._family else None
        new_id, error = self._controller.add_family(label, language=language, series_id=series_id)
        self.message.emit(error or "")
        if new_id:
            self.refresh()
            self.select(new_id)
            self._edit_label()

    def _edit_label(self) -> None:
        self.label.setFocus()
        self.label.selectAll()

    def delete_family(self) -> None:
        family_id = self.selected_id()
        if family_id is not None:
            error = self._controller.delete_family(family_id)
            self.message.emit(error or _("Family deleted: Ctrl+Z brings it back."))
            self.refresh()
