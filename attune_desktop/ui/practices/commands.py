"""Undoable practice edits, on the app's one undo stack (Edit → Undo, Ctrl+Z).

The same shape as the agenda's: the service makes the change first and a command is pushed
only when it was accepted (`DoneCommand` skips the first redo), so a refused edit never enters
the history. `PracticeController` is what views call; it returns a message or None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoStack

from attune_desktop.core.errors import AttuneError, ValidationError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import Practice
from attune_desktop.core.practice_fields import shared_fields
from attune_desktop.core.services.practices import PracticeService
from attune_desktop.core.services.snapshots import Snapshot
from attune_desktop.ui.common.undo_commands import DoneCommand, EditField

MERGE_PRACTICE_FIELD = 1003
FIELD_LABELS = {
    "name": N_("name"),
    "kind": N_("kind"),
    "default_minutes": N_("minutes"),
    "summary": N_("summary"),
    "script": N_("script"),
    "pacing": N_("pacing"),
    "cues": N_("cues"),
    "care_notes": N_("care notes"),
    "phase_words": N_("pacer words"),
    "counting": N_("counting"),
    "breath_tones": N_("breath tones"),
}


class EditPractice(EditField):
    """Typing into one text field of one practice merges into one undo step."""

    MERGEABLE = ("name", "summary", "script", "cues", "care_notes", "phase_words", "pacing")
    MERGE_ID = MERGE_PRACTICE_FIELD
    WHAT = N_("practice")

    def __init__(
        self, service: PracticeService, practice_id: int, field: str, old: Any, new: Any
    ) -> None:
        super().__init__(service.update_practice, practice_id, field, old, new)
        words = _(FIELD_LABELS.get(field, field))
        self.setText(_("Edit {what} {field}").format(what=_(self.WHAT), field=words))


class SetPracticeFields(DoneCommand):
    """Several fields at once: a preset chosen, or a starter practice restored."""

    def __init__(
        self,
        service: PracticeService,
        practice_id: int,
        text: str,
        old: dict[str, Any],
        new: dict[str, Any],
    ) -> None:
        super().__init__(text)
        self._service, self._id, self._old, self._new = service, practice_id, old, new

    def apply(self) -> None:
        self._service.update_practice(self._id, **self._new)

    def undo(self) -> None:
        self._service.update_practice(self._id, **self._old)


class AddPractice(DoneCommand):
    """A new or duplicated practice; undo deletes it, redo brings the same row back."""

    def __init__(self, service: PracticeService, practice_id: int, text: str) -> None:
        super().__init__(text)
        self._service, self._id = service, practice_id
        self._snapshot: Snapshot | None = None

    def apply(self) -> None:
        if self._snapshot is not None:
            self._service.restore_practice(self._snapshot)

    def undo(self) -> None:
        self._snapshot = self._service.delete_practice(self._id)


class DeletePractice(DoneCommand):
    def __init__(self, service: PracticeService, snapshot: Snapshot, name: str) -> None:
        super().__init__(_("Delete practice “{name}”").format(name=name))
        self._service, self._snapshot = service, snapshot

    def apply(self) -> None:
        self._snapshot = self._service.delete_practice(self._snapshot.root_id)

    def undo(self) -> None:
        self._service.restore_practice(self._snapshot)


class PracticeController:
    """Every practice edit, undoable. Methods return an error message, or None on success."""

    def __init__(self, service: PracticeService, undo: QUndoStack) -> None:
        self.service = service
        self.undo = undo

    def create(self, name: str, **fields: Any) -> tuple[int | None, str | None]:
        return self._add(
            lambda: self.service.create_practice(name, **fields), N_("New practice “{name}”")
        )

    def duplicate(self, practice_id: int) -> tuple[int | None, str | None]:
        return self._add(
            lambda: self.service.duplicate_practice(practice_id), N_("Duplicate as “{name}”")
        )

    def _add(self, make: Callable[[], Practice], text: str) -> tuple[int | None, str | None]:
        """Make a practice; once the service has accepted it, one undo step called `text`."""
        try:
            practice = make()
        except AttuneError as exc:
            return None, str(exc)
        ident = practice.id or 0
        self.undo.push(AddPractice(self.service, ident, _(text).format(name=practice.name)))
        return ident, None

    def delete(self, practice_id: int) -> str | None:
        try:
            name = self.service.get_practice(practice_id).name
            snapshot = self.service.delete_practice(practice_id)
        except AttuneError as exc:
            return str(exc)
        self.undo.push(DeletePractice(self.service, snapshot, name))
        return None

    def edit(self, practice_id: int, field: str, value: Any) -> str | None:
        """Save one field as typed; a refused value leaves the practice as it was."""
        try:
            old = getattr(self.service.get_practice(practice_id), field)
            new = getattr(self.service.update_practice(practice_id, **{field: value}), field)
        except ValidationError as exc:
            return exc.message
        except AttuneError as exc:
            return str(exc)
        if old != new:
            self.undo.push(EditPractice(self.service, practice_id, field, old, new))
        return None

    def set_fields(self, practice_id: int, text: str, changes: dict[str, Any]) -> str | None:
        try:
            current = shared_fields(self.service.get_practice(practice_id))
            old = {name: current[name] for name in changes}
            self.service.update_practice(practice_id, **changes)
        except ValidationError as exc:
            return exc.message
        except AttuneError as exc:
            return str(exc)
        new = {name: getattr(self.service.get_practice(practice_id), name) for name in changes}
        if old != new:
            self.undo.push(SetPracticeFields(self.service, practice_id, text, old, new))
        return None

    def restore_original(self, practice_id: int) -> str | None:
        try:
            before = self.service.restore_original(practice_id)
        except AttuneError as exc:
            return str(exc)
        after = shared_fields(self.service.get_practice(practice_id))
        name = after["name"]
        self.undo.push(
            SetPracticeFields(
                self.service, practice_id, _("Restore “{name}”").format(name=name), before, after
            )
        )
        return None
