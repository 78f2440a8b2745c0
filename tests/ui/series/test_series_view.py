"""The organiser's Series screen: plan a term, change one week, count who came, jot follow-ups."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from attune_desktop.core.models import SessionStatus
from attune_desktop.ui.series.series_dialog import DateDialog, SeriesDialog
from attune_desktop.ui.series.series_view import SeriesView
from attune_desktop.ui.shell import UiContext


@pytest.fixture
def view(qtbot: QtBot, context: UiContext) -> SeriesView:
    shown = SeriesView(context)
    qtbot.addWidget(shown)
    shown.resize(1300, 720)
    shown.show()
    return shown


def term_rows(view: SeriesView) -> list[tuple[int | None, dt.date | None, str, str]]:
    return [(s.week, s.date, s.title, s.status) for s in view.term.model.rows()]


def select_week(view: SeriesView, week: int) -> int:
    row = view.term.model.find(lambda s: s.week == week)
    view.term.table.selectRow(row)
    ident = view.term.selected_session_id()
    assert ident is not None
    return ident


def held_today(context: UiContext, ident: int) -> int:
    """Week 4 of the starter series is still to come; these stories need it to have happened."""
    session = context.core.series.get_session(ident)
    if session.date is not None and session.date > dt.date.today():
        context.core.series.move_session(ident, dt.date.today())
    return ident


def click_ok(qtbot: QtBot, dialog: SeriesDialog | DateDialog, name: str) -> None:
    button = dialog.findChild(QPushButton, name)
    assert button is not None
    button.click()


def test_the_sample_series_is_listed_with_its_weeks(view: SeriesView) -> None:
    # GIVEN a new install, THEN the sample series is selected and its six weeks show
    assert view.selected_series() is not None
    assert view.selected_series().title == "Attunement basics"  # type: ignore[union-attr]
    rows = term_rows(view)
    assert len(rows) == 6
    assert [r[3] for r in rows[:3]] == ["delivered"] * 3
    # AND the table's first column reads the weeks
    table = view.findChild(QTableView, "seriesSessionsTable")
    assert table is not None and table.model().rowCount() == 6


def test_create_from_the_curriculum_template_then_undo(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    # GIVEN the New series dialog
    dialog = view.ask_new_series()
    # WHEN the organiser starts from the template, names it and picks a first Tuesday
    index = dialog.source.findText("Curriculum template: Attunement basics (curriculum)")
    assert index > 0
    dialog.source.setCurrentIndex(index)
    dialog.title_edit.setText("Spring circle")
    dialog.first_date.setDate(QDate(2027, 3, 2))
    dialog.venue.setText("Library")
    click_ok(qtbot, dialog, "seriesDialogOk")
    # THEN the dialog closes and the new series is selected with the template's six themes
    assert not dialog.isVisible()
    made = view.selected_series()
    assert made is not None and made.title == "Spring circle"
    qtbot.waitUntil(lambda: len(view.term.model.rows()) == 6)
    template = context.core.series.templates()[0]
    themes = [s.title for s in context.core.series.sessions_of(template.id or 0)]
    assert [r[2] for r in term_rows(view)] == themes
    assert term_rows(view)[0][1] == dt.date(2027, 3, 2)
    # WHEN it is undone, THEN the series is gone
    context.undo.undo()
    qtbot.waitUntil(lambda: view.model.find(lambda s: s.title == "Spring circle") < 0)


def test_a_bad_plan_shows_a_message_and_creates_nothing(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    before = len(context.core.series.list_series(templates=None))
    dialog = view.ask_new_series()
    dialog.title_edit.setText("Spring circle")
    dialog.first_date.setDate(QDate(2027, 3, 2))
    dialog.skips.setText("2031-01-01")
    click_ok(qtbot, dialog, "seriesDialogOk")
    error = dialog.findChild(QLabel, "seriesDialogError")
    assert error is not None and error.isVisible()
    assert "2031" in error.text() or "skip" in error.text().lower()
    assert dialog.isVisible()
    assert len(context.core.series.list_series(templates=None)) == before


def test_move_cancel_and_add_a_session_each_undo(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    original = term_rows(view)
    # WHEN week 5 moves to the Thursday after
    week5 = select_week(view, 5)
    old_date = original[4][1]
    assert old_date is not None
    assert view.term.move_selected_to(old_date + dt.timedelta(days=2)) is None
    qtbot.waitUntil(lambda: term_rows(view)[4][1] == old_date + dt.timedelta(days=2))
    context.undo.undo()
    qtbot.waitUntil(lambda: term_rows(view) == original)
    # WHEN week 5 is cancelled, THEN it shows cancelled; undo makes it planned again
    select_week(view, 5)
    view.term.cancel_selected()
    qtbot.waitUntil(lambda: term_rows(view)[4][3] == SessionStatus.CANCELLED.value)
    context.undo.undo()
    qtbot.waitUntil(lambda: term_rows(view) == original)
    # WHEN an extra session is added after the last week, THEN there are seven; undo: six
    last = original[-1][1]
    assert last is not None
    assert view.term.add_session_on(last + dt.timedelta(days=7), "Reunion") is None
    qtbot.waitUntil(lambda: len(term_rows(view)) == 7)
    assert term_rows(view)[-1][2] == "Reunion"
    context.undo.undo()
    qtbot.waitUntil(lambda: term_rows(view) == original)
    assert context.core.series.get_session(week5).date == old_date


def test_a_move_onto_another_weeks_day_is_refused_in_the_dialog(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    original = term_rows(view)
    select_week(view, 5)
    view.term.ask_move()
    dialog = view.term._dialog
    assert dialog is not None
    week6 = original[5][1]
    assert week6 is not None
    dialog.date.setDate(QDate(week6.year, week6.month, week6.day))
    click_ok(qtbot, dialog, "seriesDateOk")
    assert dialog.isVisible()
    assert "Week 6 already meets" in dialog.error.text()
    assert term_rows(view) == original
    assert not context.undo.canUndo()


def test_attendance_is_a_number_and_undoable(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    # GIVEN week 4, held today and not counted yet
    held_today(context, select_week(view, 4))
    ident = select_week(view, 4)
    assert view.term.attendance.specialValueText() == "not counted"
    # WHEN the organiser types 8
    view.term.attendance.setValue(8)
    view.term.attendance.editingFinished.emit()
    # THEN 8 is kept as the head count
    assert context.core.series.get_session(ident).attendance == 8
    qtbot.waitUntil(lambda: view.term.model.rows()[3].attendance == 8)
    # WHEN undone, THEN it is not counted again
    context.undo.undo()
    assert context.core.series.get_session(ident).attendance is None


def test_a_follow_up_jotted_in_week_3_is_carried_into_week_4(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    # GIVEN week 3 selected, WHEN a follow-up is jotted
    select_week(view, 3)
    panel = view.term.followups
    panel.entry.setText("Check back in about the big game")
    panel.add_button.click()
    qtbot.waitUntil(lambda: len(panel.notes_model.rows()) == 1)
    assert panel.entry.text() == ""
    # WHEN week 4 is prepared, THEN the note is carried into it, from week 3
    select_week(view, 4)
    qtbot.waitUntil(lambda: len(panel.carried_model.rows()) == 1)
    carried = panel.carried_model.rows()[0]
    assert carried.note.text == "Check back in about the big game"
    assert carried.from_week == 3
    # WHEN it is ticked done, THEN it stops coming back
    panel.carried.selectRow(0)
    panel.done_button.click()
    qtbot.waitUntil(lambda: not panel.carried_model.rows())
    # AND an empty note is refused with a message
    panel.entry.setText("   ")
    panel.add_button.click()
    assert panel.message.isVisible()


def test_edit_plan_redates_the_term_and_undo_restores_it(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    # GIVEN the sample series (weeks 1-3 delivered): longer by two weeks
    original = term_rows(view)
    dialog = view.ask_edit_series()
    assert dialog is not None
    dialog.weeks.setValue(8)
    click_ok(qtbot, dialog, "seriesDialogOk")
    qtbot.waitUntil(lambda: len(term_rows(view)) == 8)
    context.undo.undo()
    qtbot.waitUntil(lambda: term_rows(view) == original)


def test_importing_a_bundle_twice_adds_one_template_and_junk_adds_nothing(
    qtbot: QtBot, view: SeriesView, context: UiContext, tmp_path: Path
) -> None:
    sample = view.selected_series_id()
    assert sample is not None
    path = tmp_path / "basics.json"
    context.core.series.export_bundle(sample, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["series"]["slug"] = "shared-basics"
    data["series"]["title"] = "Shared basics"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = len(context.core.series.list_series(templates=None))
    assert view.import_bundle_file(path)
    assert view.import_bundle_file(path)
    assert len(context.core.series.list_series(templates=None)) == before + 1
    assert "already here" in view.message.text()
    # WHEN a bad bundle is imported, THEN the message names the problem, nothing is added
    data["version"] = 7
    path.write_text(json.dumps(data), encoding="utf-8")
    assert not view.import_bundle_file(path)
    assert "newer Attune Desktop" in view.message.text()
    assert len(context.core.series.list_series(templates=None)) == before + 1


def test_an_empty_home_says_how_to_start(qtbot: QtBot, empty_context: UiContext) -> None:
    shown = SeriesView(empty_context)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.empty.isVisible()
    assert "New series" in shown.empty.text()
    assert not shown.term.buttons["addSessionButton"].isEnabled()


def test_run_and_agenda_requests_carry_the_session(qtbot: QtBot, view: SeriesView) -> None:
    ident = select_week(view, 4)
    with qtbot.waitSignal(view.run_requested) as run:
        view.term.buttons["runSessionButton"].click()
    assert run.args == [ident]
    with qtbot.waitSignal(view.session_activated) as agenda:
        view.term.buttons["openAgendaButton"].click()
    assert agenda.args == [ident]


def test_save_as_template_and_delete_each_undo(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    # GIVEN the sample series, WHEN it is saved as a curriculum template
    count = len(context.core.series.templates())
    view.sharing.save_template()
    assert len(context.core.series.templates()) == count + 1
    made = view.selected_series()
    assert made is not None and made.is_template
    assert all(s.date is None for s in view.term.model.rows())
    # WHEN that template is deleted, THEN it is gone; undo brings it back with its weeks
    view.delete_selected_series()
    assert len(context.core.series.templates()) == count
    context.undo.undo()
    assert len(context.core.series.templates()) == count + 1
    assert len(context.core.series.sessions_of(made.id or 0)) == 6


def test_the_file_menu_offers_calendar_and_bundles(qtbot: QtBot, context: UiContext) -> None:
    from attune_desktop.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions()]  # type: ignore[union-attr]
    assert "Export calendar (.ics)…" in texts
    assert "Export template bundle…" in texts
    assert "Import template bundle…" in texts


def test_the_pack_takes_the_families_routine_sheets_when_ticked(
    qtbot: QtBot, view: SeriesView, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str, dict[str, object]]] = []

    def fake_show(how: str, sheet: str, values: dict[str, object], **_options: object) -> None:
        asked.append((how, sheet, dict(values)))

    monkeypatch.setattr(view.sharing.printer, "show", fake_show)
    ident = select_week(view, 4)
    assert view.sharing.include_routines_action.isChecked()
    view.sharing.pack(ident, "preview")
    assert asked == [("preview", "pack", {"session": ident, "with_routines": True})]
    # AND without the families' sheets ticked, the pack is asked for without them
    view.sharing.include_routines_action.setChecked(False)
    view.sharing.pack(ident, "preview")
    assert asked[-1][2]["with_routines"] is False


def test_a_cancelled_week_is_drawn_muted_and_struck_through(qtbot: QtBot, view: SeriesView) -> None:
    from PySide6.QtCore import Qt

    select_week(view, 5)
    view.term.cancel_selected()
    qtbot.waitUntil(lambda: view.term.model.rows()[4].status == "cancelled")
    model = view.term.model
    theme = model.index(4, 2)
    assert model.data(theme, Qt.ItemDataRole.FontRole).strikeOut()
    assert model.data(model.index(3, 2), Qt.ItemDataRole.FontRole) is None
    assert model.data(theme, Qt.ItemDataRole.DisplayRole) == term_rows(view)[4][2]


@pytest.mark.parametrize("which", ["plan", "report"])
def test_the_plan_and_report_open_in_a_print_preview(
    qtbot: QtBot, view: SeriesView, which: str
) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    view.sharing.sheet(which, "preview")
    previews = [d for d in view.sharing.printer.open if isinstance(d, QPrintPreviewDialog)]
    assert len(previews) == 1
    assert previews[0].isVisible()
    previews[0].close()


def test_the_pack_opens_in_a_print_preview(qtbot: QtBot, view: SeriesView) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    ident = select_week(view, 4)
    with qtbot.waitSignal(view.term.pack_requested):
        view.term.pack_menu.actions()[0].trigger()
    previews = [d for d in view.sharing.printer.open if isinstance(d, QPrintPreviewDialog)]
    assert len(previews) == 1 and previews[0].isVisible()
    assert str(view.term.model.rows()[3].title) in previews[0].windowTitle()
    assert ident
    previews[0].close()


def test_editing_a_template_asks_for_no_dates(qtbot: QtBot, view: SeriesView) -> None:
    template = view.model.find(lambda s: s.is_template)
    view.series_table.selectRow(template)
    dialog = view.ask_edit_series()
    assert dialog is not None
    assert not dialog.first_date.isVisibleTo(dialog)
    assert dialog.weeks.isVisibleTo(dialog)
    dialog.weeks.setValue(7)
    click_ok(qtbot, dialog, "seriesDialogOk")
    qtbot.waitUntil(lambda: len(view.term.model.rows()) == 7)
    assert all(s.date is None for s in view.term.model.rows())


def test_paper_tallies_feed_the_report_and_undo_together(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    from attune_desktop.core.report import build_report

    core = context.core
    sid = view.selected_series_id() or 0
    # GIVEN week 4, not run yet, WHEN its paper tallies are typed in
    held_today(context, select_week(view, 4))
    ident = select_week(view, 4)
    core.series.set_status(ident, "delivered")
    dialog = view.term.ask_tallies()
    assert dialog is not None
    for key, count in (("calm", 2), ("wobbly", 4), ("stormy", 3)):
        dialog.fields[("opening", key)].setText(str(count))
    for key, count in (("calm", 6), ("wobbly", 3)):
        dialog.fields[("closing", key)].setText(str(count))
    click_ok(qtbot, dialog, "tallyOk")  # type: ignore[arg-type]
    assert not dialog.isVisible()
    # THEN the report shows week 4 moving toward settled
    report = build_report(core.series, core.sessions, core.checkins, sid)
    assert report.weeks[3].shift_label == "more settled"
    # WHEN undone, THEN both rounds are gone together
    context.undo.undo()
    assert core.checkins.rounds(ident) == []


def test_the_status_menu_marks_a_week_delivered_and_refuses_cancelling_it(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    held_today(context, select_week(view, 4))
    ident = select_week(view, 4)
    actions = {a.text(): a for a in view.term.status_button.menu().actions()}  # type: ignore[union-attr]
    # WHEN week 4 is marked delivered (it ran on paper), THEN it counts as delivered
    actions["Delivered (it ran)"].trigger()
    assert context.core.series.get_session(ident).status == "delivered"
    # AND a week that happened cannot then be cancelled: the message says why
    actions["Cancelled"].trigger()
    assert "cannot be cancelled" in view.message.text()
    assert context.core.series.get_session(ident).status == "delivered"
    # WHEN undone, THEN it is planned again
    context.undo.undo()
    assert context.core.series.get_session(ident).status == "planned"


def test_a_jotted_note_can_be_removed_and_undo_brings_it_back(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    ident = select_week(view, 2)
    panel = view.term.followups
    panel.entry.setText("Ask about the new baby")
    panel.add_button.click()
    qtbot.waitUntil(lambda: len(panel.notes_model.rows()) == 1)
    panel.notes.selectRow(0)
    panel.remove_button.click()
    qtbot.waitUntil(lambda: not panel.notes_model.rows())
    context.undo.undo()
    assert [n.text for n in context.core.followups.notes_for_session(ident)] == [
        "Ask about the new baby"
    ]


def test_open_agenda_jumps_to_the_sessions_screen_on_that_session(
    qtbot: QtBot, context: UiContext
) -> None:
    from attune_desktop.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show_page("series")
    view = window.series_view
    ident = select_week(view, 4)
    view.term.buttons["openAgendaButton"].click()
    assert window.current_page() == "sessions"
    assert window.sessions_view.sessions.selected_id() == ident


def test_done_and_remove_wait_for_a_chosen_note(qtbot: QtBot, view: SeriesView) -> None:
    # GIVEN week 2 with nothing jotted or carried
    select_week(view, 2)
    panel = view.term.followups
    # THEN Done and Remove look and are disabled: there is nothing to act on
    assert not panel.done_button.isEnabled()
    assert not panel.remove_button.isEnabled()
    # WHEN a note is jotted and chosen THEN Remove is enabled
    panel.entry.setText("Ask how the bedtime plan went")
    panel.add_button.click()
    qtbot.waitUntil(lambda: len(panel.notes_model.rows()) == 1)
    assert not panel.remove_button.isEnabled()
    panel.notes.selectRow(0)
    assert panel.remove_button.isEnabled()


def test_a_week_still_to_come_takes_no_count_and_is_not_delivered(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    # GIVEN week 6 of the starter series, still to come
    ident = select_week(view, 6)
    session = context.core.series.get_session(ident)
    assert session.date is not None and session.date > dt.date.today()
    # WHEN the organiser types 8 people into its head count
    view.term.attendance.setValue(8)
    view.term.attendance.editingFinished.emit()
    # THEN it is refused with a sentence, and the box shows "not counted" again
    assert "still to come" in view.message.text()
    assert view.term.attendance.text() == "not counted"
    assert context.core.series.get_session(ident).attendance is None
    # WHEN it is marked delivered from the status menu THEN that is refused too
    actions = {a.text(): a for a in view.term.status_button.menu().actions()}  # type: ignore[union-attr]
    actions["Delivered (it ran)"].trigger()
    assert "still to come" in view.message.text()
    assert context.core.series.get_session(ident).status == "planned"
    # AND a cancelled week takes no count either
    actions["Cancelled"].trigger()
    select_week(view, 6)
    view.term.attendance.setValue(5)
    view.term.attendance.editingFinished.emit()
    assert "was cancelled" in view.message.text()
    assert context.core.series.get_session(ident).attendance is None


def test_a_week_is_cancelled_with_its_reason_from_the_status_menu(
    qtbot: QtBot, view: SeriesView, context: UiContext
) -> None:
    """GIVEN week 5 of the sample term selected
    WHEN Status → "Cancelled, with a reason…" is chosen and "Snow" typed
    THEN the week is cancelled and keeps its reason for the organisation report
    AND undo makes it planned again."""
    week5 = select_week(view, 5)
    menu = view.term.status_button.menu()
    action = next(a for a in menu.actions() if a.text() == "Cancelled, with a reason…")
    action.trigger()
    dialog = view.term._reason_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("Snow")
    dialog.accept()
    qtbot.waitUntil(lambda: term_rows(view)[4][3] == SessionStatus.CANCELLED.value)
    assert context.core.series.get_session(week5).cancel_reason == "Snow"
    context.undo.undo()
    qtbot.waitUntil(lambda: term_rows(view)[4][3] == SessionStatus.PLANNED.value)
