"""File → Organisation: join through the dialog and sync with progress, against a real cluster."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from attune_desktop.core.org import connect
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.shell import UiContext
from tests.sync.homes import fill_home
from tests.sync.keyring_backend import MemoryKeyring
from tests.sync.orgdb import Org

SHOTS = os.environ.get("ATTUNE_SHOTS")  # a folder to save screenshots into, when set


def shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


def open_window(qtbot: QtBot, context: UiContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def test_join_dialog_says_why_a_join_fails_then_joins(
    qtbot: QtBot, context: UiContext, org: Org, memory_keyring: MemoryKeyring
) -> None:
    """GIVEN a laptop role made by the organiser and the window open
    WHEN File → Organisation → Join is used: first a wrong password with Test, then an address
    where nothing listens, then the right password with Join
    THEN each failure is a sentence in the dialog, and the join enables Sync"""
    name, password = org.add_member("dialog")
    window = open_window(qtbot, context)
    assert not window.org_actions.sync.isEnabled()
    window.org_actions.join.trigger()
    dialog = window.org_actions.join_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.findChild(QLineEdit, "joinUrl").setText(org.url)
    dialog.findChild(QLineEdit, "joinLaptop").setText(name)
    dialog.findChild(QLineEdit, "joinPassword").setText("not-it")
    dialog.findChild(QPushButton, "joinTestButton").click()
    qtbot.waitUntil(lambda: "refused" in dialog.status.text(), timeout=10_000)
    shot(dialog, "join-wrong-password")

    dialog.url.setText(org.url.replace(str(org.cluster.port), "1"))
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "could not be reached" in dialog.status.text(), timeout=10_000)

    dialog.url.setText(org.url)
    dialog.password.setText(password)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Connected" in dialog.status.text(), timeout=10_000)
    shot(dialog, "join-tested")
    dialog.join_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert window.org_actions.sync.isEnabled()
    assert connect.load_membership(context.core.paths.home) is not None
    assert len(memory_keyring.secrets) == 1


def test_sync_shows_progress_and_the_window_keeps_working(
    qtbot: QtBot, context: UiContext, org: Org, memory_keyring: MemoryKeyring
) -> None:
    """GIVEN a joined laptop with a term
    WHEN Sync is chosen
    THEN a dialog shows progress and ends with what was sent; the window stays responsive"""
    home = context.core.paths.home
    fill_home(home, "UI", series=3)
    name, password = org.add_member("syncui")
    connect.join(home, org.url, name, password)
    window = open_window(qtbot, context)
    window.org_actions.sync.trigger()
    dialog = window.org_actions.sync_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.ended, timeout=30_000) as ended:
        pass
    shot(dialog, "sync-done")
    assert "4 series sent" in ended.args[0]  # three terms and the sample series
    assert dialog.cancel_button.text() == "Close"
    assert org.rows("SELECT count(*) FROM org.series") == [(4,)]


def test_sync_can_be_cancelled_and_keeps_what_was_sent(
    qtbot: QtBot, context: UiContext, org: Org, memory_keyring: MemoryKeyring
) -> None:
    """GIVEN a joined laptop with many terms
    WHEN Cancel is clicked once the first term was sent
    THEN the sync stops between two terms and says so; the next sync sends the rest"""
    home = context.core.paths.home
    fill_home(home, "CANCEL", series=60)
    name, password = org.add_member("cancelui")
    connect.join(home, org.url, name, password)
    window = open_window(qtbot, context)
    window.org_actions.sync.trigger()
    dialog = window.org_actions.sync_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.bar.value() >= 1, timeout=30_000)
    shot(dialog, "sync-progress")
    with qtbot.waitSignal(dialog.ended, timeout=30_000) as ended:
        dialog.cancel_button.click()
    assert "Sync cancelled" in ended.args[0]
    sent = org.rows("SELECT count(*) FROM org.series")[0][0]
    assert 1 <= sent < 61
    dialog.cancel_button.click()  # Close
    window.org_actions.sync.trigger()
    again = window.org_actions.sync_dialog
    with qtbot.waitSignal(again.ended, timeout=60_000) as ended:
        pass
    assert f"{61 - sent} series sent" in ended.args[0]
    assert org.rows("SELECT count(*) FROM org.series") == [(61,)]
