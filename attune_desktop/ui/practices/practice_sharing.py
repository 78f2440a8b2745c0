"""Practices to and from a file: the Practices screen's Export… and Import….

Export saves the selected practices; import adds a file's practices all or nothing (the core
checks the whole file first, as it does a template bundle), and a refusal says why in a box
and on the screen. Each outcome is one sentence on `said`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.services.practices import PracticeService
from attune_desktop.ui.series.series_files import ask_open, ask_save


class PracticeSharing(QObject):
    said = Signal(str)
    imported = Signal(int)  # the first practice added, to show it

    def __init__(self, owner: QWidget, service: PracticeService) -> None:
        super().__init__(owner)
        self._owner, self._service = owner, service
        self._open: list[QWidget] = []  # dialogs kept alive while open

    def ask_export(self, ids: list[int]) -> None:
        if not ids:
            return
        first = self._service.get_practice(ids[0]).name
        name = "practices.json" if len(ids) > 1 else f"{first}.json".replace("/", "-")
        self._keep(
            ask_save(
                self._owner,
                _("Export practices"),
                Path.home() / name,
                _("Practices file (*.json)"),
                lambda path: self.export_to(path, ids),
            )
        )

    def export_to(self, path: str | Path, ids: list[int]) -> bool:
        try:
            out = self._service.export_practices(ids, path)
        except AttuneError as exc:
            self.said.emit(str(exc))
            return False
        count = len(ids)
        what = _("1 practice") if count == 1 else _("%d practices") % count
        self.said.emit(_("Saved %s to %s.") % (what, out))
        return True

    def ask_import(self) -> None:
        self._keep(
            ask_open(
                self._owner,
                _("Import practices"),
                _("Practices file (*.json)"),
                self.import_from,
            )
        )

    def import_from(self, path: str | Path) -> bool:
        """All of a file or nothing; a refusal says why, in a box and on the screen."""
        try:
            report = self._service.import_practices(path)
        except AttuneError as exc:
            self.said.emit(_("Nothing was imported. %s") % exc)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                _("Nothing was imported"),
                str(exc),
                parent=self._owner,
            )
            box.setObjectName("practicesImportRefused")
            self._keep(box)
            box.open()
            return False
        self.said.emit(report.message)
        if report.added_ids:
            self.imported.emit(report.added_ids[0])
        return True

    def _keep(self, dialog: QWidget) -> None:
        self._open = [d for d in self._open if d.isVisible()] + [dialog]
