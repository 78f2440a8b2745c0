"""A week of a curriculum template received from the organisation reads as read-only in the
agenda builder; "Duplicate to edit" makes the facilitator's own copy of the week."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from attune_desktop.core.models import OrgSyncState
from attune_desktop.ui.agenda.agenda_view import AgendaBuilderView
from attune_desktop.ui.shell import UiContext


@pytest.fixture
def week(empty_context: UiContext) -> int:
    """Week 1 of a template the organisation shared, with two segments."""
    core = empty_context.core
    made = core.series.create_series("Org term", dt.date(2026, 1, 5), weeks=2)
    template = core.series.save_as_template(made.id or 0, "Org curriculum")
    core.series.delete_series(made.id or 0)
    ident = core.series.sessions_of(template.id or 0)[0].id or 0
    core.sessions.add_segment(ident, kind="welcome", title="Welcome")
    core.sessions.add_segment(ident, kind="closing", title="Closing")
    with core.db.session() as s:
        s.add(OrgSyncState(uid=template.uid, kind="template", fingerprint="x", received=True))
    return ident


@pytest.fixture
def builder(qtbot: QtBot, empty_context: UiContext, week: int) -> AgendaBuilderView:
    view = AgendaBuilderView(empty_context)
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_received_templates_week_is_read_only_and_duplicates_to_edit(
    qtbot: QtBot, builder: AgendaBuilderView, empty_context: UiContext, week: int
) -> None:
    """GIVEN week 1 of a template received from the organisation, opened in the agenda builder
    WHEN the facilitator tries Ctrl+N, Delete and an edit in the table
    THEN the banner shows, adding, deleting, moving and the forms are greyed, the agenda is
    unchanged and the undo history empty; "Duplicate to edit" makes an own, editable copy"""
    core, undo = empty_context.core, empty_context.undo
    builder.select_session(week)
    assert builder.received.isVisible()
    assert "organisation's library" in builder.received.label.text()
    for name in ("addOther", "addPractice", "deleteSegment", "moveUp", "duplicateSegment"):
        action = builder.findChild(QAction, name)
        assert action is not None and not action.isEnabled(), name
    assert not builder.editor.isEnabled() and not builder.header.isEnabled()
    assert not builder.prep.isEnabled() and not builder.sessions.delete_button.isEnabled()
    builder.table.setFocus()
    qtbot.keyClick(builder.table, Qt.Key.Key_Delete)
    qtbot.keyClick(builder.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    builder.model.edit_requested.emit(  # a cell edit that slipped through is refused in words
        core.sessions.segments(week)[0].id or 0, "title", "Changed"
    )
    assert "organisation's library" in builder.message.text()
    assert [s.title for s in core.sessions.segments(week)] == ["Welcome", "Closing"]
    assert undo.count() == 0

    qtbot.mouseClick(builder.received.button, Qt.MouseButton.LeftButton)

    copy = builder.sessions.selected_id()
    assert copy is not None and copy != week
    assert not builder.received.isVisible()
    assert builder.editor.isEnabled() and builder.header.isEnabled()
    action = builder.findChild(QAction, "addOther")
    assert action is not None and action.isEnabled()
    action.trigger()
    assert [s.title for s in core.sessions.segments(copy)] == ["Welcome", "Activity", "Closing"]
    assert undo.count() == 2  # the copy, then the segment added to it
    assert [s.title for s in core.sessions.segments(week)] == ["Welcome", "Closing"]


def test_an_own_session_after_a_received_week_is_editable_again(
    builder: AgendaBuilderView, empty_context: UiContext, week: int
) -> None:
    """GIVEN a received week shown, then the facilitator's own session chosen
    WHEN it shows
    THEN no banner, and adding a segment works"""
    builder.select_session(week)
    own = empty_context.core.sessions.create_session("My circle")
    builder.sessions.refresh()
    builder.select_session(own.id or 0)
    assert not builder.received.isVisible()
    action = builder.findChild(QAction, "addOther")
    assert action is not None and action.isEnabled()
    action.trigger()
    assert len(empty_context.core.sessions.segments(own.id or 0)) == 1
