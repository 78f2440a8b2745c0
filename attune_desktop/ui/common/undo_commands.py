"""The base of every undoable edit: a command that has already happened when it is pushed.

A view calls the service first; only if the service accepts the change is a command pushed,
so a refused edit never enters the undo history. The first `redo()` that QUndoStack.push makes
is therefore skipped. Each screen's commands (agenda, series, check-ins, routines) build on these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from attune_desktop.core.i18n import _

Update = Callable[..., Any]


class DoneCommand(QUndoCommand):
    """Skips the first redo: the change was made before the command was pushed."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.apply()

    def apply(self) -> None:
        raise NotImplementedError


class EditField(DoneCommand):
    """One field of one row changed. Typing into the same text field merges into one step."""

    MERGEABLE: tuple[str, ...] = ()
    MERGE_ID = -1
    WHAT = ""

    def __init__(self, update: Update, ident: int, field: str, old: Any, new: Any) -> None:
        super().__init__(
            _("Edit {WHAT}{replace}").format(WHAT=self.WHAT, replace=field.replace("_", " "))
        )
        self._update, self._id, self._field = update, ident, field
        self._old, self._new = old, new

    def id(self) -> int:
        return self.MERGE_ID if self._field in self.MERGEABLE else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if type(other) is not type(self):
            return False
        assert isinstance(other, EditField)
        if (other._id, other._field) != (self._id, self._field):
            return False
        self._new = other._new
        return True

    def apply(self) -> None:
        self._update(self._id, **{self._field: self._new})

    def undo(self) -> None:
        self._update(self._id, **{self._field: self._old})
