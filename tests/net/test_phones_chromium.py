"""End to end: 40 phones (40 isolated Chromium contexts) answer one round at once over loopback.

Playwright drives Debian's own Chromium (no browser download): one browser process holds 40
isolated contexts, each with its own cookies, like 40 phones; Selenium would need 40 drivers
and 40 browsers for the same, too heavy for a small CI machine.
"""

from __future__ import annotations

import asyncio
import shutil
from collections import Counter
from pathlib import Path

import pytest

from attune_desktop.app import Core
from attune_desktop.net.checkin_server import CheckInServer, Limits
from attune_desktop.net.connection_gate import ConnectionLimits

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONES = 40

playwright_api = pytest.importorskip(
    "playwright.async_api", reason="the playwright package is not installed"
)
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Chromium is not installed (apt-get install chromium); CI installs it",
)


def test_forty_phones_answer_at_once_none_lost_none_doubled(
    core: Core, session_id: int, pictures: Path
) -> None:
    # GIVEN an open round on the weather scale, served on 127.0.0.1
    round_id = core.checkins.open_round(session_id, "opening", "weather", max_answers=PHONES).id
    assert round_id is not None
    scale = core.checkins.scale("weather")
    chosen = [scale.options[i % len(scale.options)].key for i in range(PHONES)]
    # Forty browsers on one machine share 127.0.0.1; each phone is told apart by its own
    # browser name here, as phones are by their own addresses in a room.
    roomy = Limits(connections=ConnectionLimits(per_client=10_000))
    server = CheckInServer(
        core.checkins, pictures, roomy, address_of=lambda r: r.headers.get("User-Agent", "")
    )
    thanks: list[str] = []
    second_looks: list[str] = []

    async def one_phone(browser: object, join_url: str, option: str, n: int) -> None:
        context = await browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": 390, "height": 844}, user_agent=f"Phone {n}"
        )
        try:
            page = await context.new_page()
            await page.goto(join_url)
            # WHEN each phone taps its picture (a real click on a real button)
            async with page.expect_navigation():
                await page.click(f'button[value="{option}"]')
            thanks.append(await page.inner_text("body"))
            # AND taps back to the page again: it is told it already answered
            await page.goto(join_url)
            second_looks.append(await page.inner_text("body"))
        finally:
            await context.close()

    async def _main() -> None:
        join = await server.start(round_id, "127.0.0.1", 0, "en")
        async with playwright_api.async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                await asyncio.gather(
                    *(one_phone(browser, join.url, o, n) for n, o in enumerate(chosen))
                )
            finally:
                await browser.close()
        await server.stop()

    asyncio.run(_main())

    # THEN every answer was counted exactly once, and each phone saw thanks
    assert core.checkins.counts_of(round_id) == dict(Counter(chosen))
    assert core.checkins.answered(round_id) == PHONES
    assert len(thanks) == PHONES and all("counted" in t for t in thanks)
    assert all("already answered" in t for t in second_looks)
