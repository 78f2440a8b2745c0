"""The main window's screens (one table: the sidebar and the View menu list them) and its
menus: File, Edit, View, Run and Help."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from attune_desktop.core.i18n import N_, _
from attune_desktop.ui.backups.backup_actions import BackupActions
from attune_desktop.ui.common.theme_menu import ThemeMenu
from attune_desktop.ui.common.ui_language import language_menu
from attune_desktop.ui.edit_actions import EditActions
from attune_desktop.ui.organisation.org_actions import OrgActions

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QMainWindow

    from attune_desktop.ui.run.launcher import RunLauncher
    from attune_desktop.ui.series.series_view import SeriesView
    from attune_desktop.ui.shell import UiContext

    _Window = QMainWindow
else:
    _Window = object


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    shortcut: str


PAGES = (
    Page("series", N_("Series"), "Ctrl+1"),
    Page("sessions", N_("Sessions"), "Ctrl+2"),
    Page("practices", N_("Practices"), "Ctrl+3"),
    Page("checkins", N_("Check-ins"), "Ctrl+4"),
    Page("routines", N_("Routines"), "Ctrl+5"),
)


class MainMenus(_Window):
    """The menu bar of `MainWindow`, mixed into it (which sets these attributes)."""

    _context: UiContext
    run_launcher: RunLauncher
    backup_actions: BackupActions
    org_actions: OrgActions
    edit_actions: EditActions
    theme_menu: ThemeMenu

    if TYPE_CHECKING:  # MainWindow's

        @property
        def series_view(self) -> SeriesView: ...

        def show_page_row(self, row: int) -> None: ...

        def _selected_session_id(self) -> int | None: ...

        def show_about(self) -> None: ...

    def show_org_report(self) -> QDialog:
        """Every circle in a date range, as a PDF or CSV (an organiser's home holds them all)."""
        from attune_desktop.ui.series.org_report_dialog import OrgReportDialog

        dialog = OrgReportDialog(self._context, self, dt.date.today())
        self.org_report_dialog = dialog  # kept while open
        dialog.open()
        return dialog

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.addActions(self.series_view.file_actions())
        self.backup_actions = BackupActions(self._context, self)
        file_menu.addActions(self.backup_actions.actions())
        self.org_actions = OrgActions(self._context, self)
        self.org_actions.add_to(file_menu)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        # Some platforms bind no key to Quit; Ctrl+Q is then the one people expect.
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        quit_action.setShortcuts(quit_keys or [QKeySequence("Ctrl+Q")])
        quit_action.setObjectName("quitAction")
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.edit_actions = EditActions(self._context.undo, self)
        self.edit_actions.add_to(edit_menu)

        view_menu = self.menuBar().addMenu(_("&View"))
        for row, page in enumerate(PAGES):
            action = QAction(_(page.label), self, shortcut=QKeySequence(page.shortcut))
            action.triggered.connect(lambda _=False, r=row: self.show_page_row(r))
            view_menu.addAction(action)
            self.addAction(action)  # so the shortcut works wherever focus is in the window
        view_menu.addSeparator()
        self.theme_menu = ThemeMenu(self._context.settings, self)
        view_menu.addMenu(self.theme_menu.menu)
        view_menu.addMenu(language_menu(self, self._context.settings))

        run_menu = self.menuBar().addMenu(_("&Run"))
        run_action = QAction(_("&Run session"), self, shortcut=QKeySequence("F5"))
        run_action.setObjectName("runSessionAction")
        run_action.triggered.connect(
            lambda: self.run_launcher.run_session(self._selected_session_id())
        )
        run_menu.addAction(run_action)
        self.addAction(run_action)
        rehearse = QAction(_("R&ehearse session"), self, shortcut=QKeySequence("Shift+F5"))
        rehearse.setObjectName("rehearseSessionAction")
        rehearse.setToolTip(_("Run it through without recording anything (Shift+F5)"))
        rehearse.triggered.connect(
            lambda: self.run_launcher.rehearse_session(self._selected_session_id())
        )
        run_menu.addAction(rehearse)
        self.addAction(rehearse)
        summary = QAction(_("&Planned vs actual…"), self)
        summary.setObjectName("runSummaryAction")
        summary.triggered.connect(
            lambda: self.run_launcher.show_summary(self._selected_session_id())
        )
        run_menu.addAction(summary)
        checklist = QAction(_("Fidelity &checklist…"), self)
        checklist.setObjectName("fidelityChecklistAction")
        checklist.setToolTip(
            _("What happened in the selected session: agenda, home practice, turns")
        )
        checklist.triggered.connect(
            lambda: self.run_launcher.show_checklist(self._selected_session_id())
        )
        run_menu.addAction(checklist)

        reports_menu = self.menuBar().addMenu(_("Re&ports"))
        org_report = QAction(_("&Organisation report…"), self)
        org_report.setObjectName("orgReportAction")
        org_report.triggered.connect(self.show_org_report)
        reports_menu.addAction(org_report)

        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("&About Attune Desktop"), self, shortcut=QKeySequence("F1"))
        about.setObjectName("aboutAction")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
