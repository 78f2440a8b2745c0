"""One undo for fields that save as they are typed: Ctrl+Z there is the Edit menu's Undo.

A QLineEdit, QPlainTextEdit or spin box keeps its own undo history and takes Ctrl+Z for it
before any window shortcut sees the key. In a form that saves every change through the app's
undo stack, that made two undos: Ctrl+Z took back the last few letters while Edit → Undo
offered the last saved change. `route_undo_to_app` gives such fields one undo: the key first
saves what is still being typed (so it becomes a step of its own), then undoes the last step of
the app's stack, exactly what Edit → Undo would do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

# Set on a field whose Ctrl+Z is the app's undo, so the Edit menu knows whom Ctrl+Z serves.
APP_UNDO_PROPERTY = "undoesThroughApp"


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    seen: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in seen:
            seen.append(key)
    return seen


def undo_keys() -> list[QKeySequence]:
    """Ctrl+Z and the platform's own undo keys, each once."""
    return _unique(
        [QKeySequence("Ctrl+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)]
    )


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Shift+Z first, then the platform's redo keys, each once.

    A key bound twice is "ambiguous" to Qt and does nothing: under X11 the platform list
    already holds Ctrl+Shift+Z.
    """
    return _unique(
        [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
    )


def _matches(event: QKeyEvent, keys: list[QKeySequence]) -> bool:
    pressed = QKeySequence(event.keyCombination())
    return any(key.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for key in keys)


class AppUndoKeys(QObject):
    """The event filter behind `route_undo_to_app`."""

    def __init__(self, stack: QUndoStack, commit: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._stack, self._commit = stack, commit
        self._undo, self._redo = undo_keys(), redo_keys()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent):
            return False
        undo = _matches(event, self._undo)
        if not undo and not _matches(event, self._redo):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes to the field, which hands it to the app's stack
            return True
        self._commit()
        if undo:
            self._stack.undo()
        else:
            self._stack.redo()
        return True


def route_undo_to_app(
    stack: QUndoStack, commit: Callable[[], None], *fields: QWidget
) -> AppUndoKeys:
    """Make Ctrl+Z and Ctrl+Shift+Z in `fields` save pending typing, then undo/redo the app."""
    keys = AppUndoKeys(stack, commit, fields[0] if fields else stack)
    for field in fields:
        field.setProperty(APP_UNDO_PROPERTY, True)
        field.installEventFilter(keys)
    return keys
