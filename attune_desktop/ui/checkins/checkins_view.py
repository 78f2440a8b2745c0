"""Check-in rounds taken in sessions. Counts are not listed here: see the reveal rules."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView, QVBoxLayout, QWidget

from attune_desktop.core.services.checkins import RoundListing
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

MOMENTS = {
    "opening": "Opening",
    "closing": "Closing",
    "after_practice": "After a practice",
    "named": "Named",
}


class CheckInsView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinsView")
        self._core = context.core
        self.model: RowsTableModel[RoundListing] = RowsTableModel(
            [
                Column("Date", lambda r: r.session_date or "—"),
                Column("Session", lambda r: r.session_title),
                Column(
                    "Round", lambda r: r.round.name or MOMENTS.get(r.round.moment, r.round.moment)
                ),
                Column("Scale", lambda r: r.round.scale_key),
                Column("Status", lambda r: r.round.status.capitalize()),
            ],
            self,
        )
        self.table = named(QTableView(), "roundsTable")
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=1)
        self.table.setAccessibleName("Check-in rounds")
        self.empty = empty_label(
            "No check-in rounds yet. A round asks the group how they are arriving, "
            "anonymously: only a count per answer is kept."
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(title_label("Check-ins"))
        layout.addWidget(
            subtitle_label(
                "Anonymous rounds: no names, no order of answers, only counts per option."
            )
        )
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        Subscriptions(self).refresh_on(self._core.checkins.changed, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = self._core.checkins.list_rounds()
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
