"""The organisation report as a PDF, read back: words, page size and count, nothing private.

The figures are those of tests/org_fixture.py (worked out by hand in tests/core/test_org_report.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from attune_desktop.core import i18n
from attune_desktop.core.container import Core
from attune_desktop.printing.jobs import make_pdf
from tests.org_fixture import seed_org
from tests.printing.helpers import pdf_text

A4 = (595, 842)
LETTER = (612, 792)


def _page_size(out: Path) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(out).pages
    ]


def test_the_pdf_shows_every_circle_the_total_and_its_charts(
    empty_core: Core, tmp_path: Path
) -> None:
    """GIVEN the three-circle organisation with a private prep note on one session
    WHEN January's report is made as a PDF
    THEN it is two A4 pages with the charts' headings, each circle, the totals worked out by
    hand, the cancel reasons, and not the private note."""
    made = seed_org(empty_core)
    empty_core.sessions.update_session(made["Maple circle"][0], prep_notes="PRIVATE-PREP")
    out = make_pdf(
        empty_core,
        "org-report",
        tmp_path / "org.pdf",
        from_date="2026-01-01",
        to_date="2026-01-31",
    )
    assert _page_size(out) == [A4, A4]
    text = pdf_text(out)
    for words in (
        "ORGANISATION REPORT",
        "Sessions by circle",
        "Dose by circle",
        "Maple circle",
        "Oak circle",
        "Birch circle",
        "All circles",
        "3 circles · sessions delivered: 6 of 10 planned (3 cancelled, 1 not run yet)",
        "Retention (last week / first week): 91%",
        "Dose (share of planned sessions attended): 53%",
        "86% of planned segments and 80% of planned practices",
        "359 minutes run against 360 booked",
        "Cancelled: Snow: 2; Venue closed: 1",
        "-0.62 over 2 wk, 1 hidden",
    ):
        assert words in text, words
    assert "PRIVATE-PREP" not in text


def test_a_filter_on_letter_paper(empty_core: Core, tmp_path: Path) -> None:
    """GIVEN the organisation WHEN only the South site is reported on Letter paper
    THEN one Letter page holds Birch alone."""
    seed_org(empty_core)
    out = make_pdf(
        empty_core,
        "org-report",
        tmp_path / "south.pdf",
        paper="letter",
        from_date="2026-01-01",
        to_date="2026-01-31",
        site="South",
    )
    assert _page_size(out)[0] == LETTER
    text = pdf_text(out)
    assert "Birch circle" in text and "Maple circle" not in text
    assert "sites: South" in text


@pytest.mark.parametrize(
    ("code", "headings", "english"),
    [
        ("es", ("Sesiones por círculo", "Dosis por círculo", "Todos los círculos"), "circle"),
        ("ar", ("الجلسات حسب الحلقة", "الجرعة حسب الحلقة", "كل الحلقات"), "circle"),
    ],
)
def test_the_report_speaks_the_facilitators_language(
    empty_core: Core, tmp_path: Path, code: str, headings: tuple[str, ...], english: str
) -> None:
    """GIVEN the three-circle organisation and the UI in Spanish or Arabic
    WHEN January's report is made as a PDF
    THEN its per-circle headings are whole sentences in that language (no English "circle"
    filled into a translated heading), and the totals row is translated too."""
    seed_org(empty_core)
    with i18n.using(code):
        out = make_pdf(
            empty_core,
            "org-report",
            tmp_path / f"org-{code}.pdf",
            from_date="2026-01-01",
            to_date="2026-01-31",
        )
    text = pdf_text(out)
    for words in headings:
        assert words in text, words
    assert f"by {english}" not in text and f"por {english}" not in text
