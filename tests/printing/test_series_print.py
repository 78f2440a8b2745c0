"""Series paper: the families' plan, the one-session print pack and the end-of-term report.

Each test reads the PDF as a printer would get it: page size, page count and text.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from attune_desktop.app import Core
from attune_desktop.core.starter import SAMPLE_SLUG
from attune_desktop.printing.jobs import make_pdf
from attune_desktop.printing.pages import Paper, PrintError
from attune_desktop.printing.print_pack import sign_in_document

A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)
PREP = "PRIVATE-PREP-7Q ask how the quiet parent is doing"
FOLLOW_UP = "FOLLOWUP-9K check back in about the big game"
SEGMENT_NOTE = "SEGMENT-NOTE-2W tell the bus stop story"


def pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(raw.stdout.split())


def page_sizes(path: Path) -> list[tuple[int, int]]:
    reader = PdfReader(path)
    return [(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages]


def sample_id(core: Core) -> int:
    found = core.series.find_by_slug(SAMPLE_SLUG)
    assert found is not None and found.id is not None
    return found.id


def add_private_notes(core: Core, series_id: int) -> None:
    """Every kind of facilitator note, on every week, so a leak anywhere would show."""
    for session in core.series.sessions_of(series_id):
        ident = session.id or 0
        core.sessions.update_session(ident, prep_notes=PREP)
        core.followups.add_note(ident, FOLLOW_UP)
        for segment in core.sessions.segments(ident)[:1]:
            core.sessions.update_segment(segment.id or 0, notes=SEGMENT_NOTE)


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, A4_POINTS), (Paper.LETTER, LETTER_POINTS)])
def test_a_fourteen_week_plan_fits_one_page_in_large_type(
    core: Core, tmp_path: Path, paper: Paper, size: tuple[int, int]
) -> None:
    # GIVEN a 14-week term with long themes, one week cancelled, and private notes everywhere
    made = core.series.create_series(
        "Attunement basics, spring term at the Riverside family centre",
        dt.date(2027, 1, 5),
        weeks=14,
        venue="Riverside family centre, room 2",
        facilitators="Sam & Ren",
    )
    sid = made.id or 0
    for session in core.series.sessions_of(sid):
        core.sessions.update_session(
            session.id or 0, title=f"Week {session.week}: noticing, naming and calming together"
        )
    core.series.cancel_session(core.series.sessions_of(sid)[6].id or 0)
    add_private_notes(core, sid)
    # WHEN the plan is printed
    out = make_pdf(core, "series-plan", tmp_path / "plan.pdf", paper=paper, series=sid)
    # THEN it is one page at true size, with every week, the venue, and the cancellation
    assert page_sizes(out) == [size]
    text = pdf_text(out)
    assert "Riverside family centre, room 2" in text
    assert "Tuesdays at 18:00" in text
    for week in (1, 7, 14):
        assert f"Week {week}:" in text
    assert text.count("Cancelled") == 1
    assert "Tue, 5 Jan 2027" in text  # core.locale_format.day_date, English without a region
    # AND no private note of any kind is on it
    for private in (PREP, FOLLOW_UP, SEGMENT_NOTE):
        assert private.split()[0] not in text


def test_a_fourteen_week_plan_with_two_line_themes_and_an_arabic_title_fits_one_a4_page(
    core: Core, tmp_path: Path
) -> None:
    # GIVEN a 14-week term whose title is long Arabic and whose themes each take two lines
    made = core.series.create_series(
        "دائرة الآباء والأمهات: التناغم مع مشاعر أطفالنا في الحياة اليومية والمساء الطويل",
        dt.date(2026, 9, 1),
        weeks=14,
        venue="社区中心 二楼 多功能活动室",
        facilitators="مريم و 李明",
    )
    sid = made.id or 0
    for session in core.series.sessions_of(sid):
        core.sessions.update_session(
            session.id or 0,
            title=f"A much longer theme for week {session.week} that goes on about noticing, "
            "naming and soothing big feelings together",
        )
    # WHEN the plan is printed on A4
    out = make_pdf(core, "series-plan", tmp_path / "plan.pdf", paper=Paper.A4, series=sid)
    # THEN it still fits one page (tighter rows and a smaller heading before a second page)
    assert len(page_sizes(out)) == 1
    assert "week 14 that" in pdf_text(out)


def test_the_print_pack_is_one_pdf_with_every_part(core: Core, tmp_path: Path) -> None:
    # GIVEN week 4 of the sample series, with a follow-up note carried into it
    sid = sample_id(core)
    week4 = core.series.sessions_of(sid)[3]
    add_private_notes(core, sid)
    # WHEN the pack is saved with the families' routine sheets
    out = make_pdf(core, "pack", tmp_path / "pack.pdf", session=week4.id, with_routines=True)
    # THEN one A4 PDF holds the run sheet, the agenda, the take-home cards, the families'
    # routine sheets and the sign-in sheet, in that order
    sizes = page_sizes(out)
    assert set(sizes) == {A4_POINTS}
    reader = PdfReader(out)
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    assert "RUN SHEET" in texts[0]
    card = next(i for i, t in enumerate(texts) if "What we practised today" in t)
    family = core.families.list_families(series_id=sid)[0]
    sheets = next(i for i, t in enumerate(texts) if family.label in t)
    assert 1 < card < sheets < len(texts) - 1
    assert "Tick one box as you arrive" in texts[-1]
    assert "No names are needed" in texts[-1]
    assert "☐ 30" in texts[-1] or "30" in texts[-1]
    # AND the run sheet (the facilitator's own paper) has the prep notes; nothing has follow-ups
    whole = pdf_text(out)
    assert "PRIVATE-PREP-7Q" in texts[0]
    assert "FOLLOWUP-9K" not in whole
    # AND the room's pages (agenda, cards, routine sheets, sign-in) carry no note of any kind
    room = [t for t in texts if "RUN SHEET" not in t and "Run sheet" not in t]
    for text in room:
        for marker in ("PRIVATE-PREP-7Q", "FOLLOWUP-9K", "SEGMENT-NOTE-2W"):
            assert marker not in text


def test_a_sign_in_sheet_refuses_a_silly_number_of_boxes(core: Core) -> None:
    session = core.series.sessions_of(sample_id(core))[0]
    with pytest.raises(PrintError, match="1 to 60 boxes"):
        sign_in_document(session, boxes=0)


def test_the_report_pdf_shows_the_terms_numbers_and_no_notes(core: Core, tmp_path: Path) -> None:
    sid = sample_id(core)
    add_private_notes(core, sid)
    out = make_pdf(core, "report", tmp_path / "report.pdf", paper=Paper.LETTER, series=sid)
    assert page_sizes(out) == [LETTER_POINTS]
    text = pdf_text(out)
    assert "Sessions delivered: 3 of 6 planned" in text
    assert "30 in all over 3 sessions" in text
    assert "more settled" in text
    assert "Planned and actual timing" in text
    for marker in ("PRIVATE-PREP-7Q", "FOLLOWUP-9K", "SEGMENT-NOTE-2W"):
        assert marker not in text
