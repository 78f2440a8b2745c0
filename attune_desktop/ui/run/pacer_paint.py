"""The pacer's geometry and painting, mixed into `PacerWidget` (which sets these attributes):
the circle's boxes, the band and ring a frame repaints, the backdrop and the paint itself.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
)

from attune_desktop.ui.common.chart_words import paint_focus

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _Widget = QWidget
else:
    _Widget = object

REST_RADIUS_SHARE = 0.38  # the shape at rest, as a share of the largest circle
RING_SLABS = 6  # slabs per half circle: the rectangles that cover a moving edge
RING_MARGIN = 2.0  # pixels either side of the edge that a ring-only paint redraws
LARGE_BOLD_PX = 19  # WCAG's large text: 14 pt (18.7 px) bold


class PacerPaint(_Widget):
    """The painting of `PacerWidget`, mixed into it (which sets these attributes)."""

    _background: QColor
    _fill: QColor
    _outline: QColor
    _text: QColor
    _radius: float
    _label: tuple[str, str]
    _still: QPixmap | None
    _text_half: float
    _full: bool
    _ring: tuple[float, float] | None
    frames_painted: int

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

    def _ring_rects(self, new: float, old: float) -> list[QRect]:
        """Only the thin ring between the two circles changes. It is covered by a few dozen
        rectangles, slab by slab down the circle, so each frame repaints and sends to the
        screen a few thousand pixels rather than the whole circle's box. (Rectangles, not a
        QRegion built here: Qt unions them in C++, far cheaper than region sums in Python.)"""
        outer, inner = max(new, old) + 2.0, max(0.0, min(new, old) - 2.0)
        cx, cy = self.width() / 2, self.height() / 2
        rects: list[QRect] = []
        step = outer / RING_SLABS
        for i in range(RING_SLABS):
            near, far = i * step, (i + 1) * step  # the slab's edges, from the centre line
            x_out = math.sqrt(max(0.0, outer * outer - near * near))
            x_in = math.sqrt(inner * inner - far * far) if far < inner else 0.0
            h = math.ceil(far - near) + 2
            for y in (math.floor(cy + near) - 1, math.floor(cy - far) - 1):
                if x_in <= 0:
                    rects.append(QRect(math.floor(cx - x_out) - 1, y, math.ceil(2 * x_out) + 3, h))
                    continue
                width = math.ceil(x_out - x_in) + 2
                rects.append(QRect(math.floor(cx + x_in) - 1, y, width, h))
                rects.append(QRect(math.floor(cx - x_in - width) + 1, y, width, h))
        return rects

    def _text_boxes(self) -> tuple[QRectF, QRectF]:
        centre_x, centre_y = self.width() / 2, self.height() / 2
        top = self._max_radius()
        words = QRectF(centre_x - top, centre_y - top * 0.22, 2 * top, top * 0.25)
        count = QRectF(centre_x - top, centre_y + top * 0.05, 2 * top, top * 0.2)
        return words, count

    def _text_region(self) -> QRegion:
        """Where the words and the count are drawn: all a new count needs repainted."""
        words, count = self._text_boxes()
        return QRegion(words.toAlignedRect().adjusted(-2, -2, 2, 2)).united(
            QRegion(count.toAlignedRect().adjusted(-2, -2, 2, 2))
        )

    def _backdrop(self) -> QPixmap:
        """The background and the outer circle, drawn once per size and then only copied:
        a wide anti-aliased circle costs more to draw than everything else in a frame."""
        ratio = self.devicePixelRatioF()
        if self._still is None or self._still.size() != self.size() * ratio:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self._background)
            painter = QPainter(pixmap)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                top = self._max_radius()
                painter.setPen(QPen(self._outline, max(2.0, top * 0.012)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(self._circle(top))
            finally:
                painter.end()
            self._still = pixmap
        return self._still

    def _ring_only(self, box: QRect, ring: tuple[float, float]) -> bool:
        """Only the moving edge needs painting: nothing else (an expose) asked for more, and
        the outer circle, which a full disc overlaps, is not in reach."""
        low, high = ring
        outline = max(2.0, self._max_radius() * 0.012)
        if high + 2 * RING_MARGIN + outline >= self._max_radius():
            return False
        if low - RING_MARGIN <= self._text_half:
            return False
        reach = self._circle(high + RING_MARGIN + 3).toAlignedRect().adjusted(-2, -2, 2, 2)
        return reach.contains(box)

    def _paint_ring(self, painter: QPainter, low: float, high: float) -> None:
        """The edge moved between `low` and `high`: the backing store still holds the rest
        (background, words, the disc's middle), so draw only the background back over the
        ring and the disc over it. A fraction of a full frame's cost at projector size."""
        painter.setPen(Qt.PenStyle.NoPen)
        radius = max(self._radius, self._radius_for(0.0))
        if radius < high:
            ring = QPainterPath()
            ring.setFillRule(Qt.FillRule.OddEvenFill)
            ring.addEllipse(self._circle(high + RING_MARGIN))
            ring.addEllipse(self._circle(max(0.0, radius - RING_MARGIN)))
            painter.setBrush(self._background)
            painter.drawPath(ring)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(self._fill)
        painter.drawEllipse(self._circle(radius))

    def _circle(self, radius: float) -> QRectF:
        centre_x, centre_y = self.width() / 2, self.height() / 2
        return QRectF(centre_x - radius, centre_y - radius, 2 * radius, 2 * radius)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.frames_painted += 1
        ring, self._ring = self._ring, None
        full, self._full = self._full, False
        backdrop = self._backdrop()
        painter = QPainter(self)
        try:
            if ring is not None and not full and self._ring_only(event.rect(), ring):
                self._paint_ring(painter, *ring)
                return
            # One copy of the changed box; Qt clips it to the changed region. (Iterating
            # event.region() in Python would unbalance None's refcount: decision 0004.)
            box = event.rect()
            ratio = backdrop.devicePixelRatio()
            source = QRectF(
                box.x() * ratio, box.y() * ratio, box.width() * ratio, box.height() * ratio
            )
            painter.drawPixmap(QRectF(box), backdrop, source)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            top = self._max_radius()
            radius = max(self._radius, self._radius_for(0.0))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._fill)
            painter.drawEllipse(self._circle(radius))
            words, count = self._label
            word_box, count_box = self._text_boxes()
            if not event.region().intersects(self._text_region()):
                return  # a frame of the moving edge only: no text to lay out
            painter.setPen(self._text)
            font = QFont(self.font())
            font.setWeight(QFont.Weight.Bold)  # large text (3:1) on the fill, at every size
            font.setPixelSize(max(LARGE_BOLD_PX, round(top * 0.115)))
            painter.setFont(font)
            painter.drawText(word_box, Qt.AlignmentFlag.AlignCenter, words)
            self._text_half = QFontMetricsF(font).horizontalAdvance(words) / 2
            if count:
                font.setPixelSize(max(LARGE_BOLD_PX, round(top * 0.1)))
                painter.setFont(font)
                painter.drawText(count_box, Qt.AlignmentFlag.AlignCenter, count)
        finally:
            paint_focus(painter, self, self._text)
            painter.end()
