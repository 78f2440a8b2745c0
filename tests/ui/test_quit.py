"""Quitting the app with phones answering: the phone server stops before the window goes."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
import qasync
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext


def _on_app_loop(qapp: QApplication, story) -> None:
    """Run `story` on a qasync loop, as the app does; the app itself must outlive the window."""
    qapp.setQuitOnLastWindowClosed(False)
    try:
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
            runner.run(asyncio.wait_for(story(), 10))
    finally:
        qapp.setQuitOnLastWindowClosed(True)


async def _until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.01)


@pytest.mark.parametrize("how", ["close the window", "File ▸ Quit"])
def test_quitting_stops_the_phone_server_first(
    qtbot: QtBot, qapp: QApplication, empty_context: UiContext, how: str
) -> None:
    core = empty_context.core
    session_id = core.sessions.create_session("Arriving").id or 0
    round_id = core.checkins.open_round(session_id, "opening", "weather").id or 0
    window = MainWindow(empty_context)
    qtbot.addWidget(window)
    window.show()
    phones = window.checkins_view.phones
    phones.port = 0
    refused: list[type[BaseException]] = []

    async def story() -> None:
        # GIVEN phones answering an open round, one of them still connected (keep-alive)
        phones.start(round_id, "127.0.0.1", "en")
        await _until(lambda: phones.join is not None)
        join = phones.join
        assert join is not None
        async with aiohttp.ClientSession() as client:
            async with client.get(join.url) as page:
                assert page.status == 200
            # WHEN the facilitator quits
            if how == "close the window":
                window.close()
            else:
                window.findChild(QAction, "quitAction").trigger()
            # THEN the window waits for the server to stop, then closes by itself
            await _until(lambda: not window.isVisible())
            assert not phones.listening and not phones.busy
            # AND nothing answers on the phones' address any more
            try:
                async with client.get(join.url) as page:
                    refused.append(type(None))
            except aiohttp.ClientConnectionError as gone:
                refused.append(type(gone))

    _on_app_loop(qapp, story)
    assert refused and refused[0] is not type(None)
    assert empty_context.settings.text("ui/last_page")  # the close itself went through


def test_closing_without_phones_closes_at_once(qtbot: QtBot, empty_context: UiContext) -> None:
    # GIVEN the app with no phone server (no event loop needed)
    window = MainWindow(empty_context)
    qtbot.addWidget(window)
    window.show()
    # WHEN it is closed THEN it closes straight away
    assert window.close()
    assert not window.isVisible()
