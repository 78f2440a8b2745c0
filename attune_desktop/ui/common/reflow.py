"""Panes side by side while they fit, one above the other when they do not.

At 200 % scaling a 1920×1080 screen gives the app 960×540: the three columns of Sessions or
Routines no longer fit side by side. `ReflowSplitter` stacks its panes (the page then scrolls
down, never sideways) when the width cannot hold them all, and puts them back side by side
when it can. It asks only for the width of its widest pane, so the page never forces a
sideways scroll.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QSplitter, QWidget


def _least_width(widget: QWidget) -> int:
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


class ReflowSplitter(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)

    def _panes(self) -> list[QWidget]:
        found = (self.widget(i) for i in range(self.count()))
        return [w for w in found if w is not None and not w.isHidden()]

    def side_by_side_width(self) -> int:
        """The width the panes need side by side."""
        panes = self._panes()
        return sum(_least_width(p) for p in panes) + self.handleWidth() * max(0, len(panes) - 1)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.orientation() == Qt.Orientation.Horizontal:
            narrow = max((_least_width(p) for p in self._panes()), default=hint.width())
            return QSize(narrow, hint.height())
        return hint

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a pane's least size changed: so may
            self.updateGeometry()  # the page's, which Qt's splitter does not always tell
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        fits = event.size().width() >= self.side_by_side_width()
        wanted = Qt.Orientation.Horizontal if fits else Qt.Orientation.Vertical
        if wanted != self.orientation():
            self.setOrientation(wanted)
            self.updateGeometry()  # the page's least height changes with it
        self._fit_panes(event.size().width(), stacked=not fits)
        super().resizeEvent(event)

    def _fit_panes(self, width: int, *, stacked: bool) -> None:
        """Stacked, each pane is as tall as its contents want at the full width (wrapped
        words included), so nothing in it is squeezed; the page scrolls instead."""
        for pane in self._panes():
            height = 0
            if stacked:
                wanted = pane.heightForWidth(width) if pane.hasHeightForWidth() else -1
                height = max(wanted, pane.sizeHint().height(), pane.minimumSizeHint().height())
            if pane.minimumHeight() != height:
                pane.setMinimumHeight(height)


class FollowingScrollArea(QScrollArea):
    """A scroll area that brings into view whatever control inside it takes the focus, however
    the focus came (Qt scrolls only for Tab presses that pass through the area itself)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # the one place a focus change is told
            app.focusChanged.connect(self._on_focus)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not shiboken6.isValid(self) or not self.isAncestorOf(new):
            return
        # after the layout has settled: a field may show its own buttons as it takes focus
        QTimer.singleShot(0, lambda: self._bring_into_view(new))

    def _bring_into_view(self, new: QWidget) -> None:
        if not (shiboken6.isValid(self) and shiboken6.isValid(new)) or not new.hasFocus():
            return
        parent = new.parentWidget()
        while parent is not None:  # a scroll area inside the page first, then the page's own
            if isinstance(parent, QScrollArea):
                _show_in(parent, new)
            if parent is self:
                return
            parent = parent.parentWidget()


def _show_in(area: QScrollArea, widget: QWidget) -> None:
    """Bring the whole of `widget` into view in `area` (Qt's own scrolling shows only a
    table's current cell or a field's cursor); one taller than the view shows from its top."""
    inner = area.widget()
    if inner is None:
        return
    top_left = widget.mapTo(inner, widget.rect().topLeft())
    half_w, half_h = widget.width() // 2, widget.height() // 2
    if widget.height() + 16 <= area.viewport().height():
        area.ensureVisible(top_left.x() + half_w, top_left.y() + half_h, half_w + 8, half_h + 8)
    else:
        area.verticalScrollBar().setValue(top_left.y() - 8)
