"""The term of one series: each week's date, theme, status and length, and what to do with one.

Move, cancel, add and remove go through the service, then onto the undo stack; attendance is
a head count; the follow-up panel sits beside the table for the selected session.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QItemSelection, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.agenda import duration_label
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.kinds import SessionStatus
from attune_desktop.ui.common.received_banner import ReceivedBanner
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import buddy_label, configure_table, named
from attune_desktop.ui.series.followups_panel import FollowUpPanel
from attune_desktop.ui.series.term_edits import TermEdits
from attune_desktop.ui.series.term_model import TermModel
from attune_desktop.ui.shell import UiContext

if TYPE_CHECKING:  # the ORM is imported after the first paint, with the core
    from attune_desktop.core.container import Core
    from attune_desktop.core.models import Session
    from attune_desktop.ui.checkins.tally_dialog import TallyDialog
    from attune_desktop.ui.series.series_dialog import DateDialog
    from attune_desktop.ui.series.term_model import Week

NOT_COUNTED = -1


class TermPanel(TermEdits, QWidget):
    agenda_requested = Signal(int)
    run_requested = Signal(int)
    pack_requested = Signal(int, str)  # session id, "preview" | "print" | "pdf"
    message = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("termPanel")
        self._context, self._undo = context, context.undo
        self._series_id: int | None = None
        self._received = False  # a template received from the organisation: read-only
        self._minutes: dict[int, int] = {}
        self._dialog: DateDialog | None = None
        self._tally: TallyDialog | None = None
        self._reason_dialog: QInputDialog | None = None
        self.model = TermModel(self._planned, self)
        self.table = named(QTableView(), "seriesSessionsTable")
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=2)
        self.table.setAccessibleName(_("Weeks of the selected series"))
        self.table.activated.connect(lambda _i: self._emit(self.agenda_requested))
        self.table.selectionModel().selectionChanged.connect(self._on_selected)

        self.attendance = named(QSpinBox(), "attendanceSpin")
        self.attendance.setRange(NOT_COUNTED, 500)
        self.attendance.setSpecialValueText(_("not counted"))
        self.attendance.setToolTip(_("How many came: a head count, never names"))
        self.attendance.editingFinished.connect(self._on_attendance)
        self.followups = FollowUpPanel(None, self._undo)  # its notes come with the core
        self.received = ReceivedBanner(
            _(
                "This curriculum template comes from your organisation's library, so it is "
                "read-only here. Plan a series from it, or duplicate it to make your own copy "
                "to change."
            ),
            "receivedTemplate",
        )

        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(8, 0, 0, 0)
        count_row = QHBoxLayout()
        count_row.addWidget(buddy_label(_("Attendance (a number, no names)"), self.attendance))
        count_row.addWidget(self.attendance)
        count_row.addStretch(1)
        self.attendance.setMinimumWidth(130)
        side.addLayout(count_row)
        side.addWidget(self.followups, 1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.received)
        layout.addLayout(self._toolbar())
        layout.addWidget(split, 1)
        late = not context.ready
        context.when_ready(lambda core: self._on_core(core, late=late))
        self._on_selected()

    def _on_core(self, core: Core, *, late: bool) -> None:
        self._core = core
        self.followups.attach(core.followups)
        subs = Subscriptions(self)
        subs.refresh_on(core.series.changed, self.refresh)
        subs.refresh_on(core.sessions.changed, self.refresh)
        # A run starting or ending moves a week's status (running, delivered) at once.
        subs.refresh_on(core.runs.status_changed, self.refresh)
        if late:  # the weeks shown came from the first look: read them from the services
            self.refresh()

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        buttons = [
            (_("Open agenda"), "openAgendaButton", lambda: self._emit(self.agenda_requested)),
            (_("Run…"), "runSessionButton", lambda: self._emit(self.run_requested)),
            (_("Move…"), "moveSessionButton", self.ask_move),
            (_("Add session…"), "addSessionButton", self.ask_add),
            (_("Remove"), "removeSessionButton", self.remove_selected),
            (_("Tallies…"), "tallyButton", self.ask_tallies),
        ]
        self.buttons: dict[str, QPushButton] = {}
        for text, name, slot in buttons:
            button = named(QPushButton(text), name)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
        self.status_button = named(QToolButton(), "statusButton")
        self.status_button.setText(_("Status"))
        self.status_button.setToolTip(
            _("Mark the week planned, delivered (run on paper) or cancelled")
        )
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        status_menu = QMenu(self.status_button)
        for text, status in (
            (_("Planned"), SessionStatus.PLANNED),
            (_("Delivered (it ran)"), SessionStatus.DELIVERED),
            (_("Cancelled"), SessionStatus.CANCELLED),
        ):
            status_menu.addAction(text, partial(self.set_selected_status, status.value))
        status_menu.addAction(_("Cancelled, with a reason…"), self.ask_cancel_reason)
        self.status_button.setMenu(status_menu)
        row.insertWidget(3, self.status_button)
        self.pack_button = named(QToolButton(), "printPackButton")
        self.pack_button.setText(_("Print pack"))
        self.pack_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.pack_button)
        for text, how in (
            (_("Preview…"), "preview"),
            (_("Print…"), "print"),
            (_("Save PDF…"), "pdf"),
        ):
            menu.addAction(text, partial(self._emit_pack, how))
        self.pack_menu = menu
        self.pack_button.setMenu(menu)
        row.addStretch(1)
        row.addWidget(self.pack_button)
        return row

    # --- reading -----------------------------------------------------------------------------

    def set_series(self, series_id: int | None, *, received: bool = False) -> None:
        self._series_id, self._received = series_id, received
        self.received.set_received(received)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_session_id()
        rows, self._minutes = self._read_weeks(self._series_id)
        self.model.set_rows(rows)
        if rows:
            row = self.model.find(lambda s: s.id == selected) if selected else -1
            self.table.selectRow(max(row, 0))
        self._on_selected()

    def _read_weeks(self, series_id: int | None) -> tuple[list[Week], dict[int, int]]:
        """The series' weeks and their planned minutes, from the services (or, painted
        before the core is open, from the first look)."""
        if series_id is None:
            return [], {}
        if not self._context.ready:
            look = self._context.first_look
            weeks, minutes = look.weeks(series_id) if look is not None else ([], {})
            return [*weeks], minutes
        try:
            rows = self._core.series.sessions_of(series_id)
        except AttuneError:
            return [], {}
        return list(rows), self._core.sessions.planned_minutes([s.id for s in rows if s.id])

    def selected_session(self) -> Session | None:
        """The selected week, once the core is open (nothing edits the first look's rows)."""
        if not self._context.ready:
            return None
        return cast("Session | None", self.model.selected_in(self.table))

    def selected_session_id(self) -> int | None:
        session = self.model.selected_in(self.table)
        return session.id if session else None

    def select_session(self, session_id: int) -> None:
        row = self.model.find(lambda s: s.id == session_id)
        if row >= 0:
            self.table.selectRow(row)

    def _planned(self, session: Week) -> str:
        return duration_label(self._minutes.get(session.id or 0) or session.target_minutes)

    def _on_selected(self, *_args: QItemSelection) -> None:
        session = self.selected_session()  # none before the core is open: edits wait
        dated = session is not None and session.date is not None
        for name in ("moveSessionButton", "tallyButton"):
            self.buttons[name].setEnabled(dated)
        self.status_button.setEnabled(dated)
        for name in ("openAgendaButton", "runSessionButton"):
            self.buttons[name].setEnabled(session is not None)
        self.buttons["removeSessionButton"].setEnabled(session is not None and not self._received)
        self.buttons["addSessionButton"].setEnabled(self._is_dated_series())
        self.pack_button.setEnabled(session is not None)
        self.attendance.setEnabled(dated)
        self.attendance.blockSignals(True)
        count = session.attendance if session else None
        self.attendance.setValue(NOT_COUNTED if count is None else count)
        self.attendance.blockSignals(False)
        self.followups.set_session(session.id if session else None)

    def _is_dated_series(self) -> bool:
        if self._series_id is None or not self._context.ready:
            return False
        try:
            return not self._core.series.get_series(self._series_id).is_template
        except AttuneError:
            return False

    # --- editing -----------------------------------------------------------------------------

    def _emit(self, signal: SignalInstance) -> None:
        ident = self.selected_session_id()
        if ident is not None:
            signal.emit(ident)

    def _emit_pack(self, how: str) -> None:
        ident = self.selected_session_id()
        if ident is not None:
            self.pack_requested.emit(ident, how)

    def _on_attendance(self) -> None:
        value = self.attendance.value()
        self.record_attendance(None if value == NOT_COUNTED else value)
        self._on_selected()  # a refused count (cancelled or future week) shows the stored one
