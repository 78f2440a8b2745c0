"""The main window: a sidebar of screens, the menus, and remembered geometry and place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from attune_desktop.ui.about import AboutDialog
from attune_desktop.ui.agenda.agenda_view import AgendaBuilderView
from attune_desktop.ui.backups.backup_actions import BackupActions
from attune_desktop.ui.checkins.checkins_view import CheckInsView
from attune_desktop.ui.common.closing import CloseGate
from attune_desktop.ui.common.widgets import named
from attune_desktop.ui.practices.practice_view import PracticeLibraryView
from attune_desktop.ui.routines.routines_view import RoutinesView
from attune_desktop.ui.run.launcher import RunLauncher
from attune_desktop.ui.series.series_view import SeriesView
from attune_desktop.ui.shell import UiContext


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    shortcut: str


PAGES = (
    Page("series", "Series", "Ctrl+1"),
    Page("sessions", "Sessions", "Ctrl+2"),
    Page("practices", "Practices", "Ctrl+3"),
    Page("checkins", "Check-ins", "Ctrl+4"),
    Page("routines", "Routines", "Ctrl+5"),
)


class MainWindow(QMainWindow):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Attune Desktop")
        self._context = context
        self._settings = context.settings
        self._about: AboutDialog | None = None

        self.sidebar = named(QListWidget(), "sidebar")
        self.sidebar.setAccessibleName("Screens")
        self.sidebar.setFixedWidth(190)
        self.stack = named(QStackedWidget(), "pages")
        self.series_view = SeriesView(context)
        self.sessions_view = AgendaBuilderView(context)
        self.checkins_view = CheckInsView(context)
        views: dict[str, QWidget] = {
            "series": self.series_view,
            "sessions": self.sessions_view,
            "practices": PracticeLibraryView(context),
            "checkins": self.checkins_view,
            "routines": RoutinesView(context),
        }
        for page in PAGES:
            item = QListWidgetItem(page.label)
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            item.setToolTip(f"{page.label} ({page.shortcut})")
            self.sidebar.addItem(item)
            self.stack.addWidget(views[page.key])
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.series_view.session_activated.connect(self._on_open_session)
        self.run_launcher = RunLauncher(context, self)
        self.sessions_view.run_requested.connect(self.run_launcher.run_session)
        self.series_view.run_requested.connect(self.run_launcher.run_session)
        self.checkins_view.projector_host = self.run_launcher.live_projector
        QTimer.singleShot(0, self.run_launcher.offer_resume)  # a run a crash interrupted

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.close_gate = CloseGate(self, [self.checkins_view.phones])
        self.statusBar().showMessage(f"Data: {context.core.paths.home}")
        self._restore_place()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions(self.series_view.file_actions())
        self.backup_actions = BackupActions(self._context, self)
        file_menu.addActions(self.backup_actions.actions())
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        # Some platforms bind no key to Quit; Ctrl+Q is then the one people expect.
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        quit_action.setShortcuts(quit_keys or [QKeySequence("Ctrl+Q")])
        quit_action.setObjectName("quitAction")
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self._context.undo.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setObjectName("undoAction")
        redo = self._context.undo.createRedoAction(self, "&Redo")
        redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        redo.setObjectName("redoAction")
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)

        view_menu = self.menuBar().addMenu("&View")
        for row, page in enumerate(PAGES):
            action = QAction(page.label, self, shortcut=QKeySequence(page.shortcut))
            action.triggered.connect(lambda _=False, r=row: self.show_page_row(r))
            view_menu.addAction(action)
            self.addAction(action)  # so the shortcut works wherever focus is in the window

        run_menu = self.menuBar().addMenu("&Run")
        run_action = QAction("&Run session", self, shortcut=QKeySequence("F5"))
        run_action.setObjectName("runSessionAction")
        run_action.triggered.connect(
            lambda: self.run_launcher.run_session(self.sessions_view.selected_session_id())
        )
        run_menu.addAction(run_action)
        self.addAction(run_action)
        summary = QAction("&Planned vs actual…", self)
        summary.setObjectName("runSummaryAction")
        summary.triggered.connect(
            lambda: self.run_launcher.show_summary(self.sessions_view.selected_session_id())
        )
        run_menu.addAction(summary)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Attune Desktop", self, shortcut=QKeySequence("F1"))
        about.setObjectName("aboutAction")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_page(self, key: str) -> None:
        rows = [p.key for p in PAGES]
        self.show_page_row(rows.index(key) if key in rows else 0)

    def show_page_row(self, row: int) -> None:
        self.sidebar.setCurrentRow(row)
        page = self.stack.currentWidget()
        if page is not None:
            page.setFocus()

    def current_page(self) -> str:
        return PAGES[max(self.sidebar.currentRow(), 0)].key

    def show_about(self) -> None:
        if self._about is None:
            self._about = AboutDialog(self)
        self._about.open()

    def _on_open_session(self, session_id: int) -> None:
        self.show_page("sessions")
        self.sessions_view.select_session(session_id)

    def _restore_place(self) -> None:
        geometry = self._settings.value("ui/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        self.show_page(str(self._settings.value("ui/last_page", "series")))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_gate.hold(event):  # the phone server stops first, then this closes
            return
        self._settings.setValue("ui/geometry", self.saveGeometry())
        self._settings.setValue("ui/last_page", self.current_page())
        self._settings.sync()
        super().closeEvent(event)
