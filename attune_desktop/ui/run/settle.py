"""The settle screen: a neutral, calm page with a short grounding prompt, shown to the room."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from attune_desktop.core.i18n import N_, _
from attune_desktop.ui.common.widgets import named

GROUNDING_PROMPT = N_(
    "Let’s pause here together.\n\n"
    "Feel your feet on the floor.\n"
    "Notice three things you can see.\n"
    "Let your breath out slowly."
)


class SettleScreen(QWidget):
    def __init__(self, text_colour: str, muted_colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settleScreen")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        self.heading = named(QLabel(_("A moment to settle")), "settleHeading")
        self.prompt = named(QLabel(_(GROUNDING_PROMPT)), "settlePrompt")
        for label, colour, size in (
            (self.heading, muted_colour, 0.05),
            (self.prompt, text_colour, 0.042),
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setProperty("scale", size)
            label.setStyleSheet(f"color: {colour}; background: transparent;")
            layout.addWidget(label)
            layout.addSpacing(18)
        layout.addStretch(3)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Text scales with the window so it reads from the back of the room.
        for label in (self.heading, self.prompt):
            font = label.font()
            font.setPixelSize(max(14, round(self.height() * float(label.property("scale")))))
            label.setFont(font)
        super().resizeEvent(event)
