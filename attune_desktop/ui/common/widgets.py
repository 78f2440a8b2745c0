"""Small building blocks shared by the screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

ObjT = TypeVar("ObjT", bound=QObject)


def named(obj: ObjT, name: str) -> ObjT:
    """Give a widget the objectName tests and stylesheets find it by."""
    obj.setObjectName(name)
    return obj


def role_label(text: str, role: str, parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label the stylesheet draws by its `role` (title, subtitle, empty, error…)."""
    label = QLabel(text, parent)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


def title_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = role_label(text, "title", parent, wrap=False)
    label.setAccessibleName(text)
    return label


def subtitle_label(text: str, parent: QWidget | None = None) -> QLabel:
    return role_label(text, "subtitle", parent)


def empty_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = role_label(text, "empty", parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def error_label(name: str) -> QLabel:
    """A hidden, wrapping line in the error colour for a refusal; `show_error` shows it."""
    label = named(role_label("", "error"), name)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    """Show a refusal in its line, and make the window room for it (no line cut off)."""
    label.setText(message)
    label.show()
    label.window().adjustSize()


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


def side_by_side(
    panes: Sequence[QWidget], sizes: Sequence[int], *, stretch: int | None = None, factor: int = 1
) -> QSplitter:
    """A screen's panes left to right at their first widths; pane `stretch` takes spare width."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    for pane in panes:
        splitter.addWidget(pane)
    if stretch is not None:
        splitter.setStretchFactor(stretch, factor)
    splitter.setSizes(list(sizes))
    return splitter


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
