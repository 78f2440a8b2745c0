"""Small building blocks shared by the screens."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

ObjT = TypeVar("ObjT", bound=QObject)


def named(obj: ObjT, name: str) -> ObjT:
    """Give a widget the objectName tests and stylesheets find it by."""
    obj.setObjectName(name)
    return obj


def title_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "title")
    label.setAccessibleName(text)
    return label


class WrappedLabel(QLabel):
    """Wrapped words whose least height is the height they take at their width, so a narrow
    page scrolls rather than squeezing what lies below them (Qt counts a wrapped label's
    least height as one line)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


def subtitle_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = WrappedLabel(text, parent)
    label.setProperty("role", "subtitle")
    label.setWordWrap(True)
    return label


def empty_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "empty")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


RESIZE_PRECISION_ROWS = 100


def configure_table(view: QTableView, stretch_column: int) -> None:
    """A calm, keyboard-friendly read-only table: whole rows, one at a time."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Fit columns to the first rows only: measuring thousands of rows made a big home slow.
    header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    view.setTabKeyNavigation(False)


def page_layout(page: QWidget, title: str, subtitle: str) -> QVBoxLayout:
    """The layout every sidebar screen starts with: a title and one line saying what it is for."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(20, 16, 20, 12)
    layout.addWidget(title_label(title))
    layout.addWidget(subtitle_label(subtitle))
    return layout


def spoken_label(buddy: QWidget, text: str) -> QLabel:
    """A label a screen reader reads for `buddy` where the screen shows none.

    On Linux Qt names a combo box by its current text; only a linked label (AT-SPI's
    labelled-by) says what it is for. Add the returned label to the same layout as `buddy`:
    it stays hidden and takes no room.
    """
    buddy.setAccessibleName(text)
    label = QLabel(text)
    label.setBuddy(buddy)
    label.hide()
    return label
