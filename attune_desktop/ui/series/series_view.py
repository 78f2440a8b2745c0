"""The organiser's view of every series and the weeks of the one selected."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QSplitter, QTableView, QVBoxLayout, QWidget

from attune_desktop.core.agenda import duration_label
from attune_desktop.core.models import Series, Session
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

WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


def series_columns() -> list[Column[Series]]:
    return [
        Column("Series", lambda s: s.title, tooltip=lambda s: s.title),
        Column("Meets", lambda s: f"{WEEKDAYS[s.weekday]} {s.start_time:%H:%M}"),
        Column("From", lambda s: f"{s.first_date:%d %b %Y}"),
        Column("Weeks", lambda s: str(s.weeks), align_right=True),
        Column("Venue", lambda s: s.venue),
    ]


class SeriesView(QWidget):
    """Series on top, the selected series' sessions below; double-click opens a session."""

    session_activated = Signal(int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seriesView")
        self._core = context.core
        self._minutes: dict[int, int] = {}
        self.series_model: RowsTableModel[Series] = RowsTableModel(series_columns(), self)
        self.sessions_model: RowsTableModel[Session] = RowsTableModel(
            [
                Column("Week", lambda s: str(s.week or ""), align_right=True),
                Column("Date", lambda s: f"{s.date:%a %d %b %Y}" if s.date else "—"),
                Column("Theme", lambda s: s.title, tooltip=lambda s: s.title),
                Column("Status", lambda s: s.status.capitalize()),
                Column("Planned", lambda s: self._planned(s), align_right=True),
            ],
            self,
        )

        self.series_table = named(QTableView(), "seriesTable")
        self.series_table.setModel(self.series_model)
        configure_table(self.series_table, stretch_column=0)
        self.series_table.setAccessibleName("Series")
        self.sessions_table = named(QTableView(), "seriesSessionsTable")
        self.sessions_table.setModel(self.sessions_model)
        configure_table(self.sessions_table, stretch_column=2)
        self.sessions_table.setAccessibleName("Sessions of the selected series")
        self.sessions_table.activated.connect(self._on_session_activated)
        self.empty = empty_label(
            "No series yet. A series plans a term of weekly sessions: run "
            "“attune-desktop demo” to load the sample “Attunement basics”."
        )

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.series_table)
        splitter.addWidget(self.sessions_table)
        splitter.setSizes([200, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(title_label("Series"))
        layout.addWidget(subtitle_label("Multi-week circles: each week's date, theme and status."))
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)

        self.series_table.selectionModel().selectionChanged.connect(self._on_series_selected)
        subs = Subscriptions(self)
        subs.refresh_on(self._core.series.changed, self.refresh)
        subs.refresh_on(self._core.sessions.changed, self._refresh_sessions)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_series_id()
        rows = self._core.series.list_series()
        self.series_model.set_rows(rows)
        self.empty.setVisible(not rows)
        row = self.series_model.find(lambda s: s.id == selected) if selected else 0
        if rows:
            self.series_table.selectRow(max(row, 0))
        self._refresh_sessions()

    def selected_series_id(self) -> int | None:
        indexes = self.series_table.selectionModel().selectedRows()
        series = self.series_model.row_at(indexes[0].row()) if indexes else None
        return series.id if series else None

    def _refresh_sessions(self) -> None:
        series_id = self.selected_series_id()
        sessions = self._core.sessions.list_sessions(series_id=series_id) if series_id else []
        self._minutes = self._core.sessions.planned_minutes([s.id for s in sessions if s.id])
        self.sessions_model.set_rows(sessions)

    def _planned(self, session: Session) -> str:
        return duration_label(self._minutes.get(session.id or 0, 0))

    def _on_series_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._refresh_sessions()

    def _on_session_activated(self) -> None:
        indexes = self.sessions_table.selectionModel().selectedRows()
        session = self.sessions_model.row_at(indexes[0].row()) if indexes else None
        if session and session.id:
            self.session_activated.emit(session.id)
