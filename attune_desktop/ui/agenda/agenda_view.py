"""The agenda builder: sessions on the left, the timed agenda in the middle, a segment's form
on the right. Every edit is saved as it is made and can be undone (the edits themselves are
`AgendaEdits`, in agenda_edits.py)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core import agenda
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Segment
from attune_desktop.ui.agenda.agenda_edits import AgendaEdits
from attune_desktop.ui.agenda.agenda_model import (
    COL_TITLE,
    KIND_LABELS,
    AgendaTableModel,
    configure_agenda_table,
)
from attune_desktop.ui.agenda.controller import AgendaController
from attune_desktop.ui.agenda.practice_picker import PracticePickerDialog
from attune_desktop.ui.agenda.prep_notes import PrepNotesEditor
from attune_desktop.ui.agenda.print_menu import SessionPrintMenu
from attune_desktop.ui.agenda.segment_editor import SegmentEditor
from attune_desktop.ui.agenda.session_header import SessionHeader
from attune_desktop.ui.agenda.session_list import SessionList
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import named, page_layout, side_by_side
from attune_desktop.ui.shell import UiContext


def agenda_hint(has_session: bool, has_segments: bool) -> str:
    if not has_session:
        return _(
            "No session chosen. Pick one on the left, make one with New (Ctrl+Shift+N), "
            "or plan a term of sessions in Series (Ctrl+1)."
        )
    if not has_segments:
        return _(
            "This agenda is empty. Add a segment by kind (Add, or Ctrl+N), or a practice "
            "from the library (Ctrl+Shift+P)."
        )
    return ""


class AgendaBuilderView(AgendaEdits, QWidget):
    """Build a session's agenda quickly, by mouse or keyboard."""

    run_requested = Signal(int)  # session id: open the presenter view

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsView")
        self._core = context.core
        self.controller = AgendaController(context.core.sessions, context.undo)
        self._session_id: int | None = None
        self._picker: PracticePickerDialog | None = None
        self.printing = SessionPrintMenu(self, context, self._printable_session)

        self.sessions = SessionList(context.core.sessions)
        self.header = SessionHeader(self.controller)
        self.model = AgendaTableModel(self)
        self.table = named(QTableView(), "agendaTable")
        self.table.setModel(self.model)
        configure_agenda_table(self.table)
        self.editor = SegmentEditor(self.controller)
        self.materials = named(QLabel(), "sessionMaterials")
        self.materials.setWordWrap(True)
        self.materials.setProperty("role", "subtitle")
        self.message = named(QLabel(), "agendaMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.prep = PrepNotesEditor(self.controller)
        self.hint = named(QLabel(), "agendaHint")  # what to do when there is nothing to show
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "subtitle")
        self.received = self._received_banner()

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.received)
        middle_layout.addWidget(self.header)
        middle_layout.addLayout(self._toolbar())
        middle_layout.addWidget(self.hint)
        middle_layout.addWidget(self.table, 1)
        middle_layout.addWidget(self.message)
        middle_layout.addWidget(self.materials)
        middle_layout.addWidget(self.prep)
        splitter = side_by_side([self.sessions, middle, self.editor], [250, 560, 340], stretch=1)
        layout = page_layout(
            self,
            _("Sessions"),
            _(
                "Build the agenda: add segments by kind or from the practice library, "
                "drag or Ctrl+↑/↓ to reorder. Every change is saved; Ctrl+Z undoes it."
            ),
        )
        layout.addWidget(splitter, 1)

        self.sessions.session_selected.connect(self._on_session_selected)
        self.sessions.new_requested.connect(self.new_session)
        self.sessions.duplicate_requested.connect(self._on_duplicate_session)
        self.sessions.delete_requested.connect(self._on_delete_session)
        self.sessions.template_requested.connect(self._on_save_template)
        self.sessions.use_template_requested.connect(self._on_use_template)
        self.table.selectionModel().selectionChanged.connect(self._on_segment_selected)
        self.model.move_requested.connect(self._on_move_requested)
        self.model.edit_requested.connect(self._on_edit_requested)
        subs = Subscriptions(self)
        subs.refresh_on(self._core.sessions.changed, self.refresh)
        subs.refresh_on(self._core.series.changed, self.refresh)
        self.sessions.refresh()

    # --- building blocks ------------------------------------------------------------------

    def _action(self, text: str, shortcut: str, slot: object, name: str, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        tip = tip or text.replace("&", "").rstrip("…")
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _table_action(self, text: str, shortcut: str, slot: object, name: str) -> QAction:
        """An action whose key works only in the agenda table: Delete in the sessions list or
        a text field must never delete the chosen segment."""
        action = self._action(text, shortcut, slot, name)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(action)
        return action

    def _toolbar(self) -> QHBoxLayout:
        add_menu = QMenu(self)
        for key, label in KIND_LABELS.items():
            kind_action = add_menu.addAction(_(label))
            kind_action.setObjectName(f"add_{key}")
            kind_action.triggered.connect(lambda _=False, k=key: self.add_segment(k))
        add = named(QToolButton(), "addSegment")
        add.setText(_("Add"))
        add.setMenu(add_menu)
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add.setToolTip(_("Add a segment by kind (Ctrl+N adds an activity)"))
        actions = [
            self._action(
                _("&Practice…"),
                "Ctrl+Shift+P",
                self.pick_practice,
                "addPractice",
                _("Add a practice from the library"),
            ),
            self._action(_("D&uplicate"), "Ctrl+D", self.duplicate_segment, "duplicateSegment"),
            self._table_action(_("&Delete"), _("Delete"), self.delete_segment, "deleteSegment"),
            self._action("↑", "Ctrl+Up", lambda: self.move_selected(-1), "moveUp", _("Move up")),
            self._action(
                "↓", "Ctrl+Down", lambda: self.move_selected(1), "moveDown", _("Move down")
            ),
        ]
        activity = self._action(
            _("New activity"), "Ctrl+N", lambda: self.add_segment("other"), "addOther"
        )
        self._action(_("New session"), "Ctrl+Shift+N", self.new_session, "newSessionAction")
        printer = self.printing.button

        bar = QHBoxLayout()
        self._needs_session: list[QWidget | QAction] = [add, printer, *actions]
        self._edits = [add, *actions, activity]  # greyed for a received template's week
        self._needs_session.append(self.printing.print_action)
        bar.addWidget(add)
        for action in actions:
            button = named(QToolButton(), f"{action.objectName()}Button")
            button.setDefaultAction(action)
            button.setAccessibleName(action.statusTip())  # "Move up", not "↑"
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(printer)
        run = named(QToolButton(), "runSession")
        run.setText(_("Run ▶"))
        run.setToolTip(_("Run this session live: presenter and projector views (F5)"))
        run.clicked.connect(self._request_run)
        self._needs_session.append(run)
        bar.addWidget(run)
        return bar

    # --- refresh --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.sessions.refresh()
        self._show_agenda()

    def select_session(self, session_id: int) -> None:
        self.sessions.select(session_id)

    def _on_session_selected(self, session_id: int | None) -> None:
        if session_id != self._session_id:
            self.editor.commit_text()
            self.prep.commit_text()
        self._session_id = session_id
        self._show_agenda()

    def _show_agenda(self, select_segment: int | None = None) -> None:
        keep = select_segment or self.selected_segment_id()
        session = None
        segments: list[Segment] = []
        if self._session_id is not None:
            try:
                session = self._core.sessions.get_session(self._session_id)
                segments = self._core.sessions.segments(self._session_id)
            except Exception:
                self._session_id = None
        self.header.set_session(session, segments)
        self.prep.set_session(session)
        self.hint.setText(agenda_hint(session is not None, bool(segments)))
        self.hint.setVisible(bool(self.hint.text()))
        for control in self._needs_session:  # nothing to add to, print or run without one
            control.setEnabled(session is not None)
        self.model.set_segments(segments, session.start_time if session else dt.time(0, 0))
        gathered = agenda.gather_materials(s.materials for s in segments)
        self.materials.setText(_("Materials: ") + ", ".join(gathered) if gathered else "")
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and segments:
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, COL_TITLE),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_received(session)
        self._on_segment_selected()

    def selected_segment_id(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows()
        segment = self.model.segment_at(indexes[0].row()) if indexes else None
        return segment.id if segment else None

    def _on_segment_selected(self, *_args: QItemSelection) -> None:
        indexes = self.table.selectionModel().selectedRows()
        segment = self.model.segment_at(indexes[0].row()) if indexes else None
        practice_name = ""
        if segment is not None and segment.practice_id is not None:
            try:
                practice_name = self._core.practices.get_practice(segment.practice_id).name
            except Exception:
                practice_name = ""
        self.editor.set_segment(segment, practice_name)
        if self._received:
            self.editor.setEnabled(False)

    def _report(self, error: str | None) -> None:
        self.message.setText(error or "")
        self.message.setVisible(bool(error))  # an empty line would take the table's room

    def _request_run(self) -> None:
        self.editor.commit_text()
        self.prep.commit_text()
        if self._session_id is not None:
            self.run_requested.emit(self._session_id)

    def selected_session_id(self) -> int | None:
        return self._session_id

    def _printable_session(self) -> int | None:
        """The session to print, with whatever is being typed saved first."""
        self.editor.commit_text()
        self.header.commit_text()
        self.prep.commit_text()
        return self._session_id
