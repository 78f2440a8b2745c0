"""One way to run a coroutine in the background from a view, on the app's qasync loop.

asyncio keeps only a weak reference to a task, so a task nobody holds can be collected before
it finishes (FeelUOwn's `utils/aio.py` does the same). `BackgroundTasks` holds each task until
it is done and hands its outcome, or its error as text a person can read, to callbacks.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _

log = logging.getLogger(__name__)
T = TypeVar("T")


class BackgroundTasks:
    """Keeps a reference to every task it starts, until the task is done."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    @staticmethod
    def available() -> bool:
        """Whether an event loop is running to take tasks (the app's; not a bare test)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True

    def spawn(
        self,
        coro: Coroutine[Any, Any, T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> asyncio.Task[T]:
        """Start `coro`; `on_done(result)` or `on_error(message)` runs on the loop afterwards."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def _finished(done: asyncio.Task[T]) -> None:
            self._tasks.discard(done)
            if done.cancelled():
                return
            error = done.exception()
            if error is None:
                if on_done is not None:
                    on_done(done.result())
                return
            if isinstance(error, OSError):
                message = error.strerror or str(error)
            elif isinstance(error, AttuneError):
                message = str(error)
            else:
                log.error("background task failed", exc_info=error)
                message = _("Something went wrong in the background; nothing was lost.")
            if on_error is not None:
                on_error(message)

        task.add_done_callback(_finished)
        return task

    async def drain(self) -> None:
        """Wait for every task still running (at shutdown, and in tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
