"""Pictures are as large as each layout allows: the smallest picture on a sheet, per layout
and number of steps, is at least the size this table states (A4, millimetres).

The table is the promise printed sheets keep (also in docs/printing-a-new-sheet.md): a
short routine gets big pictures rather than a half-empty page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF

from attune_desktop.printing import sheet_canvas
from attune_desktop.printing.jobs import export_pdf
from attune_desktop.printing.routine_sheets import (
    SheetItem,
    SheetOptions,
    SheetStep,
    routine_sheets_job,
)

# (layout, cards a page) -> {steps: smallest picture side in mm}
MINIMUM_PICTURE_MM: dict[tuple[str, int], dict[int, float]] = {
    ("poster", 6): {1: 60, 3: 60, 5: 36, 7: 24, 10: 36},
    ("strip", 6): {1: 65, 3: 65, 5: 40, 7: 25, 10: 40},
    ("tracker", 6): {1: 28, 3: 28, 5: 28, 7: 25, 10: 17},
    ("cards", 1): {1: 150, 7: 150},
    ("cards", 6): {1: 50, 7: 50},
    ("cards", 12): {1: 40, 7: 40},
    ("cards", 20): {1: 30, 7: 30},
}
CASES = [
    (layout, cards, steps, least)
    for (layout, cards), table in MINIMUM_PICTURE_MM.items()
    for steps, least in table.items()
]


@pytest.mark.usefixtures("_themed_app")
@pytest.mark.parametrize(("layout", "cards", "steps", "least"), CASES)
def test_pictures_are_at_least_the_stated_size(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    layout: str,
    cards: int,
    steps: int,
    least: float,
) -> None:
    """GIVEN a routine of this many steps WHEN its sheet is drawn in this layout
    THEN no picture is smaller than the table says."""
    sides: list[float] = []
    draw = sheet_canvas.Canvas.picture

    def measured(self: sheet_canvas.Canvas, rect: QRectF, picture: str) -> None:
        sides.append(min(rect.width(), rect.height()) / sheet_canvas.mm(1))
        draw(self, rect, picture)

    monkeypatch.setattr(sheet_canvas.Canvas, "picture", measured)
    item = SheetItem(
        "Family",
        "en",
        "Bedtime",
        "bedtime",
        tuple(SheetStep("pictogram:1FAA5", "Brush teeth", 3, "") for _ in range(steps)),
    )
    options = SheetOptions.parse(layout, cards_per_page=cards)
    export_pdf(routine_sheets_job([item], options, tmp_path), tmp_path / "sheet.pdf")
    assert len(sides) == steps
    assert min(sides) >= least, (layout, cards, steps, round(min(sides), 1))
