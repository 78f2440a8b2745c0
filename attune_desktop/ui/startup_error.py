"""A message box for a home that cannot be opened: the GUI shows it instead of a traceback.

Started from a desktop icon, the app has no terminal, so a message only printed would be lost.
When the database is refused for what it holds (damaged, not ours, newer) and backups exist,
the box also offers to put a backup in its place, keeping the refused file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from attune_desktop.core.config import AppPaths
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.storage import restore


def show_startup_error(message: str, paths: AppPaths | None = None) -> bool:
    """Show why Attune Desktop cannot open; True if a backup was restored in its place."""
    from attune_desktop.ui.shell import make_application

    app = QApplication.instance() or make_application([])
    box = QMessageBox(QMessageBox.Icon.Critical, _("Attune Desktop cannot open"), message)
    box.setObjectName("startupError")
    offer = None
    # A backup can replace the home's own file, never an organisation's server database.
    restorable = paths is not None and not paths.server_url and restore.unusable(paths.database)
    if restorable and paths is not None and restore.list_backups(paths.backups):
        offer = box.addButton(_("Restore a backup…"), QMessageBox.ButtonRole.ActionRole)
        offer.setObjectName("startupRestoreButton")
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()  # before the main loop there is nothing else to wait on
    restored = offer is not None and box.clickedButton() is offer and _restore(paths)
    app.processEvents()  # the application stays: the window may open next
    return bool(restored)


def _restore(paths: AppPaths | None) -> bool:
    assert paths is not None
    name, _filter = QFileDialog.getOpenFileName(
        None, _("Restore a backup"), str(paths.backups), _("Backups and exports (*.sqlite3 *.zip)")
    )
    if not name:
        return False
    try:
        result = restore.restore_unopenable(paths.database, Path(name), paths.backups, paths.photos)
    except AttuneError as exc:
        QMessageBox(QMessageBox.Icon.Warning, _("Not restored"), str(exc)).exec()
        return False
    done = QMessageBox(QMessageBox.Icon.Information, _("Restored"), result.message)
    done.setObjectName("startupRestored")
    done.exec()
    return True
