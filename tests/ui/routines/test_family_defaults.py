"""A new family's language, and what a family with no routines is told."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.core.errors import AttuneError
from attune_desktop.printing.routine_sheets import routine_sheet_items
from attune_desktop.ui.routines.routines_view import RoutinesView
from attune_desktop.ui.shell import UiContext


@pytest.fixture
def spanish_ui() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("es_MX"))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def view(qtbot: QtBot, empty_context: UiContext) -> RoutinesView:
    widget = RoutinesView(empty_context)
    qtbot.addWidget(widget)
    widget.resize(1300, 720)
    widget.show()
    return widget


def test_a_new_family_speaks_the_ui_language_not_the_last_familys(
    view: RoutinesView, empty_core: Core, spanish_ui: None
) -> None:
    # GIVEN a family that reads Arabic, chosen in the list
    arabic = empty_core.families.create_family("Team Cedar", language="ar")
    view.refresh()
    view.families.select(arabic.id)
    # WHEN the facilitator, whose app speaks Spanish, adds another family
    view.families.add_family()
    # THEN the new family starts in Spanish, not in the Arabic of the family chosen before
    new_id = view.families.selected_id()
    assert new_id is not None and new_id != arabic.id
    assert empty_core.families.get_family(new_id).language == "es"
    assert view.families.language.currentData() == "es"


def test_a_new_family_falls_back_to_english_for_a_language_sheets_lack(
    view: RoutinesView, empty_core: Core
) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("is_IS"))
    try:
        empty_core.families.create_family("Team Cedar", language="ar")
        view.refresh()
        view.families.select(empty_core.families.list_families()[0].id)
        view.families.add_family()
    finally:
        QLocale.setDefault(before)
    new_id = view.families.selected_id()
    assert empty_core.families.get_family(new_id or 0).language == "en"


def test_a_family_with_no_routines_is_told_so_with_a_way_to_add_one(
    qtbot: QtBot, view: RoutinesView, empty_core: Core
) -> None:
    # GIVEN a family with no routines at all
    family = empty_core.families.create_family("The Otters")
    view.refresh()
    view.families.select(family.id)
    # THEN the routines list says it has none yet and offers a button that starts one
    hint = view.findChild(QLabel, "noRoutinesHint")
    assert hint is not None and hint.isVisible()
    assert "no routines yet" in hint.text()
    assert "steps" not in hint.text()
    view.routines.findChild(type(view.routines.new), "addFirstRoutine").click()
    assert len(empty_core.families.routines(family.id or 0)) == 1
    qtbot.waitUntil(lambda: not hint.isVisible())
    # AND printing it says the same thing, not that its routines have no steps
    empty_core.families.delete_routine(empty_core.families.routines(family.id or 0)[0].id or 0)
    with pytest.raises(AttuneError) as refused:
        routine_sheet_items(empty_core.families, family_id=family.id)
    assert "has no routines yet" in str(refused.value)
    assert "have no steps" not in str(refused.value)
