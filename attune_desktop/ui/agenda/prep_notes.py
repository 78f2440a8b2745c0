"""The facilitator's own preparation notes for a session: saved as typed, undoable, private.

They print on the facilitator's run sheet only; the participant agenda, the projector and the
room never show them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from attune_desktop.core.i18n import _
from attune_desktop.core.models import Session
from attune_desktop.ui.agenda.controller import AgendaController
from attune_desktop.ui.common.form_binding import FormBinding
from attune_desktop.ui.common.undo_keys import route_undo_to_app
from attune_desktop.ui.common.widgets import buddy_label, named


class PrepNotesEditor(QWidget):
    def __init__(self, controller: AgendaController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prepNotesEditor")
        self._controller = controller
        self._session: Session | None = None
        self._form = FormBinding(self, self.commit_text)
        self._pending = False  # typed and not saved yet

        self.edit = named(QPlainTextEdit(), "sessionPrepNotes")
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(
            _(
                "What to prepare or remember: printed on your run sheet only, "
                "never shown to the room."
            )
        )
        # three lines: on a 768-pixel screen the agenda table keeps the room
        lines = self.edit.fontMetrics().lineSpacing() * 3
        self.edit.setMaximumHeight(lines + 2 * self.edit.frameWidth() + 10)
        label = buddy_label(_("P&reparation (yours only)"), self.edit)
        self.message = named(QLabel(), "prepNotesMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)

        self.edit.textChanged.connect(self._on_typing)
        route_undo_to_app(controller.undo, self.commit_text, self.edit)
        self.set_session(None)

    def set_session(self, session: Session | None) -> None:
        same = session is not None and self._session is not None and session.id == self._session.id
        if same and self._pending:
            self._session = session  # keep what is being typed; it is saved after a pause
            return
        self.commit_text()
        self._session = session
        with self._form.filling():
            self.setEnabled(session is not None)
            text = session.prep_notes if session is not None else ""
            if self.edit.toPlainText().strip() != text:
                self.edit.setPlainText(text)
                self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)

    def commit_text(self) -> None:
        """Save pending typing now (also before Undo, a run, a print or another session)."""
        pending, self._pending = self._pending, False
        self._form.stop()
        session = self._session
        if not pending or session is None or session.id is None:
            return
        text = self.edit.toPlainText()
        if text.strip() == session.prep_notes:
            return
        error = self._controller.edit_session(session.id, "prep_notes", text)
        self.message.setText(error or "")
        if not error:  # what is saved now, until the screen refreshes
            self._session = self._controller.service.get_session(session.id)
        self.message.setVisible(bool(error))

    def _on_typing(self) -> None:
        if not self._form.loading:
            self._pending = True
            self._form.typed()
