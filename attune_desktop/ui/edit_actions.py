"""Edit → Undo and Redo: they say, and do, what Ctrl+Z and Ctrl+Shift+Z will do.

Most screens save every change through the app's undo stack, and their text fields hand Ctrl+Z
to that stack (ui/common/undo_keys.py). A field that keeps its own typing history (a search box,
a form saved with a button) takes Ctrl+Z for itself; while the cursor is in one, the Edit menu
offers "Undo typing" for that field instead of an app step it would not perform.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from attune_desktop.core.i18n import _
from attune_desktop.ui.common.undo_keys import APP_UNDO_PROPERTY, redo_keys, undo_keys

TextField = QLineEdit | QPlainTextEdit | QTextEdit


def own_undo_field(widget: QWidget | None) -> TextField | None:
    """The editable text field with its own undo that `widget` is (or holds), if any."""
    if widget is None or widget.property(APP_UNDO_PROPERTY):
        return None
    if isinstance(widget, QAbstractSpinBox):
        widget = widget.findChild(QLineEdit)
    if isinstance(widget, TextField) and not widget.isReadOnly():
        return widget
    return None


class EditActions(QObject):
    def __init__(self, stack: QUndoStack, window: QWidget) -> None:
        super().__init__(window)
        self._stack, self._window = stack, window
        self.undo = QAction(window)
        self.undo.setObjectName("undoAction")
        self.undo.setShortcuts(undo_keys())
        self.undo.triggered.connect(self._on_undo)
        self.redo = QAction(window)
        self.redo.setObjectName("redoAction")
        self.redo.setShortcuts(redo_keys())  # each key once: a key bound twice never fires
        self.redo.triggered.connect(self._on_redo)
        for signal in (
            stack.canUndoChanged,
            stack.canRedoChanged,
            stack.undoTextChanged,
            stack.redoTextChanged,
        ):
            signal.connect(self.update)
        # Where the cursor is decides what Ctrl+Z does, so the actions follow the focus.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.update()

    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self.update()

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.undo)
        menu.addAction(self.redo)
        menu.aboutToShow.connect(self.update)

    def field(self) -> TextField | None:
        """The field Ctrl+Z acts on now, when it is not the app's undo."""
        return own_undo_field(self._window.focusWidget())

    def update(self) -> None:
        if not (shiboken6.isValid(self._stack) and shiboken6.isValid(self._window)):
            return  # the app is closing: its stack or window has gone
        field = self.field()
        if field is not None:
            document = field if isinstance(field, QLineEdit) else field.document()
            self.undo.setText(_("&Undo typing"))
            self.redo.setText(_("&Redo typing"))
            self.undo.setEnabled(document.isUndoAvailable())
            self.redo.setEnabled(document.isRedoAvailable())
            return
        undo_text, redo_text = self._stack.undoText(), self._stack.redoText()
        self.undo.setText(_("&Undo") + (f" {undo_text}" if undo_text else ""))
        self.redo.setText(_("&Redo") + (f" {redo_text}" if redo_text else ""))
        self.undo.setEnabled(self._stack.canUndo())
        self.redo.setEnabled(self._stack.canRedo())

    def _on_undo(self) -> None:
        field = self.field()
        if field is not None:
            field.undo()
        else:
            self._stack.undo()
        self.update()

    def _on_redo(self) -> None:
        field = self.field()
        if field is not None:
            field.redo()
        else:
            self._stack.redo()
        self.update()
