"""The one background-task helper: tasks are held until done, and errors come back as words."""

from __future__ import annotations

import asyncio
import gc
import threading
import time

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


def test_a_blocking_call_runs_on_a_worker_thread_and_hands_its_outcome_back_on_the_loop() -> None:
    """GIVEN a running loop WHEN blocking work (a backup, an export) is handed to `in_thread`
    THEN it runs off the loop's thread, and its result or its error as words comes back on
    the loop's thread; `wait_for_threads` holds until the work is done."""
    tasks = BackgroundTasks()
    ran_on: list[int] = []
    handed_on: list[tuple[object, int]] = []

    def copy() -> str:
        ran_on.append(threading.get_ident())
        time.sleep(0.02)
        return "copied"

    def full_disk() -> str:
        raise AttuneError("The disk is full.")

    async def story() -> None:
        tasks.in_thread(copy, on_done=lambda r: handed_on.append((r, threading.get_ident())))
        tasks.in_thread(full_disk, on_error=lambda m: handed_on.append((m, threading.get_ident())))
        assert len(tasks) == 2  # held like any other task until done
        await tasks.drain()

    asyncio.run(story())
    tasks.wait_for_threads()
    here = threading.get_ident()
    assert ran_on and ran_on[0] != here
    assert sorted(handed_on, key=str) == sorted(
        [("copied", here), ("The disk is full.", here)], key=str
    )


def test_without_a_loop_a_blocking_call_runs_at_once_with_the_same_callbacks() -> None:
    """GIVEN no running loop (a bare test, or before start-up) WHEN work is handed to
    `in_thread` THEN it is done before the call returns, and the callbacks are the same."""
    tasks = BackgroundTasks()
    results: list[str] = []
    tasks.in_thread(lambda: "exported", on_done=results.append)

    def no_room() -> str:
        raise OSError(28, "No space left on device")

    tasks.in_thread(no_room, on_error=results.append)
    tasks.wait_for_threads()  # nothing to wait for
    assert results == ["exported", "No space left on device"]
