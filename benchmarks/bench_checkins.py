"""Benchmark: 40 phones submit their answers at the same moment over loopback.

The real `CheckInServer` and `CheckInService` run in their own process (as on the laptop); the
phones run in this one (as on their own devices). In each of 20 rounds, 40 phones (each its own
aiohttp session with its own cookies) fetch the page, then all tap at once; the time from
sending the answer to receiving the thank-you page is measured. Run alone:
    .venv/bin/python benchmarks/bench_checkins.py
"""

from __future__ import annotations

import asyncio
import multiprocessing
import re
import statistics
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

import aiohttp

PHONES = 40
ROUNDS = 20
GOAL_P99_MS = 50.0
BALLOT = re.compile(r'name="ballot" value="([^"]+)"')


def _laptop(conn: Connection, home: str) -> None:
    """The app's side: open a round and serve it on request; report how many were counted."""
    from attune_desktop.app import open_core
    from attune_desktop.core.config import resources_dir
    from attune_desktop.net.checkin_server import CheckInServer

    async def serve() -> None:
        core = open_core(Path(home), load_starter_on_first_run=False)
        loop = asyncio.get_running_loop()
        try:
            session_id = core.sessions.create_session("Benchmark").id or 0
            server = CheckInServer(core.checkins, resources_dir() / "pictograms" / "color")
            options = list(core.checkins.scale("weather").keys)
            round_id = 0
            while (command := await loop.run_in_executor(None, conn.recv)) != "quit":
                if command == "open":
                    round_id = core.checkins.open_round(session_id, "named", "weather", "b").id or 0
                    join = await server.start(round_id, "127.0.0.1", 0, "en")
                    conn.send((join.url, options))
                else:
                    await server.stop()
                    conn.send(core.checkins.answered(round_id))
                    core.checkins.close_round(round_id)
        finally:
            core.close()

    asyncio.run(serve())


async def _phones(url: str, options: list[str]) -> list[float]:
    sessions = [
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in range(PHONES)
    ]
    try:
        ballots = []
        for client in sessions:
            async with client.get(url) as response:
                match = BALLOT.search(await response.text())
                assert match is not None
                ballots.append(match.group(1))
        start = asyncio.Event()

        async def tap(client: aiohttp.ClientSession, ballot: str, option: str) -> float:
            await start.wait()
            began = time.perf_counter()
            async with client.post(url, data={"ballot": ballot, "option": option}) as r:
                await r.read()
                assert r.status == 200, r.status
            return (time.perf_counter() - began) * 1000

        tasks = [
            asyncio.ensure_future(tap(c, b, options[i % len(options)]))
            for i, (c, b) in enumerate(zip(sessions, ballots, strict=True))
        ]
        await asyncio.sleep(0)
        start.set()
        return list(await asyncio.gather(*tasks))
    finally:
        for client in sessions:
            await client.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    latencies: list[float] = []
    lost = 0
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = context.Pipe()
        laptop = context.Process(target=_laptop, args=(theirs, str(Path(folder) / "home")))
        laptop.start()
        try:
            for _ in range(ROUNDS):
                ours.send("open")
                url, options = ours.recv()
                latencies += asyncio.run(_phones(url, options))
                ours.send("close")
                lost += PHONES - int(ours.recv())
        finally:
            ours.send("quit")
            laptop.join(30)
    p50, p95, p99 = (_percentile(latencies, s) for s in (0.50, 0.95, 0.99))
    print(f"checkins_phone_submissions: {len(latencies)} answers ({ROUNDS} rounds of {PHONES})")
    for name, value in (("p50", p50), ("p95", p95), ("p99", p99)):
        ratio = value / GOAL_P99_MS
        print(
            f"checkins_submit_{name}: {value:.1f} ms (goal < {GOAL_P99_MS:.0f}; ratio {ratio:.2f})"
        )
    print(f"checkins_submit_mean: {statistics.fmean(latencies):.1f} ms (goal none; ratio n/a)")
    print(f"checkins_lost: {lost} answers (goal 0; ratio {lost:.0f})")


if __name__ == "__main__":
    main()
