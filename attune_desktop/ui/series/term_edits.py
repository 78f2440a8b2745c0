"""What can be done to one week of a term: move, status, add, remove, count, tallies.

A mixin for `TermPanel`: each edit goes through the series service first and only an
accepted change is pushed onto the undo stack; a refusal comes back as a sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QWidget

from attune_desktop.core import locale_format
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.kinds import SessionStatus
from attune_desktop.ui.series.commands import (
    AddSession,
    MoveSession,
    RemoveSession,
    SetAttendance,
    SetStatus,
)
from attune_desktop.ui.series.term_model import TermModel

if TYPE_CHECKING:  # annotations only: the ORM is not imported before the first paint
    from attune_desktop.core.container import Core
    from attune_desktop.core.models import Session
    from attune_desktop.ui.checkins.tally_dialog import TallyDialog
    from attune_desktop.ui.series.series_dialog import DateDialog


def now_status(week: int | None, status: str) -> str:
    """What the status bar says after a week's status changes: a whole sentence per status."""
    if status == SessionStatus.DELIVERED.value:
        return _("Week {week} is now delivered.").format(week=week)
    if status == SessionStatus.CANCELLED.value:
        return _("Week {week} is now cancelled.").format(week=week)
    return _("Week {week} is now planned.").format(week=week)


class TermEdits:
    _core: Core
    _undo: QUndoStack
    _series_id: int | None
    _dialog: DateDialog | None
    _tally: TallyDialog | None
    _reason_dialog: QInputDialog | None
    model: TermModel
    message: SignalInstance

    def selected_session(self) -> Session | None:
        raise NotImplementedError

    def _parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def set_selected_status(self, status: str) -> None:
        """Mark the selected week planned, delivered (run on paper) or cancelled."""
        session = self.selected_session()
        if session is None or session.id is None or session.status == status:
            return
        try:
            if status == SessionStatus.CANCELLED.value:
                old = self._core.series.cancel_session(session.id)
            else:
                old = self._core.series.set_status(session.id, status)
        except AttuneError as exc:
            self.message.emit(str(exc))
            return
        self._undo.push(SetStatus(self._core.series, session.id, old, status))
        self.message.emit(now_status(session.week, status))

    def move_selected_to(self, day: dt.date) -> str | None:
        """Move the selected session; returns the refusal, or None when moved."""
        session = self.selected_session()
        if session is None or session.id is None:
            return _("Choose a session first.")
        try:
            old = self._core.series.move_session(session.id, day)
        except AttuneError as exc:
            return str(exc)
        self._undo.push(MoveSession(self._core.series, session.id, old, day))
        self.message.emit(
            _("Moved week {week} to {day}.").format(
                week=session.week, day=locale_format.weekday_day_month(day)
            )
        )
        return None

    def cancel_selected(self) -> None:
        self.set_selected_status(SessionStatus.CANCELLED.value)

    def ask_cancel_reason(self) -> QInputDialog | None:
        """Cancel the selected week and keep why (snow, venue closed), for the report."""
        session = self.selected_session()
        if session is None or session.id is None:
            self.message.emit(_("Choose a session first."))
            return None
        dialog = QInputDialog(self._parent())
        dialog.setObjectName("cancelReasonDialog")
        dialog.setWindowTitle(_("Cancel week {week}").format(week=session.week))
        dialog.setLabelText(_("Why was it cancelled? A few words, no names (for the report)."))
        dialog.setTextValue(session.cancel_reason)
        ident = session.id
        dialog.textValueSelected.connect(lambda text: self.cancel_with_reason(ident, text))
        self._reason_dialog = dialog
        dialog.open()
        return dialog

    def cancel_with_reason(self, session_id: int, reason: str) -> None:
        """Cancel the week (if it is not yet) with its reason; a refusal is said."""
        series = self._core.series
        try:
            session = series.get_session(session_id)
            if session.status == SessionStatus.CANCELLED.value:
                series.set_cancel_reason(session_id, reason)
            else:
                old = series.cancel_session(session_id, reason)
                self._undo.push(SetStatus(series, session_id, old, SessionStatus.CANCELLED.value))
        except AttuneError as exc:
            self.message.emit(str(exc))
            return
        said = (
            _("Week {week} is cancelled: {reason}.").format(
                week=session.week, reason=reason.strip()
            )
            if reason.strip()
            else _("Week {week} is cancelled.").format(week=session.week)
        )
        self.message.emit(said)

    def add_session_on(self, day: dt.date, theme: str = "") -> str | None:
        if self._series_id is None:
            return _("Choose a series first.")
        try:
            added = self._core.series.add_session(self._series_id, day, theme or None)
        except AttuneError as exc:
            return str(exc)
        self._undo.push(AddSession(self._core.series, added.id or 0))
        self.message.emit(
            _("Added week {week} on {day}.").format(
                week=added.week, day=locale_format.weekday_day_month(day)
            )
        )
        return None

    def remove_selected(self) -> None:
        session = self.selected_session()
        if session is None or session.id is None:
            return
        try:
            snap = self._core.series.remove_session(session.id)
        except AttuneError as exc:
            self.message.emit(str(exc))
            return
        self._undo.push(RemoveSession(self._core.series, snap))
        self.message.emit(
            _("Removed week {week}. Undo brings it back with its agenda.").format(week=session.week)
        )

    def record_attendance(self, count: int | None) -> None:
        session = self.selected_session()
        if session is None or session.id is None:
            return
        try:
            old = self._core.series.set_attendance(session.id, count)
        except AttuneError as exc:
            self.message.emit(str(exc))
            return
        if old != count:
            self._undo.push(SetAttendance(self._core.series, session.id, old, count))

    def ask_tallies(self) -> TallyDialog | None:
        session = self.selected_session()
        if session is None or session.id is None:
            return None
        from attune_desktop.ui.checkins.tally_dialog import TallyDialog  # with its services

        dialog = TallyDialog(
            self._core.checkins, parent=self._parent(), session_id=session.id, title=session.title
        )
        dialog.recorded.connect(self._undo.push)
        dialog.accepted.connect(lambda: self.message.emit(_("Recorded the check-in tallies.")))
        self._tally = dialog
        dialog.open()
        return dialog

    def ask_move(self) -> None:
        session = self.selected_session()
        if session is None or session.date is None:
            return
        prompt = _("Move week {week} (“{title}”) to another day.").format(
            week=session.week, title=session.title
        )
        self._ask(_("Move session"), prompt, session.date, False, self.move_selected_to)

    def ask_add(self) -> None:
        rows = [s.date for s in self.model.rows() if s.date]
        day = (max(rows) + dt.timedelta(days=7)) if rows else dt.date.today()
        prompt = _("Add an extra session; later weeks are renumbered.")
        self._ask(_("Add session"), prompt, day, True, self.add_session_on)

    def _ask(
        self, title: str, prompt: str, day: dt.date, theme: bool, act: Callable[..., str | None]
    ) -> None:
        from attune_desktop.ui.series.series_dialog import DateDialog

        dialog = DateDialog(self._parent(), title, prompt, day, ask_theme=theme)
        self._dialog = dialog

        def _on_chosen(chosen: dt.date, text: str) -> None:
            refused = act(chosen, text) if theme else act(chosen)
            if refused:
                dialog.show_error(refused)
            else:
                dialog.accept()

        dialog.chosen.connect(_on_chosen)
        dialog.open()
