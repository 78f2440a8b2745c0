"""Open a check-in round: when in the session, on which scale, how many answers it needs, in
which language the room sees it, and whether phones on the local network may answer."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.checkin_live import MAX_CAP
from attune_desktop.core.checkin_rules import (
    DEFAULT_MIN_RESPONSES,
    FLOOR_MIN_RESPONSES,
    validate_min_responses,
)
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import ROOM_LANGUAGES, _
from attune_desktop.core.models import RoundMoment
from attune_desktop.core.services.checkins import (
    MAX_MIN_RESPONSES,
    MOMENT_LABELS,
    CheckInService,
    round_title,
)
from attune_desktop.ui.checkins.pictures import Pictures
from attune_desktop.ui.common.widgets import named

# The room languages, each in its own name (the one list in core.i18n).
LANGUAGE_NAMES = {language.code: language.name for language in ROOM_LANGUAGES}
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class OpenedRound:
    round_id: int
    lang: str
    phone_host: str | None  # the address phones reach, or None when phones are not used


def local_ipv4_addresses() -> list[tuple[str, str]]:
    """(address, description) of this laptop's IPv4 addresses, the room's networks first."""
    found: list[tuple[str, str]] = []
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if not flags & QNetworkInterface.InterfaceFlag.IsUp:
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            if ip.isLoopback():
                continue
            found.append((ip.toString(), interface.humanReadableName()))
    found.append((LOOPBACK, _("this laptop only")))
    return found


class OpenRoundDialog(QDialog):
    opened = Signal(object)  # OpenedRound

    def __init__(
        self,
        service: CheckInService,
        session_id: int,
        *,
        lang: str = "en",
        minimum: int = DEFAULT_MIN_RESPONSES,
        pictures: Pictures | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openRoundDialog")
        self.setWindowTitle(_("Open a check-in round"))
        self._service, self._session_id = service, session_id
        pictures = pictures or Pictures()
        self.moment = named(QComboBox(), "roundMoment")
        for moment in RoundMoment:
            self.moment.addItem(_(MOMENT_LABELS[moment]), moment.value)
        # The likely next one: opening, then closing, then after a practice.
        self.moment.setCurrentIndex(self.moment.findData(service.next_moment(session_id).value))
        self.name = named(QLineEdit(), "roundName")
        self.name.setPlaceholderText(_("Optional; needed for a named round, e.g. “After lunch”"))
        self.name.setMaxLength(120)
        self.scale = named(QComboBox(), "roundScale")
        for scale in service.scales():
            picture = scale.options[0].picture
            self.scale.addItem(pictures.icon(picture, 24), scale.name(), scale.key)
        self.minimum = named(QSpinBox(), "roundMinimum")
        self.minimum.setRange(FLOOR_MIN_RESPONSES, MAX_MIN_RESPONSES)
        self.minimum.setValue(minimum)
        self.minimum.setSuffix(_(" answers"))
        self.minimum_warning = named(QLabel(), "roundMinimumWarning")
        self.minimum_warning.setWordWrap(True)
        self.minimum_warning.setProperty("role", "error")  # the theme's warm words
        self.minimum.valueChanged.connect(self._on_minimum_changed)
        self.cap = named(QSpinBox(), "roundCap")
        self.cap.setRange(1, MAX_CAP)
        self.cap.setValue(service.default_cap(session_id))
        self.cap.setSuffix(_(" answers at most"))
        self.cap.setToolTip(
            _(
                "No more answers than this are counted, however they arrive (phones, kiosk, "
                "paper). It starts at the session's head count, else the circle's size."
            )
        )
        self.language = named(QComboBox(), "roundLanguage")
        for code, label in LANGUAGE_NAMES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.phones = named(QCheckBox(_("Let phones on the local network answer")), "roundPhones")
        self.address = named(QComboBox(), "roundAddress")
        for address, description in local_ipv4_addresses():
            self.address.addItem(f"{address} ({description})", address)
        self.address.setEnabled(False)
        self.phones.toggled.connect(self.address.setEnabled)
        self.message = named(QLabel(), "roundMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")  # the theme's warm words

        form = QFormLayout()
        form.addRow(_("When"), self.moment)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Scale"), self.scale)
        form.addRow(_("Show results from"), self.minimum)
        form.addRow("", self.minimum_warning)
        form.addRow(_("Answers allowed"), self.cap)
        form.addRow(_("Room language"), self.language)
        form.addRow("", self.phones)
        form.addRow(_("Network"), self.address)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        open_button = buttons.addButton(_("Open round"), QDialogButtonBox.ButtonRole.AcceptRole)
        open_button.setObjectName("roundOpenButton")
        self.open_button = open_button
        buttons.accepted.connect(self._on_open)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        still_open = service.open_round_of(session_id)
        if still_open is not None:  # say so now, not after the whole form is filled in
            self.message.setText(
                _("Close the open round first: “{0}” is still open.").format(
                    round_title(still_open)
                )
            )
            open_button.setEnabled(False)

    def _on_minimum_changed(self, value: int) -> None:
        self.minimum_warning.setText(" ".join(validate_min_responses(value)))

    def _on_open(self) -> None:
        try:
            round_ = self._service.open_round(
                self._session_id,
                str(self.moment.currentData()),
                str(self.scale.currentData()),
                self.name.text(),
                self.minimum.value(),
                self.cap.value(),
            )
        except AttuneError as refused:
            self.message.setText(str(refused))
            return
        host = str(self.address.currentData()) if self.phones.isChecked() else None
        self.opened.emit(OpenedRound(round_.id or 0, str(self.language.currentData()), host))
        self.accept()
