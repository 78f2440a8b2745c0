"""The Sessions screen's Print button and Ctrl+P: the session's sheets through `SheetPrinter`.

Run sheet, participant agenda and the families' take-home card open in a print preview (which
prints too); Export PDF saves any of them; Ctrl+P goes straight to the printer dialog with the
run sheet, on the paper chosen in the app.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from attune_desktop.core.i18n import N_, _
from attune_desktop.ui.common.print_action import SheetPrinter
from attune_desktop.ui.common.widgets import named
from attune_desktop.ui.shell import UiContext

# (object name, menu text, sheet, values besides the session, suggested file)
SHEETS: tuple[tuple[str, str, str, dict[str, object], str], ...] = (
    (
        "RunSheet",
        N_("Run sheet (facilitator)…"),
        "agenda",
        {"audience": "facilitator"},
        "run-sheet",
    ),
    (
        "ParticipantAgenda",
        N_("Participant agenda…"),
        "agenda",
        {"audience": "participants"},
        "agenda",
    ),
    ("TakeHomeCard", N_("Take-home card…"), "take-home", {}, "take-home-card"),
)


class SessionPrintMenu(QObject):
    """A Print button with the session's sheets, and the Ctrl+P action for the run sheet."""

    def __init__(
        self, view: QWidget, context: UiContext, session_id: Callable[[], int | None]
    ) -> None:
        super().__init__(view)
        self._session_id = session_id
        self.printer = SheetPrinter(view, context.core, context.settings)
        menu = QMenu(view)
        menu.setObjectName("sessionPrintMenu")
        export = QMenu(_("Export PDF"), menu)
        export.setObjectName("sessionExportMenu")
        for name, text, sheet, values, file in SHEETS:
            shown = menu.addAction(_(text))
            shown.setObjectName(f"preview{name}")
            shown.triggered.connect(lambda _=False, s=sheet, v=values: self.run("preview", s, v))
            saved = export.addAction(_(text))
            saved.setObjectName(f"pdf{name}")
            saved.triggered.connect(
                lambda _=False, s=sheet, v=values, f=file: self.run("pdf", s, v, f)
            )
        menu.addSeparator()
        menu.addMenu(export)
        self.menu = menu
        self.button = named(QToolButton(), "printAgenda")
        self.button.setText(_("Print"))
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_action = QAction(_("Print run sheet"), view)
        self.print_action.setObjectName("printRunSheet")
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_action.setToolTip(_("Print the run sheet (Ctrl+P)"))
        self.print_action.triggered.connect(
            lambda: self.run("print", "agenda", {"audience": "facilitator"})
        )
        view.addAction(self.print_action)

    def run(
        self, how: str, sheet: str, values: dict[str, object], file: str = "sheet"
    ) -> QWidget | None:
        session_id = self._session_id()
        if session_id is None:
            return None
        suggested = f"{file}-{session_id}.pdf"
        return self.printer.show(how, sheet, {"session": session_id, **values}, suggested=suggested)
