"""The Practices screen: a facilitator makes a practice their own and leads it in the room.

The run's clocks are fakes moved by hand (as in test_run_views), so nothing waits on time.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.core.starter import load_starter_content
from attune_desktop.ui.practices.practice_view import PracticeLibraryView
from attune_desktop.ui.run.launcher import RunLauncher
from attune_desktop.ui.run.pacer import REDUCED_MOTION_KEY
from attune_desktop.ui.shell import UiContext
from tests.clocks import FakeClock


@pytest.fixture
def clock(empty_core: Core) -> FakeClock:
    fake = FakeClock(1_000.0)
    wall = FakeClock(time.time())
    empty_core.runs.clock = fake
    empty_core.runs.wall_clock = wall
    return fake


@pytest.fixture
def library(qtbot: QtBot, empty_context: UiContext) -> PracticeLibraryView:
    view = PracticeLibraryView(empty_context)
    qtbot.addWidget(view)
    view.resize(1280, 820)
    view.show()
    qtbot.waitExposed(view)
    return view


def _type_into_spin(qtbot: QtBot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def test_a_facilitator_makes_their_own_practice_and_leads_it_in_the_room(
    qtbot: QtBot, library: PracticeLibraryView, empty_context: UiContext, clock: FakeClock
) -> None:
    core = empty_context.core
    monday = core.sessions.create_session("Monday circle", date=dt.date.today())
    tuesday = core.sessions.create_session(
        "Tuesday circle",
        date=dt.date.today(),  # both run for real today
    )
    # GIVEN the Practices screen WHEN the facilitator presses Ctrl+N and types a name
    library.activateWindow()
    library.table.setFocus()
    qtbot.keyClick(library.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = library.editor
    assert library.tabs.currentIndex() == 1 and editor.name.hasFocus()
    qtbot.keyClicks(editor.name, "Rain on the roof")
    qtbot.keyClick(editor.name, Qt.Key.Key_Tab)
    # THEN it is saved as typed
    practice = core.practices.list_practices()[0]
    assert practice.name == "Rain on the roof"
    # WHEN they shape their own breath by keyboard: in 3, out 9, a short rest after
    library.tabs.setCurrentIndex(2)
    pacing = editor.pacing
    _type_into_spin(qtbot, pacing.breath_in, "3")
    _type_into_spin(qtbot, pacing.breath_out, "9")
    _type_into_spin(qtbot, pacing.hold_out, "1")
    # THEN the pattern is saved, the rate shows as they type, and the preview breathes it
    assert core.practices.get_practice(practice.id).pacing == "in 3, out 9, hold 1"
    assert pacing.summary.text() == "4.62 breaths a minute · one breath every 13 s"
    assert pacing.preview.is_animating()
    assert pacing.preview.label() == ("breathe in", "1")
    # WHEN they give the out-breath the room's own words, in English and French
    editor.words["out"].setFocus()
    qtbot.keyClicks(editor.words["out"], "let go")
    qtbot.keyClick(editor.words["out"], Qt.Key.Key_Tab)
    editor.words_language.setCurrentIndex(editor.words_language.findData("fr"))
    editor.words["out"].setFocus()
    qtbot.keyClicks(editor.words["out"], "rel")
    editor.words["out"].insert("â")  # QTest types Latin letters only
    qtbot.keyClicks(editor.words["out"], "chez")
    qtbot.keyClick(editor.words["out"], Qt.Key.Key_Tab)
    editor.tones.setFocus()
    qtbot.keyClick(editor.tones, Qt.Key.Key_Space)
    stored = core.practices.get_practice(practice.id)
    assert json.loads(stored.phase_words) == {"en": {"out": "let go"}, "fr": {"out": "relâchez"}}
    assert stored.breath_tones
    # AND add it to both sessions with "Add to session…"
    for session in (monday, tuesday):
        dialog = library.ask_add_to_session()
        assert dialog is not None and dialog.isVisible()
        dialog.session.setCurrentIndex(dialog.session.findData(session.id))
        ok = dialog.findChild(type(library.new_button), "addToSessionOk")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        assert "Added “Rain on the roof”" in library.said.text()
    assert [s.title for s in core.sessions.segments(monday.id)] == ["Rain on the roof"]

    # WHEN Monday's session runs with a still prompt off (a growing circle)
    launcher = RunLauncher(empty_context, library)
    presenter = launcher.run_session(monday.id)
    assert presenter is not None
    qtbot.addWidget(presenter)
    presenter.show_projector()
    qtbot.waitExposed(presenter.projector)
    presenter.run.start()
    presenter.tick()
    pacer = presenter.projector.pacer
    # 3 min hold 13 whole breaths (168 s), ending on an out-breath; 12 s to settle first
    plan = presenter.readout.room_view().pacer
    assert plan is not None and (plan.cycles, plan.lead_in_seconds) == (13, 12)
    clock.now += 12 + 1.5
    pacer._on_frame()
    assert pacer.label() == ("breathe in", "2")
    growing = pacer.drawn_size()
    clock.now += 1.0
    pacer._on_frame()
    assert pacer.drawn_size() > growing
    clock.now += 1.5  # 1 s into the out-breath: the room reads its own words, counting down
    pacer._on_frame()
    assert pacer.label() == ("let go", "8")
    assert pacer.tones_played == ["in", "out"]  # a soft tone as each breath began
    presenter.close()

    # WHEN the facilitator turns reduced motion on and the room reads French
    library.room.motion.setCurrentIndex(library.room.motion.findData("on"))
    library.room.motion.activated.emit(library.room.motion.currentIndex())
    library.room.language.setCurrentIndex(library.room.language.findData("fr"))
    library.room.language.activated.emit(library.room.language.currentIndex())
    assert empty_context.settings.text(REDUCED_MOTION_KEY) == "on"
    presenter = launcher.run_session(tuesday.id)
    assert presenter is not None
    qtbot.addWidget(presenter)
    presenter.show_projector()
    presenter.run.start()
    presenter.tick()
    pacer = presenter.projector.pacer
    clock.now += 12 + 0.5
    pacer._on_frame()
    still = pacer.drawn_size()
    assert pacer.label() == ("inspirez", "3 s")  # a still prompt: the phase, not a count
    clock.now += 2.0
    pacer._on_frame()
    assert pacer.drawn_size() == still and pacer.label() == ("inspirez", "3 s")
    clock.now += 1.0
    pacer._on_frame()
    assert pacer.label() == ("relâchez", "9 s") and pacer.drawn_size() == still
    presenter.close()


def test_new_duplicate_edit_and_delete_are_each_undone(
    qtbot: QtBot, library: PracticeLibraryView, empty_context: UiContext
) -> None:
    core, undo = empty_context.core, empty_context.undo
    ident = library.new_practice()
    assert ident is not None and library.model.rowCount() == 1
    library.editor.name.setText("Grounding walk")
    library.editor.commit_text()
    copy = library.duplicate_practice()
    assert copy is not None
    assert {p.name for p in core.practices.list_practices()} == {
        "Grounding walk",
        "Grounding walk (copy)",
    }
    library.delete_practice()  # the copy is selected
    assert len(core.practices.list_practices()) == 1
    undo.undo()  # the delete
    assert len(core.practices.list_practices()) == 2
    undo.undo()  # the duplicate
    undo.undo()  # the rename
    assert [p.name for p in core.practices.list_practices()] == ["New practice"]
    undo.undo()  # the new practice
    assert core.practices.list_practices() == []
    undo.redo()
    assert [p.name for p in core.practices.list_practices()] == ["New practice"]


def test_a_refused_edit_is_explained_and_changes_nothing(
    qtbot: QtBot, library: PracticeLibraryView, empty_context: UiContext
) -> None:
    library.new_practice()
    editor = library.editor
    editor.name.clear()
    editor.commit_text()
    assert "name" in editor.message.text().lower()
    assert empty_context.core.practices.list_practices()[0].name == "New practice"
    # a typed pattern that cannot run says which part is wrong, and nothing is saved
    editor.pacing.text.setFocus()
    editor.pacing.text.clear()
    qtbot.keyClicks(editor.pacing.text, "in 4, hld 4")
    assert "'hld 4'" in editor.pacing.summary.text()
    assert empty_context.core.practices.list_practices()[0].pacing == ""
    # a word too long for the room to read at a glance is refused
    editor.words["in"].setText("x" * 30 + "y")
    editor.commit_text()
    assert editor.words["in"].maxLength() == 30


def test_every_preset_sets_its_pattern_and_words_in_one_undo_step(
    qtbot: QtBot, library: PracticeLibraryView, empty_context: UiContext
) -> None:
    ident = library.new_practice()
    pacing = library.editor.pacing
    expected = {
        "box": "in 4, hold 4, out 4, hold 4",
        "478": "in 4, hold 7, out 8",
        "resonance": "in 5.5, out 5.5",
        "sigh": "in 2, in2 1, out 6",
        "humming": "in 4, out 8",
        "none": "",
    }
    for key, text in expected.items():
        index = pacing.preset.findData(key)
        pacing.preset.setCurrentIndex(index)
        pacing.preset.activated.emit(index)
        assert empty_context.core.practices.get_practice(ident).pacing == text, key
    words = json.loads(empty_context.core.practices.get_practice(ident).phase_words)
    assert words["en"]["out"] == "hum" and words["zh"]["out"] == "哼鸣"  # humming came last
    empty_context.undo.undo()  # "none" → humming again
    assert empty_context.core.practices.get_practice(ident).pacing == "in 4, out 8"


def test_the_library_is_searched_and_filtered(
    qtbot: QtBot, library: PracticeLibraryView, empty_context: UiContext
) -> None:
    load_starter_content(empty_context.core.db)
    library.refresh()
    qtbot.keyClicks(library.search, "hum")
    names = [p.name for p in library.model.rows()]
    assert "Humming breath" in names and "Box breathing" not in names
    library.search.clear()
    library.kind_filter.setCurrentIndex(library.kind_filter.findData("grounding"))
    assert {p.kind for p in library.model.rows()} == {"grounding"}
    library.kind_filter.setCurrentIndex(0)
    library.length_filter.setCurrentIndex(1)  # up to 3 min
    assert library.model.rows() and all(p.default_minutes <= 3 for p in library.model.rows())


def test_a_starter_practice_is_edited_then_restored(
    qtbot: QtBot, library: PracticeLibraryView, empty_context: UiContext
) -> None:
    core = empty_context.core
    load_starter_content(core.db)
    box = core.practices.find_by_slug("box-breathing")
    library.refresh()
    library.select_practice(box.id)
    library.tabs.setCurrentIndex(1)
    assert library.editor.restore.isVisible() and not library.editor.restore.isEnabled()
    library.editor.script.setPlainText("Only my own words now.")
    library.editor.commit_text()
    assert library.editor.restore.isEnabled()
    qtbot.mouseClick(library.editor.restore, Qt.MouseButton.LeftButton)
    assert core.practices.get_practice(box.id).script == box.script
    empty_context.undo.undo()
    assert core.practices.get_practice(box.id).script == "Only my own words now."


def test_practices_are_exported_and_imported_all_or_nothing(
    qtbot: QtBot, library: PracticeLibraryView, empty_context: UiContext, tmp_path: Path
) -> None:
    core = empty_context.core
    core.practices.create_practice("Slow river", pacing="in 3, out 6")
    core.practices.create_practice("Feet on the floor", kind="grounding")
    library.refresh()
    library.table.selectAll()
    out = tmp_path / "mine.json"
    assert library.export_to(out)
    assert "Saved 2 practices" in library.said.text()
    assert library.import_from(out)
    assert library.said.text() == "2 practices already here."
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "attune-desktop.practices", "version": 1, "practices": [1]}')
    assert not library.import_from(bad)
    assert "Nothing was imported" in library.said.text()
    box = library.findChild(QMessageBox, "practicesImportRefused")
    assert box is not None and "practices[0]" in box.text()
    box.close()
    assert len(core.practices.list_practices()) == 2
    QApplication.processEvents()
