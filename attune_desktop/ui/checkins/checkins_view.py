"""The Check-ins screen: pick a session, open and run its rounds, see what the rules allow.

Counts are never listed here: the facilitator sees how many answered while a round is open,
and afterwards only the results `reveal` returns. The projector preview is the same panel the
projector window shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core import locale_format
from attune_desktop.core.errors import NotFoundError
from attune_desktop.core.i18n import _
from attune_desktop.ui.checkins.commands import AddScale
from attune_desktop.ui.checkins.export_action import CheckInsExport
from attune_desktop.ui.checkins.open_round_dialog import OpenedRound, OpenRoundDialog
from attune_desktop.ui.checkins.phones import PhoneAccess
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.checkins.projector_panel import (
    CheckInProjectorPanel,
    PanelHost,
    place_in_the_room,
)
from attune_desktop.ui.checkins.round_panel import RoundPanel
from attune_desktop.ui.checkins.rounds_table import OpenRoundHint, rounds_table
from attune_desktop.ui.checkins.scale_editor import ScaleEditorDialog
from attune_desktop.ui.checkins.shift_chart import SeriesShiftChart, shift_summary
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import named, page_layout, side_by_side, spoken_label
from attune_desktop.ui.shell import UiContext

LANGUAGE_SETTING = "checkins/language"


class CheckInsView(CheckInsExport, QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinsView")
        self._core, self._undo, self._settings = context.core, context.undo, context.settings
        service = self._core.checkins
        self._service = service
        self._pictures = Pictures()
        self._langs: dict[int, str] = {}
        self.phones = PhoneAccess(service, parent=self)
        self.dialog: OpenRoundDialog | ScaleEditorDialog | None = None
        self.projector_window: CheckInProjectorPanel | None = None
        # Set by the main window: the projector of a run in progress, if any, so a check-in
        # shows on the screen the room is already watching.
        self.projector_host: Callable[[], PanelHost | None] = lambda: None

        self.session = named(QComboBox(), "sessionPicker")
        self.session.setAccessibleName(_("Session"))
        # may narrow below its long placeholder, so the row never widens the page
        self.session.setMinimumWidth(180)
        self.session.setPlaceholderText(  # shown while there is no session to pick
            _("No sessions yet: plan a series in Series (Ctrl+1) or make one in Sessions (Ctrl+2)")
        )
        self.open_button = named(QPushButton(_("Open a round…")), "openRoundButton")
        self.scale_button = named(QPushButton(_("Make a scale…")), "makeScaleButton")
        self.export_button = named(QPushButton(_("Export results…")), "exportResultsButton")
        self.export_button.setToolTip(
            _("A CSV of this session's rounds, under the same rules as the screen")
        )
        self.open_hint = OpenRoundHint()
        self.file_dialog: QFileDialog | None = None
        self.model, self.table = rounds_table(service, self)
        self.round_panel = RoundPanel(service, self._undo, self.phones, self._pictures)
        self.preview = named(
            CheckInProjectorPanel(service, 0, pictures=self._pictures), "projectorPreview"
        )
        self.shift = named(QLabel(), "sessionShift")
        self.shift.setWordWrap(True)
        self.series_chart = named(SeriesShiftChart(), "seriesShiftChart")
        self.tabs = named(QTabWidget(), "checkinTabs")
        self.tabs.addTab(self.round_panel, _("Round"))
        self.tabs.addTab(self.preview, _("Projector preview"))
        self.tabs.addTab(self.series_chart, _("Across the series"))

        layout = page_layout(
            self,
            _("Check-ins"),
            _("Anonymous rounds: no names, no order of answers, only a count per option."),
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Session")))
        top.addWidget(self.session, 1)
        top.addWidget(spoken_label(self.session, _("Session")))
        top.addWidget(self.open_button)
        top.addWidget(self.scale_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        layout.addWidget(self.open_hint)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.shift)
        splitter = side_by_side([left, self.tabs], [360, 800], stretch=1, factor=2)
        layout.addWidget(splitter, 1)

        self.session.currentIndexChanged.connect(self._on_session_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_round_selected)
        self.open_button.clicked.connect(self._on_open_round)
        self.scale_button.clicked.connect(self._on_make_scale)
        self.export_button.clicked.connect(self._on_export)
        self.round_panel.projector_requested.connect(self.show_projector)
        self.round_panel.shown_to_room.connect(self._on_shown_to_room)
        self.phones.join_changed.connect(self._on_join_changed)
        subscriptions = Subscriptions(self)
        subscriptions.refresh_on(service.changed, self.refresh_rounds)
        # The series service records paper tallies typed on the Series screen, and deletes a
        # series with its sessions.
        subscriptions.refresh_on(self._core.series.changed, self.refresh_sessions)
        subscriptions.refresh_on(self._core.sessions.changed, self.refresh_sessions)
        self.refresh_sessions()

    # --- sessions and rounds ----------------------------------------------------------------

    def session_id(self) -> int | None:
        data = self.session.currentData()
        return int(data) if data is not None else None

    def select_session(self, session_id: int) -> None:
        self.session.setCurrentIndex(max(0, self.session.findData(session_id)))

    def refresh_sessions(self) -> None:
        current = self.session_id()
        self.session.blockSignals(True)
        self.session.clear()
        for session in self._core.sessions.list_session_titles():
            day = locale_format.short_date(session.date) if session.date else _("no date")
            self.session.addItem(f"{day} · {session.title}", session.id)
        if self.session.count():  # with a placeholder, Qt would leave nothing chosen
            self.session.setCurrentIndex(0)
        self.session.blockSignals(False)
        if current is not None and self.session.findData(current) >= 0:
            self.select_session(current)
        self._on_session_changed()

    def refresh_rounds(self) -> None:
        session_id = self.session_id()
        session = None
        if session_id is not None:
            try:
                session = self._core.sessions.get_session(session_id)
            except NotFoundError:  # deleted with its series, or not in a restored backup
                self.refresh_sessions()
                return
        rounds = self._service.rounds(session_id) if session_id is not None else []
        selected = self.round_panel.round_id
        self.model.set_rows(rounds)
        still_open = self.open_hint.show_for(rounds)
        self.open_button.setEnabled(session_id is not None and still_open is None)
        row = self.model.find(lambda r: r.id == selected)
        if row >= 0:
            self.table.selectRow(row)
        if session_id is not None and session is not None:
            self.shift.setText(shift_summary(self._service.session_shift(session_id)))
            series_id = session.series_id
            weeks = self._service.series_shifts(series_id) if series_id is not None else []
            self.series_chart.set_weeks(weeks)
        else:
            self.shift.clear()
            self.series_chart.set_weeks([])

    def select_round(self, round_id: int) -> None:
        self.refresh_rounds()
        row = self.model.find(lambda r: r.id == round_id)
        if row >= 0:
            self.table.selectRow(row)
        self._show_round(round_id)

    def _on_session_changed(self, *_args: object) -> None:
        self.round_panel.set_round(None)
        self.refresh_rounds()
        rounds = self.model.rows()
        open_rounds = [r for r in rounds if r.status == "open"]
        chosen = open_rounds[0] if open_rounds else (rounds[-1] if rounds else None)
        if chosen is not None:
            self.select_round(chosen.id or 0)

    def _on_round_selected(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        round_ = self.model.row_at(indexes[0].row()) if indexes else None
        if round_ is not None and round_.id != self.round_panel.round_id:
            self._show_round(round_.id or 0)

    def _show_round(self, round_id: int) -> None:
        lang = self._langs.get(round_id, self._settings.text(LANGUAGE_SETTING))
        self.round_panel.set_round(round_id, lang)
        self._replace_preview(round_id, lang)

    def _replace_preview(self, round_id: int, lang: str) -> None:
        index = self.tabs.indexOf(self.preview)
        join = self.phones.join if self.phones.round_id == round_id else None
        preview = CheckInProjectorPanel(
            self._service, round_id, join=join, lang=lang, pictures=self._pictures
        )
        preview.setObjectName("projectorPreview")
        self.tabs.removeTab(index)
        self.preview.deleteLater()
        self.preview = preview
        self.tabs.insertTab(index, preview, _("Projector preview"))

    # --- actions ----------------------------------------------------------------------------

    def _on_open_round(self) -> None:
        session_id = self.session_id()
        if session_id is None:
            return
        dialog = OpenRoundDialog(
            self._service,
            session_id,
            lang=self._settings.text(LANGUAGE_SETTING),
            minimum=self._settings.whole("checkin/min_responses"),
            pictures=self._pictures,
        )
        dialog.setParent(self, dialog.windowFlags())
        dialog.opened.connect(self._on_round_opened)
        self.dialog = dialog
        dialog.open()

    def _on_round_opened(self, opened: OpenedRound) -> None:
        self._langs[opened.round_id] = opened.lang
        self._settings.set(LANGUAGE_SETTING, opened.lang)
        self.select_round(opened.round_id)
        if opened.phone_host is not None:
            self.round_panel.start_phones(opened.phone_host)

    def _on_make_scale(self) -> None:
        dialog = ScaleEditorDialog(self._service, self._pictures)
        dialog.setParent(self, dialog.windowFlags())
        dialog.created.connect(
            lambda key, name: self._undo.push(AddScale(self._service, key, name))
        )
        self.dialog = dialog
        dialog.open()

    def _on_join_changed(self, join: object) -> None:
        for panel in (self.preview, self.projector_window):
            if panel is not None and panel.round_id == self.phones.round_id:
                panel.set_join(self.phones.join)
            elif panel is not None and self.phones.join is None:
                panel.set_join(None)

    def _on_shown_to_room(self, round_id: int) -> None:
        """Results go on the wall: the projector window opens if it is not showing the round."""
        window = self.projector_window
        if window is None or window.round_id != round_id or not window.isVisible():
            self.show_projector()

    def show_projector(self) -> None:
        """A projector window of the round, on the second screen when there is one."""
        round_id = self.round_panel.round_id
        if round_id is None:
            return
        if self.projector_window is not None:
            self.projector_window.close()
            self.projector_window.deleteLater()
        join = self.phones.join if self.phones.round_id == round_id else None
        window = CheckInProjectorPanel(
            self._service, round_id, join=join, lang=self.round_panel.lang, pictures=self._pictures
        )
        place_in_the_room(window, self.projector_host())
        self.projector_window = window
