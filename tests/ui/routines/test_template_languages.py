"""A family starts a routine from a template in its own language, through the Routines screen."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.ui.routines.routines_view import RoutinesView
from attune_desktop.ui.routines.steps_model import COL_WORDS
from attune_desktop.ui.shell import UiContext


@pytest.fixture
def view(qtbot: QtBot, context: UiContext) -> RoutinesView:
    widget = RoutinesView(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 720)
    widget.show()
    return widget


def test_a_chinese_family_starts_bedtime_from_the_template_in_chinese(
    qtbot: QtBot, view: RoutinesView, core: Core
) -> None:
    """GIVEN the facilitator adds a family and chooses Chinese as its language
    WHEN they start a routine from the bedtime template
    THEN the routine's title and every step the screen shows are in Chinese."""
    view.families.add_family()
    view.families.label.setText("The Chens")
    view.families.label.editingFinished.emit()
    language = view.families.language
    language.setCurrentIndex(language.findData("zh"))
    language.activated.emit(language.currentIndex())
    family = next(f for f in core.families.list_families() if f.label == "The Chens")
    assert family.language == "zh"

    menu = view.routines.templates.menu()
    bedtime = next(a for a in menu.actions() if a.objectName() == "template_bedtime")
    bedtime.trigger()

    assert view.routines.title.text() == "睡前作息"
    model = view.steps.model
    shown = [
        model.data(model.index(row, COL_WORDS), Qt.ItemDataRole.DisplayRole)
        for row in range(model.rowCount())
    ]
    assert shown[:3] == ["洗澡或洗漱", "穿上睡衣", "刷牙"]
    assert "Pyjamas on" not in shown
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in words) for words in shown)


def test_the_print_bar_makes_a_bilingual_sheet(
    view: RoutinesView, core: Core, tmp_path: Path
) -> None:
    """GIVEN a Chinese family's bedtime routine from the template
    WHEN the facilitator chooses English as the second language and saves the PDF
    THEN the sheet has the Chinese words and their English below."""
    family = core.families.create_family("The Lius", language="zh")
    template = next(r for r in core.families.routines(None) if r.slug == "bedtime")
    routine = core.families.routine_from_template(template.id or 0, family.id or 0)
    view.families.refresh()
    view.families.select(family.id)
    view.routines.select(routine.id)
    second = view.print_bar.second
    second.setCurrentIndex(second.findData("en"))
    out = view.print_bar.export(str(tmp_path / "lius.pdf"), "routine")
    assert out is not None
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "刷牙" in text and "Brush teeth" in text
    assert "睡前作息" in text and "Bedtime routine" in text


@pytest.mark.parametrize(
    ("language", "typed", "key", "name"),
    [
        ("zh", "睡衣", "1F455", "T恤"),
        ("ar", "فرشاة أسنان", "1FAA5", "فرشاة أسنان"),
        ("uk", "піжама", "1F455", None),
    ],
)
def test_the_picker_finds_pictures_by_the_family_language_words(
    qtbot: QtBot,
    view: RoutinesView,
    core: Core,
    language: str,
    typed: str,
    key: str,
    name: str | None,
) -> None:
    """GIVEN a family of this language with a routine from the bedtime template
    WHEN the facilitator types a word in that language in the picture picker
    THEN the picture is found and named in that language."""
    family = core.families.create_family(f"Family {language}", language=language)
    template = next(r for r in core.families.routines(None) if r.slug == "bedtime")
    routine = core.families.routine_from_template(template.id or 0, family.id or 0)
    view.families.refresh()
    view.families.select(family.id)
    view.routines.select(routine.id)
    view.steps.pick_picture()
    picker = view.steps._picker
    assert picker is not None
    qtbot.addWidget(picker)
    search = picker.findChild(type(picker.search), "pictogramSearch")
    search.clear()
    search.insert(typed)  # as an input method commits it (QTest types ASCII only)
    keys = [picker.model.found_at(row).pictogram.key for row in range(picker.model.rowCount())]
    assert key in keys[:5]
    if name is not None:
        shown = picker.model.data(picker.model.index(keys.index(key), 0))
        assert shown == name
