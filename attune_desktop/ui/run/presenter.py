"""The presenter view: the facilitator's laptop while a session runs.

It asks the run rather than counting: one single-shot timer is set for the instant the shown
time next changes (`RunTimer.next_boundary`), so the clock turns on the second and a segment's
end is announced when it happens, not up to a second later.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from attune_desktop.core.agenda import duration_label
from attune_desktop.core.models import SegmentKind
from attune_desktop.core.services.runs import LiveRun, over_label
from attune_desktop.core.timer import TimerEvent, TimerEventKind, TimerState, format_clock
from attune_desktop.ui.common.widgets import named
from attune_desktop.ui.run.chimes import Chime, ChimePlayer
from attune_desktop.ui.run.controls import EndConfirm, RunControls
from attune_desktop.ui.run.notes_panel import NotesPanel
from attune_desktop.ui.run.projector import ProjectorWindow
from attune_desktop.ui.run.readout import Readout
from attune_desktop.ui.run.ring import ProgressRing
from attune_desktop.ui.run.room_bar import RoomBar
from attune_desktop.ui.run.run_settings import RunSettings
from attune_desktop.ui.shell import UiContext
from attune_desktop.ui.theme import current_tones

IDLE_REFRESH_MS = 1000  # while paused the projected end still moves; once a second is plenty


class PresenterWindow(QWidget):
    finished = Signal(int)  # session id, when the run ends
    summary_requested = Signal(int)
    practice_requested = Signal(int)  # show this practice on the Practices screen

    def __init__(
        self,
        context: UiContext,
        run: LiveRun,
        *,
        chimes: ChimePlayer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterWindow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if run.rehearsal:
            self.setWindowTitle(self.tr("Rehearsing: {0}").format(run.session_title))
        else:
            self.setWindowTitle(f"Running: {run.session_title}")
        self._context = context
        self.run = run
        self.settings = RunSettings.load(context.settings)
        self.chimes = chimes or ChimePlayer(
            volume=self.settings.volume, muted=self.settings.muted, parent=self
        )
        self._tones = current_tones()
        self.readout = Readout(run, context.core.practices)
        self._notes_for: int | None = None
        self._away_for: int | None = None  # the segment the "resumed after" note belongs to
        self.projector = ProjectorWindow(self)
        self._closing = False
        self._finish_seen = False
        self.projector.show_digits = self.settings.projector_digits
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self.tick)
        self._build()
        self.refresh()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        t = self._tones
        self.session_label = named(QLabel(self.run.session_title), "runSessionTitle")
        self.session_label.setProperty("role", "subtitle")
        self.rehearsal_label = named(
            QLabel(
                self.tr(
                    "Rehearsal: nothing is recorded, the session stays planned and its plan "
                    "is not changed."
                )
            ),
            "runRehearsal",
        )
        self.rehearsal_label.setProperty("role", "warm")
        self.rehearsal_label.setWordWrap(True)
        self.rehearsal_label.setVisible(self.run.rehearsal)
        self.booked = named(QLabel(), "runBooked")
        self.booked.setWordWrap(True)
        self.away = named(QLabel(), "runAwayNote")  # resumed after a crash: how long away
        self.away.setProperty("role", "warm")
        self.away.setWordWrap(True)
        self.position = named(QLabel(), "runPosition")
        self.position.setProperty("role", "subtitle")
        self.title = named(QLabel(), "runSegmentTitle")
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.ring = named(
            ProgressRing(track=t.border, fill=t.accent, text_colour=t.text), "runRing"
        )
        self.ring.setMinimumSize(200, 200)
        self.status = named(QLabel(), "runStatus")
        self.warning = named(QLabel(), "runWarning")
        self.warning.setProperty("role", "warm")
        self.next_label = named(QLabel(), "runNext")
        self.next_label.setWordWrap(True)
        self.unsaved = named(QLabel(), "runSaveProblem")  # a locked file, a full disk
        self.unsaved.setProperty("role", "warm")
        self.unsaved.setWordWrap(True)
        self.timing = named(QLabel(), "runTiming")
        self.proposal = named(QLabel(), "runProposal")
        self.proposal.setWordWrap(True)
        self.apply_button = named(QPushButton("Take the time back"), "runApplyProposal")
        self.apply_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.apply_button.clicked.connect(self._on_apply_proposal)
        self.undo_button = named(QPushButton("Undo  (Ctrl+Z)"), "runUndo")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        undo = QAction("Undo", self)
        undo.setObjectName("runUndoAction")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self._on_undo)
        self.addAction(undo)
        self.undo_action = undo  # greyed while this run has nothing to give back
        self.undo_button.clicked.connect(undo.trigger)
        self.end_confirm = EndConfirm()
        self.end_confirm.confirmed.connect(self._on_end_confirmed)
        self.summary = named(QLabel(), "runSummary")
        self.summary.setWordWrap(True)
        self.summary_button = named(QPushButton("Planned vs actual…"), "runSummaryButton")
        self.summary_button.clicked.connect(
            lambda: self.summary_requested.emit(self.run.session_id)
        )
        self.summary_button.setProperty("role", "primary")
        self.summary_button.hide()
        self.controls = RunControls(
            self,
            {
                "start": self._guard(self.run.start),
                "pause": self._guard(self.run.toggle_pause),
                "previous": self._guard(self.run.previous),
                "next": self._guard(self.run.next),
                "minus": self._guard(lambda: self.run.add_minutes(-1)),
                "plus": self._guard(lambda: self.run.add_minutes(1)),
                "skip": self._guard(self.run.skip),
                "settle": self._guard(self.run.settle),
                "end": self.end_confirm.show,
            },
        )
        # The same keys work when the projector window has been clicked (it is a run window).
        self.projector.addActions(list(self.controls.actions_by_key.values()))
        self.notes = NotesPanel(self._context.core.followups, self.run.session_id)
        self.notes.practice_requested.connect(self.practice_requested)
        self.room_bar = RoomBar(self.settings, self.chimes.available)
        self.room_bar.projector_toggled.connect(self._on_projector_toggled)
        self.room_bar.screen_chosen.connect(self._on_screen_chosen)
        self.room_bar.digits_toggled.connect(self._on_digits_toggled)
        self.room_bar.muted_toggled.connect(self._on_muted)
        self.room_bar.volume_changed.connect(self._on_volume)
        self.room_bar.timer_requested.connect(lambda: self.projector.show_panel(None))
        self.projector.panel_changed.connect(self.room_bar.back_to_timer.setVisible)

        left = QVBoxLayout()
        left.addWidget(self.session_label)
        left.addWidget(self.rehearsal_label)
        left.addWidget(self.booked)
        left.addWidget(self.away)
        left.addWidget(self.position)
        left.addWidget(self.title)
        left.addWidget(self.ring, 1)
        for widget in (self.status, self.unsaved, self.warning, self.next_label, self.timing):
            left.addWidget(widget)
        proposal_row = QHBoxLayout()
        proposal_row.addWidget(self.proposal, 1)
        proposal_row.addWidget(self.apply_button)
        proposal_row.addWidget(self.undo_button)
        left.addLayout(proposal_row)
        left.addWidget(self.end_confirm)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.summary_button)
        left.addLayout(summary_row)
        left.addWidget(self.controls)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.notes, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.addLayout(body, 1)
        layout.addWidget(self.room_bar)

    def _guard(self, operation: Callable[[], None]) -> Callable[[], None]:
        """Run an operation, then announce what happened and redraw; never raise to Qt."""

        def slot() -> None:
            if self.run.state is TimerState.FINISHED:
                return
            try:
                operation()
            except ValueError as exc:  # TimerStateError: a control that makes no sense now
                self.status.setText(str(exc))
                return
            self.tick()

        return slot

    # --- the clock ---------------------------------------------------------------------

    def tick(self) -> None:
        """Announce what happened since the last tick, redraw, and set the next tick."""
        self._announce(self.run.poll())
        self.refresh()
        self._schedule()

    def _schedule(self) -> None:
        timer = self.run.timer
        now = self.run.clock()
        boundary = timer.next_boundary(now)
        if boundary is None:
            if timer.state in (TimerState.PAUSED, TimerState.SETTLING):
                self._tick.start(IDLE_REFRESH_MS)
            else:
                self._tick.stop()
            return
        # Never early by more than float noise: an early tick finds the old second and simply
        # sets itself again for the few microseconds left.
        self._tick.start(max(0, math.ceil((boundary - now) * 1000 - 1e-3)))

    def _announce(self, events: list[TimerEvent]) -> None:
        for event in events:
            if event.kind is TimerEventKind.SEGMENT_STARTED:
                self.chimes.play(Chime.START)
            elif event.kind is TimerEventKind.WARNING and self._warning_chime(event.index):
                self.chimes.play(Chime.WARNING)
            elif event.kind is TimerEventKind.SEGMENT_ENDED:
                self.chimes.play(Chime.END)
            elif event.kind is TimerEventKind.SESSION_FINISHED:
                self.finished.emit(self.run.session_id)
        if self.readout.interval_bell_due(self.settings.interval_minutes):
            self.chimes.play(Chime.INTERVAL)

    def _warning_chime(self, index: int) -> bool:
        """The warning chimes unless turned off, or inside a practice: its bells suffice."""
        practice = self.run.segments[index].kind == SegmentKind.PRACTICE
        return self.settings.warning_chime and not practice

    # --- drawing -------------------------------------------------------------------------

    def refresh(self) -> None:
        can_undo = self.run.can_undo_adjustment
        self.undo_action.setEnabled(can_undo)
        self.undo_button.setEnabled(can_undo)
        timer, readout = self.run.timer, self.readout
        state = timer.state
        finished = state is TimerState.FINISHED
        self.position.setText("" if finished else readout.position())
        done = "Rehearsal finished" if self.run.rehearsal else "Session finished"
        self.title.setText(done if finished else self.run.current_segment.title)
        overtime = state not in (TimerState.NOT_STARTED, TimerState.FINISHED) and (
            timer.is_overtime()
        )
        t = self._tones
        self.ring.set_colours(t.warm if overtime else t.accent, t.warm if overtime else t.text)
        if finished:
            self.ring.set_state(1.0, "Done")
        else:
            progress = 1.0 if overtime else timer.progress()
            caption = "over" if overtime else "left"
            self.ring.set_state(progress, format_clock(timer.remaining()), caption)
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
        self.controls.set_text("pause", "Resume" if halted else "Pause")
        self.controls.set_enabled("settle", state in (TimerState.RUNNING, TimerState.PAUSED))
        self.controls.setVisible(state is not TimerState.FINISHED)
        if state is TimerState.FINISHED:
            rehearsal = self.run.rehearsal
            summary = (
                self.run.outcome()
                if rehearsal
                else self._context.core.runs.summary(self.run.session_id)
            )
            took = (
                f"Planned {duration_label(summary.planned_minutes)}, took "
                f"{duration_label(round(summary.actual_seconds / 60))} "
                f"({over_label(summary.over_seconds)})."
            )
            if rehearsal:
                self.summary.setText(
                    f"Rehearsal finished. {took} Nothing was recorded. Esc closes this window."
                )
            else:
                self.summary.setText(f"Finished. {took} Esc closes this window.")
            self.summary_button.setVisible(not rehearsal)
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

    # --- slots ---------------------------------------------------------------------------

    def _on_end_confirmed(self) -> None:
        self.end_confirm.hide()
        self._guard(self.run.end)()

    def _on_apply_proposal(self) -> None:
        """The run takes the time back; the session's plan keeps its minutes."""
        proposal = self.run.recovery_proposal()
        if proposal is None:
            return
        self.run.apply_proposal(proposal)
        self.tick()

    def _on_undo(self) -> None:
        """Ctrl+Z gives back what the last "take the time back" took, in this run."""
        self.run.undo_adjustment()
        self.tick()

    def _on_projector_toggled(self, on: bool) -> None:
        if on:
            self.projector.place(self.settings.projector_screen or None)
            self._show_room()
        else:
            self.projector.hide()
        if not self._closing:
            self.run.set_projector_open(on)

    def _on_screen_chosen(self, name: str) -> None:
        self.settings.projector_screen = name
        self.settings.save(self._context.settings)
        if self.projector.isVisible():
            self.projector.place(name)

    def _on_digits_toggled(self, on: bool) -> None:
        self.settings.projector_digits = on
        self.settings.save(self._context.settings)
        self.projector.show_digits = on
        self._show_room()

    def _on_muted(self, muted: bool) -> None:
        self.settings.muted = muted
        self.chimes.set_muted(muted)
        self.settings.save(self._context.settings)

    def _on_volume(self, volume: float) -> None:
        self.settings.volume = volume
        self.chimes.set_volume(volume)
        self.settings.save(self._context.settings)

    def show_projector(self) -> None:
        self.room_bar.projector.setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes a finished presenter (while running, Esc does nothing: no accidents)."""
        if event.key() == Qt.Key.Key_Escape and self.run.state is TimerState.FINISHED:
            self.close()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # Keys go to the run, not to the follow-up field, until that field is clicked.
        super().showEvent(event)
        self.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        """A run still going stays saved; the next start offers to resume it."""
        self._tick.stop()
        self._closing = True  # the projector closes with the window; the run remembers it open
        self.projector.close()
        self._context.core.runs.close(self.run)
        super().closeEvent(event)
