"""Follow-up notes beside the term: jot one for a session, see the ones carried into it.

This panel lives only on the facilitator's own screen (the Series screen). Notes come from
`FollowUpService`, which no projector, print for the room, export or report reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core import locale_format
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.ui.common.rows_model import Column, RowsTableModel
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import configure_table, named
from attune_desktop.ui.series.commands import AddNote, DeleteNote

if TYPE_CHECKING:  # annotations only: the ORM is not imported before the first paint
    from attune_desktop.core.models import FollowUpNote
    from attune_desktop.core.services.followups import CarriedNote, FollowUpService


def _from(carried: CarriedNote) -> str:
    return (
        _("Week {from_week}").format(from_week=carried.from_week)
        if carried.from_week
        else carried.from_title
    )


class FollowUpPanel(QWidget):
    def __init__(
        self, followups: FollowUpService | None, undo: QUndoStack, parent: QWidget | None = None
    ) -> None:
        """`followups` may come later (`attach`): until then the panel is empty and off."""
        super().__init__(parent)
        self.setObjectName("followUpPanel")
        self._service, self._undo = followups, undo
        self._session_id: int | None = None
        self.carried_model: RowsTableModel[CarriedNote] = RowsTableModel(
            [
                Column(_("From"), _from),
                Column(_("Carried into this session"), lambda c: c.note.text, tooltip=_tip),
            ],
            self,
        )
        self.notes_model: RowsTableModel[FollowUpNote] = RowsTableModel(
            [Column(_("Jotted in this session"), lambda n: n.text, tooltip=lambda n: n.text)], self
        )
        self.carried = named(QTableView(), "carriedNotesTable")
        self.carried.setModel(self.carried_model)
        configure_table(self.carried, stretch_column=1)
        self.notes = named(QTableView(), "sessionNotesTable")
        self.notes.setModel(self.notes_model)
        configure_table(self.notes, stretch_column=0)
        self.carried.setAccessibleName(_("Follow-ups carried into this session"))
        self.notes.setAccessibleName(_("Follow-ups jotted in this session"))
        self.entry = named(QLineEdit(), "followUpEdit")
        self.entry.setAccessibleName(_("New follow-up note"))
        self.entry.setPlaceholderText(_("Jot a follow-up, e.g. check back in about the big game"))
        self.entry.setMaxLength(2000)
        self.entry.returnPressed.connect(self._on_add)
        self.add_button = named(QPushButton(_("Add")), "addFollowUpButton")
        self.add_button.clicked.connect(self._on_add)
        self.done_button = named(QPushButton(_("Done")), "followUpDoneButton")
        self.done_button.setToolTip(_("Tick the selected carried note done: it stops coming back"))
        self.done_button.clicked.connect(self._on_done)
        self.remove_button = named(QPushButton(_("Remove")), "removeFollowUpButton")
        self.remove_button.setToolTip(_("Remove the selected note jotted in this session"))
        self.remove_button.clicked.connect(self._on_remove)
        self.message = named(QLabel(), "followUpMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        self.message.hide()
        heading = QLabel(_("Follow-ups · only you see these"))
        heading.setStyleSheet("font-weight: 600; margin-top: 6px;")
        hint = named(
            QLabel(
                _(
                    "A note jotted in a session comes back in the sessions after it, "
                    "until you tick it Done."
                )
            ),
            "followUpHint",
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "subtitle")

        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.add_button)
        entry_row.addWidget(self.remove_button)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.carried, 1)
        layout.addLayout(done_row)
        layout.addWidget(self.notes, 1)
        layout.addLayout(entry_row)
        layout.addWidget(self.message)
        for view in (self.carried, self.notes):
            view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        if followups is not None:
            self.attach(followups)
        else:
            self.set_session(None)

    def attach(self, followups: FollowUpService) -> None:
        """The notes' service, once the core is open: the session's notes show then."""
        self._service = followups
        Subscriptions(self).refresh_on(followups.changed, self.refresh)
        self.set_session(self._session_id)

    def set_session(self, session_id: int | None) -> None:
        self._session_id = session_id
        self.setEnabled(session_id is not None and self._service is not None)
        self.message.hide()
        self.refresh()

    def refresh(self) -> None:
        ident = self._session_id if self._service is not None else None
        try:
            carried = self._service.for_preparation(ident) if self._service and ident else []
            notes = self._service.notes_for_session(ident) if self._service and ident else []
        except AttuneError:  # the session was deleted meanwhile
            carried, notes = [], []
        self.carried_model.set_rows(carried)
        self.notes_model.set_rows(notes)
        self._on_selection_changed()

    def _on_selection_changed(self, *_args: object) -> None:
        """Done and Remove act on a chosen row, so they are enabled only when there is one."""
        self.done_button.setEnabled(self.carried.selectionModel().hasSelection())
        self.remove_button.setEnabled(self.notes.selectionModel().hasSelection())

    def _on_add(self) -> None:
        if self._session_id is None or self._service is None:
            return
        try:
            note = self._service.add_note(self._session_id, self.entry.text())
        except AttuneError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.message.hide()
        self.entry.clear()
        self._undo.push(AddNote(self._service, note.id or 0))

    def _on_remove(self) -> None:
        note = self.notes_model.selected_in(self.notes)
        if self._service is not None and note is not None and note.id is not None:
            self._undo.push(DeleteNote(self._service, self._service.delete_note(note.id)))

    def _on_done(self) -> None:
        carried = self.carried_model.selected_in(self.carried)
        if self._service is not None and carried is not None and carried.note.id is not None:
            self._service.update_note(carried.note.id, done=True)


def _tip(carried: CarriedNote) -> str:
    when = (
        _(" on {from_date}").format(from_date=locale_format.day_month(carried.from_date))
        if carried.from_date
        else ""
    )
    return _("{text}\n(jotted in {from_title}{when})").format(
        text=carried.note.text, from_title=carried.from_title, when=when
    )
