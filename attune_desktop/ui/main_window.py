"""The main window: a sidebar of screens, the menus, and remembered geometry and place."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from attune_desktop.core.i18n import _
from attune_desktop.ui.common.closing import CloseGate, Stoppable
from attune_desktop.ui.common.core_gate import CoreGate
from attune_desktop.ui.common.reflow import FollowingScrollArea
from attune_desktop.ui.common.widgets import named
from attune_desktop.ui.main_menus import PAGES, MainMenus
from attune_desktop.ui.run.launcher import RunLauncher
from attune_desktop.ui.series.series_view import SeriesView
from attune_desktop.ui.shell import UiContext

if TYPE_CHECKING:
    from attune_desktop.ui.about import AboutDialog
    from attune_desktop.ui.agenda.agenda_view import AgendaBuilderView
    from attune_desktop.ui.checkins.checkins_view import CheckInsView


FIRST_WIDTH = 1320  # a first start's width where the screen allows it


class PageStack(QStackedWidget):
    """The screens, one at a time, filling the room the window gives them.

    A page with wrapped text asks for more height the narrower it is; in a scroll area that
    would scroll every page. The page takes the area's height, and scrolls only below its
    minimum size.
    """

    def heightForWidth(self, _width: int) -> int:
        return -1

    def minimumSizeHint(self) -> QSize:
        # Only the page shown counts: a tall screen must not make every screen scroll.
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class MainWindow(MainMenus, QMainWindow):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(_("Attune Desktop"))
        self._context = context
        self._settings = context.settings
        # Painted before the core is open: what acts on data waits for it (first, so that it
        # is given back before the views set their own states from the services).
        self.core_gate = CoreGate(context)
        self._about: AboutDialog | None = None

        self.sidebar = named(QListWidget(), "sidebar")
        self.sidebar.setAccessibleName(_("Screens"))
        self.sidebar.setFixedWidth(190)
        self.stack = named(PageStack(), "pages")
        self.stack.currentChanged.connect(lambda _i: self.stack.updateGeometry())
        # A page is built the first time it is shown (or asked for): start-up builds only the
        # page it opens on, and a large home's sessions and families are read when wanted.
        self._built: dict[str, QWidget] = {}
        self._builders: dict[str, Callable[[], QWidget]] = {
            "series": self._build_series,
            "sessions": self._build_sessions,
            "practices": self._build_practices,
            "checkins": self._build_checkins,
            "routines": self._build_routines,
        }
        for page in PAGES:
            item = QListWidgetItem(_(page.label))
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            item.setToolTip(f"{_(page.label)} ({page.shortcut})")
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # a stand-in until the page is built
        self.run_launcher = RunLauncher(context, self)
        self.run_launcher.practice_requested.connect(self.show_practice)
        self.sidebar.currentRowChanged.connect(self._on_page_chosen)
        context.when_ready(lambda _core: self._after_opening())

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self._page_area(), 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.close_gate = CloseGate(self, self._stoppables)
        self.statusBar().showMessage(_("Data: {home}").format(home=context.paths.home))
        self._restore_place()
        self.core_gate.hold(self, self.sidebar)  # only before the core is open

    def _after_opening(self) -> None:
        QTimer.singleShot(0, self.run_launcher.offer_resume)  # a run a crash interrupted
        QTimer.singleShot(0, self._tell_about_interrupted_rounds)  # check-in answers lost

    def _tell_about_interrupted_rounds(self) -> None:
        from attune_desktop.ui.checkins.interrupted import tell_about_interrupted_rounds

        self.interrupted_rounds = tell_about_interrupted_rounds(self, self._context.core.checkins)

    def _page_area(self) -> QScrollArea:
        """The screens sit in a scroll area, so a wide screen never widens the window.

        A layout grows its window to the minimum of its widest page; here a page narrower
        than its minimum scrolls instead, and the window keeps the size the person chose.
        """
        area = named(FollowingScrollArea(), "pageArea")  # Tab never lands out of view
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setWidget(self.stack)
        return area

    @property
    def series_view(self) -> SeriesView:
        return cast(SeriesView, self.page("series"))

    @property
    def sessions_view(self) -> AgendaBuilderView:
        return cast("AgendaBuilderView", self.page("sessions"))

    @property
    def checkins_view(self) -> CheckInsView:
        return cast("CheckInsView", self.page("checkins"))

    def page(self, key: str) -> QWidget:
        """The page for `key`, built now if it has not been shown yet."""
        view = self._built.get(key)
        if view is None:
            view = self._builders[key]()
            self._built[key] = view
            row = [p.key for p in PAGES].index(key)
            stand_in = self.stack.widget(row)
            assert stand_in is not None
            self.stack.insertWidget(row, view)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        return view

    def _build_series(self) -> QWidget:
        view = SeriesView(self._context)
        view.session_activated.connect(self._on_open_session)
        view.run_requested.connect(self.run_launcher.run_session)
        return view

    def _build_sessions(self) -> QWidget:
        from attune_desktop.ui.agenda.agenda_view import AgendaBuilderView

        view = AgendaBuilderView(self._context)
        view.run_requested.connect(self.run_launcher.run_session)
        return view

    def _build_practices(self) -> QWidget:
        from attune_desktop.ui.practices.practice_view import PracticeLibraryView

        return PracticeLibraryView(self._context)

    def _build_checkins(self) -> QWidget:
        from attune_desktop.ui.checkins.checkins_view import CheckInsView

        view = CheckInsView(self._context)
        view.projector_host = self.run_launcher.live_projector
        return view

    def _build_routines(self) -> QWidget:
        from attune_desktop.ui.routines.routines_view import RoutinesView

        return RoutinesView(self._context)

    def _stoppables(self) -> list[Stoppable]:
        """What must stop before the window closes: the phone server, if Check-ins started."""
        if "checkins" not in self._built:
            return []
        return [self.checkins_view.phones]

    def _selected_session_id(self) -> int | None:
        """The session chosen in Sessions; none while that page was never opened."""
        if "sessions" not in self._built:
            return None
        return self.sessions_view.selected_session_id()

    def _on_page_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.page(PAGES[row].key)
        self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> None:
        rows = [p.key for p in PAGES]
        self.show_page_row(rows.index(key) if key in rows else 0)

    def show_page_row(self, row: int) -> None:
        self.sidebar.setCurrentRow(row)
        self._on_page_chosen(row)  # in case the row was already current
        page = self.stack.currentWidget()
        if page is not None:
            page.setFocus()

    def current_page(self) -> str:
        return PAGES[max(self.sidebar.currentRow(), 0)].key

    def show_about(self) -> None:
        if self._about is None:
            from attune_desktop.ui.about import AboutDialog  # built when first asked

            self._about = AboutDialog(self)
        self._about.open()

    def show_practice(self, practice_id: int) -> None:
        """The Practices screen on one practice, brought in front (asked for during a run)."""
        from attune_desktop.ui.practices.practice_view import PracticeLibraryView

        self.show_page("practices")
        cast(PracticeLibraryView, self.page("practices")).select_practice(practice_id)
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def _on_open_session(self, session_id: int) -> None:
        self.show_page("sessions")
        self.sessions_view.select_session(session_id)

    def _restore_place(self) -> None:
        geometry = self._settings.blob("ui/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:  # wide enough for every screen on a 1366-pixel laptop, and never off it
            available = self.screen().availableGeometry()
            self.resize(
                max(1200, min(FIRST_WIDTH, available.width() - 40)),
                min(760, max(560, available.height() - 40)),
            )
        self.show_page(self._settings.text("ui/last_page"))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_gate.hold(event):  # the phone server stops first, then this closes
            return
        self.run_launcher.close_presenter()  # a run going on stays saved, to resume
        self._settings.set("ui/geometry", self.saveGeometry())
        self._settings.set("ui/last_page", self.current_page())
        self._settings.sync()
        super().closeEvent(event)
