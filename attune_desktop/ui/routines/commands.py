"""Undoable routine edits. Like the agenda's, each has already happened when it is pushed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attune_desktop.core.i18n import N_
from attune_desktop.core.services.snapshots import Snapshot
from attune_desktop.ui.common.undo_commands import DoneCommand, EditField

MERGE_FAMILY_FIELD = 1101
MERGE_ROUTINE_FIELD = 1102
MERGE_STEP_FIELD = 1103

Delete = Callable[[int], Snapshot]
Restore = Callable[[Snapshot], Any]


class EditFamily(EditField):
    MERGEABLE = ("label", "notes")
    MERGE_ID = MERGE_FAMILY_FIELD
    WHAT = N_("family")


class EditRoutine(EditField):
    MERGEABLE = ("title",)
    MERGE_ID = MERGE_ROUTINE_FIELD
    WHAT = N_("routine")


class EditStep(EditField):
    MERGEABLE = ("words", "caregiver_line")
    MERGE_ID = MERGE_STEP_FIELD
    WHAT = N_("step")


class Added(DoneCommand):
    """Something was created: undo deletes it (keeping a snapshot), redo puts it back."""

    def __init__(self, delete: Delete, restore: Restore, ident: int, text: str) -> None:
        super().__init__(text)
        self._delete, self._restore, self._id = delete, restore, ident
        self._snapshot: Snapshot | None = None

    def apply(self) -> None:
        if self._snapshot is not None:
            self._restore(self._snapshot)

    def undo(self) -> None:
        self._snapshot = self._delete(self._id)


class Deleted(DoneCommand):
    """Something was deleted: undo restores it with its id, redo deletes it again."""

    def __init__(self, delete: Delete, restore: Restore, snapshot: Snapshot, text: str) -> None:
        super().__init__(text)
        self._delete, self._restore, self._snapshot = delete, restore, snapshot

    def apply(self) -> None:
        self._snapshot = self._delete(self._snapshot.root_id)

    def undo(self) -> None:
        self._restore(self._snapshot)


class Moved(DoneCommand):
    def __init__(
        self,
        move: Callable[[int, int, int], None],
        parent: int,
        source: int,
        target: int,
        text: str,
    ) -> None:
        super().__init__(text)
        self._move, self._parent = move, parent
        self._source, self._target = source, target

    def apply(self) -> None:
        self._move(self._parent, self._source, self._target)

    def undo(self) -> None:
        self._move(self._parent, self._target, self._source)
