"""The Check-ins screen's "Export results": one session's results as CSV, under the rules.

A mixin of `CheckInsView` (which sets the attributes named here), kept apart so the screen
stays small.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from attune_desktop.core.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from attune_desktop.core.services.checkins import CheckInService
    from attune_desktop.ui.checkins.round_panel import RoundPanel

    _Widget = QWidget
else:
    _Widget = object


class CheckInsExport(_Widget):
    _service: CheckInService
    round_panel: RoundPanel
    file_dialog: QFileDialog | None

    def session_id(self) -> int | None:
        raise NotImplementedError

    def _on_export(self) -> None:
        if self.session_id() is None:
            return
        dialog = QFileDialog(self, _("Export check-in results"), "check-ins.csv", _("CSV (*.csv)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(self.export_to)
        self.file_dialog = dialog
        dialog.open()

    def export_to(self, path: str) -> None:
        """Write the session's results: hidden rounds as their reason, small cells banded."""
        session_id = self.session_id()
        if session_id is None:
            return
        try:
            Path(path).write_text(self._service.export_csv([session_id]), encoding="utf-8")
        except OSError as exc:
            self.round_panel.message.setText(
                _("The results could not be saved: {strerror}.").format(strerror=exc.strerror)
            )
            return
        self.round_panel.message.setText(_("Results saved to {path}.").format(path=path))
