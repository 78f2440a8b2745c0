"""Copy a routine to other families: tick the families that should get their own copy."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListView, QVBoxLayout, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.core.models import Family
from attune_desktop.ui.common.rows_model import shown
from attune_desktop.ui.common.widgets import named


class CopyToFamiliesDialog(QDialog):
    """Tick the families that should get a copy; non-blocking (open it)."""

    families_chosen = Signal(list)

    def __init__(self, families: list[Family], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copyRoutineDialog")
        self.setWindowTitle(_("Copy routine to families"))
        self.model = QStandardItemModel(self)
        for family in families:
            item = QStandardItem(shown(family.label))  # never edited: words as shown
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(family.id)
            self.model.appendRow(item)
        view = named(QListView(), "copyFamilies")
        view.setModel(self.model)
        view.setAccessibleName(_("Families to copy to"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Each family gets its own copy, to change as it likes.")))
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
