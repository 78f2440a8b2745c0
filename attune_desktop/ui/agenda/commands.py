"""Undoable agenda edits, built on ui.common.undo_commands: each has already happened when
it is pushed. Deleted rows come back with their ids, so later commands stay valid.
"""

from __future__ import annotations

from typing import Any

from attune_desktop.core.i18n import N_, _
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.services.snapshots import Snapshot
from attune_desktop.ui.common.undo_commands import DoneCommand, EditField

# Commands with the same id merge while the same field of the same row is being typed into.
MERGE_SEGMENT_FIELD = 1001
MERGE_SESSION_FIELD = 1002


class EditSegment(EditField):
    MERGEABLE = ("title", "notes", "materials")
    MERGE_ID = MERGE_SEGMENT_FIELD

    def __init__(
        self, service: SessionService, segment_id: int, field: str, old: Any, new: Any
    ) -> None:
        super().__init__(service.update_segment, segment_id, field, old, new)


class EditSession(EditField):
    MERGEABLE = ("title", "venue", "prep_notes")
    MERGE_ID = MERGE_SESSION_FIELD
    WHAT = N_("session")

    def __init__(
        self, service: SessionService, session_id: int, field: str, old: Any, new: Any
    ) -> None:
        super().__init__(service.update_session, session_id, field, old, new)


class EditSegments(DoneCommand):
    """Several segments' fields changed as one step (e.g. taking time back when running late)."""

    def __init__(
        self,
        service: SessionService,
        text: str,
        changes: list[tuple[int, str, Any, Any]],
    ) -> None:
        super().__init__(text)
        self._service, self._changes = service, changes

    def apply(self) -> None:
        for segment_id, field, _old, new in self._changes:
            self._service.update_segment(segment_id, **{field: new})

    def undo(self) -> None:
        for segment_id, field, old, _new in reversed(self._changes):
            self._service.update_segment(segment_id, **{field: old})


class AddSegment(DoneCommand):
    def __init__(self, service: SessionService, segment_id: int, text: str) -> None:
        super().__init__(text)
        self._service, self._id = service, segment_id
        self._snapshot: Snapshot | None = None

    def apply(self) -> None:
        if self._snapshot is not None:
            self._service.restore_segment(self._snapshot)

    def undo(self) -> None:
        self._snapshot = self._service.delete_segment(self._id)


class DeleteSegment(DoneCommand):
    def __init__(self, service: SessionService, snapshot: Snapshot, title: str) -> None:
        super().__init__(_("Delete “{title}”").format(title=title))
        self._service, self._snapshot = service, snapshot

    def apply(self) -> None:
        self._snapshot = self._service.delete_segment(self._snapshot.root_id)

    def undo(self) -> None:
        self._service.restore_segment(self._snapshot)


class MoveSegment(DoneCommand):
    def __init__(self, service: SessionService, session_id: int, source: int, target: int) -> None:
        super().__init__(_("Move segment"))
        self._service, self._session = service, session_id
        self._source, self._target = source, target

    def apply(self) -> None:
        self._service.move_segment(self._session, self._source, self._target)

    def undo(self) -> None:
        self._service.move_segment(self._session, self._target, self._source)


class AddSession(DoneCommand):
    def __init__(self, service: SessionService, session_id: int, text: str) -> None:
        super().__init__(text)
        self._service, self._id = service, session_id
        self._snapshot: Snapshot | None = None

    def apply(self) -> None:
        if self._snapshot is not None:
            self._service.restore_session(self._snapshot)

    def undo(self) -> None:
        self._snapshot = self._service.delete_session(self._id)


class DeleteSession(DoneCommand):
    def __init__(self, service: SessionService, snapshot: Snapshot, title: str) -> None:
        super().__init__(_("Delete session “{title}”").format(title=title))
        self._service, self._snapshot = service, snapshot

    def apply(self) -> None:
        self._snapshot = self._service.delete_session(self._snapshot.root_id)

    def undo(self) -> None:
        self._service.restore_session(self._snapshot)
