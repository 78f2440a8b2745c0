"""Print choices for routine sheets, and the preview, print and PDF buttons.

A whole series' PDF shows a cancellable progress dialog while it is made.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from attune_desktop.app import Core
from attune_desktop.core.errors import AttuneError
from attune_desktop.printing.routine_sheets import (
    Layout,
    SheetOptions,
    export_routine_sheets_pdf,
    preview_routine_sheets,
    print_routine_sheets,
    routine_sheets_renderer,
)
from attune_desktop.printing.sheet_layouts import CARD_GRIDS
from attune_desktop.ui.common.widgets import named

Target = Callable[[], tuple[int | None, int | None]]  # (family id, routine id) now selected
LAYOUT_LABELS = {
    Layout.POSTER: "Fridge poster",
    Layout.STRIP: "Strip (landscape)",
    Layout.CARDS: "Cut-out cards",
    Layout.TRACKER: "Week tracker",
}


class PrintBar(QWidget):
    message = Signal(str)

    def __init__(
        self, core: Core, settings: QSettings, target: Target, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._core, self._settings, self._target = core, settings, target
        self._dialogs: list[QWidget] = []
        self.layout_choice = named(QComboBox(), "sheetLayout")
        for layout, label in LAYOUT_LABELS.items():
            self.layout_choice.addItem(label, layout.value)
        self.paper = named(QComboBox(), "sheetPaper")
        self.paper.addItem("A4", "a4")
        self.paper.addItem("Letter", "letter")
        paper = str(settings.value("print/paper", "a4")).lower()
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.ink = named(QComboBox(), "sheetInk")
        self.ink.addItem("Colour", "color")
        self.ink.addItem("Low ink", "low")
        self.icons_only = named(QCheckBox("Pictures only"), "sheetIconsOnly")
        self.icons_only.setToolTip("No words: for children who do not read yet")
        self.tracker = named(QCheckBox("+ week tracker"), "sheetTracker")
        self.cards = named(QSpinBox(), "sheetCardsPerPage")
        self.cards.setRange(1, max(CARD_GRIDS))
        self.cards.setValue(6)
        self.cards.setSuffix(" a page")
        self.cards.setToolTip("Cards a page: " + ", ".join(str(n) for n in CARD_GRIDS))
        preview = named(QPushButton("Preview…"), "previewSheets")
        printer = named(QPushButton("Print…"), "printSheets")
        pdf = named(QToolButton(), "pdfSheets")
        pdf.setText("PDF")
        pdf.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        menu.addAction("This routine…", lambda: self.save_pdf("routine"))
        menu.addAction("All of this family's routines…", lambda: self.save_pdf("family"))
        menu.addAction("Every family in this circle…", lambda: self.save_pdf("series"))
        pdf.setMenu(menu)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        widgets: list[QWidget] = [self.layout_choice, self.paper, self.ink, self.cards]
        widgets += [self.icons_only, self.tracker]
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        for button in (preview, printer, pdf):
            row.addWidget(button)
        self.layout_choice.currentIndexChanged.connect(self._on_layout)
        preview.clicked.connect(lambda: self.show_sheets(preview=True))
        printer.clicked.connect(lambda: self.show_sheets(preview=False))
        self._on_layout()

    def _on_layout(self, *_args: object) -> None:
        self.cards.setVisible(self.layout_choice.currentData() == Layout.CARDS.value)

    def options(self) -> SheetOptions:
        cards = self.cards.value()
        if cards not in CARD_GRIDS:  # the nearest grid that holds at least that many
            cards = min(n for n in CARD_GRIDS if n >= cards)
        return SheetOptions.parse(
            str(self.layout_choice.currentData()),
            str(self.paper.currentData()),
            str(self.ink.currentData()),
            icons_only=self.icons_only.isChecked(),
            cards_per_page=cards,
            with_tracker=self.tracker.isChecked(),
        )

    def show_sheets(self, *, preview: bool) -> None:
        family_id, routine_id = self._target()
        if routine_id is None:
            self.message.emit("Choose a routine to print.")
            return
        try:
            options = self.options()
            render, title = routine_sheets_renderer(
                self._core.families,
                self._core.paths.photos,
                options,
                routine_ids=[routine_id],
                family_id=family_id,
            )
        except AttuneError as exc:
            self.message.emit(str(exc))
            return
        show = preview_routine_sheets if preview else print_routine_sheets
        self._dialogs.append(show(self.window(), render, title, options))

    def save_pdf(self, scope: str) -> None:
        family_id, _routine_id = self._target()
        if family_id is None:
            self.message.emit("Choose a family first.")
            return
        dialog = QFileDialog(self.window(), "Save routine sheets as PDF", "", "PDF (*.pdf)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile("routine-sheets.pdf")
        dialog.fileSelected.connect(lambda path: self.export(path, scope))
        self._dialogs.append(dialog)
        dialog.open()

    def export(self, path: str, scope: str) -> Path | None:
        """Write the PDF for the routine, the family, or every family of its circle."""
        family_id, routine_id = self._target()
        if family_id is None:
            return None
        progress = QProgressDialog("Making the routine sheets…", "Stop", 0, 0, self.window())
        progress.setObjectName("sheetsProgress")
        progress.setMinimumDuration(300)
        progress.setAutoClose(True)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            which: dict[str, object] = {"family_id": family_id}
            if scope == "routine":
                which["routine_ids"] = [routine_id] if routine_id else []
            elif scope == "series":
                series_id = self._core.families.get_family(family_id).series_id
                if series_id is None:
                    raise AttuneError("This family is in no circle: choose its circle first.")
                which = {"series_id": series_id}
            out = export_routine_sheets_pdf(
                self._core.families,
                self._core.paths.photos,
                path,
                self.options(),
                progress=step,
                **which,  # type: ignore[arg-type]
            )
        except AttuneError as exc:
            self.message.emit(str(exc))
            return None
        finally:
            progress.reset()
            progress.deleteLater()
        self.message.emit(f"Saved {out}")
        return out
