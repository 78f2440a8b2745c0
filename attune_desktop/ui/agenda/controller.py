"""Agenda edits as a user makes them: call the service, and on success record an undo step.

Views call these methods and show the returned message when an edit is refused; nothing is
changed and nothing enters the undo history then.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack

from attune_desktop.core.errors import AttuneError, ValidationError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import SegmentKind
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.ui.agenda import commands


class AgendaController:
    """Every agenda edit, undoable. Methods return an error message, or None on success."""

    def __init__(self, service: SessionService, undo: QUndoStack) -> None:
        self.service = service
        self.undo = undo

    # --- segments -------------------------------------------------------------------------

    def add_segment(
        self, session_id: int, kind: str, position: int | None = None
    ) -> tuple[int | None, str | None]:
        try:
            segment = self.service.add_segment(session_id, kind=kind, position=position)
        except AttuneError as exc:
            return None, str(exc)
        label = SegmentKind(segment.kind).value.replace("_", "-")
        self.undo.push(
            commands.AddSegment(self.service, segment.id or 0, _("Add {label}").format(label=label))
        )
        return segment.id, None

    def add_practice(
        self, session_id: int, practice_id: int, position: int | None = None
    ) -> tuple[int | None, str | None]:
        try:
            segment = self.service.add_practice_segment(session_id, practice_id, position)
        except AttuneError as exc:
            return None, str(exc)
        text = _("Add practice “{title}”").format(title=segment.title)
        self.undo.push(commands.AddSegment(self.service, segment.id or 0, text))
        return segment.id, None

    def duplicate_segment(self, segment_id: int) -> tuple[int | None, str | None]:
        try:
            segment = self.service.duplicate_segment(segment_id)
        except AttuneError as exc:
            return None, str(exc)
        text = _("Duplicate “{title}”").format(title=segment.title)
        self.undo.push(commands.AddSegment(self.service, segment.id or 0, text))
        return segment.id, None

    def delete_segment(self, segment_id: int) -> str | None:
        try:
            title = self.service.get_segment(segment_id).title
            snapshot = self.service.delete_segment(segment_id)
        except AttuneError as exc:
            return str(exc)
        self.undo.push(commands.DeleteSegment(self.service, snapshot, title))
        return None

    def move_segment(self, session_id: int, source: int, target: int) -> str | None:
        if source == target:
            return None
        try:
            self.service.move_segment(session_id, source, target)
        except AttuneError as exc:
            return str(exc)
        self.undo.push(commands.MoveSegment(self.service, session_id, source, target))
        return None

    def edit_segment(self, segment_id: int, field: str, value: Any) -> str | None:
        try:
            old = getattr(self.service.get_segment(segment_id), field)
            new = getattr(self.service.update_segment(segment_id, **{field: value}), field)
        except ValidationError as exc:
            return exc.message
        except AttuneError as exc:
            return str(exc)
        if old != new:
            self.undo.push(commands.EditSegment(self.service, segment_id, field, old, new))
        return None

    def set_minutes(self, changes: list[tuple[int, int, int]], text: str) -> str | None:
        """Apply several (segment id, old, new) minute changes as one undo step."""
        done: list[tuple[int, str, Any, Any]] = []
        try:
            for segment_id, old, new in changes:
                self.service.update_segment(segment_id, planned_minutes=new)
                done.append((segment_id, "planned_minutes", old, new))
        except AttuneError as exc:
            for segment_id, field, old, _new in reversed(done):
                self.service.update_segment(segment_id, **{field: old})
            return str(exc)
        self.undo.push(commands.EditSegments(self.service, text, done))
        return None

    # --- sessions -------------------------------------------------------------------------

    def edit_session(self, session_id: int, field: str, value: Any) -> str | None:
        try:
            old = getattr(self.service.get_session(session_id), field)
            new = getattr(self.service.update_session(session_id, **{field: value}), field)
        except ValidationError as exc:
            return exc.message
        except AttuneError as exc:
            return str(exc)
        if old != new:
            self.undo.push(commands.EditSession(self.service, session_id, field, old, new))
        return None

    def create_session(self, title: str, **fields: Any) -> tuple[int | None, str | None]:
        try:
            session = self.service.create_session(title, **fields)
        except ValidationError as exc:
            return None, exc.message
        except AttuneError as exc:
            return None, str(exc)
        self.undo.push(commands.AddSession(self.service, session.id or 0, _("New session")))
        return session.id, None

    def duplicate_session(
        self, session_id: int, *, as_template: bool = False
    ) -> tuple[int | None, str | None]:
        try:
            session = self.service.duplicate_session(session_id, as_template=as_template)
        except AttuneError as exc:
            return None, str(exc)
        text = _("Save as template") if as_template else _("Duplicate session")
        self.undo.push(commands.AddSession(self.service, session.id or 0, text))
        return session.id, None

    def start_from_template(self, template_id: int) -> tuple[int | None, str | None]:
        try:
            template = self.service.get_session(template_id)
            title = template.title.removesuffix(" (template)")
            session = self.service.start_from_template(template_id, title=title)
        except AttuneError as exc:
            return None, str(exc)
        text = _("New session from template")
        self.undo.push(commands.AddSession(self.service, session.id or 0, text))
        return session.id, None

    def delete_session(self, session_id: int) -> str | None:
        try:
            title = self.service.get_session(session_id).title
            snapshot = self.service.delete_session(session_id)
        except AttuneError as exc:
            return str(exc)
        self.undo.push(commands.DeleteSession(self.service, snapshot, title))
        return None
