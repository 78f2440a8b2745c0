"""A round's results as the room may see them: calm bars, or only the reason they are hidden.

It paints a `RevealResult` and nothing else, so it cannot show more than the reveal rules allow:
no running tally, no exact small cell, no order of answers. Right-to-left languages mirror.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from attune_desktop.core.checkin_rules import PINNED_MESSAGE, RevealResult, RevealStatus
from attune_desktop.core.checkin_scales import Scale, contrast_ratio, is_rtl
from attune_desktop.core.checkin_texts import text
from attune_desktop.core.i18n import _
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.common.chart_words import paint_focus, set_chart_words

INK = QColor("#1F2328")  # on the projector's light page, whatever the app's palette
TRACK_ALPHA = 28  # the empty part of a bar: the ink, faint
EDGE_CONTRAST = 3.0  # WCAG's least contrast for a shape: each bar's edge against the track
EDGE_WIDTH = 3.0


def edge_colour(fill: QColor, track: QColor) -> QColor:
    """The bar's own colour, darkened (or lightened on a dark page) until its edge stands out
    from the empty track by `EDGE_CONTRAST`: a pale option (Cloudy) must not vanish into it."""
    edge = QColor(fill)
    darken = track.lightnessF() > 0.5
    for _attempt in range(40):
        if contrast_ratio(edge.name(), track.name()) >= EDGE_CONTRAST:
            break
        edge = edge.darker(112) if darken else edge.lighter(112)
    return edge


class ResultsChart(QWidget):
    def __init__(
        self, pictures: Pictures, parent: QWidget | None = None, *, ink: QColor | None = None
    ) -> None:
        super().__init__(parent)
        self._pictures = pictures
        self._ink = ink  # None: the palette's text colour, so it reads in dark mode too
        self._scale: Scale | None = None
        self._result: RevealResult | None = None
        self._lang = "en"
        self._minimum = 5
        self.bar_rects: dict[str, QRectF] = {}  # where each option's bar was last painted
        self.track_rects: dict[str, QRectF] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def sizeHint(self) -> QSize:
        return QSize(520, 320)

    def show_result(
        self, scale: Scale | None, result: RevealResult | None, lang: str, minimum: int
    ) -> None:
        self._scale, self._result, self._lang, self._minimum = scale, result, lang, minimum
        set_chart_words(self, self.summary())
        self.update()

    def summary(self) -> str:
        """The chart in words, for a screen reader and for tests."""
        result, scale = self._result, self._scale
        if result is None or scale is None:
            return ""
        if result.status is RevealStatus.HIDDEN_OPEN:
            return text(self._lang, "open")
        if not result.revealed:
            if result.message == _(PINNED_MESSAGE):  # enough answered, but only just
                return text(self._lang, "pinned")
            return text(self._lang, "too_few", n=self._minimum)
        parts = [text(self._lang, "answered", n=result.total)] if result.total is not None else []
        for cell in result.cells:
            shown = text(self._lang, "small") if cell.banded else cell.band_label
            parts.append(f"{cell.option.label(self._lang)}: {shown}")
        return "; ".join(parts)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._result is None or self._scale is None:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if self._result.revealed:
                self._paint_bars(painter, self._scale, self._result)
            else:
                self._paint_message(painter, self.summary())
            paint_focus(painter, self)
        finally:
            painter.end()

    def ink(self) -> QColor:
        return QColor(self._ink or self.palette().color(QPalette.ColorRole.WindowText))

    def _font(self, share_of_height: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(12, int(self.height() * share_of_height)))
        font.setBold(bold)
        return font

    def _paint_message(self, painter: QPainter, message: str) -> None:
        painter.setPen(self.ink())
        painter.setFont(self._font(0.07))
        area = QRectF(self.rect()).adjusted(24, 24, -24, -24)
        option = QTextOption(Qt.AlignmentFlag.AlignCenter)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        rtl = is_rtl(self._lang)
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        painter.drawText(area, message, option)

    def _paint_bars(self, painter: QPainter, scale: Scale, result: RevealResult) -> None:
        rtl = is_rtl(self._lang)
        width, height = float(self.width()), float(self.height())
        margin = max(12.0, width * 0.02)
        header = height * 0.12
        painter.setPen(self.ink())
        painter.setFont(self._font(0.055, bold=True))
        header_rect = QRectF(margin, margin / 2, width - 2 * margin, header)
        self._line(painter, header_rect, scale.question(self._lang))
        rows = len(result.cells)
        top = margin / 2 + header + 4
        footer = height * 0.09
        row_height = (height - top - footer - margin / 2) / max(rows, 1)
        picture = min(row_height * 0.8, 96.0)
        label_font = self._font(min(0.05, 0.45 * row_height / max(height, 1)))
        metrics = QFontMetricsF(label_font)
        labels = [cell.option.label(self._lang) for cell in result.cells]
        values = [
            text(self._lang, "small") if cell.banded else cell.band_label for cell in result.cells
        ]
        label_width = min(width * 0.3, max(metrics.horizontalAdvance(t) for t in labels) + 24)
        value_width = min(width * 0.3, max(metrics.horizontalAdvance(t) for t in values) + 24)
        bar_left = margin + picture + 10 + label_width
        bar_span = max(10.0, width - bar_left - value_width - margin)
        for index, cell in enumerate(result.cells):
            y = top + index * row_height
            pic = QRectF(margin, y + (row_height - picture) / 2, picture, picture)
            label = QRectF(margin + picture + 10, y, label_width - 10, row_height)
            track = QRectF(bar_left, y + row_height * 0.2, bar_span, row_height * 0.6)
            length = max(4.0, bar_span * result.display_share(cell))
            bar = QRectF(bar_left, track.top(), length, track.height())
            value = QRectF(bar_left + bar_span + 8, y, value_width - 8, row_height)
            if rtl:
                pic, label, track, bar, value = (
                    self._mirror(r) for r in (pic, label, track, bar, value)
                )
            self._pictures.draw(painter, cell.option.picture, pic)
            painter.setFont(label_font)
            painter.setPen(self.ink())
            self._line(painter, label, cell.option.label(self._lang))
            painter.setPen(Qt.PenStyle.NoPen)
            track_colour = self.ink()
            track_colour.setAlpha(TRACK_ALPHA)
            painter.setBrush(track_colour)
            painter.drawRoundedRect(track, 8, 8)
            fill = QColor(cell.option.colour)
            painter.setPen(QPen(edge_colour(fill, self._track_on_page()), EDGE_WIDTH))
            painter.setBrush(fill)
            inset = EDGE_WIDTH / 2
            painter.drawRoundedRect(bar.adjusted(inset, inset, -inset, -inset), 8, 8)
            self.bar_rects[cell.option.key] = bar
            self.track_rects[cell.option.key] = track
            painter.setPen(self.ink())
            shown = text(self._lang, "small") if cell.banded else cell.band_label
            self._line(painter, value, shown)
        painter.setFont(self._font(0.045))
        footer_rect = QRectF(margin, height - footer - margin / 2, width - 2 * margin, footer)
        if result.total is not None:  # hidden when a small cell is banded (see reveal())
            self._line(painter, footer_rect, text(self._lang, "answered", n=result.total))

    def _track_on_page(self) -> QColor:
        """The empty track's colour as seen: the faint ink over the page."""
        page = self.palette().color(QPalette.ColorRole.Window)
        ink = self.ink()
        share = TRACK_ALPHA / 255
        return QColor.fromRgbF(
            page.redF() + (ink.redF() - page.redF()) * share,
            page.greenF() + (ink.greenF() - page.greenF()) * share,
            page.blueF() + (ink.blueF() - page.blueF()) * share,
        )

    def _line(self, painter: QPainter, rect: QRectF, words: str) -> None:
        """One line of text at the reading start of `rect`, in the language's direction."""
        rtl = is_rtl(self._lang)
        near = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        option = QTextOption(near | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        painter.drawText(rect, words, option)

    def _mirror(self, rect: QRectF) -> QRectF:
        return QRectF(self.width() - rect.right(), rect.top(), rect.width(), rect.height())
