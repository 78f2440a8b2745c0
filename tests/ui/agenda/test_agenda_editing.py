"""Writing in the Sessions screen the way a person does: the keyboard, the B button, Ctrl+Z.

Each test drives the real builder with key presses and clicks and reads back what was saved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop.ui.agenda.agenda_view import AgendaBuilderView
from attune_desktop.ui.shell import UiContext
from tests.printing.helpers import export_agenda_pdf, pdf_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def builder(qtbot: QtBot, empty_context: UiContext) -> AgendaBuilderView:
    view = AgendaBuilderView(empty_context)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def a_session(view: AgendaBuilderView, *kinds: str) -> int:
    view.new_session()
    for kind in kinds:
        view.add_segment(kind)
    sid = view.sessions.selected_id()
    assert sid is not None
    return sid


def saved_notes(view: AgendaBuilderView, sid: int) -> str:
    return view.controller.service.segments(sid)[0].notes


def type_notes(qtbot: QtBot, view: AgendaBuilderView, text: str) -> None:
    view.editor.notes.setFocus()
    qtbot.waitUntil(view.editor.notes.hasFocus)
    qtbot.keyClicks(view.editor.notes, text)


def put_cursor(view: AgendaBuilderView, position: int, anchor: int | None = None) -> None:
    cursor = view.editor.notes.textCursor()
    cursor.setPosition(position if anchor is None else anchor)
    cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    view.editor.notes.setTextCursor(cursor)


def bold_button(view: AgendaBuilderView) -> QToolButton:
    button = view.editor.findChild(QToolButton, "boldButton")
    assert button is not None
    return button


def test_bold_with_nothing_selected_bolds_the_word_at_the_cursor(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    # GIVEN a discussion whose notes say "Ask gently"
    sid = a_session(builder, "discussion")
    type_notes(qtbot, builder, "Ask gently")
    # WHEN the cursor sits inside "gently" with nothing selected and B is clicked
    put_cursor(builder, 6)
    qtbot.mouseClick(bold_button(builder), Qt.MouseButton.LeftButton)
    # THEN that word is bold, and no placeholder word was written
    assert builder.editor.notes.toPlainText() == "Ask **gently**"
    builder.editor.commit_text()
    assert saved_notes(builder, sid) == "Ask **gently**"
    # AND Ctrl+B on the same word takes the bold off again
    put_cursor(builder, 9)
    qtbot.keyClick(builder.editor.notes, Qt.Key.Key_B, CTRL)
    assert builder.editor.notes.toPlainText() == "Ask gently"


def test_bold_between_words_opens_a_pair_to_type_into(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    a_session(builder, "discussion")
    type_notes(qtbot, builder, "Ask ")
    qtbot.keyClick(builder.editor.notes, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(builder.editor.notes, "slowly")
    assert builder.editor.notes.toPlainText() == "Ask **slowly**"


def test_bold_on_a_list_line_leaves_the_dash_alone(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    # GIVEN a bulleted line in the notes
    a_session(builder, "practice")
    type_notes(qtbot, builder, "- eyes open is fine")
    # WHEN the whole line is selected by keyboard and Ctrl+B pressed
    qtbot.keyClick(builder.editor.notes, Qt.Key.Key_Home)
    qtbot.keyClick(builder.editor.notes, Qt.Key.Key_End, SHIFT)
    qtbot.keyClick(builder.editor.notes, Qt.Key.Key_B, CTRL)
    # THEN the words are bold and the line is still a list line
    assert builder.editor.notes.toPlainText() == "- **eyes open is fine**"


def test_tab_moves_through_the_segment_form_and_never_into_the_text(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    # GIVEN a segment's form with the focus on "Fixed"
    sid = a_session(builder, "teaching")
    editor = builder.editor
    editor.fixed.setFocus()
    qtbot.waitUntil(editor.fixed.hasFocus)
    # WHEN the facilitator presses Tab
    qtbot.keyClick(editor.fixed, Qt.Key.Key_Tab)
    # THEN the focus is in the notes (not on B, where a space would press it)
    assert QApplication.focusWidget() is editor.notes
    # WHEN they type, then Tab again
    qtbot.keyClicks(editor.notes, "Read slowly")
    qtbot.keyClick(editor.notes, Qt.Key.Key_Tab)
    # THEN no tab was written and the focus moved on to "Share", then the materials
    assert "\t" not in editor.notes.toPlainText()
    assert QApplication.focusWidget() is editor.share_script
    qtbot.keyClick(editor.share_script, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.materials
    qtbot.keyClick(editor.materials, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not editor.materials  # no trap
    # AND Shift+Tab comes back
    editor.materials.setFocus()
    qtbot.keyClick(editor.materials, Qt.Key.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is editor.share_script
    qtbot.keyClick(editor.share_script, Qt.Key.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is editor.notes
    editor.commit_text()
    assert saved_notes(builder, sid) == "Read slowly"


def test_a_script_is_shared_with_the_organisation_only_when_ticked(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    """GIVEN a new segment (its script is not shared)
    WHEN "Share this script with the organisation" is ticked with Space, then Ctrl+Z
    THEN the segment is marked shared, and undo unmarks it"""
    sid = a_session(builder, "teaching")
    editor = builder.editor
    assert not editor.share_script.isChecked()
    assert not builder.controller.service.segments(sid)[0].share_script
    editor.share_script.setFocus()
    qtbot.waitUntil(editor.share_script.hasFocus)
    qtbot.keyClick(editor.share_script, Qt.Key.Key_Space)
    assert builder.controller.service.segments(sid)[0].share_script
    builder.controller.undo.undo()
    qtbot.waitUntil(lambda: not builder.controller.service.segments(sid)[0].share_script)
    # AND the format buttons never take the keyboard focus
    for name in ("boldButton", "italicButton", "bulletButton"):
        button = editor.findChild(QWidget, name)
        assert button is not None and button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_ctrl_z_in_the_notes_is_the_edit_menus_undo(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    # GIVEN a segment whose minutes were changed, then notes typed (not yet saved)
    sid = a_session(builder, "discussion")
    stack = builder.controller.undo
    builder.editor.minutes.setValue(25)
    assert stack.undoText() == "Edit planned minutes"
    type_notes(qtbot, builder, "Ask: what did you notice?")
    # WHEN Ctrl+Z is pressed in the notes
    qtbot.keyClick(builder.editor.notes, Qt.Key.Key_Z, CTRL)
    # THEN the whole typing is undone as one app step, and the field shows it
    assert saved_notes(builder, sid) == ""
    qtbot.waitUntil(lambda: builder.editor.notes.toPlainText() == "")
    # AND the Edit menu now offers what the next Ctrl+Z will do: the minutes
    assert stack.undoText() == "Edit planned minutes"
    qtbot.keyClick(builder.editor.notes, Qt.Key.Key_Z, CTRL)
    assert builder.controller.service.segments(sid)[0].planned_minutes == 20
    # WHEN Ctrl+Shift+Z is pressed twice
    qtbot.keyClick(builder.editor.notes, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(builder.editor.notes, Qt.Key.Key_Z, CTRL | SHIFT)
    # THEN both come back, the field too
    assert builder.controller.service.segments(sid)[0].planned_minutes == 25
    assert saved_notes(builder, sid) == "Ask: what did you notice?"
    qtbot.waitUntil(lambda: builder.editor.notes.toPlainText() == "Ask: what did you notice?")


def test_ctrl_z_in_a_title_undoes_the_typed_title_as_one_step(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    sid = a_session(builder, "welcome")
    title = builder.editor.title
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.selectAll()
    qtbot.keyClicks(title, "Arrivals")
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL)
    assert builder.controller.service.segments(sid)[0].title == "Welcome"
    qtbot.waitUntil(lambda: title.text() == "Welcome")
    # the typing became a step of the app's history: Redo (the Edit menu's) brings it back
    assert builder.controller.undo.redoText() == "Edit title"
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL | SHIFT)
    assert builder.controller.service.segments(sid)[0].title == "Arrivals"
    # and in the session's theme
    theme = builder.header.title
    theme.setFocus()
    qtbot.waitUntil(theme.hasFocus)
    theme.selectAll()
    qtbot.keyClicks(theme, "Week 3")
    steps = builder.controller.undo.count()
    qtbot.keyClick(theme, Qt.Key.Key_Z, CTRL)
    assert builder.controller.service.get_session(sid).title == "New session"
    # a second Ctrl+Z at once, before the screen has refreshed, undoes the step before
    qtbot.keyClick(theme, Qt.Key.Key_Z, CTRL)
    assert builder.controller.undo.count() == steps + 1  # the theme's step, nothing re-saved
    assert builder.controller.undo.index() == steps - 1
    qtbot.keyClick(theme, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(theme, Qt.Key.Key_Z, CTRL | SHIFT)
    assert builder.controller.service.get_session(sid).title == "Week 3"
    qtbot.waitUntil(lambda: theme.text() == "Week 3")


def test_preparation_is_edited_saved_undoable_and_private(
    qtbot: QtBot, builder: AgendaBuilderView, empty_context: UiContext, tmp_path: Path
) -> None:
    # GIVEN a session WHEN the facilitator types their preparation
    sid = a_session(builder, "welcome", "closing")
    prep = builder.findChild(QWidget, "sessionPrepNotes")
    assert prep is not None and prep.isVisible()
    prep.setFocus()
    qtbot.waitUntil(prep.hasFocus)
    qtbot.keyClicks(prep, "Bring the kettle")
    # THEN it is saved after a pause, without a save button
    service = builder.controller.service
    qtbot.waitUntil(lambda: service.get_session(sid).prep_notes == "Bring the kettle", timeout=3000)
    # AND it prints on the facilitator's run sheet, never on the room's agenda
    run_sheet = export_agenda_pdf(
        empty_context.core, sid, tmp_path / "run.pdf", audience="facilitator"
    )
    room = export_agenda_pdf(
        empty_context.core, sid, tmp_path / "room.pdf", audience="participants"
    )
    assert "Bring the kettle" in pdf_text(run_sheet)
    assert "kettle" not in pdf_text(room)
    # AND the room's projector never shows it while the session runs
    from attune_desktop.ui.run.presenter import PresenterWindow

    run = builder._core.runs.prepare(sid)
    presenter = PresenterWindow(empty_context, run)
    qtbot.addWidget(presenter)
    presenter.show()
    presenter.show_projector()
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    presenter.tick()
    room = [label.text() for label in presenter.projector.findChildren(QLabel)]
    assert "Welcome" in " ".join(room)
    assert not any("kettle" in text for text in room)
    presenter.close()
    # AND Ctrl+Z takes it back
    prep.setFocus()
    qtbot.waitUntil(prep.hasFocus)
    qtbot.keyClick(prep, Qt.Key.Key_Z, CTRL)
    assert service.get_session(sid).prep_notes == ""
    qtbot.waitUntil(lambda: builder.prep.edit.toPlainText() == "")
    # AND another session shows its own (empty) preparation
    other = a_session(builder, "welcome")
    assert other != sid and builder.prep.edit.toPlainText() == ""


def test_delete_deletes_a_segment_only_from_the_agenda_table(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    # GIVEN a session of two segments, the focus in the sessions list
    sid = a_session(builder, "welcome", "closing")
    builder.sessions.table.setFocus()
    qtbot.waitUntil(builder.sessions.table.hasFocus)
    # WHEN Delete is pressed there THEN no segment goes
    qtbot.keyClick(builder.sessions.table, Qt.Key.Key_Delete)
    assert len(builder.controller.service.segments(sid)) == 2
    # WHEN Delete is pressed in the agenda table THEN the chosen segment goes
    builder.table.setFocus()
    qtbot.waitUntil(builder.table.hasFocus)
    builder.table.selectRow(0)
    qtbot.keyClick(builder.table, Qt.Key.Key_Delete)
    assert [s.title for s in builder.controller.service.segments(sid)] == ["Closing"]
