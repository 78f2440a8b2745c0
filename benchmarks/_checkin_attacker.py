"""A hostile device on the room's network, for the adversarial tests and the benchmark.

Run as a child process so its own work does not slow the server's loop:

    python benchmarks/_checkin_attacker.py PORT PATH SECONDS IDLE FLOODERS IDLE_FROM FLOOD_FROM

It holds IDLE idle connections from IDLE_FROM (reopening any the server closes) and sends GET
requests for PATH as fast as it can over FLOODERS keep-alive connections from FLOOD_FROM, for
SECONDS. It prints "ready" once the idle sockets are open, and a JSON line of what it saw at
the end. Loopback only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time


async def _idle(port: int, source: str, stop: float, stats: dict[str, int]) -> None:
    while time.monotonic() < stop:
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, local_addr=(source, 0)
            )
        except OSError:
            stats["idle_refused"] += 1
            await asyncio.sleep(0.01)
            continue
        stats["idle_opened"] += 1
        with contextlib.suppress(OSError, asyncio.TimeoutError):
            # Say nothing; wait until the server gives up on us (or the time is over).
            await asyncio.wait_for(reader.read(), timeout=max(0.01, stop - time.monotonic()))
        stats["idle_closed_by_server"] += 1
        writer.close()
        await asyncio.sleep(0.05)  # and straight back in


async def _flood(port: int, path: str, source: str, stop: float, stats: dict[str, int]) -> None:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: identity\r\n\r\n"
    ).encode()
    while time.monotonic() < stop:
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, local_addr=(source, 0)
            )
        except OSError:
            stats["flood_refused"] += 1
            await asyncio.sleep(0)
            continue
        try:
            while time.monotonic() < stop:
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                stats[f"flood_{status}"] = stats.get(f"flood_{status}", 0) + 1
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            stats["flood_dropped"] += 1
        finally:
            writer.close()


async def main(argv: list[str]) -> None:
    port, path, seconds = int(argv[0]), argv[1], float(argv[2])
    idle, flooders, idle_from, flood_from = int(argv[3]), int(argv[4]), argv[5], argv[6]
    stats = dict.fromkeys(
        ("idle_opened", "idle_refused", "idle_closed_by_server", "flood_refused", "flood_dropped"),
        0,
    )
    stop = time.monotonic() + seconds
    tasks = [asyncio.ensure_future(_idle(port, idle_from, stop, stats)) for _ in range(idle)]
    while stats["idle_opened"] + stats["idle_refused"] < idle and time.monotonic() < stop:
        await asyncio.sleep(0.01)
    print("ready", flush=True)
    tasks += [
        asyncio.ensure_future(_flood(port, path, flood_from, stop, stats)) for _ in range(flooders)
    ]
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps(stats), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
