"""File → Organisation: Join an organisation…, Sync now…"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.ui.shell import UiContext

if TYPE_CHECKING:  # imported when first opened (they reach the ORM): not before the window paints
    from attune_desktop.ui.organisation.join_dialog import JoinDialog
    from attune_desktop.ui.organisation.sync_dialog import SyncDialog


class OrgActions(QObject):
    """Owns the two actions and the dialog each opens; the window adds them to its File menu."""

    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self._context = context
        self._window = window
        self.join_dialog: JoinDialog | None = None
        self.sync_dialog: SyncDialog | None = None
        self.join = QAction(_("&Join an organisation…"), self)
        self.join.setObjectName("orgJoinAction")
        self.join.triggered.connect(self.open_join)
        self.sync = QAction(_("&Sync with the organisation…"), self)
        self.sync.setObjectName("orgSyncAction")
        self.sync.triggered.connect(self.open_sync)
        context.when_ready(lambda _core: self._update())

    def add_to(self, menu: QMenu) -> None:
        sub = menu.addMenu(_("&Organisation"))
        sub.addActions([self.join, self.sync])

    def _joined(self) -> bool:
        from attune_desktop.core.org import connect

        try:
            return connect.load_membership(self._context.paths.home) is not None
        except AttuneError:
            return False

    def _update(self) -> None:
        joined = self._joined()
        self.sync.setEnabled(joined)
        self.sync.setToolTip("" if joined else _("Join an organisation first"))

    def open_join(self) -> None:
        from attune_desktop.ui.organisation.join_dialog import JoinDialog

        self.join_dialog = JoinDialog(self._context.paths.home, self._window)
        self.join_dialog.joined.connect(lambda _text: self._update())
        self.join_dialog.open()

    def open_sync(self) -> None:
        if self.sync_dialog is not None and self.sync_dialog.worker.busy:
            self.sync_dialog.raise_()
            return
        from attune_desktop.ui.organisation.sync_dialog import SyncDialog

        self.sync_dialog = SyncDialog(self._context.core, self._window)
        self.sync_dialog.open()
        self.sync_dialog.start()
