"""Restore from backup: the backups with what each holds, one chosen, confirmed, restored.

Restoring replaces everything, so the dialog says what the chosen copy holds and asks once
more; a safety copy of the data as it is now is always kept first (by the core service).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.storage.restore import BackupInfo
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.widgets import configure_table, empty_label, named, subtitle_label
from attune_desktop.ui.shell import UiContext


class RestoreDialog(QDialog):
    restored = Signal(str)  # the message to show once the data is back

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore from backup"))
        self.resize(760, 460)
        self._context = context
        self._backups = context.core.backups
        self.confirm_box: QMessageBox | None = None

        intro = subtitle_label(
            _(
                "Choose a copy to go back to. Everything in Attune Desktop is replaced by it; "
                "the data as it is now is kept as a backup first, so this can be undone by "
                "restoring that copy."
            )
        )
        self.model: RowsTableModel[BackupInfo] = RowsTableModel(
            [
                Column(_("Taken"), lambda b: b.label),
                Column(_("Kind"), lambda b: b.kind_label),
                Column(_("What it holds"), lambda b: b.summary, tooltip=lambda b: str(b.path)),
            ],
            self,
        )
        self.table = named(QTableView(), "backupsTable")
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=2)
        self.table.setAccessibleName(_("Backups"))
        self.empty = empty_label(
            _("No backups yet. One is taken each day the app starts, in {folder}.").format(
                folder=self._backups.folder
            )
        )
        self.preview = named(QLabel(), "backupPreview")
        self.preview.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.from_file = named(QPushButton(_("From a file…")), "restoreFromFile")
        self.restore_button = named(QPushButton(_("Restore…")), "restoreButton")
        buttons.addButton(self.from_file, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.from_file.clicked.connect(self._on_from_file)
        self.restore_button.clicked.connect(self._on_restore)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        self.refresh()

    def refresh(self) -> None:
        rows = self._backups.list_backups()
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._show_preview()

    def add_file(self, path: Path) -> None:
        """Offer a file from elsewhere (a backup copied to a USB stick, or an export)."""
        rows = [self._backups.preview(path), *self.model.rows()]
        self.model.set_rows(rows)
        self.table.setVisible(True)
        self.empty.setVisible(False)
        self.table.selectRow(0)
        self._show_preview()

    def chosen(self) -> BackupInfo | None:
        return self.model.selected_in(self.table)

    def _show_preview(self) -> None:
        info = self.chosen()
        self.restore_button.setEnabled(info is not None and not info.problem)
        if info is None:
            self.preview.setText("")
            return
        self.preview.setText(
            f"<b>{info.kind_label}, {info.label}</b><br>{html.escape(info.summary)}<br>"
            f"<span style='color: gray'>{html.escape(str(info.path))}</span>"
        )

    def _on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_preview()

    def _on_from_file(self) -> None:
        picker = QFileDialog(self, _("Restore from a file"), str(self._backups.folder))
        picker.setObjectName("restoreFilePicker")
        picker.setNameFilters(
            [_("Backups and exports (*.sqlite3 *.zip)"), _("All files (*)")],
        )
        picker.setFileMode(QFileDialog.FileMode.ExistingFile)
        picker.fileSelected.connect(lambda name: self.add_file(Path(name)))
        picker.open()

    def _on_restore(self) -> None:
        info = self.chosen()
        if info is None or info.problem:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Restore this backup?"),
            _(
                "Replace everything in Attune Desktop with the copy from "
                "{label}?\n\nIt holds {summary}. What you have now is kept as a backup "
                "first."
            ).format(label=info.label, summary=info.summary),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmRestore")
        yes = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("confirmRestoreButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self._on_confirmed(info) if button is yes else None
        )
        self.confirm_box = box
        box.open()

    def _on_confirmed(self, info: BackupInfo) -> None:
        try:
            result = self._backups.restore(info.path)
        except AttuneError as exc:
            self._show_problem(str(exc))
            return
        self._context.undo.clear()  # the edits it remembers belong to the data replaced
        self.restored.emit(result.message)
        self.accept()

    def _show_problem(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Not restored"), message, parent=self)
        box.setObjectName("restoreProblem")
        box.open()
        self.refresh()
