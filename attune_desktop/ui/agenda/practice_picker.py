"""Choose a practice from the library to add as a segment; type to filter, ↑/↓ to choose."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.i18n import _
from attune_desktop.core.models import Practice
from attune_desktop.ui.common.rows_model import shown
from attune_desktop.ui.common.widgets import named

# Keys typed in the filter that move the choice in the list instead.
_LIST_KEYS = (
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
)


class PracticePickerDialog(QDialog):
    practice_chosen = Signal(int)

    def __init__(self, practices: list[Practice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practicePicker")
        self.setWindowTitle(_("Add a practice"))
        self.resize(460, 420)
        self.filter = named(QLineEdit(), "practiceFilter")
        self.filter.setPlaceholderText(_("Type to filter: breathing, grounding, humming…"))
        self.list = named(QListWidget(), "practiceList")
        for practice in practices:
            pacing = f" · {practice.pacing}" if practice.pacing else ""
            item = QListWidgetItem(
                _("{name} — {default_minutes} min{pacing}").format(
                    name=shown(practice.name),
                    default_minutes=practice.default_minutes,
                    pacing=pacing,
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, practice.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, f"{practice.name} {practice.kind}".lower())
            item.setToolTip(practice.summary)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.filter.installEventFilter(self)
        self.list.setAccessibleName(_("Practices"))
        self.filter.setAccessibleName(_("Filter practices"))
        self.filter.textChanged.connect(self._on_filter)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↑/↓ in the filter move the highlighted practice; Enter then adds that one."""
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _LIST_KEYS
        ):
            QApplication.sendEvent(self.list, event)
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.practice_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        super().accept()

    def _on_filter(self, text: str) -> None:
        needle = text.strip().lower()
        first_visible = -1
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole + 1)
            item.setHidden(hidden)
            if not hidden and first_visible < 0:
                first_visible = row
        self.list.setCurrentRow(first_visible)
