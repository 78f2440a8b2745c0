"""One round on the facilitator's screen: how many answered (here only), the ways to answer
(kiosk, paper, phones), the minimum, closing, and the results the rules allow."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.checkin_rules import FLOOR_MIN_RESPONSES, validate_min_responses
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import RoundStatus
from attune_desktop.core.services.checkins import (
    MAX_MIN_RESPONSES,
    CheckInService,
    round_title,
)
from attune_desktop.core.value_labels import status_label
from attune_desktop.ui.checkins.commands import DeleteRound, SetMinimum
from attune_desktop.ui.checkins.kiosk import KioskWindow
from attune_desktop.ui.checkins.phones import PhoneAccess
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.checkins.results_chart import ResultsChart
from attune_desktop.ui.checkins.tally_dialog import TallyDialog
from attune_desktop.ui.common.chart_words import read_as_chart
from attune_desktop.ui.common.flow_layout import FlowLayout
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import button_row, named


def _button(text: str, name: str) -> QPushButton:
    return named(QPushButton(text), name)


class RoundPanel(QWidget):
    projector_requested = Signal()
    shown_to_room = Signal(int)  # the facilitator chose to show a closed round's results

    def __init__(
        self,
        service: CheckInService,
        undo: QUndoStack,
        phones: PhoneAccess,
        pictures: Pictures,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roundPanel")
        self._service, self._undo, self._phones, self._pictures = service, undo, phones, pictures
        self._round_id: int | None = None
        self._lang = "en"
        self._host = "127.0.0.1"
        self.kiosk: KioskWindow | None = None
        self.tally: TallyDialog | None = None
        self._confirm: QMessageBox | None = None

        self.title = named(QLabel(), "roundTitle")
        self.title.setProperty("role", "subtitle")
        self.answered = named(QLabel(), "roundAnswered")
        self.answered.setToolTip(_("Only on your screen; the room never sees a running count."))
        self.kiosk_button = _button(_("Kiosk (full screen)"), "kioskButton")
        self.tally_button = _button(_("Paper tally…"), "tallyButton")
        self.phones_button = _button(_("Let phones answer"), "phonesButton")
        self.phones_button.setCheckable(True)
        self.close_button = _button(_("Close round"), "closeRoundButton")
        self.delete_button = _button(_("Delete round"), "deleteRoundButton")
        self.projector_button = _button(_("Show on projector"), "projectorButton")
        self.show_button = _button(_("Show to the room"), "showToRoomButton")
        self.show_button.setToolTip(
            _("Closing shows the results here only. This puts them on the projector.")
        )
        self.shown_label = named(QLabel(), "shownToRoomLabel")
        self.minimum = named(QSpinBox(), "minimumSpin")
        self.minimum.setRange(FLOOR_MIN_RESPONSES, MAX_MIN_RESPONSES)
        self.minimum.setPrefix(_("Show results from "))
        self.minimum.setSuffix(_(" answers"))
        self.minimum.setKeyboardTracking(False)
        self.minimum.setAccessibleName(_("Fewest answers before results show"))
        self.warning = named(QLabel(), "minimumWarning")
        self.warning.setWordWrap(True)
        self.warning.setProperty("role", "error")  # the theme's warm words
        self.join = named(QLabel(), "joinLabel")
        self.join.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = named(QLabel(), "roundMessage")
        self.message.setWordWrap(True)
        self.chart = named(ResultsChart(pictures), "resultsChart")
        read_as_chart(self.chart, _("Results of the round"))

        actions = button_row(self.kiosk_button, self.tally_button, self.phones_button)
        second = FlowLayout()  # wraps at 200 % scaling
        second.addWidget(self.minimum)
        for button in (
            self.projector_button,
            self.show_button,
            self.close_button,
            self.delete_button,
        ):
            second.addWidget(button)
        second.addWidget(self.shown_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)  # breathing room inside its tab
        for widget in (self.title, self.answered):
            layout.addWidget(widget)
        layout.addLayout(actions)
        layout.addWidget(self.join)
        layout.addLayout(second)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addWidget(self.chart, 1)

        self.kiosk_button.clicked.connect(self._on_kiosk)
        self.tally_button.clicked.connect(self._on_tally)
        self.phones_button.toggled.connect(self._on_phones_toggled)
        self.close_button.clicked.connect(self._on_close)
        self.delete_button.clicked.connect(self._on_delete)
        self.projector_button.clicked.connect(self.projector_requested)
        self.show_button.clicked.connect(self._on_show_to_room)
        self.minimum.valueChanged.connect(self._on_minimum_changed)
        phones.join_changed.connect(lambda _join: self.refresh())
        phones.failed.connect(self._on_phones_failed)
        Subscriptions(self).refresh_on(service.changed, self.refresh)
        self.refresh()

    @property
    def round_id(self) -> int | None:
        return self._round_id

    @property
    def lang(self) -> str:
        return self._lang

    def set_round(self, round_id: int | None, lang: str = "en") -> None:
        self._round_id, self._lang = round_id, lang
        self.message.clear()
        self.refresh()

    def start_phones(self, host: str) -> None:
        self._host = host
        if self._round_id is not None:
            self._phones.start(self._round_id, host, self._lang)

    def refresh(self) -> None:
        round_ = None
        if self._round_id is not None:
            try:
                round_ = self._service.get_round(self._round_id)
            except AttuneError:
                self._round_id = None
        is_open = round_ is not None and round_.status == RoundStatus.OPEN
        open_only: tuple[QWidget, ...] = (
            self.kiosk_button,
            self.tally_button,
            self.phones_button,
            self.minimum,
            self.close_button,
            self.answered,
        )
        for widget in open_only:
            widget.setVisible(is_open)
        for shown in (self.delete_button, self.projector_button, self.chart):
            shown.setVisible(round_ is not None)
        on_wall = round_ is not None and self._service.shown_to_room(round_.id or 0)
        self.show_button.setVisible(round_ is not None and not is_open and not on_wall)
        self.shown_label.setVisible(on_wall)
        self.shown_label.setText(_("On the projector for the room") if on_wall else "")
        serving = self._phones.round_id is not None and self._phones.round_id == self._round_id
        self.join.setVisible(is_open and serving)
        if round_ is None:
            self.title.setText(_("Pick a round, or open a new one."))
            return
        scale = self._service.scale(round_.scale_key)
        status = status_label(round_.status)
        self.title.setText(f"{round_title(round_)} · {scale.name()} · {status}")
        if is_open:
            count = self._service.answered(round_.id or 0)
            cap = self._service.cap(round_.id or 0)
            self.answered.setText(
                _("Answered so far: {0} of at most {1} (only you see this)").format(count, cap)
            )
        self.minimum.blockSignals(True)
        self.minimum.setValue(round_.min_responses)
        self.minimum.blockSignals(False)
        self.warning.setText(
            " ".join(validate_min_responses(round_.min_responses)) if is_open else ""
        )
        self.phones_button.blockSignals(True)
        self.phones_button.setChecked(serving)
        self.phones_button.blockSignals(False)
        join = self._phones.join
        if serving and join is not None:
            phones = _("Phones: {address}  code {code}")
            self.join.setText(phones.format(address=join.short_url, code=join.code))
        result = self._service.results(round_.id or 0)
        self.chart.show_result(scale, result, "en", round_.min_responses)
        look_first = _(
            "Closed. Only you see these results; choose “Show to the room” to put "
            "them on the projector."
        )
        if not is_open and not on_wall:
            self.message.setText(look_first)
        elif self.message.text() == look_first:
            self.message.clear()

    # --- actions --------------------------------------------------------------------------

    def _on_kiosk(self) -> None:
        if self._round_id is None:
            return
        self.kiosk = KioskWindow(
            self._service, self._round_id, lang=self._lang, pictures=self._pictures
        )
        self.kiosk.left.connect(self._on_kiosk_left)
        self.kiosk.showFullScreen()

    def _on_kiosk_left(self) -> None:
        if self.kiosk is not None:
            self.kiosk.deleteLater()
            self.kiosk = None
        self.window().activateWindow()

    def _on_tally(self) -> None:
        if self._round_id is None:
            return
        self.tally = TallyDialog(self._service, self._round_id, self._pictures, self)
        self.tally.open()

    def _on_phones_toggled(self, on: bool) -> None:
        if self._round_id is None:
            return
        if on:
            self._phones.start(self._round_id, self._host, self._lang)
        else:
            self._phones.stop()

    def _on_phones_failed(self, message: str) -> None:
        self.message.setText(message)
        self.refresh()

    def _on_minimum_changed(self, value: int) -> None:
        if self._round_id is None:
            return
        old = self._service.get_round(self._round_id).min_responses
        if old == value:
            return
        try:
            self._service.set_min_responses(self._round_id, value)
        except AttuneError as refused:
            self.message.setText(str(refused))
            self.refresh()
            return
        self._undo.push(SetMinimum(self._service, self._round_id, old, value))

    def _on_close(self) -> None:
        if self._round_id is None:
            return
        if self._phones.round_id == self._round_id:
            self._phones.stop()
        if self.kiosk is not None:
            self.kiosk.leave()
        try:
            self._service.close_round(self._round_id)
        except AttuneError as refused:
            self.message.setText(str(refused))

    def _on_show_to_room(self) -> None:
        if self._round_id is None:
            return
        try:
            self._service.show_to_room(self._round_id)
        except AttuneError as refused:
            self.message.setText(str(refused))
            return
        self.message.clear()
        self.shown_to_room.emit(self._round_id)

    def _on_delete(self) -> None:
        if self._round_id is None:
            return
        round_id = self._round_id
        if self._phones.round_id == round_id:
            self._phones.stop()
        title = round_title(self._service.get_round(round_id))
        snapshot = self._service.delete_round(round_id)
        self._undo.push(DeleteRound(self._service, snapshot, title))
        self.set_round(None)
