"""Drawing helpers for routine sheets: measured in millimetres, pictures, fitted text.

Sheets are drawn in layout pixels at LAYOUT_DPI whatever the device, like the text sheets,
so a preview, a printer and a PDF place every box at the same true size. Pictures are
cached for one job: each pictogram's SVG is parsed once, each photo decoded once (at most
the size it prints at), however many sheets use it.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageReader,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

from attune_desktop.core.bidi import is_rtl
from attune_desktop.core.photos import photo_path
from attune_desktop.core.pictograms import is_photo, is_pictogram, svg_path
from attune_desktop.printing.pages import LAYOUT_DPI, MM_PER_INCH, InkPalette, print_font

MAX_PHOTO_PIXELS = 1600  # longest side kept of a photo: sharp at 300 dpi up to ~13 cm
PHOTO_ALLOCATION_MB = 512  # Qt's guard against a decompression bomb
BREAK_BELOW_POINTS = 12.0  # a word this size or larger stays whole even when that needs a shrink
LAST_RESORT_POINTS = 4.0  # smaller than any floor a layout sets: only so nothing is cut


def mm(value: float) -> float:
    """Millimetres in layout pixels."""
    return value * LAYOUT_DPI / MM_PER_INCH


def sheet_font(points: float, *, bold: bool = False) -> QFont:
    font = print_font(points, bold=bold)
    font.setPixelSize(max(1, round(points * LAYOUT_DPI / 72)))
    return font


class Canvas:
    """One job's painter, palette, direction and picture caches."""

    def __init__(
        self,
        painter: QPainter,
        palette: InkPalette,
        *,
        pictures_dir: Path,
        photos_dir: Path | None,
        outline: bool,
    ) -> None:
        self.painter = painter
        self.palette = palette
        self.pictures_dir = pictures_dir
        self.photos_dir = photos_dir
        self.outline = outline
        self.rtl = False
        self.width = 0.0
        self._svgs: dict[str, QSvgRenderer | None] = {}
        self._photos: dict[str, QImage | None] = {}
        QImageReader.setAllocationLimit(PHOTO_ALLOCATION_MB)

    # --- direction: layouts are written left to right and mirrored for Arabic ---------------

    def box(self, x: float, y: float, w: float, h: float) -> QRectF:
        """A rectangle measured from the reading start of the line (the right, in Arabic)."""
        if self.rtl:
            x = self.width - x - w
        return QRectF(x, y, w, h)

    def lead(self) -> Qt.AlignmentFlag:
        """Where lines start: Qt swaps left and right itself when the painter is RTL."""
        return Qt.AlignmentFlag.AlignLeft

    def trail(self) -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag.AlignRight

    # --- text -------------------------------------------------------------------------------

    def text(
        self,
        rect: QRectF,
        text: str,
        points: float,
        *,
        bold: bool = False,
        color: str | None = None,
        align: Qt.AlignmentFlag | None = None,
        min_points: float | None = None,
        wrap: bool = True,
    ) -> float:
        """Draw text in rect, shrinking it (down to min_points) until it fits; returns size.

        Words are never cut: a word wider than the line at the smallest size breaks inside
        itself onto the next line, and text that still does not fit goes below min_points
        (to LAST_RESORT_POINTS) rather than spill out of its box.
        """
        if not text:
            return points
        text = self.in_own_direction(text)
        size, flags = self._fit(rect, text, points, bold, min_points, align, wrap)
        painter = self.painter
        painter.setFont(sheet_font(size, bold=bold))
        painter.setPen(QColor(color or self.palette.text))
        painter.drawText(rect, flags, text)
        return size

    def fitting(
        self,
        rect: QRectF,
        text: str,
        points: float,
        *,
        bold: bool = False,
        min_points: float | None = None,
        align: Qt.AlignmentFlag | None = None,
        wrap: bool = True,
    ) -> float:
        """The largest size up to `points` (at least min_points) at which text fits rect."""
        flags = self._flags(align, wrap)
        floor = min_points if min_points is not None else points
        return self._shrink(rect, self.in_own_direction(text), points, floor, bold, flags)

    def in_own_direction(self, text: str) -> str:
        """Text that reads the other way from the sheet, marked so it keeps its own order.

        A family's Spanish words on an Arabic sheet ("¡Buenos días!") would otherwise take the
        sheet's direction for their end punctuation ("!Buenos días¡"); a left-to-right or
        right-to-left mark at each end ties the punctuation to the words (the marks draw
        nothing and leave the PDF's text as typed)."""
        if self.rtl and not is_rtl(text):
            return f"\u200e{text}\u200e"
        if not self.rtl and is_rtl(text):
            return f"\u200f{text}\u200f"
        return text

    def _fit(
        self,
        rect: QRectF,
        text: str,
        points: float,
        bold: bool,
        min_points: float | None,
        align: Qt.AlignmentFlag | None,
        wrap: bool,
    ) -> tuple[float, int]:
        """The size and flags to draw with, so every character stays inside rect.

        Whole words first; a word wider than its line is broken inside itself rather than
        shrunk below a readable size (BREAK_BELOW_POINTS); last, smaller than the floor.
        """
        flags = self._flags(align, wrap)
        floor = min_points if min_points is not None else points
        size = self._shrink(rect, text, points, floor, bold, flags)
        whole = self._fits(rect, text, size, bold, flags)
        if whole and (size >= min(points, BREAK_BELOW_POINTS) or not wrap):
            return size, flags
        if not wrap:
            return self._shrink(
                rect, text, size, min(floor, LAST_RESORT_POINTS), bold, flags
            ), flags
        broken = flags | int(Qt.TextFlag.TextWrapAnywhere)
        larger = self._shrink(rect, text, points, floor, bold, broken)
        if whole and not self._word_too_wide(rect, text, larger, bold):
            return size, flags  # small, but no word needs breaking
        last = min(floor, LAST_RESORT_POINTS)
        return self._shrink(rect, text, larger, last, bold, broken), broken

    @staticmethod
    def _word_too_wide(rect: QRectF, text: str, size: float, bold: bool) -> bool:
        metrics = QFontMetricsF(sheet_font(size, bold=bold))
        return any(metrics.horizontalAdvance(word) > rect.width() for word in text.split())

    def _shrink(
        self, rect: QRectF, text: str, points: float, floor: float, bold: bool, flags: int
    ) -> float:
        size = points
        while size > floor and not self._fits(rect, text, size, bold, flags):
            size = max(floor, size * 0.88)
        return size

    @staticmethod
    def _fits(rect: QRectF, text: str, size: float, bold: bool, flags: int) -> bool:
        # Measured with the font's own metrics: the painter's boundingRect comes back
        # empty on a PDF device after an SVG has been drawn.
        needed = QFontMetricsF(sheet_font(size, bold=bold)).boundingRect(rect, flags, text)
        return needed.height() <= rect.height() + 0.5 and needed.width() <= rect.width() + 0.5

    def _flags(self, align: Qt.AlignmentFlag | None, wrap: bool) -> int:
        return int(
            (align if align is not None else self.lead() | Qt.AlignmentFlag.AlignVCenter)
            | (Qt.TextFlag.TextWordWrap if wrap else 0)
        )

    # --- shapes -----------------------------------------------------------------------------

    def pen(self, color: str, width_mm: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(QColor(color))
        pen.setWidthF(mm(width_mm))
        pen.setStyle(style)
        return pen

    def tick_box(self, rect: QRectF) -> None:
        side = min(rect.width(), rect.height())
        square = QRectF(0, 0, side, side)
        square.moveCenter(rect.center())
        self.painter.setPen(self.pen(self.palette.text, 0.6))
        self.painter.setBrush(QBrush())
        self.painter.drawRoundedRect(square, side * 0.12, side * 0.12)

    def panel(self, rect: QRectF) -> None:
        """A soft filled card behind a step (colour) or a thin outline (low ink)."""
        painter = self.painter
        radius = mm(3)
        if self.outline:
            painter.setPen(self.pen(self.palette.rule, 0.3))
            painter.setBrush(QBrush())
        else:
            painter.setPen(QPen(Qt.PenStyle.NoPen))
            painter.setBrush(QBrush(QColor(self.palette.fill)))
        painter.drawRoundedRect(rect, radius, radius)

    def arrow(self, rect: QRectF) -> None:
        """A chevron pointing the way the strip reads."""
        c = rect.center()
        half = min(rect.width(), rect.height()) / 2
        sign = -1 if self.rtl else 1
        path = QPainterPath(QPointF(c.x() - sign * half * 0.4, c.y() - half))
        path.lineTo(QPointF(c.x() + sign * half * 0.4, c.y()))
        path.lineTo(QPointF(c.x() - sign * half * 0.4, c.y() + half))
        pen = self.pen(self.palette.accent, 0.9)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.painter.setPen(pen)
        self.painter.setBrush(QBrush())
        self.painter.drawPath(path)

    # --- pictures ---------------------------------------------------------------------------

    def picture(self, rect: QRectF, picture: str) -> None:
        """A pictogram or photo, centred in a square inside rect; a frame when it is missing."""
        side = min(rect.width(), rect.height())
        square = QRectF(0, 0, side, side)
        square.moveCenter(rect.center())
        if is_pictogram(picture):
            renderer = self._svg(picture)
            if renderer is not None:
                renderer.render(self.painter, square)
                return
        elif is_photo(picture):
            image = self._photo(picture, side)
            if image is not None:
                self._draw_photo(square, image)
                return
        if picture:
            self._missing(square)

    def _svg(self, picture: str) -> QSvgRenderer | None:
        if picture not in self._svgs:
            path = svg_path(self.pictures_dir, picture, outline=self.outline)
            renderer = QSvgRenderer(str(path)) if path.exists() else None
            if renderer is not None and not renderer.isValid():
                renderer = None
            if renderer is not None:
                renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            self._svgs[picture] = renderer
        return self._svgs[picture]

    def _photo(self, picture: str, side: float) -> QImage | None:
        if picture not in self._photos:
            self._photos[picture] = self._load_photo(picture)
        return self._photos[picture]

    def _load_photo(self, picture: str) -> QImage | None:
        path = photo_path(self.photos_dir, picture) if self.photos_dir else None
        if path is None or not path.is_file():
            return None
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > MAX_PHOTO_PIXELS:
            scale = MAX_PHOTO_PIXELS / max(size.width(), size.height())
            reader.setScaledSize(
                QSize(
                    max(1, math.floor(size.width() * scale)),
                    max(1, math.floor(size.height() * scale)),
                )
            )
        image = reader.read()
        if image.isNull():
            return None
        if self.outline:
            image = image.convertToFormat(QImage.Format.Format_Grayscale8)
        return image

    def _draw_photo(self, square: QRectF, image: QImage) -> None:
        """The photo fills the square (cropped to it), with rounded corners."""
        painter = self.painter
        source = QRectF(image.rect())
        side = min(source.width(), source.height())
        crop = QRectF(0, 0, side, side)
        crop.moveCenter(source.center())
        painter.save()
        try:
            clip = QPainterPath()
            clip.addRoundedRect(square, mm(2), mm(2))
            painter.setClipPath(clip, Qt.ClipOperation.IntersectClip)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(square, image, crop)
        finally:
            painter.restore()

    def _missing(self, square: QRectF) -> None:
        """A dashed frame where a picture could not be read, so the step still prints."""
        self.painter.setPen(self.pen(self.palette.rule, 0.4, Qt.PenStyle.DashLine))
        self.painter.setBrush(QBrush())
        inset = square.width() * 0.08
        self.painter.drawRoundedRect(square.adjusted(inset, inset, -inset, -inset), mm(2), mm(2))
