"""The families list and the selected family's form: label, language, series, notes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from attune_desktop.core import i18n, sheet_words
from attune_desktop.core.container import Core
from attune_desktop.core.i18n import ROOM_LANGUAGES, _
from attune_desktop.core.models import Family
from attune_desktop.core.services.families import LABEL_MAX
from attune_desktop.ui.common.row_moves import table_delete
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.widgets import button_row, configure_table, list_and_form, named
from attune_desktop.ui.routines.controller import RoutinesController
from attune_desktop.ui.routines.row_panel import RowPanel


def language_name(code: str) -> str:
    return i18n.language(code).name


def default_language() -> str:
    """A new family's language: the app's own (its locale), English when sheets lack it.

    Never the last family's: the family chosen in the list says nothing about the next one.
    """
    code = QLocale().name()
    return sheet_words.words_for(code).code if sheet_words.is_supported(code) else "en"


class FamilyPanel(RowPanel[Family]):
    """The families (`row_selected` says which family is chosen) and the chosen one's form."""

    def __init__(
        self, core: Core, controller: RoutinesController, parent: QWidget | None = None
    ) -> None:
        super().__init__(core, controller, parent)
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
        for room_language in ROOM_LANGUAGES:
            self.language.addItem(
                f"{room_language.name} ({room_language.english_name})", room_language.code
            )
        self.series = named(QComboBox(), "familySeries")
        self.notes = named(QPlainTextEdit(), "familyNotes")
        self.notes.setPlaceholderText(_("Notes for you (never printed)"))
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)  # Tab moves on: keyboard users are not trapped

        form = QFormLayout()
        form.addRow(_("&Label"), self.label)
        form.addRow(_("Lan&guage"), self.language)
        form.addRow(_("Ci&rcle"), self.series)
        form.addRow(_("N&otes"), self.notes)
        list_and_form(self, button_row(add, delete), self.table, form)

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

    def _fields(self) -> Sequence[QWidget]:
        return (self.label, self.language, self.series, self.notes)

    def _show(self, family: Family | None, same: bool) -> None:
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

    # --- editing ----------------------------------------------------------------------------

    def _save(self, field: str, value: object) -> None:
        if self._form.loading or self._row is None:
            return
        error = self._controller.edit_family(self._row.id or 0, field, value)
        self.message.emit(error or "")

    def _save_typed(self) -> None:
        family = self._row
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
        series_id = self._row.series_id if self._row else None
        new_id, error = self._controller.add_family(label, language=language, series_id=series_id)
        self._after_add(new_id, error)
        if new_id:
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
