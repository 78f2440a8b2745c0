"""The facilitator's side panel: the segment's notes and script, and follow-up notes.

Presenter only: nothing here is ever handed to the projector.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.errors import AttuneError, ValidationError
from attune_desktop.core.services.followups import FollowUpService
from attune_desktop.ui.common.widgets import named


class NotesPanel(QWidget):
    def __init__(
        self, followups: FollowUpService, session_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("runNotesPanel")
        self._followups = followups
        self._session_id = session_id
        heading = QLabel("Notes and script (only you see these)")
        heading.setProperty("role", "subtitle")
        self.notes = named(QTextBrowser(), "runSegmentNotes")
        self.notes.setOpenLinks(False)
        self.notes.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        carried_heading = QLabel("Follow-ups carried from earlier sessions")
        carried_heading.setProperty("role", "subtitle")
        self.carried = named(QLabel(), "runCarriedNotes")
        self.carried.setWordWrap(True)
        self.carried.setTextFormat(Qt.TextFormat.RichText)
        self.mine = named(QLabel(), "runSessionNotes")
        self.mine.setWordWrap(True)
        self.mine.setTextFormat(Qt.TextFormat.RichText)
        self.jot = named(QLineEdit(), "runFollowUpField")
        self.jot.setPlaceholderText("Jot a follow-up for next time…")
        self.jot.setMaxLength(2000)
        self.jot.returnPressed.connect(self._on_add)
        leave = QShortcut(QKeySequence("Escape"), self.jot, self.jot.clearFocus)
        leave.setContext(Qt.ShortcutContext.WidgetShortcut)
        add = named(QPushButton("Keep"), "runFollowUpAdd")
        add.setToolTip("Keep this follow-up note (Enter)")
        add.clicked.connect(self._on_add)
        self.message = named(QLabel(), "runFollowUpMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        jot_row = QHBoxLayout()
        jot_row.addWidget(self.jot, 1)
        jot_row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.notes, 3)
        layout.addWidget(carried_heading)
        layout.addWidget(self.carried)
        layout.addLayout(jot_row)
        layout.addWidget(self.message)
        layout.addWidget(self.mine)
        self.refresh_followups()

    def show_notes(self, text: str) -> None:
        if text.strip():
            self.notes.setPlainText(text)
        else:
            self.notes.setHtml("<p><i>No notes for this segment.</i></p>")

    def refresh_followups(self) -> None:
        try:
            carried = self._followups.for_preparation(self._session_id)
            mine = self._followups.notes_for_session(self._session_id)
        except AttuneError:
            carried, mine = [], []
        if carried:
            items = "".join(
                f"<li>{html.escape(c.note.text)} "
                f"<span style='color: gray'>(week {c.from_week or '?'})</span></li>"
                for c in carried
            )
            self.carried.setText(f"<ul style='margin-left: -20px'>{items}</ul>")
        else:
            self.carried.setText("<i>None open.</i>")
        if mine:
            items = "".join(f"<li>{html.escape(n.text)}</li>" for n in mine)
            self.mine.setText(f"Kept this session:<ul style='margin-left: -20px'>{items}</ul>")
        else:
            self.mine.setText("")

    def _on_add(self) -> None:
        try:
            self._followups.add_note(self._session_id, self.jot.text())
        except ValidationError as exc:
            self.message.setText(exc.message)
            return
        except AttuneError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        self.jot.clear()
        self.jot.clearFocus()  # Enter keeps the note and gives Space and the arrows back
        self.refresh_followups()
