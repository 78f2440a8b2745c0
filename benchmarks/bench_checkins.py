"""Benchmark: phones answering a check-in, honest ones all at once, and one under attack.

The real `CheckInServer` and `CheckInService` run in their own process (as on the laptop); the
phones run in this one, each from its own loopback address (127.0.x.y), as each phone has its
own address on the room's network. Requests are plain HTTP/1.1 over sockets, so the phones'
side costs little next to the server's.

- honest: in each of 5 rounds, 200 phones load the page, then all tap at the same moment; the
  time from sending the answer to the thank-you page is measured. Goal: p99 < 50 ms, none lost.
- under attack: while one device floods the server as fast as it can (16 keep-alive
  connections) and another holds 1,000 idle connections (reopening any the server closes),
  200 phones answer one after another; each answer's time (page + tap) is measured. Goal:
  p99 < 200 ms. The same phones without the attack are the baseline.

Run alone: .venv/bin/python benchmarks/bench_checkins.py
"""

from __future__ import annotations

import asyncio
import multiprocessing
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import urlencode

from _common import figure

HERE = Path(__file__).resolve().parent
PHONES = 200
ROUNDS = 5
ATTACKED_PHONES = 200
GOAL_HONEST_P99_MS = 50.0
GOAL_ATTACK_P99_MS = 200.0
BALLOT = re.compile(rb'name="ballot" value="([^"]+)"')


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
            round_id, at_open = 0, 0
            while (command := await loop.run_in_executor(None, conn.recv)) != "quit":
                if command == "cpu":  # the server's own CPU time so far
                    conn.send(time.process_time())
                elif command == "open":
                    round_id = (
                        core.checkins.open_round(
                            session_id, "named", "weather", "b", max_answers=999
                        ).id
                        or 0
                    )
                    join = await server.start(round_id, "127.0.0.1", 0, "en")
                    at_open = _wal_frames(core.paths.database)  # the round's own opening
                    port = int(join.short_url.rstrip("/").rsplit(":", 1)[1])
                    path = join.url.removeprefix(join.short_url.rstrip("/"))
                    conn.send((port, path, list(core.checkins.scale("weather").keys)))
                else:
                    await server.stop()
                    answered = core.checkins.answered(round_id)
                    before = _wal_frames(core.paths.database) - at_open  # by the answers
                    core.checkins.close_round(round_id)
                    conn.send((answered, before, _wal_frames(core.paths.database)))
        finally:
            core.close()

    asyncio.run(serve())


