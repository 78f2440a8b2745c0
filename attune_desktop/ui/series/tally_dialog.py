"""Type in a session's paper check-in tallies: how many chose each option, opening and closing.

Only counts per option are asked for, never who chose what. Both rounds are recorded or
neither (the first is taken back if the second is refused), and one undo removes both and
puts back any earlier tally they replaced.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.checkin_rules import MAX_COUNT
from attune_desktop.core.checkin_scales import Scale
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.models import RoundMoment
from attune_desktop.core.services.series import RoundRecord, SeriesService
from attune_desktop.ui.agenda.commands import DoneCommand
from attune_desktop.ui.common.widgets import named

MOMENTS = (RoundMoment.OPENING, RoundMoment.CLOSING)


class RecordTallies(DoneCommand):
    def __init__(self, service: SeriesService, records: list[RoundRecord]) -> None:
        super().__init__("Record check-in tallies")
        self._service, self._records = service, records
        self._counts: list[dict[str, int]] = []

    def undo(self) -> None:
        for record in reversed(self._records):
            self._service.undo_checkin(record)

    def apply(self) -> None:  # redo: record the same tallies again
        self._records = [
            self._service.record_checkin(r.session_id, r.moment, counts)
            for r, counts in zip(self._records, self._counts, strict=True)
        ]

    def remember(self, counts: list[dict[str, int]]) -> QUndoCommand:
        self._counts = counts
        return self


class TallyDialog(QDialog):
    recorded = Signal(object)  # RecordTallies, for the undo stack

    def __init__(
        self,
        parent: QWidget | None,
        service: SeriesService,
        session_id: int,
        title: str,
        scale: Scale,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tallyDialog")
        self.setWindowTitle("Check-in tallies")
        self._service, self._session_id, self._scale = service, session_id, scale
        self.spins: dict[tuple[str, str], QSpinBox] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Opening</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Closing</b>"), 0, 2)
        for row, option in enumerate(scale.options, start=1):
            grid.addWidget(QLabel(option.label()), row, 0)
            for column, moment in enumerate(MOMENTS, start=1):
                spin = named(QSpinBox(), f"tally_{moment.value}_{option.key}")
                spin.setRange(0, MAX_COUNT)
                grid.addWidget(spin, row, column)
                self.spins[(moment.value, option.key)] = spin
        lead = QLabel(
            f"“{title}”: how many chose each answer on paper ({scale.name()}). Only the "
            "numbers are kept; a round with too few answers stays hidden in every result. "
            "This replaces an earlier tally for the session."
        )
        lead.setWordWrap(True)
        self.error = named(QLabel(), "tallyError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("tallyOk")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def counts(self, moment: RoundMoment) -> dict[str, int]:
        return {o.key: self.spins[(moment.value, o.key)].value() for o in self._scale.options}

    def _on_ok(self) -> None:
        tallies = [self.counts(moment) for moment in MOMENTS]
        records: list[RoundRecord] = []
        try:
            for moment, counts in zip(MOMENTS, tallies, strict=True):
                records.append(
                    self._service.record_checkin(
                        self._session_id, moment, counts, scale_key=self._scale.key
                    )
                )
        except AttuneError as exc:
            for record in reversed(records):  # all or nothing
                self._service.undo_checkin(record)
            self.error.setText(str(exc))
            self.error.show()
            return
        self.recorded.emit(RecordTallies(self._service, records).remember(tallies))
        self.accept()
