"""“Add to session…”: put a practice at the end of a chosen session's agenda, undoably.

The sessions service makes the segment (with the practice's name, length, script and pacing)
through the agenda's controller, so Edit → Undo takes it out again.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core import locale_format
from attune_desktop.core.i18n import _
from attune_desktop.core.services.sessions import SessionService, SessionTitle
from attune_desktop.ui.agenda.controller import AgendaController
from attune_desktop.ui.common.widgets import named


def session_label(session: SessionTitle) -> str:
    return (
        f"{session.title} · {locale_format.day_date(session.date)}"
        if session.date
        else session.title
    )


class AddToSessionDialog(QDialog):
    added = Signal(int, str)  # session id, and what was done, for the screen to say

    def __init__(
        self,
        sessions: SessionService,
        controller: AgendaController,
        practice_id: int,
        practice_name: str,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addToSessionDialog")
        self.setWindowTitle(_("Add “%s” to a session") % practice_name)
        self._controller = controller
        self._practice_id, self._name = practice_id, practice_name
        self.session = named(QComboBox(), "addToSessionPicker")
        today = today or dt.date.today()
        listed = sessions.list_session_titles()
        for item in listed:
            self.session.addItem(session_label(item), item.id)
        upcoming = next((i for i, s in enumerate(listed) if s.date and s.date >= today), 0)
        self.session.setCurrentIndex(upcoming if listed else -1)
        self.session.setPlaceholderText(_("No sessions yet: make one in Sessions"))
        self.message = named(QLabel(), "addToSessionMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Add to the end"))
        ok.setObjectName("addToSessionOk")
        ok.setEnabled(bool(listed))
        form = QFormLayout()
        form.addRow(_("&Session"), self.session)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

    def _on_ok(self) -> None:
        session_id = self.session.currentData()
        if session_id is None:
            return
        _segment, error = self._controller.add_practice(int(session_id), self._practice_id)
        if error:
            self.message.setText(error)
            return
        where = self.session.currentText()
        self.added.emit(int(session_id), _("Added “%s” to %s.") % (self._name, where))
        self.accept()
