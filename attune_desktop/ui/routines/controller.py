"""Routine edits as a user makes them: call the service, and on success push an undo step.

Methods return an error message (or the new id and a message); a refused edit changes
nothing and never enters the undo history.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtGui import QUndoStack

from attune_desktop.core.errors import AttuneError, ValidationError
from attune_desktop.core.i18n import _
from attune_desktop.core.photos import import_photo
from attune_desktop.core.services.families import FamilyService
from attune_desktop.ui.routines import commands

Result = tuple[int | None, str | None]


def _message(exc: AttuneError) -> str:
    return exc.message if isinstance(exc, ValidationError) else str(exc)


class RoutinesController:
    def __init__(self, service: FamilyService, undo: QUndoStack, photos_dir: Path) -> None:
        self.service = service
        self.undo = undo
        self.photos_dir = photos_dir

    # --- families ---------------------------------------------------------------------------

    def add_family(self, label: str, **fields: Any) -> Result:
        s = self.service
        try:
            family = s.create_family(label, **fields)
        except AttuneError as exc:
            return None, _message(exc)
        self.undo.push(
            commands.Added(s.delete_family, s.restore_family, family.id or 0, _("Add family"))
        )
        return family.id, None

    def edit_family(self, family_id: int, field: str, value: Any) -> str | None:
        s = self.service
        try:
            old = getattr(s.get_family(family_id), field)
            new = getattr(s.update_family(family_id, **{field: value}), field)
        except AttuneError as exc:
            return _message(exc)
        if old != new:
            self.undo.push(commands.EditFamily(s.update_family, family_id, field, old, new))
        return None

    def delete_family(self, family_id: int) -> str | None:
        s = self.service
        try:
            label = s.get_family(family_id).label
            snapshot = s.delete_family(family_id)
        except AttuneError as exc:
            return _message(exc)
        self.undo.push(
            commands.Deleted(
                s.delete_family,
                s.restore_family,
                snapshot,
                _("Delete “{label}”").format(label=label),
            )
        )
        return None

    # --- routines ---------------------------------------------------------------------------

    def add_routine(self, family_id: int, title: str, time_of_day: str = "anytime") -> Result:
        s = self.service
        try:
            routine = s.create_routine(family_id, title, time_of_day)
        except AttuneError as exc:
            return None, _message(exc)
        self.undo.push(
            commands.Added(s.delete_routine, s.restore_routine, routine.id or 0, _("New routine"))
        )
        return routine.id, None

    def copy_routine(self, routine_id: int, family_ids: Sequence[int], text: str) -> Result:
        """A template for one family, or a routine for several: one undo step either way."""
        s = self.service
        try:
            copies = s.copy_routine(routine_id, family_ids)
        except AttuneError as exc:
            return None, _message(exc)
        self.undo.beginMacro(text)
        for copy in copies:
            self.undo.push(commands.Added(s.delete_routine, s.restore_routine, copy.id or 0, text))
        self.undo.endMacro()
        return copies[0].id, None

    def edit_routine(self, routine_id: int, field: str, value: Any) -> str | None:
        s = self.service
        try:
            old = getattr(s.get_routine(routine_id), field)
            new = getattr(s.update_routine(routine_id, **{field: value}), field)
        except AttuneError as exc:
            return _message(exc)
        if old != new:
            self.undo.push(commands.EditRoutine(s.update_routine, routine_id, field, old, new))
        return None

    def delete_routine(self, routine_id: int) -> str | None:
        s = self.service
        try:
            title = s.get_routine(routine_id).title
            snapshot = s.delete_routine(routine_id)
        except AttuneError as exc:
            return _message(exc)
        self.undo.push(
            commands.Deleted(
                s.delete_routine,
                s.restore_routine,
                snapshot,
                _("Delete “{title}”").format(title=title),
            )
        )
        return None

    def move_routine(self, family_id: int, source: int, target: int) -> str | None:
        """Change the order of a family's routines (and so of its printed sheets)."""
        if source == target:
            return None
        s = self.service
        try:
            s.move_routine(family_id, source, target)
        except AttuneError as exc:
            return _message(exc)
        self.undo.push(commands.Moved(s.move_routine, family_id, source, target, _("Move routine")))
        return None

    # --- steps ------------------------------------------------------------------------------

    def add_step(self, routine_id: int, position: int | None = None, **fields: Any) -> Result:
        s = self.service
        try:
            step = s.add_step(routine_id, position, **fields)
        except AttuneError as exc:
            return None, _message(exc)
        self.undo.push(commands.Added(s.delete_step, s.restore_step, step.id or 0, _("Add step")))
        return step.id, None

    def edit_step(self, step_id: int, field: str, value: Any) -> str | None:
        s = self.service
        try:
            old = getattr(s.get_step(step_id), field)
            new = getattr(s.update_step(step_id, **{field: value}), field)
        except AttuneError as exc:
            return _message(exc)
        if old != new:
            self.undo.push(commands.EditStep(s.update_step, step_id, field, old, new))
        return None

    def use_photo(self, step_id: int, path: str) -> str | None:
        """Copy the family's own photo into the photos folder and put it on the step."""
        try:
            picture = import_photo(path, self.photos_dir)
        except AttuneError as exc:
            return _message(exc)
        return self.edit_step(step_id, "picture", picture)

    def delete_step(self, step_id: int) -> str | None:
        s = self.service
        try:
            snapshot = s.delete_step(step_id)
        except AttuneError as exc:
            return _message(exc)
        self.undo.push(commands.Deleted(s.delete_step, s.restore_step, snapshot, _("Delete step")))
        return None

    def move_step(self, routine_id: int, source: int, target: int) -> str | None:
        if source == target:
            return None
        s = self.service
        try:
            s.move_step(routine_id, source, target)
        except AttuneError as exc:
            return _message(exc)
        self.undo.push(commands.Moved(s.move_step, routine_id, source, target, _("Move step")))
        return None
