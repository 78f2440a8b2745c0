"""A family's words that read the other way from the screen keep their own punctuation in the
tables and lists (FSI … PDI around them when shown), and are edited and stored as typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.core import i18n
from attune_desktop.core.bidi import FSI, PDI
from attune_desktop.ui.common.ui_language import SETTING, apply_language
from attune_desktop.ui.routines.routines_view import RoutinesView
from attune_desktop.ui.routines.steps_model import COL_WORDS
from attune_desktop.ui.shell import UiContext

GREETING = "¡Buenos días!"


@pytest.fixture
def arabic_view(
    qtbot: QtBot, qapp: QApplication, empty_context: UiContext
) -> Iterator[RoutinesView]:
    """The routines screen with the UI in Arabic, right to left; English put back after."""
    empty_context.settings.set(SETTING, "ar")
    apply_language(qapp, empty_context.settings)
    widget = RoutinesView(empty_context)
    qtbot.addWidget(widget)
    widget.resize(1300, 720)
    widget.show()
    yield widget
    i18n.activate("en")
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _add_family_and_step(view: RoutinesView, family: str, step: str) -> None:
    view.families.add_family()
    view.families.label.setText(family)
    view.families.label.editingFinished.emit()
    view.routines.new_routine()
    add_step = view.steps.findChild(QAction, "addStep")
    assert add_step is not None
    add_step.trigger()
    view.steps.words.setText(step)
    view.steps.words.editingFinished.emit()


def test_a_spanish_step_in_an_arabic_screen_is_shown_isolated_and_edited_as_typed(
    qtbot: QtBot, arabic_view: RoutinesView, empty_core: Core
) -> None:
    """GIVEN the UI in Arabic and a family "Los Soles" with a step "¡Buenos días!"
    WHEN the families and steps tables show them, and the step's cell is edited
    THEN the tables show the Latin words inside FSI … PDI, the editor gets the words as typed,
    and what is stored has no marks; Arabic words in the same screen are left as they are."""
    view = arabic_view
    _add_family_and_step(view, "Los Soles", GREETING)
    steps = view.steps.model

    def typed() -> list[str]:
        return [
            steps.index(r, COL_WORDS).data(Qt.ItemDataRole.EditRole)
            for r in range(steps.rowCount())
        ]

    qtbot.waitUntil(lambda: GREETING in typed())
    row = typed().index(GREETING)
    cell = steps.index(row, COL_WORDS)
    assert cell.data(Qt.ItemDataRole.DisplayRole) == f"{FSI}{GREETING}{PDI}"
    assert cell.data(Qt.ItemDataRole.EditRole) == GREETING
    family_cell = view.families.model.index(0, 0)
    assert family_cell.data(Qt.ItemDataRole.DisplayRole) == f"{FSI}Los Soles{PDI}"

    view.steps.table.setCurrentIndex(cell)
    view.steps.table.edit(cell)
    qtbot.waitUntil(lambda: view.steps.table.findChild(QLineEdit) is not None)
    editor = view.steps.table.findChild(QLineEdit)
    assert editor.text() == GREETING
    editor.setText(f"{GREETING} ☀")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    def stored() -> str:
        return empty_core.families.steps(view.routines.selected_id() or 0)[row].words

    qtbot.waitUntil(lambda: stored() == f"{GREETING} ☀")
    assert FSI not in stored() and PDI not in stored()
    qtbot.waitUntil(lambda: view.steps.words.text() == f"{GREETING} ☀")  # the form: as typed

    view.steps.words.setText("صباح الخير!")
    view.steps.words.editingFinished.emit()
    qtbot.waitUntil(
        lambda: steps.index(row, COL_WORDS).data(Qt.ItemDataRole.DisplayRole) == "صباح الخير!"
    )
    # AND Arabic words start at the right of their cell, even in a mirrored screen
    align = steps.index(row, COL_WORDS).data(Qt.ItemDataRole.TextAlignmentRole)
    absolute_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
    assert align & absolute_right.value == absolute_right.value
