"""The breathing pacer: a shape that grows on the in-breath and shrinks on the out-breath.

Every frame is worked out from the clock (`core.pacing.pacer_frame` at the practice's elapsed
time), so a late frame is simply skipped, never accumulated. A frame timer runs at the screen's
refresh rate only while the pacer is visible and running, and each frame repaints just the
circle's box, and only when the circle moved by a quarter pixel or the words changed.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QRegion,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from attune_desktop.core.pacing import PacerFrame, PacerPlan, pacer_frame

REST_RADIUS_SHARE = 0.38  # the shape at rest, as a share of the largest circle
MIN_FRAME_MS = 8
DEFAULT_REFRESH_HZ = 60.0
WORDS = {"in": "breathe in", "in2": "a little more", "hold": "hold", "out": "breathe out"}


LARGE_BOLD_PX = 19  # WCAG's large text: 14 pt (18.7 px) bold


class PacerWidget(QWidget):
    def __init__(
        self,
        *,
        fill: str,
        outline: str,
        text_colour: str,
        background: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pacer")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        # It paints its own background, so nothing beneath is repainted with every frame.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._background = QColor(background)
        self._fill = QColor(fill)
        self._outline = QColor(outline)
        self._text = QColor(text_colour)
        self._plan: PacerPlan | None = None
        self._elapsed: Callable[[], float] = lambda: 0.0
        self._running = False
        self._radius = -1.0
        self._label = ("", "")
        self.frames_painted = 0  # for the benchmark: how much work was done
        self.frames_computed = 0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_frame)

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    # --- what it shows -------------------------------------------------------------------

    def set_plan(self, plan: PacerPlan | None, elapsed: Callable[[], float]) -> None:
        self._plan = plan
        self._elapsed = elapsed
        self._radius = -1.0
        self._on_frame()
        self.update()

    def set_running(self, running: bool) -> None:
        self._running = running
        self._sync_timer()
        self._on_frame()

    def is_animating(self) -> bool:
        return self._timer.isActive()

    def frame(self) -> PacerFrame | None:
        if self._plan is None:
            return None
        return pacer_frame(self._plan, self._elapsed())

    def label(self) -> tuple[str, str]:
        """The phase words and the count, as the room reads them."""
        return self._label

    # --- animation -----------------------------------------------------------------------

    def _sync_timer(self) -> None:
        animate = self._running and self._plan is not None and self.isVisible()
        if animate and not self._timer.isActive():
            screen = self.screen()
            hz = screen.refreshRate() if screen is not None else DEFAULT_REFRESH_HZ
            hz = hz if hz and hz > 1 else DEFAULT_REFRESH_HZ
            self._timer.start(max(MIN_FRAME_MS, round(1000 / hz)))
        elif not animate and self._timer.isActive():
            self._timer.stop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sync_timer()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _max_radius(self) -> float:
        return min(self.width(), self.height()) * 0.46

    def _radius_for(self, size: float) -> float:
        top = self._max_radius()
        return top * (REST_RADIUS_SHARE + (1 - REST_RADIUS_SHARE) * size)

    def _box(self, radius: float) -> QRect:
        cx, cy = self.width() / 2, self.height() / 2
        pad = 3
        return QRect(
            int(cx - radius - pad),
            int(cy - radius - pad),
            int(2 * radius + 2 * pad) + 1,
            int(2 * radius + 2 * pad) + 1,
        )

    def _changed(self, new: float, old: float) -> QRegion:
        """Only the band between the two circles changes: the square inside the smaller
        circle (words and all) stays as it was."""
        outer = QRegion(self._box(max(new, old)))
        inner_half = min(new, old) / math.sqrt(2) - 2
        if inner_half <= 0:
            return outer
        cx, cy = self.width() / 2, self.height() / 2
        side = int(2 * inner_half)
        inner = QRect(int(cx - inner_half) + 1, int(cy - inner_half) + 1, side - 2, side - 2)
        return outer.subtracted(QRegion(inner))

    def _on_frame(self) -> None:
        self.frames_computed += 1
        frame = self.frame()
        if frame is None:
            return
        radius = self._radius_for(frame.size)
        label = _label(frame)
        if label != self._label:
            self._label = label
            self._radius = radius
            self.update()  # the words changed: once a second at most
        elif abs(radius - self._radius) >= 0.25:  # compared with what was last drawn
            self.update(self._changed(radius, self._radius))
            self._radius = radius

    def paintEvent(self, event: QPaintEvent) -> None:
        self.frames_painted += 1
        painter = QPainter(self)
        try:
            painter.fillRect(event.rect(), self._background)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            centre_x, centre_y = self.width() / 2, self.height() / 2
            top = self._max_radius()
            outline = QPen(self._outline, max(2.0, top * 0.012))
            painter.setPen(outline)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QRectF(centre_x - top, centre_y - top, 2 * top, 2 * top))
            radius = max(self._radius, self._radius_for(0.0))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._fill)
            painter.drawEllipse(
                QRectF(centre_x - radius, centre_y - radius, 2 * radius, 2 * radius)
            )
            words, count = self._label
            painter.setPen(self._text)
            font = QFont(self.font())
            font.setWeight(QFont.Weight.Bold)  # large text (3:1) on the fill, at every size
            font.setPixelSize(max(LARGE_BOLD_PX, round(top * 0.115)))
            painter.setFont(font)
            word_box = QRectF(centre_x - top, centre_y - top * 0.22, 2 * top, top * 0.25)
            painter.drawText(word_box, Qt.AlignmentFlag.AlignCenter, words)
            if count:
                font.setPixelSize(max(LARGE_BOLD_PX, round(top * 0.1)))
                painter.setFont(font)
                count_box = QRectF(centre_x - top, centre_y + top * 0.05, 2 * top, top * 0.2)
                painter.drawText(count_box, Qt.AlignmentFlag.AlignCenter, count)
        finally:
            painter.end()


def _label(frame: PacerFrame) -> tuple[str, str]:
    if frame.finished:
        return ("", "")
    if frame.kind is None:
        return ("settle in", "")
    return (WORDS.get(frame.kind.value, frame.word), str(frame.count))
