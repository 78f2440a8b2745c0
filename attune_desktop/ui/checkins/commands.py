"""Undoable check-in edits. Each has already happened when it is pushed (see agenda commands).

What can be undone: a round's minimum (while the round is open), deleting a round, and making or
deleting a scale of one's own. Closing a round cannot be undone: reopening a shown round would
let one late answer be read off the results.
"""

from __future__ import annotations

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.services.checkins import CheckInService, PaperRecord
from attune_desktop.core.services.snapshots import Snapshot
from attune_desktop.ui.common.undo_commands import DoneCommand


class SetMinimum(DoneCommand):
    def __init__(self, service: CheckInService, round_id: int, old: int, new: int) -> None:
        super().__init__(_("Show results from {new} answers").format(new=new))
        self._service, self._id, self._old, self._new = service, round_id, old, new

    def apply(self) -> None:
        self._set(self._new)

    def undo(self) -> None:
        self._set(self._old)

    def _set(self, value: int) -> None:
        try:
            self._service.set_min_responses(self._id, value)
        except AttuneError:  # the round closed since: its minimum stays as it was shown
            self.setObsolete(True)


class DeleteRound(DoneCommand):
    def __init__(self, service: CheckInService, snapshot: Snapshot, title: str) -> None:
        super().__init__(_("Delete round “{title}”").format(title=title))
        self._service, self._snapshot = service, snapshot

    def apply(self) -> None:
        self._snapshot = self._service.delete_round(self._snapshot.root_id)

    def undo(self) -> None:
        self._service.restore_round(self._snapshot)


class AddScale(DoneCommand):
    def __init__(self, service: CheckInService, key: str, name: str) -> None:
        super().__init__(_("Make scale “{name}”").format(name=name))
        self._service, self._key = service, key
        self._snapshot: Snapshot | None = None

    def apply(self) -> None:
        if self._snapshot is not None:
            self._service.restore_scale(self._snapshot)

    def undo(self) -> None:
        try:
            self._snapshot = self._service.delete_scale(self._key)
        except AttuneError:  # a round has used it since; it stays for that round's results
            self.setObsolete(True)


class DeleteScale(DoneCommand):
    def __init__(self, service: CheckInService, snapshot: Snapshot, key: str, name: str) -> None:
        super().__init__(_("Delete scale “{name}”").format(name=name))
        self._service, self._snapshot, self._key = service, snapshot, key

    def apply(self) -> None:
        self._snapshot = self._service.delete_scale(self._key)

    def undo(self) -> None:
        self._service.restore_scale(self._snapshot)


class RecordTallies(DoneCommand):
    """Paper tallies typed in after a session (one closed round per moment), undone together."""

    def __init__(
        self,
        service: CheckInService,
        record: PaperRecord,
        tallies: dict[str, dict[str, int]],
        scale_key: str,
    ) -> None:
        super().__init__(_("Record check-in tallies"))
        self._service, self._record = service, record
        self._tallies, self._scale_key = tallies, scale_key

    def undo(self) -> None:
        self._service.undo_paper_rounds(self._record)

    def apply(self) -> None:  # redo: record the same tallies again
        self._record = self._service.record_paper_rounds(
            self._record.session_id, self._tallies, scale_key=self._scale_key
        )
