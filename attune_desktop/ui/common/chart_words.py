"""A drawn chart's text equivalent: a screen reader reads the same words the chart draws from.

A chart is a picture to Qt. `read_as_chart` gives it a name, the AT-SPI role "chart" and, when
`focus` is asked, a Tab stop with a visible 2 px ring; `set_chart_words` keeps its words (its
accessible description, and its tooltip for a sighted mouse user) in step with what it shows.
The words come from the chart's own summary, built from what the reveal rules returned, so a
banded count stays banded and a hidden week stays hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QWidget

WORDS = "chartWords"  # the widget property that holds the words
FACTORY_FLAG = "attuneChartAccessible"


def _factory(_key: str, obj: QObject) -> QAccessibleWidget | None:
    if isinstance(obj, QWidget) and obj.property(WORDS) is not None:
        return QAccessibleWidget(obj, QAccessible.Role.Chart)  # its name and description
    return None


class _RingOnFocus(QObject):
    """Repaints the chart when it takes or loses the focus, so its ring comes and goes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        focus = event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut)
        if focus and isinstance(watched, QWidget):
            watched.update()
        return False


def read_as_chart(chart: QWidget, name: str, *, focus: bool = True) -> None:
    """Name `chart` for a reader; with `focus`, Tab stops on it (a projector's copy needs no
    stop: nobody works that window)."""
    chart.setAccessibleName(name)
    chart.setProperty(WORDS, "")
    if focus:
        chart.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        chart.installEventFilter(_RingOnFocus(chart))
    app = QApplication.instance()
    if app is not None and not app.property(FACTORY_FLAG):
        app.setProperty(FACTORY_FLAG, True)
        QAccessible.installFactory(_factory)


def set_chart_words(chart: QWidget, words: str) -> None:
    """What the chart shows, in words; a reader on it is told when they change."""
    if chart.property(WORDS) == words:
        return
    chart.setProperty(WORDS, words)
    chart.setAccessibleDescription(words)
    chart.setToolTip(words)
    QAccessible.updateAccessibility(QAccessibleEvent(chart, QAccessible.Event.DescriptionChanged))


def chart_words(chart: QWidget) -> str:
    return str(chart.property(WORDS) or "")


def paint_focus(painter: QPainter, chart: QWidget, colour: QColor | None = None) -> None:
    """The 2 px ring a focused chart shows: the theme's focus colour, or `colour` on a chart
    that paints its own ground."""
    if not chart.hasFocus():
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ring = colour or chart.palette().color(QPalette.ColorRole.Highlight)
    painter.setPen(QPen(ring, 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(chart.rect()).adjusted(1, 1, -1, -1), 6, 6)
    painter.restore()
