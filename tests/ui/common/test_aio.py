"""The one background-task helper: tasks are held until done, and errors come back as words."""

from __future__ import annotations

import asyncio
import gc

from attune_desktop.core.errors import AttuneError
from attune_desktop.ui.common.aio import BackgroundTasks


def test_a_task_is_held_until_it_finishes_and_its_result_is_handed_on() -> None:
    tasks = BackgroundTasks()
    results: list[int] = []

    async def slow() -> int:
        await asyncio.sleep(0.01)
        return 42

    async def story() -> None:
        assert tasks.available()
        tasks.spawn(slow(), on_done=results.append)
        gc.collect()  # nobody else holds the task; the helper must
        assert len(tasks) == 1
        await tasks.drain()

    asyncio.run(story())
    assert results == [42] and len(tasks) == 0
    assert not tasks.available()  # no loop runs outside `asyncio.run`


def test_errors_come_back_as_a_message_a_person_can_read() -> None:
    tasks = BackgroundTasks()
    messages: list[str] = []

    async def refused() -> None:
        raise AttuneError("The round is closed.")

    async def no_address() -> None:
        raise OSError(99, "Cannot assign requested address")

    async def bug() -> None:
        raise KeyError("oops")

    async def story() -> None:
        for coro in (refused(), no_address(), bug()):
            tasks.spawn(coro, on_error=messages.append)
        await tasks.drain()

    asyncio.run(story())
    assert messages == [
        "The round is closed.",
        "Cannot assign requested address",
        "Something went wrong in the background; nothing was lost.",
    ]
