"""Benchmark: 40 phones submit their answers at the same moment over loopback.

Each of 20 rounds opens a fresh round, serves it with the real `CheckInServer`, lets 40 phones
(each its own aiohttp session, like its own browser) fetch the page and then all tap at once;
the time from sending the answer to the thank-you page is measured. Run alone:
    .venv/bin/python benchmarks/bench_checkins.py
"""

from __future__ import annotations

import asyncio
import re
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp

from attune_desktop.app import open_core
from attune_desktop.core.config import resources_dir
from attune_desktop.net.checkin_server import CheckInServer

PHONES = 40
ROUNDS = 20
GOAL_P99_MS = 50.0
BALLOT = re.compile(r'name="ballot" value="([^"]+)"')


async def _phone_round(server: CheckInServer, round_id: int, options: list[str]) -> list[float]:
    join = await server.start(round_id, "127.0.0.1", 0, "en")
    sessions = [
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in range(PHONES)
    ]
    try:
        ballots = []
        for client in sessions:
            async with client.get(join.url) as response:
                match = BALLOT.search(await response.text())
                assert match is not None
                ballots.append(match.group(1))
        start = asyncio.Event()

        async def tap(client: aiohttp.ClientSession, ballot: str, option: str) -> float:
            await start.wait()
            began = time.perf_counter()
            async with client.post(join.url, data={"ballot": ballot, "option": option}) as r:
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
        await server.stop()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        core = open_core(Path(folder) / "home", load_starter_on_first_run=False)
        try:
            session_id = core.sessions.create_session("Benchmark").id or 0
            server = CheckInServer(core.checkins, resources_dir() / "pictograms" / "color")
            scale = core.checkins.scale("weather")
            latencies: list[float] = []
            lost = 0
            for _ in range(ROUNDS):
                round_id = core.checkins.open_round(session_id, "named", "weather", "b").id or 0
                latencies += asyncio.run(_phone_round(server, round_id, list(scale.keys)))
                lost += PHONES - core.checkins.answered(round_id)
                core.checkins.close_round(round_id)
        finally:
            core.close()
    p50, p95, p99 = (_percentile(latencies, s) for s in (0.50, 0.95, 0.99))
    print(f"checkins_phone_submissions: {len(latencies)} answers ({ROUNDS} rounds of {PHONES})")
    for name, value in (("p50", p50), ("p95", p95), ("p99", p99)):
        ratio = value / GOAL_P99_MS
        print(
            f"checkins_submit_{name}: {value:.1f} ms (goal < {GOAL_P99_MS:.0f}; ratio {ratio:.2f})"
        )
    print(f"checkins_mean: {statistics.fmean(latencies):.1f} ms (goal none; ratio n/a)")
    print(f"checkins_lost: {lost} answers (goal 0; ratio {lost:.0f})")


if __name__ == "__main__":
    main()
