"""A QR code drawn module by module, so it stays sharp on a projector at any size."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from attune_desktop.core.i18n import _

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


class QrCodeWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self._text = ""
        self.setMinimumSize(120, 120)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(_("QR code"))

    def set_text(self, text: str) -> None:
        self._text = text
        if text:
            code = segno.make(text, error="m", micro=False)
            self._matrix = [[bool(bit) for bit in row] for row in code.matrix]
        else:
            self._matrix = []
        self.setAccessibleDescription(
            _("Opens {text}").format(text=text) if text else ""
        )  # the address beside it
        self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._matrix:
            return
        painter = QPainter(self)
        try:
            side = min(self.width(), self.height())
            modules = len(self._matrix) + 2 * QUIET_ZONE
            step = side / modules
            left = (self.width() - side) / 2
            top = (self.height() - side) / 2
            painter.fillRect(QRectF(left, top, side, side), QColor("#ffffff"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#1F2328"))
            for r, row in enumerate(self._matrix):
                for c, dark in enumerate(row):
                    if dark:
                        x = left + (c + QUIET_ZONE) * step
                        y = top + (r + QUIET_ZONE) * step
                        painter.drawRect(QRectF(x, y, step + 0.5, step + 0.5))
        finally:
            painter.end()