def _wal_frames(database: Path) -> int:
    """Frames in the database's write-ahead log (one per page version written)."""
    wal = database.with_name(database.name + "-wal")
    size = wal.stat().st_size if wal.exists() else 0
    return max(0, (size - 32) // (4096 + 24))


class Phone:
    """One phone: its own address, one keep-alive connection, plain HTTP/1.1."""

    def __init__(self, port: int, path: str, address: str) -> None:
        self.port, self.path, self.address = port, path, address
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _send(self, request: bytes) -> tuple[int, bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(
                "127.0.0.1", self.port, local_addr=(self.address, 0)
            )
        assert self._reader is not None
        self._writer.write(request)
        head = await self._reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        body = await self._reader.readexactly(length)
        return int(head.split(b" ", 2)[1]), body

    async def page(self, *, must: bool = True) -> bytes:
        host = f"127.0.0.1:{self.port}"
        status, body = await self._send(
            f"GET {self.path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        )
        assert status == 200 or not must, status
        return body

    async def tap(self, ballot: bytes, option: str) -> int:
        form = urlencode({"ballot": ballot.decode(), "option": option}).encode()
        head = (
            f"POST {self.path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(form)}\r\n\r\n"
        ).encode()
        status, _ = await self._send(head + form)
        return status

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


def _address(n: int) -> str:
    return f"127.0.{1 + n // 250}.{1 + n % 250}"


async def _honest(
    port: int, path: str, options: list[str], cpu: Callable[[], float]
) -> tuple[list[float], int, float]:
    phones = [Phone(port, path, _address(n)) for n in range(PHONES)]
    try:
        ballots = []
        for phone in phones:
            found = BALLOT.search(await phone.page())
            assert found is not None
            ballots.append(found.group(1))
        start = asyncio.Event()

        async def tap(phone: Phone, ballot: bytes, option: str) -> tuple[float, int]:
            await start.wait()
            began = time.perf_counter()
            status = await phone.tap(ballot, option)
            return (time.perf_counter() - began) * 1000, status

        tasks = [
            asyncio.ensure_future(tap(p, b, options[i % len(options)]))
            for i, (p, b) in enumerate(zip(phones, ballots, strict=True))
        ]
        await asyncio.sleep(0)
        before = cpu()
        start.set()
        results = await asyncio.gather(*tasks)
        burst = cpu() - before  # the server's CPU for the 200 answers, whatever else runs
        refused = sum(1 for _, status in results if status != 200)
        return [ms for ms, _ in results], refused, burst
    finally:
        for phone in phones:
            phone.close()


async def _one_by_one(port: int, path: str, options: list[str], first: int) -> list[float]:
    times = []
    for n in range(ATTACKED_PHONES):
        phone = Phone(port, path, _address(first + n))
        try:
            began = time.perf_counter()
            found = BALLOT.search(await phone.page())
            assert found is not None
            status = await phone.tap(found.group(1), options[n % len(options)])
            times.append((time.perf_counter() - began) * 1000)
            assert status == 200, status
        finally:
            phone.close()
        await asyncio.sleep(0.01)
    return times


async def _attacked(port: int, path: str, options: list[str]) -> tuple[list[float], str]:
    attacker = await asyncio.create_subprocess_exec(
        sys.executable,
        str(HERE / "_checkin_attacker.py"),
        str(port),
        path,
        "600",
        "1000",
        "16",
        "127.0.250.1",
        "127.0.250.2",
        stdout=subprocess.PIPE,
    )
    assert attacker.stdout is not None
    await attacker.stdout.readline()  # "ready": the idle sockets are open
    await asyncio.sleep(1.0)  # and the flood is under way
    try:
        times = await _one_by_one(port, path, options, first=5000)
    finally:
        attacker.terminate()
        await attacker.wait()
    return times, ""


async def _forgetful(port: int, path: str, options: list[str]) -> int:
    """One device without cookies loads the page and taps 40 times: how many count?"""
    accepted = 0
    for _ in range(40):
        phone = Phone(port, path, "127.0.249.1")
        try:
            found = BALLOT.search(await phone.page(must=False))
            if found is not None and await phone.tap(found.group(1), options[0]) == 200:
                accepted += 1
        finally:
            phone.close()
    return accepted


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    honest: list[float] = []
    lost = 0
    frames: list[tuple[int, int]] = []
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = context.Pipe()
        laptop = context.Process(target=_laptop, args=(theirs, str(Path(folder) / "home")))
        laptop.start()

        def round_of(phones: int, run):  # type: ignore[no-untyped-def]
            nonlocal lost
            ours.send("open")
            port, path, options = ours.recv()
            result = asyncio.run(run(port, path, options))
            ours.send("close")
            answered, open_frames, closed_frames = ours.recv()
            frames.append((open_frames, closed_frames))
            lost += max(0, phones - answered)
            return result, answered

        try:

            def cpu() -> float:
                ours.send("cpu")
                return float(ours.recv())

            bursts: list[float] = []
            for _ in range(ROUNDS):
                (latencies, refused, burst), _n = round_of(
                    PHONES, lambda p, q, o: _honest(p, q, o, cpu)
                )
                honest += latencies
                lost += refused
                bursts.append(burst)
            calm, _n = round_of(ATTACKED_PHONES, lambda p, q, o: _one_by_one(p, q, o, 2000))
            (attacked, _), _n = round_of(ATTACKED_PHONES, _attacked)
            accepted, counted = round_of(0, _forgetful)
        finally:
            ours.send("quit")
            laptop.join(30)
    print(f"checkins.honest_answers: {len(honest)} answers ({ROUNDS} rounds of {PHONES} at once)")
    for name, share in (("p50", 0.5), ("p99", 0.99)):
        value = _percentile(honest, share)
        figure(
            f"checkins.honest_{name}",
            value,
            "ms",
            goal=f"< {GOAL_HONEST_P99_MS:.0f} ms (p99)",
            ratio=value / GOAL_HONEST_P99_MS,
            met=value < GOAL_HONEST_P99_MS if name == "p99" else None,
        )
    burst_ms = sorted(bursts)[len(bursts) // 2] * 1000
    figure(
        "checkins.honest_server_cpu_burst",
        burst_ms,
        "ms",
        goal=f"none: the server's CPU for {PHONES} answers, the latency floor on an idle core",
    )
    base = _percentile(calm, 0.99)
    for name, share in (("p50", 0.5), ("p99", 0.99)):
        figure(f"checkins.calm_phone_{name}", _percentile(calm, share), "ms", goal="baseline")
    for name, share in (("p50", 0.5), ("p99", 0.99)):
        value = _percentile(attacked, share)
        figure(
            f"checkins.attacked_phone_{name}",
            value,
            "ms",
            goal=f"< {GOAL_ATTACK_P99_MS:.0f} ms (p99; ratio to the calm p99)",
            ratio=value / base if base else None,
            met=value < GOAL_ATTACK_P99_MS if name == "p99" else None,
        )
    figure("checkins.lost", lost, "answers", goal="0", met=lost == 0)
    figure("checkins.cookieless_accepted", counted, "answers", goal="1 of 40", met=counted == 1)
    worst_open = max(f for f, _ in frames)
    worst_closed = max(f for _, f in frames)
    figure("checkins.wal_frames_by_answers", worst_open, "frames", goal="0", met=worst_open == 0)
    figure(
        "checkins.wal_frames_after_close", worst_closed, "frames", goal="0", met=worst_closed == 0
    )
    assert accepted == counted


if __name__ == "__main__":
    main()
