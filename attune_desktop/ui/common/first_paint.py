"""Do something once a window has been painted for the first time, not merely shown.

`show()` only asks for a paint: the window system's expose (and so the paint) may come after
the first turn of the event loop (it does offscreen and, often, on X11). Work that holds the
window's thread, as opening the core does (the ORM's import), must wait for the paint, or the
person looks at an empty frame meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

PATIENCE_MS = 1000  # a window opened minimised or on another desktop may never be painted


class AfterFirstPaint(QObject):
    """Calls `then` at the turn after `window` (or a widget in it) was first painted, or after
    `patience_ms` if it is not painted by then; once either way."""

    def __init__(
        self, window: QWidget, then: Callable[[], None], patience_ms: int = PATIENCE_MS
    ) -> None:
        super().__init__(window)
        self._window, self._then = window, then
        self._done = False
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        QTimer.singleShot(patience_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._stop_watching()
            QTimer.singleShot(0, self, self._fire)  # once this paint has reached the screen
        return False

    def _stop_watching(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _fire(self) -> None:
        if self._done:
            return
        self._done = True
        self._stop_watching()
        self._then()
