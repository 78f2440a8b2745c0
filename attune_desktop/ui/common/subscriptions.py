"""Connections to core announcements that are released when their widget goes away."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:  # psygnal comes with the core services, after the first paint
    from psygnal import SignalInstance


class Subscriptions:
    """Track every connection a view makes and disconnect them all when it is destroyed.

    Announcements are coalesced: many changes in one burst (an import, a reorder) refresh
    the view once, on the next turn of the event loop.
    """

    def __init__(self, owner: QObject) -> None:
        self._pairs: list[tuple[SignalInstance, Callable[..., Any]]] = []
        self._pending: set[Callable[[], None]] = set()
        self._timer = QTimer(owner)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._flush)
        owner.destroyed.connect(self.release)

    def on(self, signal: SignalInstance, slot: Callable[..., Any]) -> None:
        signal.connect(slot)
        self._pairs.append((signal, slot))

    def refresh_on(self, signal: SignalInstance, refresh: Callable[[], None]) -> None:
        """Call `refresh` (once per burst) whenever `signal` fires."""

        def _queue(*_args: Any) -> None:
            self._pending.add(refresh)
            self._timer.start()

        self.on(signal, _queue)

    def _flush(self) -> None:
        pending, self._pending = self._pending, set()
        for refresh in pending:
            refresh()

    def release(self) -> None:
        for signal, slot in self._pairs:
            signal.disconnect(slot)
        self._pairs.clear()
        self._pending.clear()
