"""Every session, with the agenda of the one selected and its clock times."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from attune_desktop.core import agenda
from attune_desktop.core.models import Segment, Session
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import (
    configure_table,
    empty_label,
    named,
    subtitle_label,
    title_label,
)
from attune_desktop.ui.shell import UiContext


class SessionsView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsView")
        self._core = context.core
        self._slots: dict[int, agenda.Slot] = {}
        self.sessions_model: RowsTableModel[Session] = RowsTableModel(
            [
                Column("Date", lambda s: f"{s.date:%a %d %b %Y}" if s.date else "—"),
                Column("Start", lambda s: f"{s.start_time:%H:%M}"),
                Column("Session", lambda s: s.title, tooltip=lambda s: s.title),
                Column("Status", lambda s: s.status.capitalize()),
            ],
            self,
        )
        self.segments_model: RowsTableModel[Segment] = RowsTableModel(
            [
                Column("Start", lambda s: self._slot(s).start_label),
                Column("End", lambda s: self._slot(s).end_label),
                Column("Segment", lambda s: s.title, tooltip=lambda s: s.title),
                Column("Minutes", lambda s: str(s.planned_minutes), align_right=True),
                Column("", lambda s: "fixed" if s.fixed else "flexible"),
            ],
            self,
        )
        self.sessions_table = named(QTableView(), "sessionsTable")
        self.sessions_table.setModel(self.sessions_model)
        configure_table(self.sessions_table, stretch_column=2)
        self.sessions_table.setAccessibleName("Sessions")
        self.segments_table = named(QTableView(), "agendaPreviewTable")
        self.segments_table.setModel(self.segments_model)
        configure_table(self.segments_table, stretch_column=2)
        self.segments_table.setAccessibleName("Agenda of the selected session")
        self.totals = named(QLabel(), "agendaTotals")
        self.empty = empty_label("No sessions yet.")

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.totals)
        lower_layout.addWidget(self.segments_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.sessions_table)
        splitter.addWidget(lower)
        splitter.setSizes([260, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(title_label("Sessions"))
        layout.addWidget(subtitle_label("Each meeting and its timed agenda."))
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)

        self.sessions_table.selectionModel().selectionChanged.connect(self._on_selected)
        subs = Subscriptions(self)
        subs.refresh_on(self._core.sessions.changed, self.refresh)
        subs.refresh_on(self._core.series.changed, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        current = self.selected_session_id()
        rows = self._core.sessions.list_sessions()
        self.sessions_model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            row = self.sessions_model.find(lambda s: s.id == current) if current else -1
            self.sessions_table.selectRow(row if row >= 0 else 0)
        self._show_agenda()

    def select_session(self, session_id: int) -> None:
        row = self.sessions_model.find(lambda s: s.id == session_id)
        if row >= 0:
            self.sessions_table.selectRow(row)

    def selected_session_id(self) -> int | None:
        indexes = self.sessions_table.selectionModel().selectedRows()
        session = self.sessions_model.row_at(indexes[0].row()) if indexes else None
        return session.id if session else None

    def _slot(self, segment: Segment) -> agenda.Slot:
        return self._slots.get(segment.id or 0, agenda.Slot(0, 0))

    def _show_agenda(self) -> None:
        session_id = self.selected_session_id()
        if session_id is None:
            self._slots = {}
            self.segments_model.set_rows([])
            self.totals.setText("")
            return
        session = self._core.sessions.get_session(session_id)
        segments = self._core.sessions.segments(session_id)
        slots = agenda.slots(session.start_time, [s.planned_minutes for s in segments])
        self._slots = {s.id or 0: slot for s, slot in zip(segments, slots, strict=True)}
        self.segments_model.set_rows(segments)
        summary = agenda.totals((s.planned_minutes for s in segments), session.target_minutes)
        self.totals.setText(summary.summary)
        self.totals.setProperty("role", "warm" if summary.difference > 0 else "subtitle")
        self.totals.style().polish(self.totals)

    def _on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_agenda()
