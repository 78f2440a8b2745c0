"""The session's rounds as a table, and the line that says why no new round can open yet."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QTableView, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.core.models import CheckInRound, RoundStatus
from attune_desktop.core.services.checkins import CheckInService, round_title
from attune_desktop.core.value_labels import status_label
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.widgets import configure_table, named


def rounds_table(
    service: CheckInService, parent: QWidget
) -> tuple[RowsTableModel[CheckInRound], QTableView]:
    """Round, scale and status of each round: never a count."""
    model: RowsTableModel[CheckInRound] = RowsTableModel(
        [
            Column(_("Round"), round_title),
            Column(_("Scale"), lambda r: service.scale(r.scale_key).name()),
            Column(_("Status"), lambda r: status_label(r.status)),
        ],
        parent,
    )
    table = named(QTableView(), "roundsTable")
    table.setModel(model)
    configure_table(table, stretch_column=0)
    table.setAccessibleName(_("Check-in rounds"))
    return model, table


class OpenRoundHint(QLabel):
    """Says up front that the open round must close first, before any form is filled in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openRoundHint")
        self.setWordWrap(True)
        self.setProperty("role", "hint")

    def show_for(self, rounds: Sequence[CheckInRound]) -> CheckInRound | None:
        """The session's open round (shown here), or None (hidden)."""
        still_open = next((r for r in rounds if r.status == RoundStatus.OPEN), None)
        self.setVisible(still_open is not None)
        if still_open is not None:
            self.setText(
                _("Close the open round first: “{0}” is still open.").format(
                    round_title(still_open)
                )
            )
        return still_open
