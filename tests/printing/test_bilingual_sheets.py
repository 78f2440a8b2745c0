"""Bilingual sheets: the family's language, with a second language below in smaller type."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from attune_desktop.app import Core
from attune_desktop.core.models import Family
from attune_desktop.printing.jobs import make_pdf
from attune_desktop.printing.routine_sheets import SheetItem, SheetStep, bilingual

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))


def _text(path: Path) -> str:
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return raw.translate(BIDI_MARKS)


def _sizes(path: Path) -> dict[str, float]:
    sizes: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            sizes.setdefault(" ".join(text.split()), round(size * abs(tm[3] * cm[3]), 1))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return sizes


def _bedtime_family(core: Core, language: str) -> Family:
    family = core.families.create_family(f"Family {language}", language=language)
    template = next(r for r in core.families.routines(None) if r.slug == "bedtime")
    core.families.routine_from_template(template.id or 0, family.id or 0)
    return family


@pytest.mark.parametrize("layout", ["poster", "strip", "cards", "tracker"])
def test_a_chinese_bedtime_sheet_with_english_below(
    core: Core, tmp_path: Path, layout: str
) -> None:
    """GIVEN a Chinese family whose bedtime routine came from the template
    WHEN its sheet is printed with English as the second language
    THEN the PDF holds the Chinese words and, smaller, their English."""
    family = _bedtime_family(core, "zh")
    out = make_pdf(
        core,
        "routines",
        tmp_path / f"{layout}.pdf",
        family=str(family.id),
        layout=layout,
        second_language="en",
    )
    text = _text(out)
    for chinese, english in (("刷牙", "Brush teeth"), ("穿上睡衣", "Pyjamas on")):
        assert chinese in text and english in text, (chinese, english)
    if layout != "cards":
        assert "睡前作息" in text and "Bedtime routine" in text
    sizes = _sizes(out)
    chinese_size = next(size for words, size in sizes.items() if "刷牙" in words)
    english_size = next(size for words, size in sizes.items() if "Brush teeth" in words)
    assert english_size < chinese_size


def test_an_arabic_sheet_with_english_and_the_family_own_words(core: Core, tmp_path: Path) -> None:
    """GIVEN an Arabic family's routine from the template, with one step of its own
    WHEN printed bilingual THEN template steps get their English, its own words print once."""
    family = _bedtime_family(core, "ar")
    routine = core.families.routines(family.id or 0)[0]
    core.families.add_step(routine.id or 0, picture="pictogram:1F9F8", words="دبدوب سارة")
    out = make_pdf(
        core, "routines", tmp_path / "ar.pdf", family=str(family.id), second_language="en"
    )
    text = _text(out)
    assert "تنظيف الأسنان" in text and "Brush teeth" in text
    assert "روتين وقت النوم" in text and "Bedtime routine" in text
    assert text.count("دبدوب سارة") == 1


def test_the_second_language_is_the_template_text_whatever_it_is_written_in() -> None:
    item = SheetItem(
        "F",
        "uk",
        "Рутина перед сном",
        "bedtime",
        (
            SheetStep("pictogram:1FAA5", "Почистити зуби"),
            SheetStep("pictogram:1F9F8", "Наш ведмедик"),
        ),
    )
    made = bilingual(item, "es")
    assert made.second_title == "Rutina para dormir"
    assert [s.second for s in made.steps] == ["Cepillarse los dientes", ""]
    assert bilingual(item, "uk") == item  # the same language twice is one language


def test_the_command_line_prints_a_bilingual_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from attune_desktop import cli

    home = str(tmp_path / "home")
    assert cli.main(["demo", "--home", home]) == 0
    out = tmp_path / "sunflower.pdf"
    argv = ["print", "routines", "--home", home, "--family", "team sunflower", "--out", str(out)]
    assert cli.main([*argv, "--second-language", "en"]) == 0
    assert out.exists()
    # AND a language the sheets do not have is a message, not a file
    wrong = tmp_path / "wrong.pdf"
    argv = ["print", "routines", "--home", home, "--family", "team sunflower", "--out", str(wrong)]
    assert cli.main([*argv, "--second-language", "xx"]) == 2
    assert "'xx' is not one" in capsys.readouterr().err
    assert not wrong.exists()


def test_words_in_the_other_direction_keep_their_punctuation(core: Core, tmp_path: Path) -> None:
    """GIVEN a family's own step written the other way from its sheet (Spanish words on an
    Arabic sheet), punctuation at both ends
    WHEN the sheet is printed THEN the words read as typed: the punctuation stays on their
    own ends, not the sheet's."""
    family = _bedtime_family(core, "ar")
    routine = core.families.routines(family.id or 0)[0]
    words = "¡Buenos días!"
    core.families.add_step(routine.id or 0, picture="pictogram:1F9F8", words=words)
    out = make_pdf(core, "routines", tmp_path / "mixed.pdf", family=str(family.id))
    # The glyphs in the order they stand on the page (pypdf keeps the content stream's order;
    # pdftotext would re-order them by its own guess of the line's direction).
    drawn = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert words in drawn
