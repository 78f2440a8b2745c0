"""The facilitator's side panel: the segment's notes, the practice's care notes and script,
and follow-up notes.

Presenter only: nothing here is ever handed to the projector.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
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
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Practice
from attune_desktop.core.services.followups import FollowUpService
from attune_desktop.printing.markup import element
from attune_desktop.ui.common.widgets import named

_GREY = " style='color: gray'"  # the week a carried follow-up came from


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{html.escape(block.strip()).replace(chr(10), '<br>')}</p>"
        for block in text.split("\n\n")
        if block.strip()
    )


def own_notes(notes: str, practice: Practice | None) -> str:
    """The segment's notes without what was copied in from the practice when it was added
    (its pacing, script and care notes), which the panel shows from the practice itself."""
    if practice is None:
        return notes
    copied = [practice.script]
    if practice.pacing:
        copied.append(_("Pacing: {pacing}").format(pacing=practice.pacing))
    if practice.care_notes:
        copied.append(_("Care: {care_notes}").format(care_notes=practice.care_notes))
    for text in copied:
        if text.strip():
            notes = notes.replace(text, "")
    return notes.strip()


def notes_html(notes: str, practice: Practice | None) -> str:
    """The segment's notes, then the practice's care notes and script, for the facilitator."""
    notes = own_notes(notes, practice)
    parts = []
    if practice is not None and practice.care_notes.strip():
        parts.append(
            element("h3", _("Care notes: read before you begin"), " style='color: #9a4a1f'")
            + _paragraphs(practice.care_notes)
        )
    if notes.strip():
        heading = element("h3", _("Your notes")) if parts or practice is not None else ""
        parts.append(heading + _paragraphs(notes))
    if practice is not None:
        if practice.script.strip():
            parts.append(
                element("h3", _("Script: {name}").format(name=practice.name))
                + _paragraphs(practice.script)
            )
        cues = [c for c in practice.cues.splitlines() if c.strip()]
        if cues:
            items = "".join(f"<li>{html.escape(c)}</li>" for c in cues)
            parts.append(element("h3", _("Cues")) + f"<ul>{items}</ul>")
    if not parts:
        return "<p>" + element("i", _("No notes for this segment.")) + "</p>"
    return "".join(parts)


class NotesPanel(QWidget):
    practice_requested = Signal(int)  # open this practice on the Practices screen

    def __init__(
        self, followups: FollowUpService, session_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("runNotesPanel")
        self._followups = followups
        self._session_id = session_id
        heading = QLabel(_("Notes and script (only you see these)"))
        heading.setProperty("role", "subtitle")
        self.notes = named(QTextBrowser(), "runSegmentNotes")
        self.notes.setOpenLinks(False)
        self.notes.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.notes.setAccessibleName(_("Notes, care notes and script for this segment"))
        self._practice_id: int | None = None
        self.open_practice = named(QPushButton(_("Open in Practices")), "runOpenPractice")
        self.open_practice.setToolTip(
            _("Show this practice on the Practices screen of the main window")
        )
        self.open_practice.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.open_practice.clicked.connect(self._on_open_practice)
        self.open_practice.hide()
        carried_heading = QLabel(_("Follow-ups carried from earlier sessions"))
        carried_heading.setProperty("role", "subtitle")
        self.carried = named(QLabel(), "runCarriedNotes")
        self.carried.setWordWrap(True)
        self.carried.setTextFormat(Qt.TextFormat.RichText)
        self.mine = named(QLabel(), "runSessionNotes")
        self.mine.setWordWrap(True)
        self.mine.setTextFormat(Qt.TextFormat.RichText)
        self.jot = named(QLineEdit(), "runFollowUpField")
        self.jot.setPlaceholderText(_("Jot a follow-up for next time…"))
        self.jot.setMaxLength(2000)
        self.jot.setAccessibleName(_("Follow-up for next time"))
        self.jot.returnPressed.connect(self._on_add)
        self._leave = QShortcut(QKeySequence("Escape"), self.jot, self.jot.clearFocus)
        self._leave.setContext(Qt.ShortcutContext.WidgetShortcut)
        add = named(QPushButton(_("Keep")), "runFollowUpAdd")
        add.setToolTip(_("Keep this follow-up note (Enter)"))
        add.clicked.connect(self._on_add)
        self.message = named(QLabel(), "runFollowUpMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        jot_row = QHBoxLayout()
        jot_row.addWidget(self.jot, 1)
        jot_row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading_row = QHBoxLayout()
        heading_row.addWidget(heading, 1)
        heading_row.addWidget(self.open_practice)
        layout.addLayout(heading_row)
        layout.addWidget(self.notes, 3)
        layout.addWidget(carried_heading)
        layout.addWidget(self.carried)
        layout.addLayout(jot_row)
        layout.addWidget(self.message)
        layout.addWidget(self.mine)
        self.refresh_followups()

    def show_notes(self, text: str, practice: Practice | None = None) -> None:
        self.notes.setHtml(notes_html(text, practice))
        self._practice_id = practice.id if practice is not None else None
        self.open_practice.setVisible(self._practice_id is not None)

    def _on_open_practice(self) -> None:
        if self._practice_id is not None:
            self.practice_requested.emit(self._practice_id)

    def set_escape_leaves_field(self, on: bool) -> None:
        """Off once the run has finished: Esc then closes the window, even from the field."""
        self._leave.setEnabled(on)

    def refresh_followups(self) -> None:
        try:
            carried = self._followups.for_preparation(self._session_id)
            mine = self._followups.notes_for_session(self._session_id)
        except AttuneError:
            carried, mine = [], []
        if carried:
            items = "".join(
                f"<li>{html.escape(c.note.text)} "
                + element("span", _("(week {week})").format(week=c.from_week or "?"), _GREY)
                + "</li>"
                for c in carried
            )
            self.carried.setText(f"<ul style='margin-left: -20px'>{items}</ul>")
        else:
            self.carried.setText(element("i", _("None open.")))
        if mine:
            items = "".join(f"<li>{html.escape(n.text)}</li>" for n in mine)
            kept = html.escape(_("Kept this session:"))
            self.mine.setText(f"{kept}<ul style='margin-left: -20px'>{items}</ul>")
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
