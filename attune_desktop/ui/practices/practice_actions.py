"""The practice library's actions: new, duplicate and delete (undoable through the
controller), add to a session, and export and import of practices files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from attune_desktop.core.i18n import _
from attune_desktop.ui.agenda.controller import AgendaController
from attune_desktop.ui.practices.add_to_session import AddToSessionDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

    from attune_desktop.core.container import Core
    from attune_desktop.core.models import Practice
    from attune_desktop.ui.practices.commands import PracticeController
    from attune_desktop.ui.practices.practice_editor import PracticeEditor
    from attune_desktop.ui.practices.practice_sharing import PracticeSharing
    from attune_desktop.ui.shell import UiContext

    _Widget = QWidget
else:
    _Widget = object


class PracticeActions(_Widget):
    """The actions of `PracticeLibraryView`, mixed into it (which sets these attributes)."""

    _context: UiContext
    _core: Core
    controller: PracticeController
    _open: list[QWidget]
    said: QLabel
    tabs: QTabWidget
    editor: PracticeEditor
    sharing: PracticeSharing

    if TYPE_CHECKING:  # PracticeLibraryView's

        def refresh(self) -> None: ...

        def selected(self) -> Practice | None: ...

        def selected_ids(self) -> list[int]: ...

        def select_practice(self, practice_id: int) -> None: ...

    def new_practice(self) -> int | None:
        taken = {p.name.casefold() for p in self._core.practices.list_practices()}
        name, number = _("New practice"), 2
        while name.casefold() in taken:
            name, number = _("New practice %d") % number, number + 1
        ident, error = self.controller.create(name, kind="breathing", default_minutes=3)
        return self._after_add(ident, error, edit=True)

    def duplicate_practice(self) -> int | None:
        practice = self.selected()
        if practice is None or practice.id is None:
            return None
        ident, error = self.controller.duplicate(practice.id)
        return self._after_add(ident, error, edit=True)

    def _after_add(self, ident: int | None, error: str | None, *, edit: bool) -> int | None:
        self.said.setText(error or "")
        if ident is None:
            return None
        self.refresh()
        self.select_practice(ident)
        if edit:
            self.tabs.setCurrentIndex(1)
            self.editor.name.setFocus()
            self.editor.name.selectAll()
        return ident

    def delete_practice(self) -> None:
        practice = self.selected()
        if practice is None or practice.id is None:
            return
        error = self.controller.delete(practice.id)
        self.said.setText(error or _("Deleted “%s”. Edit → Undo brings it back.") % practice.name)

    def ask_add_to_session(self) -> AddToSessionDialog | None:
        practice = self.selected()
        if practice is None or practice.id is None:
            return None
        self.editor.commit_text()
        dialog = AddToSessionDialog(
            self._core.sessions,
            AgendaController(self._core.sessions, self._context.undo),
            practice.id,
            practice.name,
            self,
        )
        dialog.added.connect(lambda _session, text: self.said.setText(text))
        self._keep(dialog)
        dialog.open()
        return dialog

    def ask_export(self) -> None:
        self.editor.commit_text()
        self.sharing.ask_export(self.selected_ids())

    def export_to(self, path: str | Path, ids: list[int] | None = None) -> bool:
        return self.sharing.export_to(path, ids if ids is not None else self.selected_ids())

    def ask_import(self) -> None:
        self.sharing.ask_import()

    def import_from(self, path: str | Path) -> bool:
        return self.sharing.import_from(path)

    def _on_imported(self, first_id: int) -> None:
        self.refresh()
        self.select_practice(first_id)

    def _keep(self, dialog: QWidget) -> None:
        self._open = [d for d in self._open if d.isVisible()] + [dialog]
