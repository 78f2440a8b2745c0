"""The agenda builder's edits: add, pick, duplicate, delete and move segments; new,
duplicated, deleted and template sessions. Each goes through the controller (so it can be
undone) and then shows the agenda again with the right row chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attune_desktop.core.i18n import _
from attune_desktop.ui.agenda.practice_picker import PracticePickerDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView, QWidget

    from attune_desktop.core.container import Core
    from attune_desktop.ui.agenda.agenda_model import AgendaTableModel
    from attune_desktop.ui.agenda.controller import AgendaController
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

    if TYPE_CHECKING:  # AgendaBuilderView's

        def _report(self, error: str | None) -> None: ...

        def _show_agenda(self, select_segment: int | None = None) -> None: ...

        def selected_segment_id(self) -> int | None: ...

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
