"""Printed routine sheets, read back from the PDF a family would take home."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from attune_desktop.app import Core
from attune_desktop.core import sheet_words
from attune_desktop.core.models import Family
from attune_desktop.core.pictograms import SHORT_ATTRIBUTION
from attune_desktop.printing.catalogue import Progress
from attune_desktop.printing.jobs import export_pdf
from attune_desktop.printing.pages import PrintError
from attune_desktop.printing.routine_sheets import (
    PrintCancelled,
    SheetOptions,
    routine_sheet_items,
    routine_sheets_job,
)

A4 = (595, 842)
LETTER = (612, 792)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils not installed",
)


def _sizes(path: Path) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(path).pages
    ]


def _text(path: Path) -> str:
    """The PDF's text as a reader would search it (direction marks dropped); the words come
    back as typed, Arabic and Chinese too (tests/printing/test_pdf_text.py)."""
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return "".join(c for c in raw if c not in "\u202a\u202b\u202c\u202d\u202e\u200f")


def _family(core: Core, language: str) -> Family:
    return next(f for f in core.families.list_families() if f.language == language)


def export_routine_sheets_pdf(
    core: Core,
    out: Path,
    options: SheetOptions,
    *,
    progress: Progress | None = None,
    **which: int,
) -> Path:
    """The chosen routines' sheets as one PDF job, as the screens and command line make it."""
    items = routine_sheet_items(core.families, **which)  # type: ignore[arg-type]
    return export_pdf(routine_sheets_job(items, options, core.paths.photos, progress), out)


def _export(core: Core, out: Path, options: SheetOptions, **which: int) -> Path:
    return export_routine_sheets_pdf(core, out, options, **which)


def _one_routine_family(core: Core, language: str, steps: int, **extra: object) -> Family:
    family = core.families.create_family("Solo", language=language)
    core.families.create_routine(
        family.id or 0,
        "Test routine",
        "morning",
        steps=[
            {"picture": "pictogram:1FAA5", "words": f"word{i}", "minutes": 2, **extra}
            for i in range(steps)
        ],
    )
    return family


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER)])
def test_a_poster_is_portrait_at_true_size(
    core: Core, tmp_path: Path, paper: str, size: tuple[int, int]
) -> None:
    family = _family(core, "en")
    out = _export(
        core, tmp_path / "p.pdf", SheetOptions.parse("poster", paper), family_id=family.id or 0
    )
    assert set(_sizes(out)) == {size}


def test_a_strip_is_landscape(core: Core, tmp_path: Path) -> None:
    family = _family(core, "en")
    out = _export(core, tmp_path / "s.pdf", SheetOptions.parse("strip"), family_id=family.id or 0)
    assert set(_sizes(out)) == {(A4[1], A4[0])}


@pytest.mark.parametrize(("per_page", "pages"), [(1, 9), (4, 3), (6, 2), (9, 1)])
def test_cards_fill_the_chosen_number_a_page(
    core: Core, tmp_path: Path, per_page: int, pages: int
) -> None:
    # GIVEN a routine of nine steps
    family = _one_routine_family(core, "en", 9)
    options = SheetOptions.parse("cards", cards_per_page=per_page)
    out = _export(core, tmp_path / "c.pdf", options, family_id=family.id or 0)
    assert len(PdfReader(out).pages) == pages


def test_an_impossible_card_grid_is_refused() -> None:
    with pytest.raises(PrintError, match="does not make a grid"):
        SheetOptions.parse("cards", cards_per_page=7)


@needs_poppler
@pytest.mark.parametrize("code", ["en", "es", "fr", "ar", "uk", "zh"])
def test_fixed_words_print_in_the_family_language_with_real_glyphs(
    core: Core, tmp_path: Path, code: str
) -> None:
    # GIVEN a family whose sheets are in this language, and its own words in that script
    own = {
        "en": "Teeth",
        "es": "Dientes",
        "fr": "Dents",
        "ar": "الأسنان",
        "uk": "Зуби",
        "zh": "刷牙",
    }
    family = core.families.create_family(f"Family {code}", language=code)
    core.families.create_routine(
        family.id or 0,
        own[code],
        "bedtime",
        steps=[{"picture": "pictogram:1FAA5", "words": own[code], "minutes": 3}],
    )
    options = SheetOptions.parse("poster", with_tracker=True)
    out = _export(core, tmp_path / f"{code}.pdf", options, family_id=family.id or 0)
    text = _text(out)
    words = sheet_words.words_for(code)
    # THEN the words come back out of the PDF (no empty boxes, no missing glyphs)
    for expected in (words.title_for("bedtime"), words.done, words.weekdays[0], own[code]):
        assert expected in text, expected
    assert "\ufffd" not in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "Noto" in fonts
    assert all(" yes " in line.split("Noto", 1)[1] for line in fonts.splitlines() if "Noto" in line)


