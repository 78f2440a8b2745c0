"""The check-in promises against a determined person, over real HTTP on 127.0.0.1.

Each loopback address (127.0.x.y) stands for one device on the room's network. Every test is
bounded in time; none asserts a duration.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp

from attune_desktop.app import Core, open_core
from attune_desktop.core.checkin_texts import text
from attune_desktop.net.checkin_server import CheckInServer, JoinInfo, Limits
from attune_desktop.net.connection_gate import ConnectionLimits
from tests.net.wal_forensics import count_states, snapshot, wal_frames

ROOT = Path(__file__).resolve().parents[2]
BALLOT = re.compile(r'name="ballot" value="([^"]+)"')
ATTACKER = ROOT / "benchmarks" / "_checkin_attacker.py"
CHILD = ROOT / "tests" / "net" / "checkin_child.py"


def device(address: str) -> aiohttp.ClientSession:
    """A device at `address` that drops every cookie (private mode, or a script)."""
    connector = aiohttp.TCPConnector(local_addr=(address, 0), force_close=True)
    return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())


async def answer(client: aiohttp.ClientSession, url: str, option: str) -> tuple[int, str]:
    """Load the page and tap an option, as a phone does; (status, page text)."""
    async with client.get(url) as page:
        body = await page.text()
    found = BALLOT.search(body)
    if found is None:
        return page.status, body
    async with client.post(url, data={"ballot": found.group(1), "option": option}) as reply:
        return reply.status, await reply.text()


def serve(core: Core, round_id: int, lang: str, scenario, limits: Limits | None = None) -> None:  # type: ignore[no-untyped-def]
    server = CheckInServer(core.checkins, core.paths.home.parent / "no-pictures", limits)

    async def _main() -> None:
        join = await server.start(round_id, "127.0.0.1", 0, lang)
        try:
            await asyncio.wait_for(scenario(server, join), timeout=120)
        finally:
            await server.stop()

    asyncio.run(_main())


# --- one answer per phone -------------------------------------------------------------------


def test_a_phone_that_drops_its_cookies_is_counted_once(core: Core, session_id: int) -> None:
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    accepted: list[int] = []
    pages: list[str] = []

    async def scenario(server: CheckInServer, join: JoinInfo) -> None:
        async with device("127.0.0.7") as attacker:
            # WHEN one device without cookies loads the page and answers forty times
            for _ in range(40):
                status, body = await answer(attacker, join.url, "sunny")
                accepted.append(status)
                pages.append(body)

    serve(core, round_id, "es", scenario)
    # THEN exactly one answer was counted (before: 40 of 40)
    assert core.checkins.counts_of(round_id)["sunny"] == 1
    assert sum(text("es", "thanks") in body for body in pages) == 1
    # AND the page tells it, in the room's language, that it has already answered (or, once
    # it has sent more than a phone ever needs, that it should wait: its own limit, no one else's)
    assert text("es", "already") in pages[1]
    assert all(text("es", "already") in p or text("es", "busy") in p for p in pages[1:])
    assert not any('name="ballot"' in p for p in pages[1:])


def test_another_phone_still_answers_and_the_cap_holds(core: Core, session_id: int) -> None:
    # GIVEN a round the facilitator capped at 4 answers
    round_id = core.checkins.open_round(session_id, "opening", "weather", max_answers=4).id or 0
    replies: list[tuple[int, str]] = []

    async def scenario(server: CheckInServer, join: JoinInfo) -> None:
        # WHEN seven devices (or one device changing its address) answer
        for n in range(7):
            async with device(f"127.0.3.{n + 1}") as phone:
                replies.append(await answer(phone, join.url, "cloudy"))

    serve(core, round_id, "fr", scenario)
    # THEN four are counted and the rest are told, in French, that the round is full
    assert core.checkins.answered(round_id) == 4
    assert [status for status, _ in replies].count(200) == 4
    assert all(text("fr", "full") in body for status, body in replies if status != 200)


# --- nothing about the order or time of answers on disk -----------------------------------


def test_no_file_changes_while_answers_arrive_and_the_log_holds_no_order(
    core: Core, session_id: int
) -> None:
    home = core.paths.home
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    zeros = count_states(core.paths.database)[-1]
    seen_files: list[dict[str, bytes]] = []

    async def scenario(server: CheckInServer, join: JoinInfo) -> None:
        # WHEN six phones answer one after another, the home copied after each answer
        for n, option in enumerate(["sunny", "rainy", "sunny", "stormy", "cloudy", "sunny"]):
            async with device(f"127.0.4.{n + 1}") as phone:
                status, _ = await answer(phone, join.url, option)
                assert status == 200
            files = snapshot(home)
            files.pop("attune.sqlite3-shm", None)  # the log's index: readers' marks only
            seen_files.append(files)

    serve(core, round_id, "en", scenario)
    # THEN no file in the home changed with any answer: nothing to replay
    assert all(files == seen_files[0] for files in seen_files)
    # AND a backup taken mid-round (the daily one runs at any time) holds no answer either
    backup = core.db.backup_to(home / "backups" / "mid-round.sqlite3")
    assert set(count_states(backup)) <= {(), zeros}
    assert set(count_states(core.paths.database)) <= {(), zeros}  # () is before the tables
    # WHEN the round closes
    core.checkins.close_round(round_id)
    # THEN the counts are written once and the log is truncated: one state, the final one
    states = count_states(core.paths.database)
    assert wal_frames(core.paths.database.with_name("attune.sqlite3-wal")) == []
    final = {key: count for _r, key, count in states[-1]}
    assert final == {"cloudy": 1, "rainy": 1, "stormy": 1, "sun_cloud": 0, "sunny": 3}
    assert len(set(states)) == 1


def test_a_killed_app_leaves_no_answer_and_says_so_on_the_next_start(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(home)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None
        started = json.loads(child.stdout.readline())
        url = f"http://127.0.0.1:{started['port']}{started['path']}"

        async def phones() -> None:
            for n in range(5):
                async with device(f"127.0.5.{n + 1}") as phone:
                    status, _ = await answer(phone, url, "rainy" if n % 2 else "sunny")
                    assert status == 200

        # GIVEN five answers given over HTTP to the app in the child process
        asyncio.run(asyncio.wait_for(phones(), timeout=60))
        during = count_states(home / "attune.sqlite3")
    finally:
        # WHEN the app is killed mid-round
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    after_kill = count_states(home / "attune.sqlite3")
    # THEN neither during the round nor after the kill does any file hold an answer
    for states in (during, after_kill):
        assert states and all(count == 0 for state in states for _r, _k, count in state)
    # WHEN the app starts again
    core = open_core(home, load_starter_on_first_run=False)
    try:
        lost = core.checkins.interrupted_rounds()
        # THEN it knows the round was open, so the facilitator can be told its answers are lost
        assert [listing.round.id for listing in lost] == [started["round_id"]]
        assert core.checkins.answered(started["round_id"]) == 0
        # AND the log a crash left behind is gone
        assert wal_frames(home / "attune.sqlite3-wal") == []
    finally:
        core.close()


# --- fair under load ------------------------------------------------------------------------


def test_a_flood_and_a_thousand_idle_sockets_do_not_stop_a_phone(
    core: Core, session_id: int
) -> None:
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    result: dict[str, object] = {}

    async def scenario(server: CheckInServer, join: JoinInfo) -> None:
        port = join.short_url.rstrip("/").rsplit(":", 1)[1]
        path = join.url.removeprefix(join.short_url.rstrip("/"))
        # GIVEN one device holding 1,000 idle sockets and another flooding as fast as it can
        attacker = await asyncio.create_subprocess_exec(
            sys.executable,
            str(ATTACKER),
            port,
            path,
            "12",
            "1000",
            "16",
            "127.0.9.1",
            "127.0.9.2",
            stdout=asyncio.subprocess.PIPE,
        )
        assert attacker.stdout is not None
        assert (await attacker.stdout.readline()).strip() == b"ready"
        await asyncio.sleep(1.0)  # the flood is under way
        try:
            # WHEN a phone answers meanwhile
            async with device("127.0.9.9") as phone:
                result["answer"] = await asyncio.wait_for(
                    answer(phone, join.url, "cloudy"), timeout=30
                )
            result["open"] = server.gate.open_connections
            result["overall"] = server.gate.overall
        finally:
            out, _ = await attacker.communicate()
        result["attacker"] = json.loads(out.decode().strip().splitlines()[-1])

    serve(core, round_id, "en", scenario)
    # THEN the phone's answer is counted
    status, _ = result["answer"]  # type: ignore[misc]
    assert status == 200
    assert core.checkins.counts_of(round_id)["cloudy"] == 1
    # AND the attacker never held more than its share of the server's connections
    limits = Limits().connections
    assert isinstance(result["open"], int)
    assert result["open"] <= 2 * limits.per_client + 2
    stats = result["attacker"]
    assert isinstance(stats, dict)
    assert stats["idle_closed_by_server"] >= 1000 - limits.per_client
    assert stats.get("flood_429", 0) > 0  # the flood was turned away by its own limit


def test_one_device_guessing_codes_does_not_block_another_from_joining(
    core: Core, session_id: int
) -> None:
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    seen: dict[str, list[int]] = {"guesser": [], "phone": []}

    async def scenario(server: CheckInServer, join: JoinInfo) -> None:
        join_url = f"{join.short_url}join"
        # GIVEN one device typing wrong codes as fast as it can (before: two a second
        # blocked typed joins for everyone)
        async with device("127.0.7.1") as guesser:
            for _ in range(30):
                async with guesser.get(join_url, params={"code": "QQQQ"}) as reply:
                    seen["guesser"].append(reply.status)
        # WHEN another phone types the right code
        async with (
            device("127.0.7.2") as phone,
            phone.get(join_url, params={"code": join.code}, allow_redirects=False) as reply,
        ):
            seen["phone"].append(reply.status)

    serve(core, round_id, "en", scenario)
    # THEN the guesser is slowed down, and the phone goes straight to the round
    assert 429 in seen["guesser"]
    assert seen["phone"] == [303]


def test_idle_and_trickling_connections_are_closed(core: Core, session_id: int) -> None:
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    quick = ConnectionLimits(idle_seconds=0.5, max_seconds=1.5, grace_seconds=0.5)
    closed_after: dict[str, float] = {}

    async def held_until_closed(port: int, source: str, trickle: bool) -> float:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
        began = asyncio.get_running_loop().time()
        try:
            if trickle:  # a request that never ends: one header byte every 0.2 s
                writer.write(b"GET / HTTP/1.1\r\nX-Slow: ")
                while not reader.at_eof():
                    writer.write(b"a")
                    await writer.drain()
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(reader.read(1), timeout=0.2)
            else:  # says nothing at all
                await reader.read()
        except ConnectionError:
            pass
        finally:
            writer.close()
        return asyncio.get_running_loop().time() - began

    async def scenario(server: CheckInServer, join: JoinInfo) -> None:
        port = int(join.short_url.rstrip("/").rsplit(":", 1)[1])
        idle, slow = await asyncio.gather(
            asyncio.wait_for(held_until_closed(port, "127.0.8.1", False), timeout=30),
            asyncio.wait_for(held_until_closed(port, "127.0.8.2", True), timeout=30),
        )
        closed_after.update(idle=idle, slow=slow)

    serve(core, round_id, "en", scenario, Limits(connections=quick))
    # THEN the server lets go of both: the silent one, and the one whose request never ends
    # (each within the 30 s bound of its wait; aiohttp's own keep-alive timer, set from the same
    # idle limit, may close the trickling one before the gate's age limit does)
    assert set(closed_after) == {"idle", "slow"}
