"""The one way a screen prints: any registered sheet to a preview, a printer or a PDF.

Every screen (Sessions, Routines, Series, the presenter's summary) hands a `SheetPrinter` the
sheet's name and its values (`session=…`, `family=…`); the printer builds the job through
`printing.catalogue`, on the paper and ink the app has chosen, and keeps its dialogs alive
while they are open. A refusal (a missing session, nothing to print) is said on `said`,
never raised into the event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.printing.catalogue import SheetRequest, find

if TYPE_CHECKING:
    from attune_desktop.core.container import Core
    from attune_desktop.printing.jobs import PrintJob
    from attune_desktop.ui.common.settings import Settings

HOW = ("preview", "print", "pdf")


class SheetPrinter(QObject):
    """Preview, print or save any registered sheet; says what happened on `said`."""

    said = Signal(str)
    saved = Signal(str)  # the PDF written

    def __init__(self, owner: QWidget, core: Core, settings: Settings) -> None:
        super().__init__(owner)
        self._owner, self._core, self._settings = owner, core, settings
        self.open: list[QWidget] = []  # dialogs kept alive while they are open

    def paper(self) -> str:
        """The paper chosen in the app (a4 or letter)."""
        paper = self._settings.text("print/paper").strip().lower()
        return paper if paper in ("a4", "letter") else "a4"

    def request(
        self,
        values: Mapping[str, object],
        *,
        paper: str | None = None,
        ink: str = "color",
        progress: Callable[[int, int], bool] | None = None,
    ) -> SheetRequest:
        return SheetRequest(paper or self.paper(), ink, dict(values), progress)

    def job(self, sheet: str, request: SheetRequest) -> PrintJob | None:
        """The sheet read now, or None after saying why it cannot be printed."""
        from attune_desktop.printing.jobs import build

        try:
            return build(self._core, sheet, request)
        except AttuneError as exc:
            self.said.emit(str(exc))
            return None

    def show(
        self,
        how: str,
        sheet: str,
        values: Mapping[str, object],
        *,
        paper: str | None = None,
        ink: str = "color",
        suggested: str | None = None,
    ) -> QWidget | None:
        """ "preview", "print" (the printer dialog) or "pdf" (a save dialog); non-blocking."""
        from attune_desktop.printing import jobs

        if how == "pdf":
            return self.ask_pdf(sheet, values, paper=paper, ink=ink, suggested=suggested)
        job = self.job(sheet, self.request(values, paper=paper, ink=ink))
        if job is None:
            return None
        dialog: QWidget = (
            jobs.preview(self._owner.window(), job)
            if how == "preview"
            else jobs.print_with_dialog(self._owner.window(), job)
        )
        self._keep(dialog)
        return dialog

    def ask_pdf(
        self,
        sheet: str,
        values: Mapping[str, object],
        *,
        paper: str | None = None,
        ink: str = "color",
        suggested: str | None = None,
    ) -> QFileDialog:
        """Ask where to save (non-blocking), then write the PDF there."""
        where = Path.home() / (suggested or find(sheet).suggested_file)
        dialog = QFileDialog(self._owner.window(), _("Save PDF"), str(where), _("PDF (*.pdf)"))
        dialog.setObjectName("savePdfDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(
            lambda path: self.save_pdf(path, sheet, values, paper=paper, ink=ink)
        )
        self._keep(dialog)
        dialog.open()
        return dialog

    def save_pdf(
        self,
        path: str | Path,
        sheet: str,
        values: Mapping[str, object],
        *,
        paper: str | None = None,
        ink: str = "color",
    ) -> Path | None:
        """Write the sheet to `path`, with a progress dialog a long job can be stopped from."""
        from attune_desktop.printing.jobs import export_pdf

        progress = QProgressDialog(_("Making the PDF…"), _("Stop"), 0, 0, self._owner.window())
        progress.setObjectName("sheetsProgress")
        progress.setMinimumDuration(300)
        progress.setAutoClose(True)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            job = self.job(sheet, self.request(values, paper=paper, ink=ink, progress=step))
            if job is None:
                return None
            out = export_pdf(job, path)
        except AttuneError as exc:
            self.said.emit(str(exc))
            return None
        finally:
            progress.reset()
            progress.deleteLater()
        self.said.emit(_("Saved {0}").format(out))
        self.saved.emit(str(out))
        return out

    def _keep(self, dialog: QWidget) -> None:
        """Hold the dialog while it is open; previews delete themselves once closed."""
        alive = [d for d in self.open if shiboken6.isValid(d) and d.isVisible()]
        self.open = [*alive, dialog]