@needs_poppler
def test_arabic_chinese_and_ukrainian_use_their_noto_fonts(core: Core, tmp_path: Path) -> None:
    series_id = _family(core, "ar").series_id or 0
    out = _export(core, tmp_path / "series.pdf", SheetOptions(), series_id=series_id)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "NotoSansArabic" in fonts and "NotoSansSC" in fonts


@needs_poppler
def test_attribution_only_when_a_pictogram_is_printed(core: Core, tmp_path: Path) -> None:
    family = _family(core, "en")
    with_pictograms = _text(
        _export(core, tmp_path / "a.pdf", SheetOptions(), family_id=family.id or 0)
    )
    assert "OpenMoji" in with_pictograms
    # GIVEN a routine whose only picture is the family's own photo
    photo_family = core.families.create_family("Photo family")
    core.families.create_routine(
        photo_family.id or 0, "Our photos", steps=[{"picture": "photo:teddy.png", "words": "Teddy"}]
    )
    photo_only = _text(
        _export(core, tmp_path / "b.pdf", SheetOptions(), family_id=photo_family.id or 0)
    )
    assert "Teddy" in photo_only and "OpenMoji" not in photo_only


@needs_poppler
@pytest.mark.parametrize("layout", ["poster", "strip", "cards", "tracker"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_pictures_only_prints_a_wordless_sheet_with_the_shortest_credit(
    core: Core, tmp_path: Path, layout: str, language: str
) -> None:
    """GIVEN a family's routine with step words, a caregiver's line and minutes, spread over
    two pages, and its week tracker
    WHEN it is printed "Pictures only"
    THEN the PDF's text is the OpenMoji credit alone (CC BY-SA 4.0 asks for it), in its short
    form, and page numbers: no step words, no title, no family name, no sheet words."""
    family = _one_routine_family(core, language, 12, caregiver_line="me: hold the towel")
    options = SheetOptions.parse(layout, icons_only=True, with_tracker=True)
    text = _text(_export(core, tmp_path / "i.pdf", options, family_id=family.id or 0))
    assert SHORT_ATTRIBUTION in text
    rest = text.replace(SHORT_ATTRIBUTION, "")
    assert not [c for c in rest if c.isalpha()], rest


@needs_poppler
def test_a_series_prints_every_family_in_one_pdf_with_progress(core: Core, tmp_path: Path) -> None:
    families = core.families.list_families()
    series_id = families[0].series_id or 0
    heard: list[tuple[int, int]] = []
    out = export_routine_sheets_pdf(
        core,
        tmp_path / "series.pdf",
        SheetOptions(),
        series_id=series_id,
        progress=lambda done, total: heard.append((done, total)) is None,
    )
    text = _text(out)
    for family in families:
        assert family.label in text
    routines = sum(len(core.families.routines(f.id or 0)) for f in families)
    assert heard[-1] == (routines, routines)


def test_cancelling_leaves_no_file(core: Core, tmp_path: Path) -> None:
    series_id = core.families.list_families()[0].series_id or 0
    out = tmp_path / "series.pdf"
    with pytest.raises(PrintCancelled):
        export_routine_sheets_pdf(
            core,
            out,
            SheetOptions(),
            series_id=series_id,
            progress=lambda done, total: done < 2,
        )
    assert not out.exists()


@needs_poppler
def test_a_forty_step_routine_with_long_words_flows_onto_more_pages(
    core: Core, tmp_path: Path
) -> None:
    family = core.families.create_family("Long")
    long_words = ("many words " * 19).strip()[:190] + " END"
    core.families.create_routine(
        family.id or 0,
        "Forty steps",
        steps=[{"picture": "pictogram:1F6CF", "words": f"{i} {long_words}"} for i in range(40)],
    )
    for layout in ("poster", "strip", "tracker"):
        out = _export(
            core, tmp_path / f"{layout}.pdf", SheetOptions.parse(layout), family_id=family.id or 0
        )
        assert len(PdfReader(out).pages) > 1
        assert _text(out).count("END") == 40, layout


def test_an_empty_routine_gets_a_clear_message(core: Core, tmp_path: Path) -> None:
    family = core.families.create_family("Empty")
    core.families.create_routine(family.id or 0, "Nothing yet")
    with pytest.raises(PrintError, match="no steps"):
        _export(core, tmp_path / "e.pdf", SheetOptions(), family_id=family.id or 0)
    assert not (tmp_path / "e.pdf").exists()


@needs_poppler
def test_a_corrupt_or_huge_photo_prints_as_a_frame_not_a_crash(
    core: Core, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtGui import QColor, QImage

    core.paths.photos.mkdir(parents=True, exist_ok=True)
    (core.paths.photos / "broken.jpg").write_bytes(b"\xff\xd8\xff" + b"garbage" * 100)
    big = QImage(6000, 4000, QImage.Format.Format_RGB32)
    big.fill(QColor("#88aacc"))
    assert big.save(str(core.paths.photos / "big.png"))
    family = core.families.create_family("Photos")
    core.families.create_routine(
        family.id or 0,
        "Photos",
        steps=[
            {"picture": "photo:broken.jpg", "words": "Broken"},
            {"picture": "photo:big.png", "words": "Big"},
            {"picture": "photo:missing.png", "words": "Missing"},
        ],
    )
    out = _export(core, tmp_path / "photos.pdf", SheetOptions(), family_id=family.id or 0)
    text = _text(out)
    assert all(word in text for word in ("Broken", "Big", "Missing"))
    assert out.stat().st_size < 5_000_000  # the big photo was scaled down to print size


def test_the_same_render_prints_on_a_printer_device(core: Core, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    # GIVEN the job the preview and the print dialog are handed
    family = _family(core, "zh")
    items = routine_sheet_items(core.families, family_id=family.id or 0)
    job = routine_sheets_job(items, SheetOptions.parse("strip"), core.paths.photos)
    render, title = job.render, job.title
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    # WHEN it draws on a printer
    render(printer)
    # THEN the printer got landscape pages with the family's sheets
    sizes = _sizes(tmp_path / "printer.pdf")
    assert sizes and all(w > h for w, h in sizes)
    assert family.label in title


def test_the_command_line_prints_a_family_by_label_and_lists_families(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from attune_desktop import cli

    home = str(tmp_path / "home")
    assert cli.main(["demo", "--home", home]) == 0
    assert cli.main(["list", "families", "--home", home]) == 0
    listed = capsys.readouterr().out
    assert "Team Sunflower" in listed and "\tar\t" in listed
    out = tmp_path / "sunflower.pdf"
    argv = ["print", "routines", "--home", home, "--family", "team sunflower", "--out", str(out)]
    assert cli.main([*argv, "--layout", "strip", "--paper", "letter", "--lang", "es"]) == 0
    assert set(_sizes(out)) == {(LETTER[1], LETTER[0])}
    # AND a family that does not exist is a message, not a file
    missing = tmp_path / "nobody.pdf"
    argv = ["print", "routines", "--home", home, "--family", "Nobody", "--out", str(missing)]
    assert cli.main(argv) == 2
    assert "No family called 'Nobody'" in capsys.readouterr().err
    assert not missing.exists()


@needs_poppler
def test_the_caregiver_line_says_who_speaks(core: Core, tmp_path: Path) -> None:
    # GIVEN a French family's steps with a "moi:" line, a "Papa:" line and a bare line
    family = core.families.create_family("Les Hérissons", language="fr")
    core.families.create_routine(
        family.id or 0,
        "Le soir",
        "evening",
        steps=[
            {"picture": "pictogram:1F4D6", "words": "Histoire", "caregiver_line": "moi: je lis"},
            {"picture": "pictogram:1F6C1", "words": "Bain", "caregiver_line": "Papa: le bain"},
            {"picture": "pictogram:1F6CF", "words": "Dodo", "caregiver_line": "un câlin"},
        ],
    )
    strip = _text(
        _export(core, tmp_path / "s.pdf", SheetOptions.parse("strip"), family_id=family.id or 0)
    )
    # THEN the sheet's own "Moi" is used once, and another speaker is kept as written
    assert "Moi: je lis" in strip and "moi: je lis" not in strip
    assert "Papa: le bain" in strip and "Moi: Papa" not in strip
    assert "Moi: un câlin" in strip
    poster = _text(_export(core, tmp_path / "p.pdf", SheetOptions(), family_id=family.id or 0))
    assert "Toi" in poster and "Moi" in poster and "je lis" in poster


def _text_sizes(path: Path) -> dict[str, float]:
    """Each line of text on the first page and the type size it is drawn at, in points."""
    sizes: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            sizes[" ".join(text.split())] = round(size * abs(tm[3] * cm[3]), 1)

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("layout", ["poster", "strip"])
def test_a_pages_step_words_share_one_type_size(core: Core, tmp_path: Path, layout: str) -> None:
    # GIVEN the demo's Spanish morning: short and longer words, most with minutes
    family = _family(core, "es")
    routine = core.families.routines(family.id or 0)[0]
    texts = [step.words for step in core.families.steps(routine.id or 0)]
    assert len(texts) == 7
    # WHEN its sheet is printed
    options = SheetOptions.parse(layout)
    out = _export(core, tmp_path / "even.pdf", options, family_id=family.id or 0)
    # THEN every step's words are drawn at one size, not big and small by turns
    sizes = _text_sizes(out)
    lines = [line for line in sizes if any(line in words for words in texts)]
    assert len(lines) >= len(texts)  # (longer words may wrap onto two lines)
    drawn = {sizes[line] for line in lines}
    assert len(drawn) == 1, sizes
    assert drawn.pop() >= 12
