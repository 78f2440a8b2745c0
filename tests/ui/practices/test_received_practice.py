"""A practice received from the organisation's library reads as read-only on the Practices
screen, with a banner that makes the facilitator's own copy; their own practices stay editable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.core.models import OrgSyncState, Practice
from attune_desktop.ui.practices.practice_view import PracticeLibraryView
from attune_desktop.ui.shell import UiContext


def mark_received(core: Core, uid: str, kind: str) -> None:
    """What a sync leaves behind for a copy of the organisation's library."""
    with core.db.session() as s:
        s.add(OrgSyncState(uid=uid, kind=kind, fingerprint="x", version=1, received=True))


@pytest.fixture
def library(qtbot: QtBot, empty_context: UiContext) -> PracticeLibraryView:
    core = empty_context.core
    org = core.practices.create_practice(
        "Org breath",
        kind="breathing",
        default_minutes=4,
        summary="Slow breathing, shared by the organisation",
        script="If you like, let the out-breath be a little longer than the in-breath.",
        pacing="in 4, out 6",
    )
    mark_received(core, org.uid, "practice")
    core.practices.create_practice("My own breath", kind="breathing", default_minutes=3)
    view = PracticeLibraryView(empty_context)
    qtbot.addWidget(view)
    view.resize(1280, 820)
    view.show()
    qtbot.waitExposed(view)
    return view


def _select(view: PracticeLibraryView, name: str) -> Practice:
    practice = next(p for p in view._core.practices.list_practices() if p.name == name)
    view.select_practice(practice.id or 0)
    return practice


def test_a_received_practice_is_shown_read_only_and_duplicates_to_edit(
    qtbot: QtBot, library: PracticeLibraryView, empty_context: UiContext
) -> None:
    """GIVEN a practice received from the organisation and one of the facilitator's own
    WHEN the facilitator selects the received one and types into its editor
    THEN the banner says where it comes from, the fields change nothing, Delete is greyed and
    the undo history stays empty; "Duplicate to edit" makes an editable copy and selects it"""
    core, undo = empty_context.core, empty_context.undo
    org = _select(library, "Org breath")
    editor = library.editor
    library.tabs.setCurrentIndex(1)
    assert library.received.isVisible()
    assert "organisation's library" in library.received.label.text()
    assert editor.name.isReadOnly() and editor.script.isReadOnly()
    assert not editor.kind.isEnabled() and not editor.minutes.isEnabled()
    assert not library.delete_button.isEnabled()
    editor.name.setFocus()
    qtbot.keyClicks(editor.name, "Changed")
    qtbot.keyClick(editor.name, Qt.Key.Key_Tab)
    editor.commit_text()
    library.tabs.setCurrentIndex(2)
    assert editor.pacing.breath_in.isReadOnly() and not editor.pacing.preset.isEnabled()
    assert editor.breath_page.isEnabled()  # the preview still breathes it
    assert core.practices.get_practice(org.id or 0).name == "Org breath"
    assert undo.count() == 0
    # The Delete key on the list is refused in words, with nothing to undo
    library.table.setFocus()
    qtbot.keyClick(library.table, Qt.Key.Key_Delete)
    assert "organisation's library" in library.said.text()
    assert undo.count() == 0

    qtbot.mouseClick(library.received.button, Qt.MouseButton.LeftButton)

    copy = library.selected()
    assert copy is not None and copy.name == "Org breath (copy)"
    assert not library.received.isVisible()
    assert not editor.name.isReadOnly() and library.delete_button.isEnabled()
    qtbot.keyClicks(editor.name, "Our breath")
    qtbot.keyClick(editor.name, Qt.Key.Key_Tab)
    assert core.practices.get_practice(copy.id or 0).name == "Our breath"
    assert core.practices.get_practice(org.id or 0).name == "Org breath"


def test_own_practices_stay_editable(
    qtbot: QtBot, library: PracticeLibraryView, empty_context: UiContext
) -> None:
    """GIVEN the facilitator's own practice beside a received one
    WHEN they select their own and rename it
    THEN there is no banner, the name is saved, and Undo has the step"""
    _select(library, "Org breath")
    own = _select(library, "My own breath")
    editor = library.editor
    library.tabs.setCurrentIndex(1)
    assert not library.received.isVisible()
    assert editor.kind.isEnabled() and library.delete_button.isEnabled()
    editor.name.setFocus()
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "Mine")
    qtbot.keyClick(editor.name, Qt.Key.Key_Tab)
    assert empty_context.core.practices.get_practice(own.id or 0).name == "Mine"
    assert empty_context.undo.count() == 1


def test_the_banner_button_is_reached_by_tab_and_named(
    qtbot: QtBot, library: PracticeLibraryView
) -> None:
    """GIVEN a received practice selected, the keyboard in the library list
    WHEN the facilitator presses Tab
    THEN "Duplicate to edit" is reached, with an accessible name, and Space makes the copy"""
    _select(library, "Org breath")
    library.activateWindow()
    library.table.setFocus()
    button = library.received.button
    assert button.accessibleName() == "Duplicate to edit"
    for _step in range(30):
        focus = QApplication.focusWidget()
        if focus is button:
            break
        assert isinstance(focus, QWidget)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button

    qtbot.keyClick(button, Qt.Key.Key_Space)

    selected = library.selected()
    assert selected is not None and selected.name == "Org breath (copy)"
