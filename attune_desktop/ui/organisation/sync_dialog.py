"""Sync with the organisation: a progress bar, what is being sent, and Cancel.

The sync runs on its own thread with its own connections; the window (and a live run) carry on.
Cancel stops between two series: what was sent stays sent, the rest goes next time.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from attune_desktop.core.container import Core
from attune_desktop.core.i18n import _
from attune_desktop.core.org import connect
from attune_desktop.core.services.base import Change, ChangeKind
from attune_desktop.core.services.org_sync import OrgSync, SyncProgress, SyncReport
from attune_desktop.ui.organisation.worker import Worker


class SyncDialog(QDialog):
    ended = Signal(str)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sync with the organisation"))
        self.setObjectName("syncDialog")
        self._core = core
        self._stop = threading.Event()
        self.bar = QProgressBar()
        self.bar.setObjectName("syncProgress")
        self.bar.setRange(0, 0)
        self.status = QLabel(_("Connecting…"))
        self.status.setObjectName("syncStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("syncCancelButton")
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.worker = Worker(self)
        self.worker.progressed.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        home, db, stop = self._core.paths.home, self._core.db, self._stop

        def job(report: Any) -> SyncReport:
            _membership, engine = connect.connect_member(home)
            try:
                return OrgSync(db, engine).run(progress=report, cancelled=stop.is_set)
            finally:
                engine.dispose()

        self.worker.start(job)

    def _progress(self, p: SyncProgress) -> None:
        self.bar.setRange(0, p.total)
        self.bar.setValue(p.done)
        self.status.setText(
            _("Sending {what}…").format(what=p.what) if p.done < p.total else _("Finishing…")
        )

    def _cancel(self) -> None:
        if self.worker.busy:
            self._stop.set()
            self.status.setText(_("Stopping after this series…"))
            self.cancel_button.setEnabled(False)
            return
        self.reject()

    def _finished(self, report: SyncReport) -> None:
        # Templates or practices received, removed or made this laptop's own: screens refresh
        if report.received or report.dropped or report.notes:
            for service in (self._core.series, self._core.sessions, self._core.practices):
                service.changed.emit(Change("all", ChangeKind.RELOADED))
        self._end(report.summary())

    def _failed(self, message: str) -> None:
        self._end(message)

    def _end(self, message: str) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.setText(message)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(_("Close"))
        self.adjustSize()  # a longer sentence (a conflict) gets its lines
        self.ended.emit(message)
