"""Small building blocks shared by the screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.ui.common.reflow import ReflowSplitter

ObjT = TypeVar("ObjT", bound=QObject)


def named(obj: ObjT, name: str) -> ObjT:
    """Give a widget the objectName tests and stylesheets find it by."""
    obj.setObjectName(name)
    return obj


def repolish(widget: QWidget) -> None:
    """Draw `widget` again by the stylesheet after a property it is styled by has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def message_box(
    icon: QMessageBox.Icon, title: str, text: str, name: str, parent: QWidget | None = None
) -> QMessageBox:
    """A named message box with no buttons yet: add them with `named(box.addButton(...))`,
    or leave it bare and Qt gives it an OK button when it opens."""
    return named(QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent), name)


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
    panes: Sequence[QWidget],
    sizes: Sequence[int],
    *,
    stretch: int | None = None,
    factor: int = 1,
    reflow: bool = True,
) -> QSplitter:
    """A screen's panes left to right at their first widths; pane `stretch` takes spare width.

    With `reflow` the panes stack top to bottom when the window is too narrow for them
    (1280 px at 150 % or 200 %), and the page scrolls instead of clipping."""
    splitter = ReflowSplitter() if reflow else QSplitter(Qt.Orientation.Horizontal)
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


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side from the start of the row; the rest of the row stays empty."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def list_and_form(
    owner: QWidget,
    buttons: QLayout,
    table: QWidget,
    form: QLayout,
    *,
    hint: QWidget | None = None,
) -> QVBoxLayout:
    """A list panel, edge to edge: its buttons, the list taking the height left, and under
    it the selected row's form (a `hint`, such as "none yet", goes above the list)."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(buttons)
    if hint is not None:
        layout.addWidget(hint)
    layout.addWidget(table, 1)
    layout.addLayout(form)
    return layout


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label for `buddy`: its mnemonic (Alt+the & letter) moves the focus there."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def spoken_label(buddy: QWidget, text: str) -> QLabel:
    """A label a screen reader reads for `buddy` where the screen shows none.

    On Linux Qt names a combo box by its current text; only a linked label (AT-SPI's
    labelled-by) says what it is for. Add the returned label to the same layout as `buddy`:
    it stays hidden and takes no room.
    """
    buddy.setAccessibleName(text)
    label = buddy_label(text, buddy)
    label.hide()
    return label
