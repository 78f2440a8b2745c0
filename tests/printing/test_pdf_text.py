"""The words on a printed sheet come back out of the PDF as they were typed, in every language.

pdftotext (poppler) reads the PDF as a search box, copy and paste or a screen reader would;
nothing is normalised here, only the direction marks pdftotext adds around right-to-left
lines are dropped.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from attune_desktop.app import Core
from attune_desktop.core import sheet_words
from attune_desktop.printing.pdf_text import fold, fold_cmap
from attune_desktop.printing.routine_sheets import SheetOptions
from tests.printing.test_routine_sheets import export_routine_sheets_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))

# Words families write, chosen to cross what used to come back wrong: Arabic joined letters
# and lam-alef ligatures; Chinese characters whose glyph is also a radical's (牙 门 车 风 长).
TYPED = {
    "en": ["Brush teeth", "Pyjamas on", "Story and a cuddle", "Lights out"],
    "es": ["Cepillarse los dientes", "Ponerse el pijama", "Cuento y abrazo", "¡A dormir!"],
    "fr": ["Se brosser les dents", "Mettre le pyjama", "Histoire et câlin", "Lumière éteinte"],
    "ar": ["تنظيف الأسنان", "ارتداء البيجامة", "قصة وعناق", "إطفاء الضوء", "السلام عليكم", "لا"],
    "uk": ["Почистити зуби", "Вдягнути піжаму", "Казка й обійми", "Вимкнути світло"],
    "zh": ["刷牙", "穿上睡衣", "讲故事和拥抱", "关门关灯", "坐车回家", "长长的风", "吃饭"],
}


def _pdftotext(path: Path, *layout: str) -> str:
    raw = subprocess.run(
        ["pdftotext", *layout, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return raw.translate(BIDI_MARKS)


def _sheet(core: Core, tmp_path: Path, code: str, layout: str) -> Path:
    family = core.families.create_family(f"Family {code}", language=code)
    core.families.create_routine(
        family.id or 0,
        TYPED[code][0],
        "bedtime",
        steps=[{"picture": "pictogram:1FAA5", "words": w, "minutes": 3} for w in TYPED[code]],
    )
    out = tmp_path / f"{code}-{layout}.pdf"
    return export_routine_sheets_pdf(
        core, out, SheetOptions.parse(layout, with_tracker=True), family_id=family.id or 0
    )


@pytest.mark.parametrize("code", sorted(TYPED))
@pytest.mark.parametrize("layout", ["poster", "strip", "cards"])
def test_pdftotext_gives_back_every_word_as_typed(
    core: Core, tmp_path: Path, code: str, layout: str
) -> None:
    """GIVEN a family's routine written in its language
    WHEN its sheet (and week tracker) is saved as a PDF
    THEN pdftotext reads back every step, the sheet's own words and the title as typed:
    no Arabic presentation forms, no CJK radicals, nothing missing."""
    out = _sheet(core, tmp_path, code, layout)
    text = _pdftotext(out)
    words = sheet_words.words_for(code)
    done = [words.done] if layout != "cards" else []  # cut-out cards have no tick box
    for expected in [*TYPED[code], words.title_for("bedtime"), *done, *words.weekdays]:
        assert expected in text, (expected, text)
    assert fold(text) == text  # not one stand-in character left anywhere
    assert "\x00" not in text and "\ufffd" not in text


def test_the_map_is_folded_but_the_drawing_is_untouched(core: Core, tmp_path: Path) -> None:
    """GIVEN an Arabic sheet WHEN it is saved THEN the file Qt drew is kept byte for byte at
    its start (the new maps are an incremental update after it)."""
    out = _sheet(core, tmp_path, "ar", "poster")
    data = out.read_bytes()
    assert data.count(b"%%EOF") == 2  # Qt's file, then the update
    first = data[: data.index(b"%%EOF") + 5]
    assert b"<FEDF>" in first or b"<FE8E>" in first  # Qt's own map had the shaped forms


def test_fold_cmap_rewrites_destinations_only() -> None:
    cmap = (
        b"2 beginbfrange\n<0000> <0000> <0000>\n<2F5B> <2F5C> [<2F5B> <FEFB> <0041>]\n"
        b"endbfrange\n1 beginbfchar\n<FE8E> <FE8E>\nendbfchar\n"
        b"1 beginbfrange\n<0010> <0011> <2ED3>\nendbfrange\n"
    )
    folded = fold_cmap(cmap)
    # source codes stay; 牙 for the radical, lam-alef as two letters in drawing order
    assert b"<2F5B> <2F5C> [<7259> <06270644> <0041>]" in folded
    assert b"<FE8E> <0627>" in folded
    assert b"<0010> <0011> [<957F> <95E8>]" in folded  # a run spelled out: 长 门
