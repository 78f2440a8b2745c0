"""Starts and stops the phone server for the Check-ins screen, on the app's qasync loop."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import RoundStatus
from attune_desktop.core.services.base import Change
from attune_desktop.core.services.checkins import ROUND, CheckInService
from attune_desktop.net.checkin_server import CheckInServer, JoinInfo
from attune_desktop.ui.checkins.pictures import pictograms_dir
from attune_desktop.ui.common.aio import BackgroundTasks
from attune_desktop.ui.common.subscriptions import Subscriptions

PREFERRED_PORT = 8765  # easy to type; another free port is taken when it is busy


class PhoneAccess(QObject):
    """One server, one round at a time. `join_changed` carries a JoinInfo, or None when off."""

    join_changed = Signal(object)
    failed = Signal(str)

    def __init__(
        self, service: CheckInService, port: int = PREFERRED_PORT, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.port = port  # 0 in tests: any free port
        self._service = service
        self._server = CheckInServer(service, pictograms_dir())
        self._tasks = BackgroundTasks()
        Subscriptions(self).on(service.changed, self._on_changed)

    @property
    def join(self) -> JoinInfo | None:
        return self._server.join

    @property
    def round_id(self) -> int | None:
        return self._server.round_id

    @property
    def listening(self) -> bool:
        return self._server.listening

    def start(self, round_id: int, host: str, lang: str) -> None:
        if not self._tasks.available():
            self.failed.emit(_("Phones can't answer here: the app's network loop is not running."))
            return
        self._tasks.spawn(
            self._start(round_id, host, lang),
            on_done=self.join_changed.emit,
            on_error=self._on_error,
        )

    async def _start(self, round_id: int, host: str, lang: str) -> JoinInfo:
        try:
            return await self._server.start(round_id, host, self.port, lang)
        except OSError:
            return await self._server.start(round_id, host, 0, lang)

    @property
    def busy(self) -> bool:
        """Listening, or starting or stopping: quitting must wait for `shutdown()`."""
        return self._server.listening or len(self._tasks) > 0

    async def shutdown(self) -> None:
        """At quit: let a start or stop under way finish, then stop listening for good."""
        await self._tasks.drain()
        await self._server.stop()

    def stop(self) -> None:
        if not self._server.listening:
            return
        if not self._tasks.available():
            return
        self._tasks.spawn(self._server.stop(), on_done=lambda _: self.join_changed.emit(None))

    def _on_changed(self, change: Change) -> None:
        """However the round ended (closed here, deleted, undone), stop listening for it."""
        served = self._server.round_id
        if served is None or change.entity != ROUND or served not in change.ids:
            return
        try:
            still_open = self._service.get_round(served).status == RoundStatus.OPEN
        except AttuneError:
            still_open = False
        if not still_open:
            self.stop()

    def _on_error(self, message: str) -> None:
        self.failed.emit(
            _(
                "Phones can't answer: the laptop could not listen on that network ({message})."
            ).format(message=message)
        )
