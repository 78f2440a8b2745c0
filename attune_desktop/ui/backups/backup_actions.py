"""The File menu's backup commands: Back up now…, Export everything…, Restore from backup…"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.ui.shell import UiContext

if TYPE_CHECKING:
    from attune_desktop.ui.backups.restore_dialog import RestoreDialog


class BackupActions(QObject):
    """Owns the three actions and the dialogs they open; the window only adds them to a menu."""

    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self._context = context
        self._window = window
        self.dialog: RestoreDialog | None = None
        self.message: QMessageBox | None = None
        self.back_up = self._action(_("&Back up now…"), "backUpNowAction", self._on_back_up)
        self.export = self._action(
            _("&Export everything…"), "exportEverythingAction", self._on_export
        )
        self.restore = self._action(_("&Restore from backup…"), "restoreAction", self._on_restore)

    def actions(self) -> list[QAction]:
        return [self.back_up, self.export, self.restore]

    def _action(self, text: str, name: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _on_back_up(self) -> None:
        try:
            info = self._context.core.backups.back_up_now()
        except AttuneError as exc:
            self._tell(_("Not backed up"), str(exc), QMessageBox.Icon.Warning)
            return
        self._tell(
            _("Backed up"),
            _("A copy of {summary} was saved as\n{path}").format(
                summary=info.summary, path=info.path
            ),
        )

    def _on_export(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        picker = QFileDialog(self._window, _("Export everything"), folder)
        picker.setObjectName("exportFilePicker")
        picker.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        picker.setNameFilter("Attune Desktop export (*.zip)")
        picker.setDefaultSuffix("zip")
        picker.selectFile("attune-desktop-export.zip")
        picker.fileSelected.connect(lambda name: self.export_to(Path(name)))
        picker.open()

    def export_to(self, path: Path) -> None:
        """Write the zip on a worker thread (photos make it long); say so when it is done."""
        self.export.setEnabled(False)
        self._context.background.in_thread(
            lambda: self._context.core.backups.export_everything(path),
            on_done=self._exported,
            on_error=self._not_exported,
        )

    def _exported(self, out: Path) -> None:
        self.export.setEnabled(True)
        self._tell(
            _("Exported"),
            _(
                "Everything (the database and its photos) is in\n{out}\n\nRestore it "
                "with File → Restore from backup… → From a file…."
            ).format(out=out),
        )

    def _not_exported(self, message: str) -> None:
        self.export.setEnabled(True)
        self._tell(_("Not exported"), message, QMessageBox.Icon.Warning)

    def _on_restore(self) -> None:
        blocked = self._context.core.backups.restore_blocked()
        if blocked:  # a running session: nothing to choose until it is ended or closed
            self._tell(_("Not now"), blocked, QMessageBox.Icon.Warning, modal=False)
            return
        from attune_desktop.ui.backups.restore_dialog import RestoreDialog  # when first asked

        self.dialog = RestoreDialog(self._context, self._window)
        self.dialog.restored.connect(lambda text: self._tell(_("Restored"), text))
        self.dialog.open()

    def _tell(
        self,
        title: str,
        text: str,
        icon: QMessageBox.Icon = QMessageBox.Icon.Information,
        *,
        modal: bool = True,
    ) -> None:
        self.message = QMessageBox(icon, title, text, parent=self._window)
        self.message.setObjectName("backupMessage")
        if modal:
            self.message.open()
            return
        # Not modal: a window-modal box would also block the presenter (a child of the main
        # window), and the room's run must keep answering its keys.
        self.message.setWindowModality(Qt.WindowModality.NonModal)
        self.message.show()
