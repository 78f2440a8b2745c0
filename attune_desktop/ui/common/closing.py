"""Closing a window that has background work: hold the close until that work has stopped.

A window with async work (the phone server, its tasks) cannot simply go: the app's loop ends
with it, and a server left listening is never cleaned up. `CloseGate` ignores the first close,
stops everything on the loop, then closes the window itself. Qt 6 sends `QApplication.quit()`
through the same close events, so quitting the app waits the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

from attune_desktop.ui.common.aio import BackgroundTasks

log = logging.getLogger(__name__)


class Stoppable(Protocol):
    @property
    def busy(self) -> bool: ...

    async def shutdown(self) -> None: ...


class CloseGate:
    """Lets `window` close only once every stoppable has shut down.

    `stoppables` is asked at close time, so a screen that was never opened (and so never
    started anything) is not built just to be stopped.
    """

    def __init__(self, window: QWidget, stoppables: Callable[[], Sequence[Stoppable]]) -> None:
        self._window = window
        self._find = stoppables
        self._stoppables: tuple[Stoppable, ...] = ()
        self._tasks = BackgroundTasks()
        self._stopping = False

    @property
    def stopping(self) -> bool:
        return self._stopping

    def hold(self, event: QCloseEvent) -> bool:
        """True when the close must wait (the event is ignored; the window closes later)."""
        if not self._stopping:
            self._stoppables = tuple(self._find())
        if not any(s.busy for s in self._stoppables) or not self._tasks.available():
            return False
        event.ignore()
        if not self._stopping:
            self._stopping = True
            self._tasks.spawn(self._stop_all(), on_done=self._on_stopped, on_error=self._on_failed)
        return True

    async def _stop_all(self) -> None:
        for stoppable in self._stoppables:
            await stoppable.shutdown()

    def _on_stopped(self, _result: None) -> None:
        self._stopping = False
        self._window.close()

    def _on_failed(self, message: str) -> None:
        log.warning("background work did not stop cleanly: %s", message)
        self._find = tuple  # closing must never be blocked by a failed stop
        self._stoppables = ()
        self._on_stopped(None)
