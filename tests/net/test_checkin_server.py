"""The phone server, driven over real loopback: hostile requests change nothing."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest

from attune_desktop.app import Core
from attune_desktop.net.checkin_server import CheckInServer, JoinInfo, Limits

Scenario = Callable[[CheckInServer, JoinInfo, int], Awaitable[None]]
BALLOT = re.compile(r'name="ballot" value="([^"]+)"')


def run(core: Core, session_id: int, pictures: Path, scenario: Scenario, **limits: float) -> int:
    """Open a weather round, serve it on 127.0.0.1 port 0, run the scenario, close the round."""
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    server = CheckInServer(core.checkins, pictures, Limits(**limits))  # type: ignore[arg-type]

    async def _main() -> None:
        join = await server.start(round_id, "127.0.0.1", 0, "en")
        try:
            await scenario(server, join, round_id)
        finally:
            await server.stop()

    asyncio.run(_main())
    return round_id


def phone() -> aiohttp.ClientSession:
    """A phone that keeps cookies, as a browser does (also for an IP-address host)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def forgetful_phone() -> aiohttp.ClientSession:
    """A phone that drops every cookie (private mode, or an attacker's script)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())


async def ballot_from(client: aiohttp.ClientSession, url: str) -> str:
    async with client.get(url) as response:
        assert response.status == 200
        match = BALLOT.search(await response.text())
    assert match is not None
    return match.group(1)


def test_a_phone_answers_once_and_only_the_count_moves(core, session_id, pictures) -> None:
    async def scenario(server: CheckInServer, join: JoinInfo, round_id: int) -> None:
        async with phone() as client:
            # GIVEN a phone that opened the round's page
            ballot = await ballot_from(client, join.url)
            # WHEN it taps "Sunny"
            async with client.post(join.url, data={"ballot": ballot, "option": "sunny"}) as r:
                assert r.status == 200
                assert "counted" in await r.text()
            # THEN reloading shows thanks, not a new ballot, and a second tap is refused
            async with client.get(join.url) as r:
                assert "already answered" in await r.text()
                assert BALLOT.search(await r.text()) is None
            async with client.post(join.url, data={"ballot": ballot, "option": "rainy"}) as r:
                assert r.status == 409

    round_id = run(core, session_id, pictures, scenario)
    counts = core.checkins.counts_of(round_id)
    assert counts["sunny"] == 1 and sum(counts.values()) == 1


def test_the_short_code_leads_to_the_round_and_a_wrong_code_does_not(
    core, session_id, pictures
) -> None:
    async def scenario(server: CheckInServer, join: JoinInfo, round_id: int) -> None:
        async with phone() as client:
            async with client.get(f"{join.short_url}join", params={"code": join.code.lower()}) as r:
                assert r.status == 200 and str(r.url) == join.url
            wrong = "XXXX" if join.code != "XXXX" else "AAAA"
            async with client.get(f"{join.short_url}join", params={"code": wrong}) as r:
                assert r.status == 404 and "does not match" in await r.text()

    run(core, session_id, pictures, scenario)


def test_hostile_requests_change_nothing(core, session_id, pictures) -> None:
    statuses: dict[str, int] = {}

    async def scenario(server: CheckInServer, join: JoinInfo, round_id: int) -> None:
        base, token_url = join.short_url, join.url
        async with forgetful_phone() as client:
            ballot = await ballot_from(client, token_url)
            good = {"ballot": ballot, "option": "sunny"}

            async def post(name: str, url: str, **kwargs: object) -> None:
                async with client.post(url, **kwargs) as r:  # type: ignore[arg-type]
                    statuses[name] = r.status

            await post("no token", f"{base}r/", data=good)
            await post("root", base, data=good)
            await post("wrong token", f"{base}r/{'A' * 24}", data=good)
            await post("oversized", token_url, data={**good, "pad": "x" * 20_000})
            await post("json", token_url, json=good)
            await post("bad option", token_url, data={**good, "option": "volcano"})
            await post("two options", token_url, data=[*good.items(), ("option", "rainy")])
            await post("forged ballot", token_url, data={**good, "ballot": "made-up"})
            await post("no ballot", token_url, data={"option": "sunny"})
            await post("foreign origin", token_url, data=good, headers={"Origin": "http://x.test"})
            await post("foreign host", token_url, data=good, headers={"Host": "evil.test"})
            form = {"Content-Type": "application/x-www-form-urlencoded"}
            garbage = b"ballot=" + ballot.encode() + b"&option=\xff\xfe%FF"
            await post("garbage bytes", token_url, data=garbage, headers=form)
            async with client.put(token_url, data=good) as r:
                statuses["put"] = r.status
            async with client.delete(token_url) as r:
                statuses["delete"] = r.status
            # the one good ballot was never spent by any of the above
            assert ballot in server._ballots

    round_id = run(core, session_id, pictures, scenario)
    assert statuses == {
        "no token": 404,
        "root": 405,
        "wrong token": 404,
        "oversized": 413,
        "json": 415,
        "bad option": 400,
        "two options": 400,
        "forged ballot": 409,
        "no ballot": 400,
        "foreign origin": 403,
        "foreign host": 421,
        "garbage bytes": 400,
        "put": 405,
        "delete": 405,
    }
    assert core.checkins.answered(round_id) == 0


def test_a_replayed_answer_without_the_cookie_is_not_counted_twice(
    core, session_id, pictures
) -> None:
    async def scenario(server: CheckInServer, join: JoinInfo, round_id: int) -> None:
        async with forgetful_phone() as client:
            ballot = await ballot_from(client, join.url)
            body = {"ballot": ballot, "option": "cloudy"}
            async with client.post(join.url, data=body) as first:
                assert first.status == 200
            replies = await asyncio.gather(*(client.post(join.url, data=body) for _ in range(5)))
            assert [r.status for r in replies] == [409] * 5
            for reply in replies:
                reply.release()

    round_id = run(core, session_id, pictures, scenario)
    assert core.checkins.counts_of(round_id)["cloudy"] == 1
    assert core.checkins.answered(round_id) == 1


def test_a_flood_is_turned_away_and_counts_nothing(core, session_id, pictures) -> None:
    seen: list[int] = []

    async def scenario(server: CheckInServer, join: JoinInfo, round_id: int) -> None:
        async with forgetful_phone() as client:
            body = {"ballot": "guess", "option": "stormy"}
            posts = (client.post(join.url, data=body) for _ in range(60))
            replies = await asyncio.gather(*posts, return_exceptions=True)
            for reply in replies:
                # a connection past the per-client cap is reset before it is read (0)
                seen.append(reply.status if isinstance(reply, aiohttp.ClientResponse) else 0)
                if isinstance(reply, aiohttp.ClientResponse):
                    reply.release()

    round_id = run(core, session_id, pictures, scenario, burst=10, per_second=0.5)
    assert seen.count(429) + seen.count(0) >= 45
    assert set(seen) <= {0, 409, 429}
    assert core.checkins.answered(round_id) == 0


def test_guessing_the_code_is_slowed_down(core, session_id, pictures) -> None:
    seen: list[int] = []

    async def scenario(server: CheckInServer, join: JoinInfo, round_id: int) -> None:
        async with forgetful_phone() as client:
            for _ in range(30):
                async with client.get(f"{join.short_url}join", params={"code": "QQQQ"}) as r:
                    seen.append(r.status)

    run(core, session_id, pictures, scenario, code_burst=5, code_per_second=0.1)
    assert seen.count(429) >= 20


def test_it_listens_only_while_the_round_is_open(core, session_id, pictures) -> None:
    round_id = core.checkins.open_round(session_id, "opening", "five").id or 0
    server = CheckInServer(core.checkins, pictures)

    async def _main() -> None:
        join = await server.start(round_id, "127.0.0.1", 0)
        async with forgetful_phone() as client:
            ballot = await ballot_from(client, join.url)
            # WHEN the facilitator closes the round, a late tap is refused
            core.checkins.close_round(round_id)
            async with client.post(join.url, data={"ballot": ballot, "option": "3"}) as r:
                assert r.status == 410
            await server.stop()
            # THEN nothing listens any more
            with pytest.raises(aiohttp.ClientConnectionError):
                async with client.get(join.url):
                    pass

    asyncio.run(_main())
    assert core.checkins.answered(round_id) == 0
    assert not server.listening


def test_nothing_about_an_answer_is_logged(core, session_id, pictures, caplog) -> None:
    caplog.set_level(logging.DEBUG)

    async def scenario(server: CheckInServer, join: JoinInfo, round_id: int) -> None:
        async with phone() as client:
            ballot = await ballot_from(client, join.url)
            async with client.post(join.url, data={"ballot": ballot, "option": "rainy"}):
                pass

    round_id = run(core, session_id, pictures, scenario)
    assert core.checkins.counts_of(round_id)["rainy"] == 1
    logged = caplog.text
    assert "rainy" not in logged and "127.0.0.1" not in logged and "POST" not in logged


def test_the_page_is_small_self_contained_and_in_the_chosen_language(
    core, session_id, pictures
) -> None:
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    server = CheckInServer(core.checkins, pictures)
    pages: dict[str, str] = {}
    sizes: list[int] = []

    async def _main() -> None:
        join = await server.start(round_id, "127.0.0.1", 0, "ar")
        async with (
            forgetful_phone() as client,
            client.get(join.url, headers={"Accept-Encoding": "gzip"}) as r,
        ):
            sizes.append(int(r.headers.get("Content-Length", "0") or 0))
            pages["ar"] = await r.text()
            assert r.headers["Cache-Control"] == "no-store"
            assert "Set-Cookie" not in r.headers
        await server.stop()

    asyncio.run(_main())
    page = pages["ar"]
    assert 'dir="rtl"' in page and "مشمس" in page  # "Sunny" in Arabic
    assert page.count("<svg") == 5
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in page
    assert 0 < sizes[0] < 8_000  # compressed, for a weak hotspot
