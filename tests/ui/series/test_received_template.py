"""A curriculum template received from the organisation reads as read-only on the Series
screen: a banner offers the facilitator's own copy, and planning a series from it still works."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from attune_desktop.core.models import OrgSyncState, Series
from attune_desktop.ui.series.series_view import SeriesView
from attune_desktop.ui.shell import UiContext


@pytest.fixture
def received(context: UiContext) -> Series:
    core = context.core
    made = core.series.create_series("Org term", dt.date(2026, 1, 5), weeks=3)
    template = core.series.save_as_template(made.id or 0, "Org curriculum")
    core.series.delete_series(made.id or 0)
    with core.db.session() as s:
        s.add(OrgSyncState(uid=template.uid, kind="template", fingerprint="x", received=True))
    return template


@pytest.fixture
def view(qtbot: QtBot, context: UiContext, received: Series) -> SeriesView:
    shown = SeriesView(context)
    qtbot.addWidget(shown)
    shown.resize(1300, 720)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_a_received_template_is_read_only_and_duplicates_to_edit(
    qtbot: QtBot, view: SeriesView, context: UiContext, received: Series
) -> None:
    """GIVEN a curriculum template received from the organisation
    WHEN the facilitator selects it on the Series screen
    THEN a banner says so, Edit plan, Delete and Remove week are greyed, and nothing enters the
    undo history; "Duplicate to edit" makes an own copy, selected, that can be edited"""
    view.select_series(received.id or 0)
    banner = view.term.received
    assert banner.isVisible() and "organisation's library" in banner.label.text()
    assert not view.edit_button.isEnabled() and not view.delete_button.isEnabled()
    view.term.table.selectRow(0)
    assert not view.term.buttons["removeSessionButton"].isEnabled()
    assert view.term.buttons["openAgendaButton"].isEnabled()  # still readable
    view.delete_selected_series()  # the Delete button's slot, reached another way: refused
    assert "organisation's library" in view.message.text()
    assert context.undo.count() == 0

    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)

    copy = view.selected_series()
    assert copy is not None and copy.title == "Org curriculum (copy)" and copy.is_template
    assert len(context.core.series.sessions_of(copy.id or 0)) == 3
    assert not banner.isVisible()
    assert view.edit_button.isEnabled() and view.delete_button.isEnabled()
    context.core.series.update_series(copy.id or 0, title="Our curriculum")
    assert context.core.series.get_series(received.id or 0).title == "Org curriculum"


def test_a_series_planned_from_a_received_template_is_the_facilitators_own(
    qtbot: QtBot, view: SeriesView, context: UiContext, received: Series
) -> None:
    """GIVEN a received template
    WHEN the facilitator plans a series from it in the New series dialog (where it is marked
    as from the organisation)
    THEN the series is created, with no banner, and its plan can be edited"""
    dialog = view.ask_new_series()
    label = "Curriculum template: Org curriculum (from your organisation)"
    assert dialog.source.findText(label) > 0
    dialog.source.setCurrentIndex(dialog.source.findText(label))
    dialog.title_edit.setText("Spring circle")
    dialog.first_date.setDate(QDate(2027, 3, 2))
    ok = dialog.findChild(QPushButton, "seriesDialogOk")
    assert ok is not None
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    made = view.selected_series()
    assert made is not None and made.title == "Spring circle"
    assert not view.term.received.isVisible() and view.edit_button.isEnabled()


def test_own_templates_show_no_banner(view: SeriesView, context: UiContext) -> None:
    """GIVEN the sample series and a template of the facilitator's own
    WHEN each is selected
    THEN no banner shows and Edit plan and Delete are offered"""
    sample = context.core.series.list_series(templates=False)[0]
    own = context.core.series.save_as_template(sample.id or 0, "Mine")
    for ident in (sample.id or 0, own.id or 0):
        view.refresh()
        view.select_series(ident)
        assert not view.term.received.isVisible()
        assert view.edit_button.isEnabled() and view.delete_button.isEnabled()
