"""The base of every undoable edit: a command that has already happened when it is pushed.

A view calls the service first; only if the service accepts the change is a command pushed,
so a refused edit never enters the undo history. The first `redo()` that QUndoStack.push makes
is therefore skipped. Each screen's commands (agenda, series, check-ins, routines) build on these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from attune_desktop.core.i18n import N_, _

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


# The fields an edit names in Edit → Undo, and the things they belong to, as a person says them.
FIELD_WORDS = {
    "title": N_("title"),
    "kind": N_("kind"),
    "planned_minutes": N_("planned minutes"),
    "fixed": N_("fixed"),
    "notes": N_("notes"),
    "materials": N_("materials"),
    "date": N_("date"),
    "start_time": N_("start"),
    "target_minutes": N_("target"),
    "venue": N_("venue"),
    "theme": N_("theme"),
    "prep_notes": N_("preparation"),
    "label": N_("label"),
    "language": N_("language"),
    "series_id": N_("circle"),
    "time_of_day": N_("time of day"),
    "words": N_("words"),
    "minutes": N_("minutes"),
    "caregiver_line": N_("caregiver line"),
    "picture": N_("picture"),
}


def edit_text(what: str, field: str) -> str:
    """'Edit title', 'Edit session venue': the undo step's name in the UI language."""
    known = FIELD_WORDS.get(field)
    words = _(known) if known else field.replace("_", " ")
    if what:
        return _("Edit {what} {field}").format(what=_(what), field=words)
    return _("Edit {field}").format(field=words)


class EditField(DoneCommand):
    """One field of one row changed. Typing into the same text field merges into one step."""

    MERGEABLE: tuple[str, ...] = ()
    MERGE_ID = -1
    WHAT = ""

    def __init__(self, update: Update, ident: int, field: str, old: Any, new: Any) -> None:
        super().__init__(edit_text(self.WHAT, field))
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
