"""Print choices for routine sheets, and the preview, print and PDF buttons.

Each button asks for a scope: the selected routine, all of the family's routines, or every
family in its circle, printed as one document through the shared `SheetPrinter`. A long
PDF shows a progress dialog it can be stopped from.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QMenu,
    QSpinBox,
    QToolButton,
    QWidget,
)

from attune_desktop.core import sheet_words
from attune_desktop.core.container import Core
from attune_desktop.core.i18n import N_, _
from attune_desktop.printing.routine_sheets import Layout, SheetOptions
from attune_desktop.printing.sheet_layouts import CARD_GRIDS
from attune_desktop.ui.common.flow_layout import FlowLayout
from attune_desktop.ui.common.print_action import SheetPrinter
from attune_desktop.ui.common.settings import Settings
from attune_desktop.ui.common.widgets import named, spoken_label

Target = Callable[[], tuple[int | None, int | None]]  # (family id, routine id) now selected
LAYOUT_LABELS = {
    Layout.POSTER: N_("Fridge poster"),
    Layout.STRIP: N_("Strip (landscape)"),
    Layout.CARDS: N_("Cut-out cards"),
    Layout.TRACKER: N_("Week tracker"),
}
SCOPES = (
    ("routine", N_("This routine…")),
    ("family", N_("All of this family's routines…")),
    ("series", N_("Every family in this circle…")),
)


class PrintBar(QWidget):
    message = Signal(str)

    def __init__(
        self, core: Core, settings: Settings, target: Target, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._core, self._settings, self._target = core, settings, target
        self._dialogs: list[QWidget] = []
        self.layout_choice = named(QComboBox(), "sheetLayout")
        for layout, label in LAYOUT_LABELS.items():
            self.layout_choice.addItem(_(label), layout.value)
        self.paper = named(QComboBox(), "sheetPaper")
        self.paper.addItem("A4", "a4")
        self.paper.addItem(_("Letter"), "letter")
        paper = settings.text("print/paper").lower()
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.ink = named(QComboBox(), "sheetInk")
        self.ink.addItem(_("Colour"), "color")
        self.ink.addItem(_("Low ink"), "low")
        self.icons_only = named(QCheckBox(_("Pictures only")), "sheetIconsOnly")
        self.icons_only.setToolTip(_("No words: for children who do not read yet"))
        self.tracker = named(QCheckBox(_("+ week tracker")), "sheetTracker")
        self.second = named(QComboBox(), "sheetSecondLanguage")
        self.second.addItem(_("One language"), "")
        for words in sheet_words.languages():
            self.second.addItem(f"+ {words.name}", words.code)
        self.second.setToolTip(
            _("A bilingual sheet: the family's language, with this one below in smaller type")
        )
        self.cards = named(QSpinBox(), "sheetCardsPerPage")
        self.cards.setRange(1, max(CARD_GRIDS))
        self.cards.setValue(6)
        self.cards.setSuffix(_(" a page"))
        self.cards.setAccessibleName(_("Cards a page"))
        self.cards.setToolTip(_("Cards a page: ") + ", ".join(str(n) for n in CARD_GRIDS))
        self.printer = SheetPrinter(self, core, settings)
        self.printer.said.connect(self.message)
        buttons = []
        for name, text, how in (
            ("previewSheets", _("Preview…"), "preview"),
            ("printSheets", _("Print…"), "print"),
            ("pdfSheets", "PDF", "pdf"),
        ):
            button = named(QToolButton(), name)
            button.setText(_(text))
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(button)
            for scope, label in SCOPES:
                action = menu.addAction(_(label))
                action.setObjectName(f"{how}-{scope}")
                action.triggered.connect(lambda _=False, h=how, s=scope: self.show_sheets(h, s))
            button.setMenu(menu)
            buttons.append(button)

        row = FlowLayout(self)  # wraps at 200 % scaling rather than cutting the buttons off
        row.setContentsMargins(0, 0, 0, 0)
        widgets: list[QWidget] = [self.layout_choice, self.paper, self.ink, self.cards]
        widgets += [self.icons_only, self.tracker, self.second]
        for widget in widgets:
            row.addWidget(widget)
        for combo, text in (
            (self.layout_choice, _("Sheet layout")),
            (self.paper, _("Paper size")),
            (self.ink, _("Ink")),
            (self.second, _("Second language")),
        ):
            row.addWidget(spoken_label(combo, text))
        for button in buttons:
            row.addWidget(button)
        self.layout_choice.currentIndexChanged.connect(self._on_layout)
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

    def _choices(self) -> dict[str, object]:
        """The bar's choices as the "routines" sheet's values (paper and ink apart)."""
        options = self.options()
        return {
            "layout": options.layout.value,
            "icons_only": options.icons_only,
            "cards_per_page": options.cards_per_page,
            "tracker": options.with_tracker,
            "second_language": str(self.second.currentData() or ""),
        }

    def scope_values(self, scope: str) -> dict[str, object] | None:
        """Which sheets: the routine, the family's, or every family of its circle."""
        family_id, routine_id = self._target()
        if family_id is None:
            self.message.emit(_("Choose a family first."))
            return None
        if scope == "routine":
            if routine_id is None:
                self.message.emit(_("Choose a routine to print."))
                return None
            return {"family": str(family_id), "routine": routine_id}
        if scope == "series":
            series_id = self._core.families.get_family(family_id).series_id
            if series_id is None:
                self.message.emit(_("This family is in no circle: choose its circle first."))
                return None
            return {"series": series_id}
        return {"family": str(family_id)}

    def show_sheets(self, how: str, scope: str = "routine") -> QWidget | None:
        """Preview, print or save (how) the sheets of a scope, as one document."""
        values = self.scope_values(scope)
        if values is None:
            return None
        paper, ink = str(self.paper.currentData()), str(self.ink.currentData())
        return self.printer.show(how, "routines", values | self._choices(), paper=paper, ink=ink)

    def export(self, path: str, scope: str) -> Path | None:
        """Write the PDF for the routine, the family, or every family of its circle."""
        values = self.scope_values(scope)
        if values is None:
            return None
        paper, ink = str(self.paper.currentData()), str(self.ink.currentData())
        return self.printer.save_pdf(
            path, "routines", values | self._choices(), paper=paper, ink=ink
        )
