"""Printed words are never cut: a 60-character word keeps every character, inside the page.

Each sheet is saved as a PDF and read back with pdftotext: the whole word must come back
(broken over lines, never clipped), and every word's box (`pdftotext -bbox`) must lie inside
the printable area of its page, on every layout, paper and card grid.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from attune_desktop.app import Core
from attune_desktop.printing.routine_sheets import SHEET_MARGIN_MM, SheetOptions
from attune_desktop.printing.sheet_layouts import CARD_GRIDS, FOOTER_MM
from tests.printing.test_routine_sheets import export_routine_sheets_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))
POINTS_PER_MM = 72 / 25.4


def _sixty(stem: str) -> str:
    """A 60-character word made of one language's letters (no space, no hyphen in it)."""
    return (stem * 60)[:60]


LONG_WORDS = {
    "en": _sixty("toothbrushing"),
    "es": _sixty("cepilladodedientes"),
    "fr": _sixty("brossagedesdents"),
    "ar": _sixty("تنظيفالأسنان"),
    "uk": _sixty("чищеннязубів"),
    "zh": _sixty("刷牙穿睡衣讲故事"),
}
SHEETS = [
    ("poster", "a4", 6),
    ("poster", "letter", 6),
    ("strip", "a4", 6),
    ("strip", "letter", 6),
    ("tracker", "a4", 6),
    ("cards", "a4", 1),
    ("cards", "a4", 6),
    ("cards", "letter", 12),
    ("cards", "a4", 20),
]


def _export(core: Core, tmp_path: Path, code: str, layout: str, paper: str, cards: int) -> Path:
    word = LONG_WORDS[code]
    family = core.families.create_family(f"Family {code}", language=code)
    steps = [
        {"picture": "pictogram:1FAA5", "words": word, "minutes": 5},
        {"picture": "pictogram:1F6CF", "words": f"{word} {word[:12]}", "minutes": None},
        {"picture": "pictogram:1F4D6", "words": word[:7], "minutes": 2},
    ]
    core.families.create_routine(family.id or 0, word, "bedtime", steps=steps)
    options = SheetOptions.parse(layout, paper, cards_per_page=cards)
    out = tmp_path / f"{code}-{layout}-{paper}-{cards}.pdf"
    return export_routine_sheets_pdf(core, out, options, family_id=family.id or 0)


def _word_boxes(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) for every word pdftotext finds."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    boxes = []
    for page, body in enumerate(html.split("<page ")[1:]):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            body,
        ):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            boxes.append((page, x0, y0, x1, y1, m.group(5)))
    return boxes


@pytest.mark.parametrize("code", sorted(LONG_WORDS))
@pytest.mark.parametrize(("layout", "paper", "cards"), SHEETS)
def test_a_sixty_character_word_keeps_every_character_on_the_page(
    core: Core, tmp_path: Path, code: str, layout: str, paper: str, cards: int
) -> None:
    """GIVEN a routine whose title and steps hold a 60-character word
    WHEN its sheet is printed to PDF on this layout, paper and card grid
    THEN pdftotext gives back the whole word (wrapped, not clipped) and every word's box
    lies inside the page's printable area."""
    out = _export(core, tmp_path, code, layout, paper, cards)
    raw = subprocess.run(
        ["pdftotext", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout.translate(BIDI_MARKS)
    joined = "".join(raw.split())
    assert LONG_WORDS[code] in joined
    pages = PdfReader(out).pages
    margin = SHEET_MARGIN_MM * POINTS_PER_MM - 1.0  # one point for rounding
    for page, x0, y0, x1, y1, word in _word_boxes(out):
        width, height = float(pages[page].mediabox.width), float(pages[page].mediabox.height)
        inside = margin <= x0 and x1 <= width - margin and margin <= y0 and y1 <= height - margin
        assert inside, (page, word, (x0, y0, x1, y1), (width, height))
        cells = _cells(layout, cards, width, height, margin + 1.0)
        middle = (y1 + y0) / 2
        in_body = any(cell[1] <= middle <= cell[3] for cell in cells)
        if in_body and middle < height - margin - FOOTER_MM * POINTS_PER_MM:
            assert any(_within((x0, y0, x1, y1), cell) for cell in cells), (word, x0, x1)


Box = tuple[float, float, float, float]


def _within(box: Box, cell: Box) -> bool:
    return all((cell[i] - 1.0 <= box[i]) if i < 2 else (box[i] <= cell[i] + 1.0) for i in range(4))


def _cells(layout: str, cards: int, width: float, height: float, margin: float) -> list[Box]:
    """The strip's columns (below its heading) or the card grid's cells, in page points."""
    mm = POINTS_PER_MM
    inner_w = width - 2 * margin
    body_h = height - 2 * margin - (FOOTER_MM + 3) * mm
    if layout == "strip":
        gap, count = 7 * mm, 3
        cell_w = (inner_w - gap * (count - 1)) / count
        top = margin + 26 * mm
        return [
            (margin + i * (cell_w + gap), top, margin + i * (cell_w + gap) + cell_w, height)
            for i in range(count)
        ]
    if layout == "cards":
        columns, rows = CARD_GRIDS[cards]
        cell_w, cell_h = inner_w / columns, body_h / rows
        return [
            (
                margin + c * cell_w,
                margin + r * cell_h,
                margin + (c + 1) * cell_w,
                margin + (r + 1) * cell_h,
            )
            for c in range(columns)
            for r in range(rows)
        ]
    return []
