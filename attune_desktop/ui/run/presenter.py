"""The presenter view: the facilitator's laptop while a session runs.

It asks the run rather than counting: one single-shot timer is set for the instant the shown
time next changes (`RunTimer.next_boundary`), so the clock turns on the second and a segment's
end is announced when it happens, not up to a second later. What it shows for the run's state
is drawn by `PresenterDrawing` (presenter_drawing.py); the room bar's choices are
`PresenterRoom`'s (presenter_room.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.core.models import SegmentKind
from attune_desktop.core.services.runs import LiveRun
from attune_desktop.core.timer import TimerEvent, TimerEventKind, TimerState
from attune_desktop.ui.common.widgets import named
from attune_desktop.ui.run.chimes import Chime, ChimePlayer
from attune_desktop.ui.run.controls import EndConfirm, RunControls
from attune_desktop.ui.run.fidelity_checklist import RunEndPanel
from attune_desktop.ui.run.notes_panel import NotesPanel
from attune_desktop.ui.run.presenter_drawing import PresenterDrawing
from attune_desktop.ui.run.presenter_room import PresenterRoom
from attune_desktop.ui.run.projector import ProjectorWindow
from attune_desktop.ui.run.readout import Readout
from attune_desktop.ui.run.ring import ProgressRing
from attune_desktop.ui.run.room_bar import RoomBar
from attune_desktop.ui.run.run_settings import RunSettings
from attune_desktop.ui.run.spoken import speak_as_clock
from attune_desktop.ui.shell import UiContext
from attune_desktop.ui.theme import current_tones

IDLE_REFRESH_MS = 1000  # while paused the projected end still moves; once a second is plenty


class PresenterWindow(PresenterDrawing, PresenterRoom, QWidget):
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
        title = _("Rehearsing: {title}") if run.rehearsal else _("Running: {title}")
        self.setWindowTitle(title.format(title=run.session_title))
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
                _(
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
            ProgressRing(track=t.border, fill=t.accent, text_colour=t.text, outline=t.edge),
            "runRing",
        )
        self.ring.setMinimumSize(120, 120)  # fits 200 % scaling
        speak_as_clock(self.ring)  # a reader hears "12 min 30 s left in Welcome"
        self.ring.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.announced: list[str] = []  # what was announced to a screen reader, in order
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
        self.apply_button = named(QPushButton(_("Take the time back")), "runApplyProposal")
        self.apply_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.apply_button.clicked.connect(self._on_apply_proposal)
        self.undo_button = named(QPushButton(_("Undo  (Ctrl+Z)")), "runUndo")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        undo = QAction(_("Undo"), self)
        undo.setObjectName("runUndoAction")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self._on_undo)
        self.addAction(undo)
        self.undo_action = undo  # greyed while this run has nothing to give back
        self.undo_button.clicked.connect(undo.trigger)
        self.end_confirm = EndConfirm()
        self.end_confirm.confirmed.connect(self._on_end_confirmed)
        self.end_panel = RunEndPanel(self._context.core.fidelity)
        self.summary, self.summary_button = self.end_panel.summary, self.end_panel.summary_button
        self.summary_button.clicked.connect(
            lambda: self.summary_requested.emit(self.run.session_id)
        )
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
                "end": self.end_confirm.show_and_focus,
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
        self.projector.addActions(self.room_bar.actions())  # P, O, D, M, [ ] there too

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
        left.addWidget(self.end_panel)
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
            self._say(event)
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
