"""The calm line above an editor showing a copy received from the organisation's library.

A received practice or curriculum template is read-only on this laptop (the core services
refuse to change it); the banner says so before anyone tries, and offers "Duplicate to edit",
which makes the laptop's own copy. Hidden for the laptop's own items.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.ui.common.widgets import named


class ReceivedBanner(QFrame):
    """Says a copy comes from the organisation; its one button asks for an editable copy."""

    duplicate_requested = Signal()

    def __init__(self, sentence: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "banner")
        self.label = named(QLabel(sentence), f"{name}Text")
        self.label.setWordWrap(True)
        self.button = named(QPushButton(_("Duplicate to edit")), f"{name}Duplicate")
        self.button.setAccessibleName(_("Duplicate to edit"))
        self.button.setAccessibleDescription(sentence)
        self.button.setToolTip(_("Make your own copy to change; the organisation's stays as is"))
        self.button.clicked.connect(self.duplicate_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def set_received(self, received: bool) -> None:
        self.setVisible(received)
