"""One way to run work in the background from a view: coroutines and blocking calls alike.

asyncio keeps only a weak reference to a task, so a task nobody holds can be collected before
it finishes (FeelUOwn's `utils/aio.py` does the same). `BackgroundTasks` holds each task until
it is done and hands its outcome, or its error as text a person can read, to callbacks.

`spawn` takes a coroutine (the phone server); `in_thread` takes a blocking call (the daily
backup, Export everything…) and runs it on a worker thread, handing its outcome back on the
app's qasync loop the same way. `wait_for_threads` holds shut-down until that work is done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from attune_desktop.core.errors import AttuneError
from attune_desktop.core.i18n import _

if TYPE_CHECKING:  # imported when first used: the window paints before asyncio is imported
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)
T = TypeVar("T")


class BackgroundTasks:
    """Keeps a reference to every task it starts, until the task is done."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._threads: ThreadPoolExecutor | None = None

    def __len__(self) -> int:
        return len(self._tasks)

    @staticmethod
    def available() -> bool:
        """Whether an event loop is running to take tasks (the app's; not a bare test)."""
        import asyncio

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
        import asyncio

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
            message = readable(error)
            if on_error is not None:
                on_error(message)

        task.add_done_callback(_finished)
        return task

    def in_thread(
        self,
        work: Callable[[], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Run the blocking `work()` on a worker thread; its outcome comes back on the loop.

        Without a running loop (a bare test, or before start-up) it runs here and now, and the
        callbacks are called before this returns, so a caller behaves the same either way.
        """
        if not self.available():
            try:
                result = work()
            except Exception as error:  # handed on as words, as on the loop
                message = readable(error)
                if on_error is not None:
                    on_error(message)
                return
            if on_done is not None:
                on_done(result)
            return
        import asyncio
        from concurrent.futures import ThreadPoolExecutor

        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="background")
        future = self._threads.submit(work)

        async def _outcome() -> T:
            return await asyncio.wrap_future(future)

        self.spawn(_outcome(), on_done=on_done, on_error=on_error)

    def wait_for_threads(self) -> None:
        """Block until every blocking call handed to `in_thread` is done (at shut-down)."""
        if self._threads is not None:
            self._threads.shutdown(wait=True)
            self._threads = None

    async def drain(self) -> None:
        """Wait for every task still running (at shutdown, and in tests)."""
        import asyncio

        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()


def readable(error: BaseException) -> str:
    """A background failure as words a person can read; a bug is logged with its traceback."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    if isinstance(error, AttuneError):
        return str(error)
    log.error("background task failed", exc_info=error)
    return _("Something went wrong in the background; nothing was lost.")
