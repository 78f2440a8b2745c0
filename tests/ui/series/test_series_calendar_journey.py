"""Journey: an organiser plans a term, sends families the calendar, drops a week, sends it again.

Driven through the Series screen as a person would: the New series dialog, the Export
calendar action and its save dialog, the table, the Remove button. The two files are then
compared by UID, read with vobject (not the library that wrote them), the way a family's
calendar program merges a second import into the first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from attune_desktop.ui.series.series_view import SeriesView
from attune_desktop.ui.shell import UiContext

vobject = pytest.importorskip("vobject")


@pytest.fixture
def view(qtbot: QtBot, context: UiContext) -> SeriesView:
    shown = SeriesView(context)
    qtbot.addWidget(shown)
    shown.resize(1300, 720)
    shown.show()
    return shown


def events(path: Path) -> dict[str, tuple[int, str, str]]:
    """UID -> (SEQUENCE, STATUS, start date) for each event in the file; each UID once."""
    found: dict[str, tuple[int, str, str]] = {}
    for event in vobject.readOne(path.read_text(encoding="utf-8")).vevent_list:
        assert event.uid.value not in found, "an event twice in one file"
        found[event.uid.value] = (
            int(event.sequence.value),
            event.status.value,
            event.dtstart.value.date().isoformat(),
        )
    return found


def export_calendar(qtbot: QtBot, view: SeriesView, path: Path) -> None:
    """Export calendar (.ics)… then type the file name into the save dialog and accept."""
    view.export_ics_action.trigger()
    dialog = view.findChild(QFileDialog, "seriesSaveDialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog is not None
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(path.exists)
    dialog.setObjectName("seriesSaveDialogDone")  # the next export finds its own dialog
    assert "Saved the calendar" in view.message.text()


def test_a_removed_week_leaves_every_other_event_as_the_family_has_it(
    qtbot: QtBot, view: SeriesView, context: UiContext, tmp_path: Path
) -> None:
    # GIVEN a six-week term planned from the New series dialog
    dialog = view.ask_new_series()
    dialog.title_edit.setText("Spring circle")
    dialog.first_date.setDate(QDate(2027, 3, 2))
    dialog.venue.setText("Library")
    ok = dialog.findChild(QPushButton, "seriesDialogOk")
    assert ok is not None
    ok.click()
    qtbot.waitUntil(lambda: len(view.term.model.rows()) == 6)
    assert view.selected_series().title == "Spring circle"  # type: ignore[union-attr]
    # AND its calendar sent to the families
    before = tmp_path / "spring-before.ics"
    export_calendar(qtbot, view, before)
    first = events(before)
    assert len(first) == 6

    # WHEN week 3 is selected and removed
    row = view.term.model.find(lambda s: s.week == 3)
    view.term.table.selectRow(row)
    removed = view.term.selected_session()
    assert removed is not None
    view.term.buttons["removeSessionButton"].click()
    qtbot.waitUntil(lambda: len(view.term.model.rows()) == 5)
    assert [s.week for s in view.term.model.rows()] == [1, 2, 3, 4, 5]  # renumbered
    # AND the calendar is exported again
    after = tmp_path / "spring-after.ics"
    export_calendar(qtbot, view, after)
    second = events(after)

    # THEN the five weeks that still meet keep their UIDs, dates and SEQUENCE
    gone = f"{removed.uid}@attune-desktop.local"
    assert set(second) == set(first)
    for uid in set(first) - {gone}:
        assert second[uid] == first[uid]
    # AND the removed week is the same event, now CANCELLED with a higher SEQUENCE
    assert second[gone][1] == "CANCELLED" and second[gone][0] > first[gone][0]
    assert second[gone][2] == first[gone][2] == removed.date.isoformat()  # type: ignore[union-attr]
    # AND a calendar that imported both shows five sessions, none twice
    merged = {**first, **{u: e for u, e in second.items() if e[0] >= first.get(u, e)[0]}}
    meeting = sorted(e[2] for e in merged.values() if e[1] != "CANCELLED")
    assert meeting == sorted(s.date.isoformat() for s in view.term.model.rows() if s.date)
    assert len(meeting) == len(set(meeting)) == 5
