"""Bar charts for printed reports, drawn once as images a report's document holds.

A chart is rows of labelled bars: each row one or more parts (stacked) with its figure
written at the end, so a reader never has to measure a bar. The image is drawn at print
resolution and placed in the document by name (`chart:<key>`), so pagination and the PDF
treat it as one picture that never splits across pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextDocument

from attune_desktop.printing.pages import InkPalette, print_font

SCALE = 3  # image pixels per layout pixel: sharp on paper at 300 dpi
ROW_PX = 18
LABEL_PX = 170
FIGURE_PX = 150


@dataclass(frozen=True)
class Bar:
    """One row: its label, the lengths of its parts (stacked), and the words at its end."""

    label: str
    parts: tuple[float, ...]
    figure: str


def chart_image(
    bars: Sequence[Bar],
    scale_max: float,
    palette: InkPalette,
    *,
    width_px: int,
    colours: Sequence[str],
) -> QImage:
    """Draw the rows at `width_px` layout pixels wide; parts are measured against scale_max."""
    height_px = max(1, len(bars)) * ROW_PX + 4
    image = QImage(width_px * SCALE, height_px * SCALE, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(SCALE, SCALE)
        font = QFont(print_font(7.5))
        font.setPixelSize(11)
        painter.setFont(font)
        track = max(1.0, width_px - LABEL_PX - FIGURE_PX)
        for row, bar in enumerate(bars):
            top = 2 + row * ROW_PX
            painter.setPen(QColor(palette.text))
            label_box = QRectF(0, top, LABEL_PX - 8, ROW_PX)
            painter.drawText(
                label_box,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                painter.fontMetrics().elidedText(
                    bar.label, Qt.TextElideMode.ElideRight, LABEL_PX - 8
                ),
            )
            left = float(LABEL_PX)
            painter.setPen(Qt.PenStyle.NoPen)
            for index, part in enumerate(bar.parts):
                length = track * max(0.0, part) / scale_max if scale_max else 0.0
                painter.setBrush(QColor(colours[index % len(colours)]))
                painter.drawRect(QRectF(left, top + 3, length, ROW_PX - 6))
                left += length
            painter.setPen(QColor(palette.muted))
            painter.drawText(
                QRectF(left + 4, top, FIGURE_PX + track, ROW_PX),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                bar.figure,
            )
        painter.setPen(QColor(palette.rule))
        painter.drawLine(LABEL_PX, 0, LABEL_PX, height_px)
    finally:
        painter.end()
    return image


def place_chart(document: QTextDocument, key: str, image: QImage) -> str:
    """Give the document the image; returns the <img> to put in its HTML."""
    name = f"chart:{key}"
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    width, height = image.width() // SCALE, image.height() // SCALE
    return f'<p><img src="{name}" width="{width}" height="{height}"></p>'
