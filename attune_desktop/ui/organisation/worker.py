"""Network work off the window's thread: a dialog never freezes, a live run never waits.

`Worker.start(job)` runs `job(report)` on a daemon thread; `report(value)` and the outcome
come back to the window's thread as Qt signals (queued across threads). An `AttuneError`
arrives as its sentence; anything else as a short sentence too, never a traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _

log = logging.getLogger(__name__)
Job = Callable[[Callable[[Any], None]], Any]


class Worker(QObject):
    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, job: Job) -> None:
        self._thread = threading.Thread(target=self._run, args=(job,), daemon=True)
        self._thread.start()

    def _run(self, job: Job) -> None:
        try:
            result = job(self.progressed.emit)
        except AttuneError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug must reach the person as a sentence, and the log
            log.exception("organisation work failed")
            self.failed.emit(_("Something went wrong: {problem}").format(problem=exc))
        else:
            self.finished.emit(result)
