"""The pacing editor's inputs: which widgets hold the pattern, and a pattern spread over the
phase spin boxes and the rate, mixed into `PacingEditor` (which sets these attributes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attune_desktop.core.pacing import BreathPattern, PhaseKind

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QWidget

    _Widget = QWidget
else:
    _Widget = object


class PacingInputs(_Widget):
    """The inputs of `PacingEditor`, mixed into it (which sets these attributes)."""

    breath_in: QDoubleSpinBox
    top_up: QDoubleSpinBox
    hold_in: QDoubleSpinBox
    breath_out: QDoubleSpinBox
    hold_out: QDoubleSpinBox
    rate: QDoubleSpinBox
    ratio_in: QDoubleSpinBox
    ratio_out: QDoubleSpinBox
    text: QLineEdit

    def _inputs(self) -> list[QWidget]:
        return [
            self.breath_in,
            self.top_up,
            self.hold_in,
            self.breath_out,
            self.hold_out,
            self.rate,
            self.ratio_in,
            self.ratio_out,
            self.text,
        ]

    def _fill_spins(self, pattern: BreathPattern) -> None:
        """Phases to spin boxes: a hold before the out-breath is 'after in', one after it
        'after out'; a pattern of another shape is still shown whole in the text line."""
        seconds = {kind: 0.0 for kind in PhaseKind}
        hold_in = hold_out = 0.0
        after_out = False
        for phase in pattern.phases:
            if phase.kind is PhaseKind.HOLD:
                if after_out:
                    hold_out = phase.seconds
                else:
                    hold_in = phase.seconds
            else:
                seconds[phase.kind] = phase.seconds
                after_out = after_out or phase.kind is PhaseKind.OUT
        self.breath_in.setValue(seconds[PhaseKind.IN])
        self.top_up.setValue(seconds[PhaseKind.IN2])
        self.hold_in.setValue(hold_in)
        self.breath_out.setValue(seconds[PhaseKind.OUT])
        self.hold_out.setValue(hold_out)
        self.rate.setValue(60.0 / pattern.cycle_seconds)
        breathing_in = seconds[PhaseKind.IN] + seconds[PhaseKind.IN2]
        share = seconds[PhaseKind.OUT] / breathing_in if breathing_in else 1.0
        self.ratio_in.setValue(1.0)
        self.ratio_out.setValue(max(1.0, min(4.0, round(share * 2) / 2)))
