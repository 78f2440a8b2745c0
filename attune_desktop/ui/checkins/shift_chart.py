"""Shifts between a session's opening and closing rounds, in words and across a series' weeks.

Drawn only from what the reveal rules return: a hidden week is a grey gap with no dot at all.
Up is more settled. Each week's mean is scaled by its own scale, so weeks on different scales
can sit on one chart.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from attune_desktop.core.checkin_rules import ShiftDirection
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.services.checkins import SessionShiftReport, WeekShiftReport
from attune_desktop.ui.common.chart_words import paint_focus, read_as_chart, set_chart_words

BEFORE = QColor("#5b86b8")  # 3:1 on light and dark pages alike
AFTER = QColor("#408076")  # and 4.5:1 on the high-contrast black
DIRECTION_WORDS = {
    ShiftDirection.TOWARD_SETTLED: N_("the group ended more settled"),
    ShiftDirection.AWAY_FROM_SETTLED: N_("the group ended less settled"),
    ShiftDirection.NO_CHANGE: N_("no clear change"),
}


def shift_summary(report: SessionShiftReport) -> str:
    """One sentence for the facilitator's screen; the reason when either round is hidden."""
    found = report.result.shift
    if found is None or report.scale is None:
        return report.result.reason
    top = report.scale.max_order
    return _(
        "Opening to closing: {direction} (average {mean_before:.1f} → "
        "{mean_after:.1f}, where 0 is most settled and {top} least)."
    ).format(
        direction=_(DIRECTION_WORDS[found.direction]),
        mean_before=found.mean_before,
        mean_after=found.mean_after,
        top=top,
    )


def gap_words(report: WeekShiftReport) -> str:
    """What a week without a shown shift says where its arrow would be."""
    reason = report.week.reason
    missing = "there was no" in reason or "different scales" in reason
    return _("no pair of rounds") if missing else _("hidden (too few)")


def series_summary(weeks: list[WeekShiftReport]) -> str:
    """The chart in words, week by week, from the same reveal results it draws."""
    if not weeks:
        return _("No weeks in this series.")
    parts = []
    for report in weeks:
        found = report.week.shift
        if found is None or report.scale is None:
            parts.append(f"{report.label}: {gap_words(report)}")
            continue
        parts.append(
            _(
                "{label}: {direction}, average {mean_before:.1f} → {mean_after:.1f} (0 "
                "most settled, {max_order} least)"
            ).format(
                label=report.label,
                direction=DIRECTION_WORDS[found.direction],
                mean_before=found.mean_before,
                mean_after=found.mean_after,
                max_order=report.scale.max_order,
            )
        )
    shown = sum(1 for w in weeks if not w.week.hidden)
    return (
        _("{shown} of {count} weeks shown. ").format(shown=shown, count=len(weeks))
        + "; ".join(parts)
        + "."
    )


class SeriesShiftChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._weeks: list[WeekShiftReport] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(180)
        read_as_chart(self, _("Shifts across the series"))
        set_chart_words(self, series_summary([]))

    def sizeHint(self) -> QSize:
        return QSize(600, 260)

    def set_weeks(self, weeks: list[WeekShiftReport]) -> None:
        self._weeks = list(weeks)
        set_chart_words(self, series_summary(self._weeks))
        self.update()

    def shown_weeks(self) -> list[str]:
        return [w.label for w in self._weeks if not w.week.hidden]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
            paint_focus(painter, self)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()  # so the words read in dark mode as well as light
        ink = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        if not self._weeks:
            painter.setPen(muted)
            painter.drawText(
                QRectF(self.rect()),
                int(Qt.AlignmentFlag.AlignCenter),
                _("No weeks in this series."),
            )
            return
        left, right, top, bottom = 110.0, 16.0, 40.0, 44.0
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        painter.setPen(muted)
        painter.drawText(
            QRectF(0, plot.top() - 8, left - 10, 20),
            int(Qt.AlignmentFlag.AlignRight),
            _("More settled"),
        )
        painter.drawText(
            QRectF(0, plot.bottom() - 12, left - 10, 20),
            int(Qt.AlignmentFlag.AlignRight),
            _("Less settled"),
        )
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.topLeft(), plot.topRight())
        painter.setPen(muted)
        legend = QRectF(plot.left(), plot.top() - 36, plot.width(), 18)
        painter.drawText(
            legend,
            int(Qt.AlignmentFlag.AlignRight),
            _("light dot: opening round · dark dot: closing round"),
        )
        step = plot.width() / len(self._weeks)
        for index, report in enumerate(self._weeks):
            x = plot.left() + step * (index + 0.5)
            label_rect = QRectF(x - step / 2, plot.bottom() + 4, step, bottom - 6)
            painter.setPen(ink)
            flags = (
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            )
            painter.drawText(label_rect, int(flags), report.label)
            found = report.week.shift
            if found is None or report.scale is None:
                painter.setPen(muted)
                painter.drawText(
                    QRectF(x - step / 2, plot.center().y() - 10, step, 20),
                    int(Qt.AlignmentFlag.AlignCenter),
                    gap_words(report),
                )
                continue
            top_order = max(report.scale.max_order, 1)
            y_before = plot.top() + plot.height() * found.mean_before / top_order
            y_after = plot.top() + plot.height() * found.mean_after / top_order
            self._arrow(painter, QPointF(x, y_before), QPointF(x, y_after), ink)

    @staticmethod
    def _arrow(painter: QPainter, start: QPointF, end: QPointF, ink: QColor) -> None:
        painter.setPen(QPen(AFTER, 3))
        painter.drawLine(start, end)
        painter.setPen(QPen(ink, 1))
        painter.setBrush(BEFORE)
        painter.drawEllipse(start, 7, 7)
        painter.setBrush(AFTER)
        path = QPainterPath()
        path.addEllipse(end, 8, 8)
        painter.drawPath(path)
