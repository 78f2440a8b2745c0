"""What the presenter shows for the run's state: clock, ring, notes, proposal, controls.

A part of `PresenterWindow` (presenter.py builds the widgets and drives the clock); it only
reads the run and sets what the widgets say, so every redraw is the same whatever came before.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

from attune_desktop.core.agenda import duration_label
from attune_desktop.core.i18n import _
from attune_desktop.core.services.runs import over_label
from attune_desktop.core.timer import TimerEvent, TimerEventKind, TimerState, format_clock
from attune_desktop.ui.run.spoken import announce, set_spoken_time, spoken_time
from attune_desktop.ui.theme import current_tones

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    from attune_desktop.core.services.runs import LiveRun
    from attune_desktop.ui.run.controls import EndConfirm, RunControls
    from attune_desktop.ui.run.fidelity_checklist import RunEndPanel
    from attune_desktop.ui.run.notes_panel import NotesPanel
    from attune_desktop.ui.run.projector import ProjectorWindow
    from attune_desktop.ui.run.readout import Readout
    from attune_desktop.ui.run.ring import ProgressRing
    from attune_desktop.ui.shell import UiContext
    from attune_desktop.ui.theme import Tones

    _Widget = QWidget
else:
    _Widget = object


class PresenterDrawing(_Widget):
    """The presenter's redraw, mixed into `PresenterWindow` (which sets these attributes)."""

    _context: UiContext
    run: LiveRun
    readout: Readout
    _tones: Tones
    _notes_for: int | None
    _away_for: int | None
    _finish_seen: bool
    projector: ProjectorWindow
    notes: NotesPanel
    controls: RunControls
    end_confirm: EndConfirm
    ring: ProgressRing
    position: QLabel
    title: QLabel
    status: QLabel
    unsaved: QLabel
    warning: QLabel
    next_label: QLabel
    timing: QLabel
    booked: QLabel
    away: QLabel
    proposal: QLabel
    summary: QLabel
    apply_button: QPushButton
    undo_button: QPushButton
    undo_action: QAction
    announced: list[str]
    summary_button: QPushButton
    end_panel: RunEndPanel

    def changeEvent(self, event: QEvent) -> None:
        """A theme chosen while the presenter is open reaches it at once: the ring's colours
        come from the palette's tones, read again when the application's palette changes."""
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "ring"):
            self._tones = current_tones()
            self.ring.set_track(self._tones.border, self._tones.edge)
            self.refresh()
        super().changeEvent(event)

    def refresh(self) -> None:
        can_undo = self.run.can_undo_adjustment
        self.undo_action.setEnabled(can_undo)
        self.undo_button.setEnabled(can_undo)
        timer, readout = self.run.timer, self.readout
        state = timer.state
        finished = state is TimerState.FINISHED
        self.position.setText("" if finished else readout.position())
        done = _("Rehearsal finished") if self.run.rehearsal else _("Session finished")
        self.title.setText(done if finished else self.run.current_segment.title)
        overtime = state not in (TimerState.NOT_STARTED, TimerState.FINISHED) and (
            timer.is_overtime()
        )
        t = self._tones
        self.ring.set_colours(t.warm if overtime else t.accent, t.warm if overtime else t.text)
        if finished:
            self.ring.set_state(1.0, _("Done"))
            set_spoken_time(self.ring, _("Done"))
        else:
            progress = 1.0 if overtime else timer.progress()
            caption = _("over") if overtime else _("left")
            self.ring.set_state(progress, format_clock(timer.remaining()), caption)
            set_spoken_time(self.ring, spoken_time(timer.remaining(), self.title.text()))
        self.status.setText(readout.status())
        self.unsaved.setText(self.run.save_problem or "")
        self.unsaved.setVisible(self.run.save_problem is not None)
        self.warning.setText(readout.warning())
        self.next_label.setText(readout.next_up())
        self.timing.setText(readout.timing())
        self.booked.setText(readout.booked())
        self._show_away(timer.current_index)
        if self._notes_for != timer.current_index:  # not every second: keep the scroll
            self._notes_for = timer.current_index
            self.notes.show_notes(self.run.current_segment.notes, readout.practice())
        self._show_proposal()
        self._show_controls(state)
        self._show_room()

    def _show_away(self, index: int) -> None:
        """The "resumed after N min away" note stays until the run moves to another segment."""
        text = self.readout.away()
        if text and self._away_for is None:
            self._away_for = index
        shown = bool(text) and self._away_for == index
        self.away.setText(text if shown else "")
        self.away.setVisible(shown)

    def _show_proposal(self) -> None:
        proposal = self.run.recovery_proposal()
        self.proposal.setText(proposal.summary if proposal else "")
        self.apply_button.setVisible(proposal is not None)
        self.undo_button.setVisible(self.run.can_undo_adjustment)

    def _show_controls(self, state: TimerState) -> None:
        started = state is not TimerState.NOT_STARTED
        active = started and state is not TimerState.FINISHED
        self.controls.set_enabled("start", not started)
        self.controls.set_visible("start", not started)
        self.controls.set_visible("pause", started)
        for key in ("previous", "next", "skip", "end"):
            self.controls.set_enabled(key, active)
        for key in ("pause", "plus", "minus"):
            self.controls.set_enabled(key, state is not TimerState.FINISHED)
        halted = state in (TimerState.PAUSED, TimerState.SETTLING)
        self.controls.set_text("pause", _("Resume") if halted else _("Pause"))
        self.controls.set_enabled("settle", state in (TimerState.RUNNING, TimerState.PAUSED))
        self.controls.setVisible(state is not TimerState.FINISHED)
        if state is TimerState.FINISHED:
            rehearsal = self.run.rehearsal
            summary = (
                self.run.outcome()
                if rehearsal
                else self._context.core.runs.summary(self.run.session_id)
            )
            took = _("Planned {duration_label}, took {actual} ({over_label}).").format(
                duration_label=duration_label(summary.planned_minutes),
                actual=duration_label(round(summary.actual_seconds / 60)),
                over_label=over_label(summary.over_seconds),
            )
            if rehearsal:
                self.summary.setText(
                    _(
                        "Rehearsal finished. {took} Nothing was recorded. Esc closes this window."
                    ).format(took=took)
                )
            else:
                self.summary.setText(
                    _("Finished. {took} Esc closes this window.").format(took=took)
                )
            self.summary_button.setVisible(not rehearsal)
            if not rehearsal and not self.end_panel.checklist.isVisibleTo(self):
                self.end_panel.checklist.show_for(self.run.session_id)
            self.end_confirm.hide()
            if not self._finish_seen:
                self._finish_seen = True
                # Esc now closes the window, even from the follow-up field, and focus must
                # not be left in that field as the controls hide.
                self.notes.set_escape_leaves_field(False)
                if not self.notes.jot.text():
                    self.setFocus()

    def _show_room(self) -> None:
        self.projector.show_room(self.readout.room_view(), self.run.timer.elapsed)

    def _say(self, event: TimerEvent) -> None:
        """Tell a screen reader of a segment change, the warning, overtime and the end."""
        timer = self.run.timer
        plans = timer.segments
        plan = plans[event.index] if 0 <= event.index < len(plans) else None
        title = plan.title if plan else ""
        if event.kind is TimerEventKind.SEGMENT_STARTED and plan is not None:
            minutes = duration_label(round(plan.planned_seconds / 60))
            message = _("Now: {title}, {minutes}").format(title=title, minutes=minutes)
        elif event.kind is TimerEventKind.WARNING:
            message = _("{ceil} min left in {title}").format(
                ceil=math.ceil(max(0.0, timer.remaining()) / 60), title=title
            )
        elif event.kind is TimerEventKind.SEGMENT_ENDED:
            message = _("Time is up in {title}: now over time").format(title=title)
        elif event.kind is TimerEventKind.SESSION_FINISHED:
            message = _("Rehearsal finished") if self.run.rehearsal else _("Session finished")
        else:
            return
        self.announced.append(message)
        announce(self.ring, message)
