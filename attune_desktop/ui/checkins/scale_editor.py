"""Make a scale of one's own: a name, a question, and 2–8 options, each with words and a
picture from the bundled pictograms. The first option counts as the most settled."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.checkin_scales import (
    MAX_LABEL_CHARS,
    MAX_OPTIONS,
    MIN_OPTIONS,
)
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.pictograms import PictogramIndex
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.common.widgets import named

STARTER_PICTURES = ("1F31E", "26C5", "1F327")  # sun, sun behind cloud, rain


class ScaleEditorDialog(QDialog):
    created = Signal(str, str)  # key, name

    def __init__(
        self,
        service: CheckInService,
        pictures: Pictures | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scaleEditorDialog")
        self.setWindowTitle(_("Make a check-in scale"))
        self._service = service
        self._pictures = pictures or Pictures()
        self._picture_model = QStandardItemModel(self)
        names = {p.key: p.name for p in PictogramIndex.load().all()}  # what a reader says
        for code in self._pictures.codes():
            item = QStandardItem(self._pictures.icon(code, 28), "")
            item.setData(code)
            item.setToolTip(names.get(code, code))
            item.setData(names.get(code, code), Qt.ItemDataRole.AccessibleTextRole)
            self._picture_model.appendRow(item)
        self.name = named(QLineEdit(), "scaleName")
        self.name.setMaxLength(80)
        self.question = named(QLineEdit(), "scaleQuestion")
        self.question.setMaxLength(120)
        self.question.setPlaceholderText(_("What the room is asked; the name when left empty"))
        self.rows: list[tuple[QLineEdit, QComboBox]] = []
        self._grid = QGridLayout()
        self.add_button = named(QPushButton(_("Add an option")), "scaleAddOption")
        self.add_button.clicked.connect(lambda: self.add_option())
        self.remove_button = named(QPushButton(_("Remove the last option")), "scaleRemoveOption")
        self.remove_button.clicked.connect(self._on_remove)
        self.message = named(QLabel(), "scaleMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")  # the theme's warm words
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Question"), self.question)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        hint = QLabel(_("Options, most settled first (2 to 8):"))
        layout.addWidget(hint)
        layout.addLayout(self._grid)
        layout.addLayout(row_buttons)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for code in STARTER_PICTURES:
            self.add_option("", code)

    def add_option(self, label: str = "", picture: str = "") -> None:
        if len(self.rows) >= MAX_OPTIONS:
            return
        index = len(self.rows)
        words = named(QLineEdit(label), f"scaleOptionLabel_{index}")
        words.setMaxLength(MAX_LABEL_CHARS)
        words.setPlaceholderText(_("Option {number}").format(number=index + 1))
        words.setAccessibleName(_("Option {number} words").format(number=index + 1))
        chooser = named(QComboBox(), f"scaleOptionPicture_{index}")
        chooser.setModel(self._picture_model)
        chooser.setIconSize(QSize(28, 28))
        chooser.setMaxVisibleItems(12)
        found = chooser.findData(picture, 257)  # Qt.UserRole + 1, where QStandardItem keeps data
        chooser.setCurrentIndex(max(found, 0))
        number = QLabel(f"{index + 1}.")
        number.setBuddy(chooser)
        number.setAccessibleName(_("Option {number} picture").format(number=index + 1))
        self._grid.addWidget(number, index, 0)
        self._grid.addWidget(chooser, index, 1)
        self._grid.addWidget(words, index, 2)
        self.rows.append((words, chooser))
        self._update_buttons()

    def _on_remove(self) -> None:
        if len(self.rows) <= MIN_OPTIONS:
            return
        words, chooser = self.rows.pop()
        index = len(self.rows)
        number = self._grid.itemAtPosition(index, 0)
        for widget in (number.widget() if number else None, words, chooser):
            if widget is not None:
                self._grid.removeWidget(widget)
                widget.deleteLater()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self.rows) < MAX_OPTIONS)
        self.remove_button.setEnabled(len(self.rows) > MIN_OPTIONS)

    def options(self) -> list[tuple[str, str]]:
        return [(words.text(), str(chooser.currentData(257) or "")) for words, chooser in self.rows]

    def _on_save(self) -> None:
        try:
            scale = self._service.create_scale(
                self.name.text(), self.options(), question=self.question.text() or None
            )
        except (AttuneError, ValueError) as refused:
            self.message.setText(str(refused))
            return
        self.created.emit(scale.key, scale.name())
        self.accept()
