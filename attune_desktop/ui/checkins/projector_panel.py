"""What the room sees of a check-in on the projector: how to join while open, results after.

Self-contained: give it the service, the round and (when phones may answer) the join details;
it follows the round's announcements on its own. While the round is open it shows the QR code,
the short address and the code, never how many have answered.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from attune_desktop.core.checkin_scales import is_rtl
from attune_desktop.core.checkin_texts import text
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import RoundStatus
from attune_desktop.core.services.base import Change
from attune_desktop.core.services.checkins import ROUND, CheckInService
from attune_desktop.net.checkin_server import JoinInfo
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.checkins.qr_code import QrCodeWidget
from attune_desktop.ui.checkins.results_chart import INK, ResultsChart
from attune_desktop.ui.common.chart_words import read_as_chart
from attune_desktop.ui.common.subscriptions import Subscriptions
from attune_desktop.ui.common.widgets import named

BACKGROUND = "#f6f4ef"


class PanelHost(Protocol):
    """A room screen that can show a participant-safe panel (a live run's projector)."""

    def show_panel(self, widget: QWidget | None) -> None: ...


def place_in_the_room(window: QWidget, host: PanelHost | None) -> None:
    """On the projector a run already shows, else full screen on the second screen (or a
    window on a laptop alone)."""
    if host is not None:
        host.show_panel(window)
        return
    window.setWindowTitle(_("Attune · Check-in"))
    screens = QGuiApplication.screens()
    if len(screens) > 1:
        window.setGeometry(screens[-1].geometry())
        window.showFullScreen()
    else:
        window.resize(960, 540)
        window.show()


def _big(name: str, share: float, *, bold: bool = False) -> QLabel:
    label = named(QLabel(), name)
    label.setWordWrap(True)
    label.setProperty("share", share)
    label.setProperty("bold", bold)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class CheckInProjectorPanel(QWidget):
    """The room's view of one round; `set_join` when the phone server starts or stops."""

    def __init__(
        self,
        service: CheckInService,
        round_id: int,
        *,
        join: JoinInfo | None = None,
        lang: str = "en",
        pictures: Pictures | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkInProjectorPanel")
        # A light page with dark ink whatever the app's palette: the fill comes from the
        # palette (a stylesheet background does not paint a plain QWidget's own area).
        page = self.palette()
        page.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
        page.setColor(QPalette.ColorRole.WindowText, INK)
        self.setPalette(page)
        self.setAutoFillBackground(True)
        # The same in the stylesheet, for every widget inside: it wins over the projector
        # window's rule that paints its own widgets dark (the room could not read the results).
        self.setStyleSheet(
            "#checkInProjectorPanel, #checkInProjectorPanel QWidget"
            f" {{ background: {BACKGROUND}; }}"
            f" #checkInProjectorPanel QLabel {{ color: {INK.name()}; }}"
        )
        self._service, self._round_id, self._join, self._lang = service, round_id, join, lang
        self._pictures = pictures or Pictures()
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight
        )

        self.question = _big("projectorQuestion", 0.07, bold=True)
        self.qr = named(QrCodeWidget(), "projectorQr")
        self.phone_hint = _big("projectorPhoneHint", 0.055, bold=True)
        self.or_go = _big("projectorOrGo", 0.04)
        self.short_url = _big("projectorShortUrl", 0.06, bold=True)
        self.short_url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code_hint = _big("projectorCodeHint", 0.045)
        self.code = _big("projectorCode", 0.14, bold=True)
        if is_rtl(lang):  # the address and code read left to right, but sit with the words
            for label in (self.short_url, self.code):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.waiting = _big("projectorWaiting", 0.045)
        self._waiting_alignment = self.waiting.alignment()
        words = QVBoxLayout()
        words.addStretch(1)
        for label in (
            self.phone_hint,
            self.or_go,
            self.short_url,
            self.code_hint,
            self.code,
            self.waiting,
        ):
            words.addWidget(label)
        words.addStretch(1)
        join_row = QHBoxLayout()
        join_row.addWidget(self.qr, 1)
        join_row.addSpacing(32)
        join_row.addLayout(words, 1)
        join_page = QWidget()
        join_layout = QVBoxLayout(join_page)
        join_layout.addWidget(self.question)
        join_layout.addLayout(join_row, 1)

        self.chart = named(ResultsChart(self._pictures, ink=INK), "projectorResults")
        read_as_chart(self.chart, _("Results"), focus=False)  # the Round tab's chart takes Tab
        self.pages = QStackedWidget()
        self.pages.addWidget(join_page)
        self.pages.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.pages)

        subscriptions = Subscriptions(self)
        subscriptions.on(service.changed, self._on_changed)
        self.refresh()

    @property
    def round_id(self) -> int:
        return self._round_id

    def set_join(self, join: JoinInfo | None) -> None:
        self._join = join
        self.refresh()

    def showing_results(self) -> bool:
        return self.pages.currentWidget() is self.chart

    def _on_changed(self, change: Change) -> None:
        # Only a round's own changes (opened, closed, deleted) matter; an answer arriving
        # must not change anything the room can see.
        if change.entity == ROUND and self._round_id in change.ids:
            self.refresh()

    def refresh(self) -> None:
        try:
            round_ = self._service.get_round(self._round_id)
            scale = self._service.scale(round_.scale_key)
        except AttuneError:
            self.pages.setCurrentIndex(0)
            self.question.setText("")
            self.qr.set_text("")
            for label in (self.phone_hint, self.or_go, self.short_url, self.code_hint, self.code):
                label.setText("")
            return
        lang = self._lang
        closed = round_.status == RoundStatus.CLOSED
        if closed and self._service.shown_to_room(self._round_id):
            result = self._service.results(self._round_id)
            self.chart.show_result(scale, result, lang, round_.min_responses)
            self.pages.setCurrentWidget(self.chart)
            return
        self.pages.setCurrentIndex(0)
        self.question.setText(scale.question(lang))
        join = None if closed else self._join  # closed: the facilitator looks first
        self.qr.setVisible(join is not None)
        self.qr.set_text(join.url if join else "")
        self.phone_hint.setText(text(lang, "phone"))
        self.or_go.setText(text(lang, "or_go"))
        self.short_url.setText(join.short_url if join else "")
        self.code_hint.setText(text(lang, "and_code") if join else "")
        self.code.setText(join.code if join else "")
        for label in (self.phone_hint, self.or_go, self.short_url, self.code_hint, self.code):
            label.setVisible(join is not None)
        self.waiting.setText(text(lang, "kiosk_closed" if closed else "open"))
        self.waiting.setAlignment(  # alone on the page once closed: in the middle
            Qt.AlignmentFlag.AlignCenter if closed else self._waiting_alignment
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = max(self.height(), 200)
        for label in self.findChildren(QLabel):
            share = label.property("share")
            if isinstance(share, float):
                font = QFont(label.font())
                font.setPixelSize(max(14, int(height * share)))
                font.setBold(bool(label.property("bold")))
                label.setFont(font)
