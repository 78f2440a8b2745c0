"""Join an organisation: its address, this laptop's name, the organiser's one-time password.

Test tries the connection without changing anything; Join connects, swaps the one-time
password for a fresh one kept in the system keyring, and remembers the address. Both run in
the background; every failure (wrong password, unreachable, no TLS) is a sentence here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.i18n import _
from attune_desktop.core.org import connect
from attune_desktop.ui.organisation.worker import Worker


class JoinDialog(QDialog):
    joined = Signal(str)

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Join an organisation"))
        self.setObjectName("joinDialog")
        self._home = home
        self.url = self._field("joinUrl", "postgresql://server.example.org/organisation")
        self.laptop = self._field("joinLaptop", _("the name the organiser gave this laptop"))
        self.password = self._field("joinPassword", _("the one-time password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("&Address:"), self.url)
        form.addRow(_("&Laptop name:"), self.laptop)
        form.addRow(_("One-time &password:"), self.password)
        self.status = QLabel(_("The password is kept in this computer's keyring, never in a file."))
        self.status.setObjectName("joinStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.test_button = QPushButton(_("&Test"))
        self.test_button.setObjectName("joinTestButton")
        self.join_button = QPushButton(_("&Join"))
        self.join_button.setObjectName("joinButton")
        self.join_button.setDefault(True)
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.join_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self._test)
        self.join_button.clicked.connect(self._join)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.worker = Worker(self)
        self.worker.failed.connect(self._failed)
        self._then: Callable[[str], None] = self._tested
        self.worker.finished.connect(lambda message: self._then(str(message)))
        self.resize(520, self.sizeHint().height())

    def _field(self, name: str, hint: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setPlaceholderText(hint)
        field.setAccessibleName(hint)
        return field

    def _values(self) -> tuple[str, str, str]:
        return self.url.text().strip(), self.laptop.text().strip(), self.password.text()

    def _busy(self, message: str) -> None:
        self.status.setText(message)
        self.test_button.setEnabled(False)
        self.join_button.setEnabled(False)

    def _idle(self) -> None:
        self.test_button.setEnabled(True)
        self.join_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self._idle()

    def _test(self) -> None:
        url, laptop, password = self._values()
        self._busy(_("Trying the connection…"))
        self._then = self._tested
        self.worker.start(lambda _report: connect.check(connect.parse_url(url), laptop, password))

    def _join(self) -> None:
        url, laptop, password = self._values()
        self._busy(_("Joining…"))
        self._then = self._done
        home = self._home
        self.worker.start(lambda _report: connect.join(home, url, laptop, password))

    def _tested(self, message: str) -> None:
        self.status.setText(message)
        self._idle()

    def _done(self, message: str) -> None:
        self.status.setText(message)
        self._idle()
        self.password.clear()
        self.joined.emit(message)
        self.accept()
