"""The session's own fields (theme, date, start, venue, target) and its live totals.

Ctrl+Z in these fields is the Edit menu's Undo (see ui/common/undo_keys.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from attune_desktop.core import agenda, locale_format, validation
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Segment, Session
from attune_desktop.ui.agenda.controller import AgendaController
from attune_desktop.ui.common.form_binding import FormBinding
from attune_desktop.ui.common.ui_language import date_edit_format, show_clock
from attune_desktop.ui.common.undo_keys import route_undo_to_app
from attune_desktop.ui.common.widgets import buddy_label, named


class SessionHeader(QWidget):
    def __init__(self, controller: AgendaController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionHeader")
        self._controller = controller
        self._session: Session | None = None
        self._form = FormBinding(self, self.commit_text)
        self._typed: set[str] = set()  # fields typed in and not saved yet

        self.title = named(QLineEdit(), "sessionTitle")
        self.title.setMaxLength(validation.TITLE_MAX)
        self.title.setPlaceholderText(_("Theme of the session"))
        self.has_date = named(QCheckBox(_("&Date")), "sessionHasDate")
        self.date = named(QDateEdit(), "sessionDate")
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(_("Session date"))
        self.date.setDisplayFormat(date_edit_format())
        self.start = named(QTimeEdit(), "sessionStart")
        show_clock(self.start)
        self.venue = named(QLineEdit(), "sessionVenue")
        self.venue.setPlaceholderText(_("Venue"))
        self.target = named(QSpinBox(), "sessionTarget")
        self.target.setRange(validation.MIN_MINUTES, validation.MAX_SESSION_MINUTES)
        self.target.setSuffix(_(" min"))
        self.totals = named(QLabel(), "agendaTotals")
        self.message = named(QLabel(), "sessionMessage")
        self.message.setProperty("role", "error")
        self.message.hide()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(buddy_label(_("T&heme"), self.title), 0, 0)
        grid.addWidget(self.title, 0, 1, 1, 5)
        grid.addWidget(self.has_date, 1, 0)
        grid.addWidget(self.date, 1, 1)
        grid.addWidget(buddy_label(_("&Start"), self.start), 1, 2)
        grid.addWidget(self.start, 1, 3)
        grid.addWidget(buddy_label(_("Tar&get"), self.target), 1, 4)
        grid.addWidget(self.target, 1, 5)
        grid.addWidget(buddy_label(_("&Venue"), self.venue), 2, 0)
        grid.addWidget(self.venue, 2, 1, 1, 5)
        grid.addWidget(self.totals, 3, 0, 1, 6)
        grid.addWidget(self.message, 4, 0, 1, 6)
        grid.setColumnStretch(1, 1)

        for field, edit in (("title", self.title), ("venue", self.venue)):
            edit.textEdited.connect(lambda _t, f=field: self._typed.add(f))
            edit.editingFinished.connect(lambda f=field: self._commit_field(f))
        self.has_date.toggled.connect(self._on_date_toggled)
        self.date.dateChanged.connect(lambda d: self._save("date", d.toPython()))
        self.start.timeChanged.connect(lambda t: self._save("start_time", t.toPython()))
        self.target.valueChanged.connect(lambda v: self._save("target_minutes", v))
        route_undo_to_app(
            controller.undo,
            self.commit_text,
            self.title,
            self.venue,
            self.date,
            self.start,
            self.target,
        )
        self.set_session(None, [])

    def set_session(self, session: Session | None, segments: list[Segment]) -> None:
        if session is None or self._session is None or session.id != self._session.id:
            self._typed.clear()  # another session's fields: nothing typed in them yet
        self._session = session
        with self._form.filling():
            self.setEnabled(session is not None)
            if session is None:
                self.title.clear()
                self.venue.clear()
                self.totals.clear()
                self.has_date.setChecked(False)
                self.date.setDate(QDate.currentDate())  # not Qt's default of 1 Jan 2000
                return
            for field, edit in (("title", self.title), ("venue", self.venue)):
                value = getattr(session, field)
                if field not in self._typed and edit.text() != value:  # keep unsaved typing
                    edit.setText(value)
                    edit.home(False)  # show a long title's beginning, not its end
            self.has_date.setChecked(session.date is not None)
            self.date.setEnabled(session.date is not None)
            day = session.date or dt.date.today()
            self.date.setDate(QDate(day.year, day.month, day.day))
            self.start.setTime(QTime(session.start_time.hour, session.start_time.minute))
            self.target.setValue(session.target_minutes)
            self.show_totals(session, segments)

    def show_totals(self, session: Session, segments: list[Segment]) -> None:
        summary = agenda.totals((s.planned_minutes for s in segments), session.target_minutes)
        slots = agenda.slots(session.start_time, [s.planned_minutes for s in segments])
        end = slots[-1].end_label if slots else locale_format.clock(session.start_time)
        self.totals.setText(_("{summary} · ends {end}").format(summary=summary.summary, end=end))
        self.totals.setProperty("role", "warm" if summary.difference > 0 else "subtitle")
        self.totals.style().polish(self.totals)

    def commit_text(self) -> None:
        """Save the theme and venue typed so far (Enter or leaving the field also saves)."""
        for field in sorted(self._typed):
            self._commit_field(field)

    def _commit_field(self, field: str) -> None:
        self._typed.discard(field)
        edit = self.title if field == "title" else self.venue
        if self._session is not None and edit.text() != getattr(self._session, field):
            self._save(field, edit.text())

    def _on_date_toggled(self, on: bool) -> None:
        self.date.setEnabled(on)
        self._save("date", self.date.date().toPython() if on else None)

    def _save(self, field: str, value: Any) -> None:
        if self._form.loading or self._session is None or self._session.id is None:
            return
        error = self._controller.edit_session(self._session.id, field, value)
        self.message.setText(error or "")
        self.message.setVisible(bool(error))  # no empty row above the toolbar
        if not error:  # what is saved now, until the screen refreshes
            self._session = self._controller.service.get_session(self._session.id)
        if error and field == "title":
            self.title.setText(self._session.title)
