"""The pacing editor: a breath pattern by phases or by rate, with a live pacer beside it.

Phases are in, an optional top-up inhale (the double-inhale sigh), a hold, out and a hold,
each in seconds within the pacer's bounds; or a rate in breaths a minute with an in:out ratio.
A preset fills either. The breaths a minute and the cycle length are shown as you type, and
the preview breathes the pattern exactly as the projector will, on its own looping clock.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.i18n import _
from attune_desktop.core.pacing import (
    MAX_BREATHS_PER_MINUTE,
    MAX_PHASE_SECONDS,
    MIN_BREATHS_PER_MINUTE,
    MIN_PHASE_SECONDS,
    BreathPattern,
    PacerPlan,
    PatternError,
    Preset,
    describe,
    fit_cycles,
    format_pattern,
    parse_pattern,
    pattern_from_rate,
    presets,
)
from attune_desktop.ui.common.chart_words import read_as_chart
from attune_desktop.ui.common.widgets import named, repolish, spoken_label
from attune_desktop.ui.practices.pacing_inputs import PacingInputs
from attune_desktop.ui.run.pacer import PacerLook, PacerWidget
from attune_desktop.ui.run.projector import BACKGROUND, PACER_FILL, PACER_OUTLINE, TEXT

PREVIEW_BREATHS = 10_000  # the preview loops; this many breaths never run out in practice
MODE_PHASES, MODE_RATE = 0, 1


def _spin(name: str, low: float, high: float, step: float, suffix: str) -> QDoubleSpinBox:
    spin = named(QDoubleSpinBox(), name)
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSingleStep(step)
    spin.setSuffix(suffix)
    spin.setAccelerated(True)
    return spin


class PacingEditor(PacingInputs, QWidget):
    """Edits one pacing pattern; `pattern_changed` carries the text to save ("" for none)."""

    pattern_changed = Signal(str)
    preset_chosen = Signal(object)  # the Preset, so its phase words can come along

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pacingEditor")
        self._text = ""
        self._words = ""
        self._counting = "natural"
        self._started = time.monotonic()

        self.preset = named(QComboBox(), "pacingPreset")
        self.preset.addItem(_("Choose a preset…"), "")
        for item in presets():
            self.preset.addItem(item.label, item.key)
        self.mode = named(QComboBox(), "pacingMode")
        self.mode.addItems([_("Phases in seconds"), _("Breaths a minute")])
        sec = _(" s")
        self.breath_in = _spin("pacingIn", MIN_PHASE_SECONDS, MAX_PHASE_SECONDS, 0.5, sec)
        self.top_up = _spin("pacingTopUp", 0, 5, 0.5, sec)
        self.top_up.setSpecialValueText(_("none"))
        self.hold_in = _spin("pacingHoldIn", 0, MAX_PHASE_SECONDS, 0.5, sec)
        self.hold_in.setSpecialValueText(_("none"))
        self.breath_out = _spin("pacingOut", MIN_PHASE_SECONDS, MAX_PHASE_SECONDS, 0.5, sec)
        self.hold_out = _spin("pacingHoldOut", 0, MAX_PHASE_SECONDS, 0.5, sec)
        self.hold_out.setSpecialValueText(_("none"))
        self.rate = _spin(
            "pacingRate", MIN_BREATHS_PER_MINUTE, MAX_BREATHS_PER_MINUTE, 0.5, _(" a minute")
        )
        self.ratio_in = _spin("pacingRatioIn", 1, 4, 0.5, "")
        self.ratio_out = _spin("pacingRatioOut", 1, 4, 0.5, "")
        self.text = named(QLineEdit(), "pacingText")
        self.text.setPlaceholderText(_("e.g. in 4, hold 7, out 8 (empty: no pacer)"))
        self.summary = named(QLabel(), "pacingSummary")
        self.summary.setWordWrap(True)
        self.preview = named(
            PacerWidget(
                fill=PACER_FILL, outline=PACER_OUTLINE, text_colour=TEXT, background=BACKGROUND
            ),
            "pacingPreview",
        )
        self.preview.setMinimumSize(260, 260)
        read_as_chart(self.preview, _("Preview of the projector's pacer"))

        phases = QWidget()
        phase_form = QFormLayout(phases)
        phase_form.setContentsMargins(0, 0, 0, 0)
        phase_form.addRow(_("Breathe &in"), self.breath_in)
        phase_form.addRow(_("&Top-up inhale"), self.top_up)
        phase_form.addRow(_("&Hold after in"), self.hold_in)
        phase_form.addRow(_("Breathe &out"), self.breath_out)
        phase_form.addRow(_("Hold after o&ut"), self.hold_out)
        rate = QWidget()
        rate_form = QFormLayout(rate)
        rate_form.setContentsMargins(0, 0, 0, 0)
        rate_form.addRow(_("&Rate"), self.rate)
        ratio = QHBoxLayout()
        ratio.addWidget(self.ratio_in)
        ratio.addWidget(QLabel(":"))
        ratio.addWidget(self.ratio_out)
        ratio.addWidget(spoken_label(self.ratio_out, _("Out-breath share of the ratio")))
        ratio_label = QLabel(_("In : out"))
        ratio_label.setBuddy(self.ratio_in)
        rate_form.addRow(ratio_label, ratio)
        self.pages = QStackedWidget()
        self.pages.addWidget(phases)
        self.pages.addWidget(rate)
        form = QFormLayout()
        form.addRow(_("&Preset"), self.preset)
        form.addRow(_("&Shape by"), self.mode)
        form.addRow(self.pages)
        form.addRow(_("Pattern"), self.text)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.summary)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(self.preview, 1)

        self.preset.activated.connect(self._on_preset)
        self.mode.currentIndexChanged.connect(self._on_mode)
        for spin in (self.breath_in, self.top_up, self.hold_in, self.breath_out, self.hold_out):
            spin.valueChanged.connect(self._on_phases)
        for spin in (self.rate, self.ratio_in, self.ratio_out):
            spin.valueChanged.connect(self._on_rate)
        self.text.textEdited.connect(self._on_text)
        self.set_pattern("")

    # --- what it shows -------------------------------------------------------------------

    def set_pattern(self, text: str, words: str = "", counting: str = "natural") -> None:
        """Show a stored pattern (and the practice's words, for the preview) without saving."""
        self._words, self._counting = words, counting
        self._show(text, fill_spins=True)

    def set_look(self, look: PacerLook) -> None:
        self.preview.set_look(look)

    def set_read_only(self, read_only: bool) -> None:
        """Show the pattern (the preview still breathes it) but let nothing change it."""
        for spin in self._inputs():
            if isinstance(spin, QDoubleSpinBox | QLineEdit):
                spin.setReadOnly(read_only)
                repolish(spin)
        self.preset.setEnabled(not read_only)

    def pattern(self) -> str:
        return self._text

    def _show(self, text: str, *, fill_spins: bool) -> None:
        self._text = text
        blockers = [QSignalBlocker(w) for w in self._inputs()]
        try:
            if self.text.text() != text and not self.text.hasFocus():
                self.text.setText(text)
            pattern = _pattern_or_none(text)
            if fill_spins and pattern is not None:
                self._fill_spins(pattern)
        finally:
            del blockers
        self._update_summary(text)

    def _update_summary(self, text: str) -> None:
        if not text.strip():
            self.summary.setText(_("No pacer: the projector shows the calm ring."))
            self.preview.set_plan(None, self._clock)
            self.preview.set_running(False)
            return
        try:
            pattern = parse_pattern(text)
        except PatternError as exc:
            self.summary.setText(str(exc))
            self.summary.setProperty("role", "error")
            return
        self.summary.setProperty("role", "")
        self.summary.setText(describe(pattern))
        self._started = time.monotonic()
        self.preview.set_plan(self._preview_plan(pattern), self._clock)
        self.preview.set_running(True)

    def _preview_plan(self, pattern: BreathPattern) -> PacerPlan:
        seconds = pattern.cycle_seconds * (PREVIEW_BREATHS - 1) + pattern.closing_seconds
        plan = fit_cycles(pattern, seconds)
        return plan.styled(words=self._words, counting=self._counting, tones=False)

    def set_words(self, words: str, counting: str) -> None:
        """The practice's own words or counting changed: the preview reads them at once."""
        self._words, self._counting = words, counting
        self._update_summary(self._text)

    def _clock(self) -> float:
        return time.monotonic() - self._started

    # --- slots ---------------------------------------------------------------------------

    def _changed(self, text: str) -> None:
        if text != self._text:
            self._show(text, fill_spins=False)
            self.pattern_changed.emit(text)

    def _on_preset(self, index: int) -> None:
        key = self.preset.itemData(index)
        chosen: Preset | None = next((p for p in presets() if p.key == key), None)
        if chosen is None:
            return
        self._show(chosen.pacing, fill_spins=True)
        self.preset_chosen.emit(chosen)
        self.preset.setCurrentIndex(0)

    def _on_mode(self, index: int) -> None:
        self.pages.setCurrentIndex(index)

    def _on_phases(self) -> None:
        parts = [_("in {value:g}").format(value=self.breath_in.value())]
        if self.top_up.value() > 0:
            parts.append(_("in2 {value:g}").format(value=self.top_up.value()))
        if self.hold_in.value() > 0:
            parts.append(_("hold {value:g}").format(value=self.hold_in.value()))
        parts.append(_("out {value:g}").format(value=self.breath_out.value()))
        if self.hold_out.value() > 0:
            parts.append(_("hold {value:g}").format(value=self.hold_out.value()))
        self._changed(", ".join(parts))

    def _on_rate(self) -> None:
        try:
            pattern = pattern_from_rate(
                self.rate.value(), self.ratio_in.value(), self.ratio_out.value()
            )
        except PatternError as exc:
            self.summary.setText(str(exc))
            return
        self._changed(format_pattern(pattern))

    def _on_text(self, text: str) -> None:
        self._text = text
        self._update_summary(text)
        pattern = _pattern_or_none(text)
        if pattern is not None or not text.strip():
            self.pattern_changed.emit(text.strip())


def _pattern_or_none(text: str) -> BreathPattern | None:
    try:
        return parse_pattern(text) if text.strip() else None
    except PatternError:
        return None
