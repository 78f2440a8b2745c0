"""Undoable term edits. Each command has already happened when it is pushed (`DoneCommand`).

The view calls the service first; only an accepted change is pushed, so a refused move or a
bad plan never enters the undo history. Undo uses what the service returned (old date, old
status, a snapshot, a `Replan` record), so every session comes back exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import _
from attune_desktop.ui.common.undo_commands import DoneCommand

if TYPE_CHECKING:  # annotations only: the ORM is not imported before the first paint
    from attune_desktop.core.services.followups import FollowUpService
    from attune_desktop.core.services.series import Replan, SeriesService
    from attune_desktop.core.services.snapshots import Snapshot


class CreateSeries(DoneCommand):
    """A new series (from scratch, a template or a clone); undo deletes it whole."""

    def __init__(self, service: SeriesService, series_id: int, title: str) -> None:
        super().__init__(_("Create series “{title}”").format(title=title))
        self._service, self._id = service, series_id
        self._snap: Snapshot | None = None

    def undo(self) -> None:
        self._snap = self._service.delete_series(self._id)

    def apply(self) -> None:
        if self._snap is not None:
            self._service.restore_series(self._snap)


class DeleteSeries(DoneCommand):
    """A deleted series; undo puts it back with every session, segment and record."""

    def __init__(self, service: SeriesService, snap: Snapshot, title: str) -> None:
        super().__init__(_("Delete series “{title}”").format(title=title))
        self._service, self._snap = service, snap

    def undo(self) -> None:
        self._service.restore_series(self._snap)

    def apply(self) -> None:
        self._snap = self._service.delete_series(self._snap.root_id)


class ReplanSeries(DoneCommand):
    def __init__(self, service: SeriesService, record: Replan) -> None:
        super().__init__(_("Edit series plan"))
        self._service, self._record = service, record

    def undo(self) -> None:
        self._service.undo_replan(self._record)

    def apply(self) -> None:
        self._record = self._service.replan_series(self._record.series_id, **self._record.changes)


class MoveSession(DoneCommand):
    def __init__(self, service: SeriesService, session_id: int, old: dt.date, new: dt.date) -> None:
        super().__init__(_("Move session to {new}").format(new=locale_format.day_month(new)))
        self._service, self._id, self._old, self._new = service, session_id, old, new

    def undo(self) -> None:
        self._service.move_session(self._id, self._old)

    def apply(self) -> None:
        self._service.move_session(self._id, self._new)


class SetStatus(DoneCommand):
    def __init__(self, service: SeriesService, session_id: int, old: str, new: str) -> None:
        super().__init__(
            _("Cancel session") if new == "cancelled" else _("Mark session {new}").format(new=new)
        )
        self._service, self._id, self._old, self._new = service, session_id, old, new

    def undo(self) -> None:
        self._service.set_status(self._id, self._old)

    def apply(self) -> None:
        self._service.set_status(self._id, self._new)


class AddSession(DoneCommand):
    """An extra session; undo removes it (later weeks close the gap), redo puts it back."""

    def __init__(self, service: SeriesService, session_id: int) -> None:
        super().__init__(_("Add session"))
        self._service, self._id = service, session_id
        self._snap: Snapshot | None = None

    def undo(self) -> None:
        self._snap = self._service.remove_session(self._id)

    def apply(self) -> None:
        if self._snap is not None:
            self._service.restore_session(self._snap)


class RemoveSession(DoneCommand):
    def __init__(self, service: SeriesService, snap: Snapshot) -> None:
        super().__init__(_("Remove session"))
        self._service, self._snap = service, snap

    def undo(self) -> None:
        self._service.restore_session(self._snap)

    def apply(self) -> None:
        self._snap = self._service.remove_session(self._snap.root_id)


class SetAttendance(DoneCommand):
    def __init__(
        self, service: SeriesService, session_id: int, old: int | None, new: int | None
    ) -> None:
        super().__init__(_("Record attendance"))
        self._service, self._id, self._old, self._new = service, session_id, old, new

    def undo(self) -> None:
        self._service.set_attendance(self._id, self._old)

    def apply(self) -> None:
        self._service.set_attendance(self._id, self._new)


class AddNote(DoneCommand):
    def __init__(self, service: FollowUpService, note_id: int) -> None:
        super().__init__(_("Add follow-up note"))
        self._service, self._id = service, note_id
        self._snap: Snapshot | None = None

    def undo(self) -> None:
        self._snap = self._service.delete_note(self._id)

    def apply(self) -> None:
        if self._snap is not None:
            self._service.restore_note(self._snap)


class DeleteNote(DoneCommand):
    def __init__(self, service: FollowUpService, snap: Snapshot) -> None:
        super().__init__(_("Remove follow-up note"))
        self._service, self._snap = service, snap

    def undo(self) -> None:
        self._service.restore_note(self._snap)

    def apply(self) -> None:
        self._snap = self._service.delete_note(self._snap.root_id)
