"""Building a session agenda: fast by keyboard, saved as it goes, every edit undoable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from attune_desktop.ui.agenda.agenda_model import COL_END, COL_MINUTES, COL_START, COL_TITLE
from attune_desktop.ui.agenda.agenda_view import AgendaBuilderView
from attune_desktop.ui.shell import UiContext


@pytest.fixture
def builder(qtbot: QtBot, empty_context: UiContext) -> AgendaBuilderView:
    view = AgendaBuilderView(empty_context)
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    return view


def agenda_state(view: AgendaBuilderView) -> list[tuple[str, int, bool]]:
    sid = view.sessions.selected_id()
    assert sid is not None
    segments = view.controller.service.segments(sid)
    return [(s.title, s.planned_minutes, s.fixed) for s in segments]


def trigger(view: AgendaBuilderView, name: str) -> None:
    action = view.findChild(QAction, name)
    assert action is not None, name
    action.trigger()


def new_session_with(view: AgendaBuilderView, *kinds: str) -> int:
    view.new_session()
    for kind in kinds:
        view.add_segment(kind)
    sid = view.sessions.selected_id()
    assert sid is not None
    return sid


def test_build_a_session_from_scratch_with_the_keyboard(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    # GIVEN an empty home WHEN the facilitator presses Ctrl+Shift+N and types a theme
    qtbot.keyClick(
        builder,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert builder.header.title.hasFocus()
    builder.header.title.clear()
    qtbot.keyClicks(builder.header.title, "Noticing feelings")
    qtbot.keyClick(builder.header.title, Qt.Key.Key_Return)
    # AND adds segments: Ctrl+N adds an activity, then the title is typed straight away
    for title, minutes in (("Welcome", 10), ("Body check-in", 15), ("Tea", 15)):
        qtbot.keyClick(builder.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert builder.editor.title.hasFocus()
        qtbot.keyClicks(builder.editor.title, title)
        qtbot.keyClick(builder.editor.title, Qt.Key.Key_Return)
        builder.editor.minutes.setValue(minutes)
    # THEN it is saved, with clock times from the 18:00 start
    sid = builder.sessions.selected_id()
    assert builder.controller.service.get_session(sid or 0).title == "Noticing feelings"
    assert agenda_state(builder) == [
        ("Welcome", 10, False),
        ("Body check-in", 15, False),
        ("Tea", 15, False),
    ]
    model = builder.model
    qtbot.waitUntil(lambda: model.index(2, COL_END).data() == "18:40")  # views refresh async
    assert [model.index(r, COL_START).data() for r in range(3)] == ["18:00", "18:10", "18:25"]
    assert "40 min planned: 1 h 20 min under the 2 h target" in builder.header.totals.text()


def test_reorder_by_keyboard_and_by_drag_and_drop(qtbot: QtBot, builder: AgendaBuilderView) -> None:
    new_session_with(builder, "welcome", "teaching", "break", "closing")
    builder.table.selectRow(0)
    qtbot.keyClick(builder.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [t for t, _, _ in agenda_state(builder)] == ["Teaching", "Welcome", "Break", "Closing"]
    assert builder.selected_segment_id() == builder.model.segment_at(1).id  # follows the row
    # drag "Closing" (row 3) and drop it before row 0
    mime = builder.model.mimeData([builder.model.index(3, 0)])
    builder.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [t for t, _, _ in agenda_state(builder)] == ["Closing", "Teaching", "Welcome", "Break"]
    builder.controller.undo.undo()
    assert [t for t, _, _ in agenda_state(builder)] == ["Teaching", "Welcome", "Break", "Closing"]


def test_every_agenda_edit_undoes_and_redoes(qtbot: QtBot, builder: AgendaBuilderView) -> None:
    new_session_with(builder, "welcome", "teaching", "closing")
    service = builder.controller.service

    def first_id() -> int:
        return builder.model.segment_at(0).id  # type: ignore[union-attr, return-value]

    edits: list[tuple[str, Callable[[], None]]] = [
        ("add", lambda: builder.add_segment("discussion")),
        ("title", lambda: builder.controller.edit_segment(first_id(), "title", "Hello")),
        ("minutes", lambda: builder.controller.edit_segment(first_id(), "planned_minutes", 25)),
        ("fixed", lambda: builder.controller.edit_segment(first_id(), "fixed", True)),
        ("notes", lambda: builder.controller.edit_segment(first_id(), "notes", "Breathe")),
        (
            "move",
            lambda: builder.controller.move_segment(
                service.get_segment(first_id()).session_id, 0, 2
            ),
        ),
        ("duplicate", lambda: (builder.table.selectRow(0), builder.duplicate_segment())),
        ("delete", lambda: (builder.table.selectRow(1), builder.delete_segment())),
    ]
    for name, edit in edits:
        before = agenda_state(builder)
        edit()
        after = agenda_state(builder)
        assert after != before or name == "notes", name
        builder.controller.undo.undo()
        assert agenda_state(builder) == before, f"undo {name}"
        builder.controller.undo.redo()
        assert agenda_state(builder) == after, f"redo {name}"


def test_deleting_a_session_can_be_undone(qtbot: QtBot, builder: AgendaBuilderView) -> None:
    sid = new_session_with(builder, "welcome", "closing")
    builder.sessions.delete_requested.emit(sid)
    assert builder.sessions.model.rowCount() == 0
    builder.controller.undo.undo()
    qtbot.waitUntil(lambda: builder.sessions.selected_id() == sid)
    assert [t for t, _, _ in agenda_state(builder)] == ["Welcome", "Closing"]


@pytest.mark.parametrize("bad", ["0", "-5", "241"])
def test_impossible_minutes_are_refused_inline(builder: AgendaBuilderView, bad: str) -> None:
    new_session_with(builder, "teaching")
    index = builder.model.index(0, COL_MINUTES)
    builder.model.setData(index, bad)
    assert "from 1 to 240 minutes" in builder.message.text()
    assert agenda_state(builder) == [("Teaching", 20, False)]
    assert builder.controller.undo.count() == 2  # new session and the add; the refusal is not


def test_an_empty_title_is_refused_and_the_old_title_stays(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    new_session_with(builder, "teaching")
    builder.editor.title.clear()
    qtbot.keyClick(builder.editor.title, Qt.Key.Key_Return)
    assert "cannot be empty" in builder.editor.message.text()
    assert builder.editor.title.text() == "Teaching"
    assert agenda_state(builder)[0][0] == "Teaching"


def test_long_notes_emoji_rtl_and_a_start_past_midnight(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    sid = new_session_with(builder, "welcome", "closing")
    builder.controller.edit_session(sid, "start_time", "23:40")
    builder.table.selectRow(0)
    builder.editor.title.setText("أهلاً 🌿 Welcome")
    qtbot.keyClick(builder.editor.title, Qt.Key.Key_Return)
    long_notes = "Slowly, together. " * 555  # ~10,000 characters
    builder.editor.notes.setPlainText(long_notes)
    builder.editor.commit_text()
    builder.refresh()
    first = builder.controller.service.segments(sid)[0]
    assert first.title == "أهلاً 🌿 Welcome"
    assert first.notes == long_notes.strip()
    assert builder.model.index(1, COL_END).data() == "00:00 (+1 day)"
    assert builder.model.index(1, COL_TITLE).data() == "Closing"


def test_typing_notes_is_saved_after_a_pause_without_a_save_button(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    sid = new_session_with(builder, "discussion")
    builder.editor.notes.setFocus()
    qtbot.keyClicks(builder.editor.notes, "Ask: what did you notice?")
    qtbot.waitUntil(
        lambda: builder.controller.service.segments(sid)[0].notes == "Ask: what did you notice?",
        timeout=3000,
    )
    # a whole burst of typing is one undo step
    builder.controller.undo.undo()
    assert builder.controller.service.segments(sid)[0].notes == ""


def test_a_practice_from_the_library_brings_its_length_script_and_pacing(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    practice = builder._core.practices.create_practice(
        "Box breathing",
        kind="breathing",
        default_minutes=6,
        pacing="in 4, hold 4, out 4, hold 4",
        script="Let's breathe in a square.",
        care_notes="Eyes open is fine.",
    )
    new_session_with(builder, "welcome")
    trigger(builder, "addPractice")
    picker = builder._picker
    assert picker is not None
    qtbot.keyClicks(picker.filter, "box")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    added = builder.controller.service.get_segment(builder.selected_segment_id() or 0)
    assert (added.title, added.planned_minutes, added.kind) == ("Box breathing", 6, "practice")
    assert added.practice_id == practice.id
    assert "in 4, hold 4, out 4, hold 4" in added.notes and "square" in added.notes
    assert "Box breathing" in builder.editor.practice.text()


def test_save_as_template_then_start_a_new_session_from_it(builder: AgendaBuilderView) -> None:
    sid = new_session_with(builder, "welcome", "practice", "closing")
    builder.controller.edit_session(sid, "title", "Week 2: making meaning")
    builder.sessions.template_requested.emit(sid)
    builder.sessions.which.setCurrentIndex(1)  # show templates
    assert builder.sessions.model.rowCount() == 1
    template_id = builder.sessions.selected_id()
    builder.sessions.use_template_requested.emit(template_id)
    assert not builder.sessions.showing_templates
    new_id = builder.sessions.selected_id()
    assert new_id not in (sid, template_id)
    fresh = builder.controller.service.get_session(new_id or 0)
    assert fresh.title == "Week 2: making meaning (copy)".removesuffix(" (copy)")
    assert [t for t, _, _ in agenda_state(builder)] == ["Welcome", "Practice together", "Closing"]


def test_a_long_title_shows_its_beginning_when_selected(builder: AgendaBuilderView) -> None:
    # GIVEN a segment and a session whose titles are far wider than their fields
    sid = new_session_with(builder, "teaching")
    builder.table.setFocus()  # the facilitator is not typing in either field
    long_title = "Noticing the body's first signals " * 3
    builder.controller.edit_session(sid, "title", long_title)
    segment = builder.controller.service.segments(sid)[0]
    assert segment.id is not None
    builder.controller.edit_segment(segment.id, "title", long_title)
    # WHEN the screen shows it
    builder.refresh()
    builder.table.selectRow(0)
    # THEN both fields show the start of the title, where a reader begins
    assert builder.editor.title.text() == long_title.strip()
    assert builder.editor.title.cursorPosition() == 0
    assert builder.header.title.cursorPosition() == 0


def test_arrow_keys_choose_which_practice_enter_adds(
    qtbot: QtBot, builder: AgendaBuilderView
) -> None:
    # GIVEN two breathing practices in the library
    practices = builder._core.practices
    practices.create_practice("Box breathing", kind="breathing", default_minutes=6)
    practices.create_practice("Belly breathing", kind="breathing", default_minutes=4)
    new_session_with(builder, "welcome")
    trigger(builder, "addPractice")
    picker = builder._picker
    assert picker is not None
    # WHEN the facilitator filters, presses ↓ to the second match, then Enter
    qtbot.keyClicks(picker.filter, "breath")
    first_match = picker.list.currentItem().text()
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    highlighted = picker.list.currentItem().text()
    assert highlighted != first_match
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    # THEN the highlighted practice is the one added, not the first match
    added = builder.controller.service.get_segment(builder.selected_segment_id() or 0)
    assert highlighted.startswith(added.title)
    # AND ↑ goes back again
    trigger(builder, "addPractice")
    picker = builder._picker
    qtbot.keyClicks(picker.filter, "breath")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Up)
    assert picker.list.currentItem().text() == first_match
