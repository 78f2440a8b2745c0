"""The agenda builder's edits: add, pick, duplicate, delete and move segments; new,
duplicated, deleted and template sessions. Each goes through the controller (so it can be
undone) and then shows the agenda again with the right row chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView

from attune_desktop.core.i18n import _
from attune_desktop.core.models import Session
from attune_desktop.ui.agenda.practice_picker import PracticePickerDialog
from attune_desktop.ui.common.received_banner import ReceivedBanner

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QTableView, QWidget

    from attune_desktop.core.container import Core
    from attune_desktop.ui.agenda.agenda_model import AgendaTableModel
    from attune_desktop.ui.agenda.controller import AgendaController
    from attune_desktop.ui.agenda.prep_notes import PrepNotesEditor
    from attune_desktop.ui.agenda.segment_editor import SegmentEditor
    from attune_desktop.ui.agenda.session_header import SessionHeader
    from attune_desktop.ui.agenda.session_list import SessionList

    _Widget = QWidget
else:
    _Widget = object


class AgendaEdits(_Widget):
    """The edits of `AgendaBuilderView`, mixed into it (which sets these attributes)."""

    _core: Core
    controller: AgendaController
    _session_id: int | None
    _picker: PracticePickerDialog | None
    sessions: SessionList
    header: SessionHeader
    model: AgendaTableModel
    table: QTableView
    editor: SegmentEditor
    prep: PrepNotesEditor
    received: ReceivedBanner
    _edits: list[QWidget | QAction]  # what changes the agenda: greyed for a received week
    _received = False

    if TYPE_CHECKING:  # AgendaBuilderView's

        def _report(self, error: str | None) -> None: ...

        def _show_agenda(self, select_segment: int | None = None) -> None: ...

        def selected_segment_id(self) -> int | None: ...

    # --- a week of a template received from the organisation: read-only ---------------------

    def _received_banner(self) -> ReceivedBanner:
        banner = ReceivedBanner(
            _(
                "This week belongs to a curriculum template from your organisation's library, "
                "so it is read-only here. Duplicate it to make your own copy to change."
            ),
            "receivedWeek",
        )
        banner.duplicate_requested.connect(self._duplicate_received_week)
        return banner

    def _show_received(self, session: Session | None) -> None:
        """Grey every edit of a received week (after its header and notes are shown; the
        segment form is greyed as each segment is chosen)."""
        ident = session.id if session is not None else None
        self._received = ident is not None and self._core.sessions.is_received(ident)
        self.received.set_received(self._received)
        for control in self._edits:
            control.setEnabled(ident is not None and not self._received)
        for part in (self.header, self.prep):  # shown by `set_session`, greyed here
            if self._received:
                part.setEnabled(False)
        self.table.setDragEnabled(not self._received)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if self._received
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )

    def _duplicate_received_week(self) -> None:
        """The facilitator's own template of this week, selected, to change as they like."""
        if self._session_id is None:
            return
        new_id, error = self.controller.duplicate_session(self._session_id, as_template=True)
        self._report(error)
        if new_id:
            self.sessions.select(new_id)

    def _insert_position(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows()
        return indexes[0].row() + 1 if indexes else None

    def add_segment(self, kind: str) -> None:
        if self._session_id is None:
            return
        new_id, error = self.controller.add_segment(self._session_id, kind, self._insert_position())
        self._report(error)
        if new_id:
            self._show_agenda(select_segment=new_id)
            self.editor.title.setFocus()
            self.editor.title.selectAll()

    def pick_practice(self) -> None:
        if self._session_id is None:
            return
        self._picker = PracticePickerDialog(self._core.practices.list_practices(), self)
        self._picker.practice_chosen.connect(self._on_practice_chosen)
        self._picker.open()

    def _on_practice_chosen(self, practice_id: int) -> None:
        if self._session_id is None:
            return
        new_id, error = self.controller.add_practice(
            self._session_id, practice_id, self._insert_position()
        )
        self._report(error)
        if new_id:
            self._show_agenda(select_segment=new_id)

    def duplicate_segment(self) -> None:
        segment_id = self.selected_segment_id()
        if segment_id is not None:
            new_id, error = self.controller.duplicate_segment(segment_id)
            self._report(error)
            if new_id:
                self._show_agenda(select_segment=new_id)

    def delete_segment(self) -> None:
        segment_id = self.selected_segment_id()
        if segment_id is not None:
            row = self.model.row_of(segment_id)
            self._report(self.controller.delete_segment(segment_id))
            following = self.model.segment_at(row + 1) or self.model.segment_at(row - 1)
            self._show_agenda(select_segment=following.id if following else None)

    def move_selected(self, step: int) -> None:
        segment_id = self.selected_segment_id()
        if segment_id is None or self._session_id is None:
            return
        row = self.model.row_of(segment_id)
        target = row + step
        if 0 <= target < self.model.rowCount():
            self._report(self.controller.move_segment(self._session_id, row, target))
            self._show_agenda(select_segment=segment_id)
        else:  # said, so the key is never pressed in silence
            where = _("first") if step < 0 else _("last")
            self._report(_("This segment is already the %s.") % where)

    def _on_move_requested(self, source: int, target: int) -> None:
        moving = self.model.segment_at(source)
        if self._session_id is not None and moving is not None:
            self._report(self.controller.move_segment(self._session_id, source, target))
            self._show_agenda(select_segment=moving.id)

    def _on_edit_requested(self, segment_id: int, field: str, value: object) -> None:
        self._report(self.controller.edit_segment(segment_id, field, value))

    def new_session(self) -> None:
        new_id, error = self.controller.create_session(_("New session"), target_minutes=120)
        self._report(error)
        if new_id:
            self.sessions.select(new_id)
            self.header.title.setFocus()
            self.header.title.selectAll()

    def _on_duplicate_session(self, session_id: int) -> None:
        new_id, error = self.controller.duplicate_session(session_id)
        self._report(error)
        if new_id:
            self.sessions.select(new_id)

    def _on_delete_session(self, session_id: int) -> None:
        self._report(self.controller.delete_session(session_id))
        self.sessions.refresh()

    def _on_save_template(self, session_id: int) -> None:
        _new_id, error = self.controller.duplicate_session(session_id, as_template=True)
        self._report(error or _("Saved as a template: choose “Templates” above to see it."))

    def _on_use_template(self, template_id: int) -> None:
        new_id, error = self.controller.start_from_template(template_id)
        self._report(error)
        if new_id:
            self.sessions.select(new_id)
