"""The paper tally: the facilitator types how many held up each card (or dropped each token).

The fields start empty, never with the answers so far. Every field is checked before anything
is saved; a bad one gets its own message beside it and nothing changes.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.checkin_rules import MAX_COUNT, RuleError
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.common.widgets import named

WHOLE = re.compile(r"\d{1,6}")


class TallyDialog(QDialog):
    """Counts per option for one open round; `saved` after the service took them."""

    saved = Signal()

    def __init__(
        self,
        service: CheckInService,
        round_id: int,
        pictures: Pictures | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tallyDialog")
        self.setWindowTitle("Paper tally")
        self._service, self._round_id = service, round_id
        pictures = pictures or Pictures()
        scale = service.scale(service.get_round(round_id).scale_key)
        self._scale = scale
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for option in scale.options:
            field = named(QLineEdit(), f"tally_{option.key}")
            field.setPlaceholderText("0")
            field.setMaxLength(6)
            field.setAccessibleName(f"How many chose {option.label()}")
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            picture = QLabel()
            picture.setPixmap(pictures.pixmap(option.picture, 28))
            row_layout.addWidget(picture)
            row_layout.addWidget(QLabel(option.label()), 1)
            form.addRow(row, field)
            self.fields[option.key] = field
        self.replace = named(QRadioButton("These are all the answers"), "tallyReplace")
        self.add = named(
            QRadioButton("Add these to answers already given on the kiosk or phones"), "tallyAdd"
        )
        self.add.setChecked(True)
        self.message = named(QLabel(), "tallyMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9a5b12;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("tallyButtons")
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{scale.question()}\nType how many chose each answer. Leave a field empty for 0."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.add)
        layout.addWidget(self.replace)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def counts(self) -> dict[str, int]:
        """The typed counts; raises RuleError naming the first field that is not a count."""
        counts: dict[str, int] = {}
        for option in self._scale.options:
            typed = self.fields[option.key].text().strip()
            if not typed:
                counts[option.key] = 0
            elif not WHOLE.fullmatch(typed):
                raise RuleError(
                    f"The count for “{option.label()}” must be a whole number, "
                    f"from 0 to {MAX_COUNT}.",
                    option_key=option.key,
                )
            else:
                counts[option.key] = int(typed)
        return counts

    def _on_save(self) -> None:
        try:
            self._service.set_tally(self._round_id, self.counts(), add=self.add.isChecked())
        except RuleError as refused:
            self._show_refusal(str(refused), refused.option_key)
            return
        except AttuneError as refused:
            self._show_refusal(str(refused), None)
            return
        self.saved.emit()
        self.accept()

    def _show_refusal(self, message: str, option_key: str | None) -> None:
        self.message.setText(message)
        for key, field in self.fields.items():
            field.setStyleSheet("border: 2px solid #b8741a;" if key == option_key else "")
        if option_key in self.fields:
            self.fields[option_key].setFocus()
            self.fields[option_key].selectAll()
