"""A progress ring: a soft track and an arc that fills as a segment goes on."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class ProgressRing(QWidget):
    """Draws `progress` (0..1) as an arc, with optional text in the middle.

    It repaints only when something it shows changes, so a once-a-second update of a ring that
    moved less than a pixel costs nothing.
    """

    def __init__(
        self,
        *,
        track: str,
        fill: str,
        text_colour: str,
        thickness: float = 0.06,
        outline: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # the track's two edges, drawn at 3:1 on the background, so a soft track still shows
        self._outline = QColor(outline) if outline else None
        self._thickness = thickness
        self._progress = 0.0
        self._text = ""
        self._caption = ""
        self._track = QColor(track)
        self._fill = QColor(fill)
        self._text_colour = QColor(text_colour)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)

    def set_track(self, track: str, outline: str | None) -> None:
        """The track's colours, as a new theme gives them."""
        self._track = QColor(track)
        self._outline = QColor(outline) if outline else None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    @property
    def progress(self) -> float:
        return self._progress

    def text(self) -> str:
        return self._text

    def set_state(self, progress: float, text: str = "", caption: str = "") -> None:
        progress = min(1.0, max(0.0, progress))
        steps = max(360, self.width() * 4)  # about a quarter pixel along the arc
        if (
            round(progress * steps) == round(self._progress * steps)
            and text == self._text
            and caption == self._caption
        ):
            return
        self._progress, self._text, self._caption = progress, text, caption
        self.update()

    def set_colours(self, fill: str, text_colour: str | None = None) -> None:
        colour = QColor(fill)
        text = QColor(text_colour) if text_colour else self._text_colour
        if colour != self._fill or text != self._text_colour:
            self._fill, self._text_colour = colour, text
            self.update()

    def ring_rect(self) -> QRectF:
        side = min(self.width(), self.height())
        width = self._pen_width()
        inset = width / 2 + 2
        return QRectF(
            (self.width() - side) / 2 + inset,
            (self.height() - side) / 2 + inset,
            side - 2 * inset,
            side - 2 * inset,
        )

    def _pen_width(self) -> float:
        return max(4.0, min(self.width(), self.height()) * self._thickness)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            rect = self.ring_rect()
            pen = QPen(self._track, self._pen_width())
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawEllipse(rect)
            if self._progress > 0:
                pen.setColor(self._fill)
                painter.setPen(pen)
                # Qt angles are 1/16 degree, counter-clockwise from 3 o'clock; go clockwise
                # from 12 o'clock as a clock does.
                painter.drawArc(rect, 90 * 16, -round(self._progress * 360 * 16))
            if self._outline is not None:
                half = self._pen_width() / 2
                edge = QPen(self._outline, max(1.0, self._pen_width() * 0.08))
                painter.setPen(edge)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(rect.adjusted(-half, -half, half, half))
                painter.drawEllipse(rect.adjusted(half, half, -half, -half))
            if self._text:
                font = QFont(self.font())
                font.setPixelSize(max(12, round(rect.height() * 0.2)))
                font.setWeight(QFont.Weight.DemiBold)
                font.setFeature(QFont.Tag("tnum"), 1)  # digits that do not jiggle
                painter.setFont(font)
                painter.setPen(self._text_colour)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._text)
            if self._caption:
                font = QFont(self.font())
                font.setPixelSize(max(10, round(rect.height() * 0.07)))
                painter.setFont(font)
                painter.setPen(self._text_colour)
                below = rect.adjusted(0, rect.height() * 0.63, 0, 0)
                painter.drawText(below, Qt.AlignmentFlag.AlignHCenter, self._caption)
        finally:
            painter.end()
