"""Building a family's routine: saved as it goes, reordered by keyboard or drag, undoable."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QPushButton
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.ui.routines.pictogram_picker import PictogramPickerDialog
from attune_desktop.ui.routines.routines_model import MIME_TYPE as ROUTINE_MIME
from attune_desktop.ui.routines.routines_view import RoutinesView
from attune_desktop.ui.routines.steps_model import COL_WORDS, MIME_TYPE
from attune_desktop.ui.shell import UiContext

ONE_PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture
def view(qtbot: QtBot, context: UiContext) -> RoutinesView:
    widget = RoutinesView(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 720)
    widget.show()
    return widget


@pytest.fixture
def empty_view(qtbot: QtBot, empty_context: UiContext) -> RoutinesView:
    widget = RoutinesView(empty_context)
    qtbot.addWidget(widget)
    widget.resize(1300, 720)
    widget.show()
    return widget


def words(view: RoutinesView) -> list[str]:
    routine_id = view.routines.selected_id()
    assert routine_id is not None
    return [s.words for s in view.controller.service.steps(routine_id)]


def trigger(view: RoutinesView, name: str) -> None:
    action = view.findChild(QAction, name)
    assert action is not None, name
    action.trigger()


def test_a_new_family_builds_a_routine_from_scratch(
    qtbot: QtBot, empty_view: RoutinesView, empty_core: Core
) -> None:
    # GIVEN an empty home WHEN the facilitator adds a family and names it
    assert empty_view.empty.isVisible()
    empty_view.families.add_family()
    assert empty_view.families.label.hasFocus()
    empty_view.families.label.setText("The Otters")
    empty_view.families.label.editingFinished.emit()
    # AND starts a routine and adds two steps, typing their words
    empty_view.routines.new_routine()
    trigger(empty_view.steps, "addStep")
    empty_view.steps.words.setText("Wake up")
    empty_view.steps.words.editingFinished.emit()
    trigger(empty_view.steps, "addStep")
    empty_view.steps.words.setText("Wash")
    empty_view.steps.words.editingFinished.emit()
    empty_view.steps.minutes.setValue(3)
    # THEN all of it is saved
    family = empty_core.families.list_families()[0]
    assert family.label == "The Otters"
    assert words(empty_view) == ["Wake up", "Wash"]
    assert empty_core.families.steps(empty_view.routines.selected_id() or 0)[1].minutes == 3
    qtbot.waitUntil(lambda: not empty_view.empty.isVisible())


def test_ctrl_up_and_down_reorder_steps_and_undo_puts_them_back(
    qtbot: QtBot, view: RoutinesView, context: UiContext
) -> None:
    # GIVEN a demo family's routine, second step selected
    before = words(view)
    view.steps.table.selectRow(1)
    # WHEN Ctrl+Up is pressed in the steps list
    view.steps.table.setFocus()
    qtbot.keyClick(view.steps.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    # THEN the step moved up, stays selected, and undo restores the order
    after = words(view)
    assert after[0] == before[1] and after[1] == before[0]
    assert (
        view.steps.selected_id()
        == view.controller.service.steps(view.routines.selected_id() or 0)[0].id
    )
    qtbot.keyClick(view.steps.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert words(view) == before
    context.undo.undo()
    assert words(view) == after
    context.undo.undo()
    assert words(view) == before


def test_a_drop_on_the_model_asks_for_a_move(view: RoutinesView, context: UiContext) -> None:
    before = words(view)
    model = view.steps.model
    data = QMimeData()
    data.setData(MIME_TYPE, b"0")
    # WHEN the first step is dropped before the fourth row
    model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    # THEN it now comes third
    assert words(view) == [before[1], before[2], before[0], *before[3:]]
    context.undo.undo()
    assert words(view) == before


def test_inline_edit_and_undo(view: RoutinesView, context: UiContext) -> None:
    model = view.steps.model
    model.setData(model.index(0, COL_WORDS), "Stretch like a cat")
    assert words(view)[0] == "Stretch like a cat"
    context.undo.undo()
    assert words(view)[0] != "Stretch like a cat"


def test_a_refused_edit_shows_why_and_changes_nothing(view: RoutinesView) -> None:
    model = view.steps.model
    before = words(view)
    model.setData(model.index(0, COL_WORDS), "w" * 201)
    assert "at most 200" in view.message.text()
    assert words(view) == before


def test_deleting_a_family_is_undone_with_its_routines(
    qtbot: QtBot, view: RoutinesView, context: UiContext
) -> None:
    count = view.families.model.rowCount()
    family_id = view.families.selected_id()
    routines = len(view.controller.service.routines(family_id))
    view.families.delete_family()
    assert view.families.model.rowCount() == count - 1
    context.undo.undo()
    assert len(view.controller.service.routines(family_id)) == routines
    # THEN the list shows it again once the view has heard of the change
    qtbot.waitUntil(lambda: view.families.model.find(lambda f: f.id == family_id) >= 0)


def test_a_template_starts_a_routine_and_one_undo_removes_it(
    view: RoutinesView, context: UiContext
) -> None:
    family_id = view.families.selected_id()
    before = len(view.controller.service.routines(family_id))
    menu = view.routines.templates.menu()
    action = next(a for a in menu.actions() if a.objectName() == "template_calm-down-plan")
    action.trigger()
    routines = view.controller.service.routines(family_id)
    assert len(routines) == before + 1
    assert view.routines.selected_id() == routines[-1].id
    context.undo.undo()
    assert len(view.controller.service.routines(family_id)) == before


def test_copy_a_routine_to_other_families(
    qtbot: QtBot, view: RoutinesView, context: UiContext
) -> None:
    service = view.controller.service
    others = [f.id for f in service.list_families() if f.id != view.families.selected_id()]
    counts = {f: len(service.routines(f)) for f in others}
    view.routines.copy_routine()
    dialog = view.routines._copy
    assert dialog is not None
    dialog.set_all(True)
    with qtbot.waitSignal(dialog.families_chosen):
        dialog._on_accept()
    assert all(len(service.routines(f)) == counts[f] + 1 for f in others)
    context.undo.undo()  # one step for the whole copy
    assert all(len(service.routines(f)) == counts[f] for f in others)


def test_the_picker_searches_in_english_and_spanish_and_sets_the_picture(
    qtbot: QtBot, view: RoutinesView, context: UiContext
) -> None:
    view.steps.pick_picture()
    picker = view.steps._picker
    assert isinstance(picker, PictogramPickerDialog)
    qtbot.addWidget(picker)
    search = picker.findChild(type(picker.search), "pictogramSearch")
    qtbot.keyClicks(search, "cepillo de dientes")
    assert picker.chosen() is not None and picker.chosen().key == "1FAA5"
    search.clear()
    qtbot.keyClicks(search, "teddy")
    assert picker.chosen() is not None and "teddy" in picker.chosen().name
    with qtbot.waitSignal(picker.picture_chosen):
        qtbot.keyClick(search, Qt.Key.Key_Return)
    step = view.controller.service.get_step(view.steps.selected_id() or 0)
    assert step.picture == "pictogram:1F9F8"
    context.undo.undo()
    assert view.controller.service.get_step(step.id or 0).picture != "pictogram:1F9F8"
    search.setText("zzzz nothing")
    assert "No picture matches" in picker.count.text()


def test_a_photo_is_copied_in_and_a_wrong_file_is_refused(
    view: RoutinesView, core: Core, tmp_path: Path
) -> None:
    photo = tmp_path / "teddy.png"
    photo.write_bytes(ONE_PIXEL_PNG)
    step_id = view.steps.selected_id() or 0
    view.steps._on_photo_chosen(str(photo))
    picture = core.families.get_step(step_id).picture
    assert picture.startswith("photo:")
    assert (core.paths.photos / picture.removeprefix("photo:")).exists()
    text = tmp_path / "list.txt"
    text.write_text("milk, eggs")
    view.steps._on_photo_chosen(str(text))
    assert "not a photo" in view.message.text()
    assert core.families.get_step(step_id).picture == picture


def test_the_series_pdf_is_saved_with_progress(view: RoutinesView, tmp_path: Path) -> None:
    out = view.print_bar.export(str(tmp_path / "all.pdf"), "series")
    assert out is not None and out.exists()
    assert "Saved" in view.message.text()


def test_the_picker_names_pictures_in_the_language_that_matched(
    qtbot: QtBot, view: RoutinesView
) -> None:
    # GIVEN a Spanish-speaking family's step (the demo's "Los Colibríes" comes first)
    family = view.controller.service.get_family(view.families.selected_id() or 0)
    assert family.language == "es"
    view.steps.pick_picture()
    picker = view.steps._picker
    assert isinstance(picker, PictogramPickerDialog)
    qtbot.addWidget(picker)
    # WHEN nothing is typed THEN the pictures are named in the family's Spanish
    picker.search.clear()
    shown = {picker.model.index(r, 0).data() for r in range(picker.model.rowCount())}
    assert "cama" in shown and "bed" not in shown
    # WHEN the facilitator types English THEN the names follow the words that matched
    picker.search.setText("teddy bear")
    assert picker.model.index(0, 0).data() == "teddy bear"
    picker.search.setText("cepillo")
    assert picker.model.index(0, 0).data() == "cepillo de dientes"
    assert "toothbrush" in picker.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def titles(view: RoutinesView) -> list[str]:
    family_id = view.families.selected_id()
    assert family_id is not None
    return [r.title for r in view.controller.service.routines(family_id)]


def test_routines_reorder_by_keyboard_and_drop_and_print_in_that_order(
    qtbot: QtBot, view: RoutinesView, context: UiContext, tmp_path: Path
) -> None:
    # GIVEN a demo family with two routines, the first one selected
    before = titles(view)
    assert len(before) == 2
    view.routines.table.selectRow(0)
    moving = view.routines.selected_id()
    # WHEN Ctrl+Down is pressed in the routines list
    view.routines.table.setFocus()
    qtbot.keyClick(view.routines.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    # THEN it is saved at once, second now, and still the selected one
    assert titles(view) == before[::-1]
    assert view.routines.selected_id() == moving
    # AND the family's printed sheets follow the new order
    out = view.print_bar.export(str(tmp_path / "family.pdf"), "family")
    assert out is not None
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert text.index(before[1]) < text.index(before[0])
    # WHEN it is undone THEN the order is back; redo moves it again
    context.undo.undo()
    assert titles(view) == before
    context.undo.redo()
    assert titles(view) == before[::-1]
    # WHEN the first routine is dragged below the second THEN that is one more undoable move
    data = QMimeData()
    data.setData(ROUTINE_MIME, b"0")
    view.routines.model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert titles(view) == before
    context.undo.undo()
    assert titles(view) == before[::-1]


def test_the_routine_move_shortcuts_are_shown_and_stop_at_the_ends(view: RoutinesView) -> None:
    up = view.routines.table.findChild(QAction, "routineUp")
    assert up is not None and "Ctrl+Up" in up.toolTip()
    before = titles(view)
    view.routines.table.selectRow(0)
    up.trigger()  # already first: nothing moves, nothing to undo
    assert titles(view) == before
    assert view.controller.undo.count() == 0


def saved_step(view: RoutinesView, step_id: int) -> tuple[str, str]:
    step = view.controller.service.get_step(step_id)
    return step.words, step.caregiver_line


def test_typing_step_words_is_saved_after_a_pause_while_still_in_the_field(
    qtbot: QtBot, view: RoutinesView, context: UiContext
) -> None:
    # GIVEN a step, its words field focused and emptied
    step_id = view.steps.selected_id() or 0
    original = saved_step(view, step_id)
    view.steps.words.setFocus()
    view.steps.words.selectAll()
    # WHEN the facilitator types, pauses, then types more, never leaving the field
    qtbot.keyClicks(view.steps.words, "Brush")
    qtbot.waitUntil(lambda: saved_step(view, step_id)[0] == "Brush", timeout=3000)
    assert view.steps.words.hasFocus()
    qtbot.keyClicks(view.steps.words, " teeth")
    qtbot.waitUntil(lambda: saved_step(view, step_id)[0] == "Brush teeth", timeout=3000)
    # AND then types the caregiver's line
    view.steps.caregiver.setFocus()
    view.steps.caregiver.selectAll()
    qtbot.keyClicks(view.steps.caregiver, "me: hum a song")
    qtbot.waitUntil(lambda: saved_step(view, step_id)[1] == "me: hum a song", timeout=3000)
    # THEN the field kept everything typed, and each field's typing is one undo step
    assert view.steps.words.text() == "Brush teeth"
    context.undo.undo()
    assert saved_step(view, step_id) == ("Brush teeth", original[1])
    context.undo.undo()
    assert saved_step(view, step_id) == original
    context.undo.redo()
    assert saved_step(view, step_id)[0] == "Brush teeth"


def test_words_typed_just_before_moving_to_another_step_stay_with_their_step(
    qtbot: QtBot, view: RoutinesView
) -> None:
    # GIVEN the first step selected and words typed into it, no pause yet
    view.steps.table.selectRow(0)
    first = view.steps.selected_id() or 0
    second_words = saved_step(
        view, view.controller.service.steps(view.routines.selected_id() or 0)[1].id or 0
    )[0]
    view.steps.words.setFocus()
    view.steps.words.selectAll()
    qtbot.keyClicks(view.steps.words, "Stretch")
    # WHEN another step is selected at once
    view.steps.table.selectRow(1)
    # THEN the words were saved to the first step, and the second step kept its own
    assert saved_step(view, first)[0] == "Stretch"
    second = view.steps.selected_id() or 0
    assert saved_step(view, second)[0] == second_words
    assert view.steps.words.text() == second_words


def test_an_empty_home_says_what_to_do_and_its_button_starts_a_family(
    qtbot: QtBot, empty_view: RoutinesView, empty_core: Core
) -> None:
    # GIVEN no families THEN the screen explains itself instead of showing three empty lists
    assert empty_view.empty.isVisible()
    assert not empty_view.splitter.isVisible() and not empty_view.print_bar.isVisible()
    # WHEN the one button is pressed
    qtbot.mouseClick(empty_view.findChild(QPushButton, "addFirstFamily"), Qt.MouseButton.LeftButton)
    # THEN a family exists, the builder shows, and its label is ready to be typed
    assert len(empty_core.families.list_families()) == 1
    assert empty_view.splitter.isVisible() and not empty_view.empty.isVisible()
    assert empty_view.families.label.hasFocus()


def test_keyboard_only_delete_key_enter_to_edit_and_tab_leaves_the_notes(
    qtbot: QtBot, view: RoutinesView, context: UiContext
) -> None:
    steps = view.steps
    count = steps.model.rowCount()
    # GIVEN focus in a step's words WHEN Delete is pressed THEN it deletes a letter, not the step
    steps.words.setFocus()
    steps.words.home(False)
    qtbot.keyClick(steps.words, Qt.Key.Key_Delete)
    assert steps.model.rowCount() == count
    # WHEN Delete is pressed in the steps list THEN the selected step goes (undoable)
    steps.table.setFocus()
    qtbot.keyClick(steps.table, Qt.Key.Key_Delete)
    assert steps.model.rowCount() == count - 1
    context.undo.undo()
    qtbot.waitUntil(lambda: steps.model.rowCount() == count)
    # WHEN Enter is pressed on a step THEN its words open for editing in place
    steps.table.setFocus()
    steps.table.selectRow(0)
    steps.table.setCurrentIndex(steps.model.index(0, COL_WORDS))
    qtbot.keyClick(steps.table, Qt.Key.Key_Return)
    assert steps.table.state() == QAbstractItemView.State.EditingState
    # AND Enter on a family or a routine goes to its name
    view.families.table.setFocus()
    qtbot.keyClick(view.families.table, Qt.Key.Key_Return)
    assert view.families.label.hasFocus()
    view.routines.table.setFocus()
    qtbot.keyClick(view.routines.table, Qt.Key.Key_Return)
    assert view.routines.title.hasFocus()
    # AND Delete in the routines list deletes the routine, and says how to get it back
    routines = view.routines.model.rowCount()
    view.routines.table.setFocus()
    qtbot.keyClick(view.routines.table, Qt.Key.Key_Delete)
    assert view.routines.model.rowCount() == routines - 1
    assert "Ctrl+Z" in view.message.text()
    context.undo.undo()
    qtbot.waitUntil(lambda: view.routines.model.rowCount() == routines)
    # AND Tab leaves the family notes instead of typing a tab into them
    view.families.notes.setFocus()
    notes = view.families.notes.toPlainText()
    qtbot.keyClick(view.families.notes, Qt.Key.Key_Tab)
    assert not view.families.notes.hasFocus()
    assert view.families.notes.toPlainText() == notes


def test_every_button_says_what_it_does_and_its_shortcut(view: RoutinesView) -> None:
    for name in ("addStep", "deleteStep", "stepUp", "stepDown", "pickPicture"):
        action = view.steps.findChild(QAction, name)
        assert action is not None and "(" in action.toolTip(), name
    for name in ("addFamily", "deleteFamily", "newRoutine", "copyRoutine", "deleteRoutine"):
        button = view.findChild(QPushButton, name)
        assert button is not None and button.toolTip(), name
    assert "Delete" in view.findChild(QPushButton, "deleteRoutine").toolTip()


def test_arabic_step_words_start_at_the_right_of_their_cell(view: RoutinesView) -> None:
    # GIVEN the demo's Arabic family selected
    arabic = next(f for f in view.controller.service.list_families() if f.language == "ar")
    view.families.select(arabic.id)
    model = view.steps.model
    # THEN its words are aligned to the right, where an Arabic reader starts
    align = model.index(0, COL_WORDS).data(Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight.value
    # AND another family's words stay on the left
    view.families.select(
        next(f.id for f in view.controller.service.list_families() if f.language == "en")
    )
    align = model.index(0, COL_WORDS).data(Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignLeft.value


def test_an_undo_shows_in_the_words_field_even_while_it_has_the_focus(
    qtbot: QtBot, view: RoutinesView, context: UiContext
) -> None:
    # GIVEN words typed into a step and saved after the pause, the field still focused
    step_id = view.steps.selected_id() or 0
    original = saved_step(view, step_id)[0]
    view.steps.words.setFocus()
    view.steps.words.selectAll()
    with qtbot.waitSignal(view.steps.model.modelReset, timeout=3000):  # saved, then shown
        qtbot.keyClicks(view.steps.words, "Shoes  on")
    assert saved_step(view, step_id)[0] == "Shoes on"
    # (the refresh that followed the save left the typist's double space and cursor alone)
    assert view.steps.words.text() == "Shoes  on"
    assert view.steps.words.cursorPosition() == len("Shoes  on")
    # WHEN the edit is undone from the menu
    context.undo.undo()
    # THEN the field shows the words the step has again, not the undone ones
    qtbot.waitUntil(lambda: view.steps.words.text() == original)
    view.steps.words.editingFinished.emit()  # leaving the field does not redo the edit
    assert saved_step(view, step_id)[0] == original


def test_a_family_label_and_a_routine_title_save_after_a_typing_pause(
    qtbot: QtBot, view: RoutinesView, context: UiContext
) -> None:
    service = view.controller.service
    family_id = view.families.selected_id() or 0
    routine_id = view.routines.selected_id() or 0
    label, title = service.get_family(family_id).label, service.get_routine(routine_id).title
    # WHEN the facilitator types a new label, never leaving the field
    view.families.label.setFocus()
    view.families.label.selectAll()
    qtbot.keyClicks(view.families.label, "Los Colibries del Sur")
    # THEN it is saved after the pause, and the field keeps the typist's cursor
    qtbot.waitUntil(lambda: service.get_family(family_id).label == "Los Colibries del Sur")
    assert view.families.label.hasFocus()
    # AND the same for the family's notes (for the facilitator only)
    view.families.notes.setFocus()
    view.families.notes.selectAll()
    qtbot.keyClicks(view.families.notes, "Prefer big pictures")
    qtbot.waitUntil(lambda: service.get_family(family_id).notes == "Prefer big pictures")
    # AND the same for a routine's title
    view.routines.title.setFocus()
    view.routines.title.selectAll()
    qtbot.keyClicks(view.routines.title, "Calm morning")
    qtbot.waitUntil(lambda: service.get_routine(routine_id).title == "Calm morning")
    # AND each is one undo step, which also shows in the focused field
    context.undo.undo()
    assert service.get_routine(routine_id).title == title
    qtbot.waitUntil(lambda: view.routines.title.text() == title)
    context.undo.undo()  # the notes
    context.undo.undo()
    assert service.get_family(family_id).label == label
