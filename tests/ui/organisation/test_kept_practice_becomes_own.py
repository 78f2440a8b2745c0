"""A practice the organisation removed but this laptop's sessions use becomes the laptop's own
at the next sync, and the open Practices screen stops showing it read-only."""

from __future__ import annotations

from typing import cast

from pytestqt.qtbot import QtBot

from attune_desktop.core.models import OrgSyncState, Segment
from attune_desktop.core.org import connect
from attune_desktop.ui.main_window import MainWindow
from attune_desktop.ui.practices.practice_view import PracticeLibraryView
from attune_desktop.ui.shell import UiContext
from tests.sync.keyring_backend import MemoryKeyring
from tests.sync.orgdb import Org


def test_a_kept_practice_turns_editable_after_the_sync(
    qtbot: QtBot, context: UiContext, org: Org, memory_keyring: MemoryKeyring
) -> None:
    """GIVEN a joined laptop holding a received practice, used by one of its own sessions, that
    the organisation's library no longer has, shown in the Practices screen with its banner
    WHEN File → Organisation → Sync runs
    THEN the summary says it is now the laptop's own, the banner goes, and it can be renamed"""
    core = context.core
    practice = core.practices.create_practice("Kept breath", kind="breathing")
    session = core.series.sessions_of(core.series.list_series()[0].id or 0)[0]
    with core.db.session() as s:
        s.add(OrgSyncState(uid=practice.uid, kind="practice", version=2, received=True))
        s.add(Segment(session_id=session.id or 0, title="Breath", practice_id=practice.id))
    name, password = org.add_member("keptui")
    connect.join(core.paths.home, org.url, name, password)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.show_practice(practice.id or 0)
    view = cast(PracticeLibraryView, window.page("practices"))
    assert view.received.isVisible() and view.editor.name.isReadOnly()

    window.org_actions.sync.trigger()
    dialog = window.org_actions.sync_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.ended, timeout=30_000) as ended:
        pass

    assert "“Kept breath” is no longer in the organisation's library" in ended.args[0]
    qtbot.waitUntil(lambda: not view.received.isVisible())
    assert not view.editor.name.isReadOnly() and view.delete_button.isEnabled()
    view.tabs.setCurrentIndex(1)
    view.editor.name.setFocus()
    view.editor.name.selectAll()
    qtbot.keyClicks(view.editor.name, "My breath")
    assert view.editor.name.text() == "My breath"
    qtbot.waitUntil(  # saved once the typing pauses
        lambda: core.practices.get_practice(practice.id or 0).name == "My breath"
    )
