"""The organisation report against figures worked out by hand (see tests/org_fixture.py).

Hand-computed expectations, January 2026, all three circles:

Maple: planned 4, delivered 3, cancelled 1 (Snow); attendance 8+7+6 = 21 over 3 sessions;
       retention 6/8 = 75 %; dose 21 / (4 planned x 8 first week) = 21/32 = 66 %;
       segments 9 of 10 (90 %), practices 3 of 4 (75 %); checklist agenda 2 of 2,
       home practice 0 of 1, every parent 1 of 1; timed 2: booked 240, actual
       (120+10-2) + (120+4-8) = 244; started late (over 5 min) 1, ended late 1;
       shift: 1 week shown (-1.25, more settled), 1 hidden.
Oak:   planned 3, delivered 2, 1 not run; attendance 10 over 2; retention 5/5 = 100 %;
       dose 10 / (3 x 5) = 67 %; segments 3 of 4, practices 1 of 1; timed 1: 120 booked,
       115 actual; no check-ins.
Birch: planned 3, delivered 1, cancelled 2 (Venue closed, Snow); attendance 10;
       retention 10/10 = 100 %; dose 10 / (3 x 10) = 33 %; no runs; shift 1 shown, no change.
Total: planned 10, delivered 6, cancelled 3 (Snow 2, Venue closed 1), not run 1;
       attendance 41 over 6; retention (6+5+10)/(8+5+10) = 21/23 = 91 %;
       dose 41 / (32+15+30) = 41/77 = 53 %; segments 12 of 14 (86 %), practices 4 of 5 (80 %);
       timed 3: booked 360, actual 359; shift 2 shown, 1 hidden, mean (-1.25 + 0) / 2 = -0.625.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from attune_desktop.core.container import Core, open_core
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.org_report import (
    CSV_HEADER,
    OrgFilter,
    build_org_report,
    org_report_csv,
)
from tests.org_fixture import JANUARY, seed_org


@pytest.fixture
def org(tmp_path: Path) -> Iterator[Core]:
    core = open_core(tmp_path / "home", load_starter_on_first_run=False)
    seed_org(core)
    yield core
    core.close()


def _report(core: Core, chosen: OrgFilter = JANUARY):  # type: ignore[no-untyped-def]
    return build_org_report(core.db, core.checkins, chosen)


def test_each_circle_and_the_total_match_the_hand_computed_figures(org: Core) -> None:
    """GIVEN the three-circle organisation WHEN January is reported
    THEN every figure matches the docstring's hand computation."""
    report = _report(org)
    by = {c.title: c for c in report.circles}
    assert [c.title for c in report.circles] == ["Maple circle", "Oak circle", "Birch circle"]
    maple, oak, birch, t = by["Maple circle"], by["Oak circle"], by["Birch circle"], report.total
    assert (maple.planned, maple.delivered, maple.cancelled, maple.not_run) == (4, 3, 1, 0)
    assert maple.reasons == (("Snow", 1),)
    assert (maple.attendance, maple.counted, maple.first_count, maple.last_count) == (21, 3, 8, 6)
    assert maple.retention == pytest.approx(0.75)
    assert maple.dose == pytest.approx(21 / 32)
    assert (maple.segments_delivered, maple.segments_planned) == (9, 10)
    assert (maple.practices_delivered, maple.practices_planned) == (3, 4)
    assert maple.ticks == (2, 0, 1) and maple.answered == (2, 1, 1)
    assert (maple.timed, maple.booked_minutes, maple.actual_minutes) == (2, 240, 244)
    assert (maple.started_late, maple.ended_late) == (1, 1)
    assert (maple.shift.shown, maple.shift.hidden, maple.shift.more_settled) == (1, 1, 1)
    assert maple.shift.mean_difference == pytest.approx(-1.25)
    assert (oak.planned, oak.delivered, oak.not_run, oak.attendance) == (3, 2, 1, 10)
    assert oak.retention == 1.0 and oak.dose == pytest.approx(10 / 15)
    assert (oak.timed, oak.booked_minutes, oak.actual_minutes) == (1, 120, 115)
    assert oak.shift.shown == oak.shift.hidden == 0
    assert (birch.delivered, birch.cancelled, birch.runs) == (1, 2, 0)
    assert birch.dose == pytest.approx(10 / 30) and birch.segment_fidelity is None
    assert (birch.shift.shown, birch.shift.no_change) == (1, 1)
    assert (t.planned, t.delivered, t.cancelled, t.not_run) == (10, 6, 3, 1)
    assert t.reasons == (("Snow", 2), ("Venue closed", 1))
    assert (t.attendance, t.counted) == (41, 6)
    assert t.retention == pytest.approx(21 / 23)
    assert t.dose == pytest.approx(41 / 77)
    assert t.segment_fidelity == pytest.approx(12 / 14)
    assert t.practice_fidelity == pytest.approx(4 / 5)
    assert (t.timed, t.booked_minutes, t.actual_minutes) == (3, 360, 359)
    assert (t.shift.shown, t.shift.hidden) == (2, 1)
    assert t.shift.mean_difference == pytest.approx(-0.625)


@pytest.mark.parametrize(
    ("chosen", "titles"),
    [
        ({"sites": ("North",)}, ["Maple circle", "Oak circle"]),
        ({"facilitators": ("Ana",)}, ["Maple circle", "Birch circle"]),
        ({"curricula": ("Early Years",)}, ["Birch circle"]),
        ({"sites": ("Nowhere",)}, []),
    ],
)
def test_filters_choose_the_circles(org: Core, chosen: dict, titles: list[str]) -> None:
    """GIVEN the organisation WHEN a site, facilitator or curriculum is chosen
    THEN only its circles are reported, and the total is theirs."""
    report = _report(org, dataclasses.replace(JANUARY, **chosen))
    assert [c.title for c in report.circles] == titles
    assert report.total.planned == sum(c.planned for c in report.circles)


def test_the_date_range_cuts_sessions(org: Core) -> None:
    """GIVEN the organisation WHEN only 1-13 January is reported
    THEN only the sessions dated inside count (Maple w1-w2, Oak w1-w2, Birch w1)."""
    import datetime as dt

    report = _report(org, OrgFilter(dt.date(2026, 1, 1), dt.date(2026, 1, 13)))
    assert report.total.planned == 5 and report.total.delivered == 5
    assert report.total.retention == pytest.approx((7 + 5 + 10) / (8 + 5 + 10))


def test_a_backwards_range_is_refused_with_a_message() -> None:
    import datetime as dt

    with pytest.raises(ValidationError, match="before its first day"):
        OrgFilter(dt.date(2026, 2, 1), dt.date(2026, 1, 1))


def test_the_csv_has_a_row_per_circle_and_the_total(org: Core) -> None:
    """GIVEN the report WHEN exported as CSV THEN it parses back with the same figures."""
    rows = list(csv.DictReader(io.StringIO(org_report_csv(_report(org)))))
    assert tuple(rows[0]) == CSV_HEADER
    assert [r["circle"] for r in rows] == [
        "Maple circle",
        "Oak circle",
        "Birch circle",
        "All circles",
    ]
    total = rows[-1]
    assert (
        total["sessions_planned"] == "10" and total["cancel_reasons"] == "Snow: 2; Venue closed: 1"
    )
    assert (total["retention_percent"], total["dose_percent"]) == ("91", "53")
    assert total["segment_fidelity_percent"] == "86" and total["practice_fidelity_percent"] == "80"
    assert rows[0]["checklist_agenda_shared"] == "2 of 2"
    assert rows[0]["checklist_home_practice_reviewed"] == "0 of 1"
    assert (total["checkin_weeks_shown"], total["checkin_weeks_hidden"]) == ("2", "1")
    assert rows[0]["mean_shift"] == "-1.25"


def test_nothing_in_range_is_an_empty_report_not_an_error(org: Core) -> None:
    import datetime as dt

    report = _report(org, OrgFilter(dt.date(2030, 1, 1), dt.date(2030, 12, 31)))
    assert report.circles == () and report.total.planned == 0
    assert report.total.dose is None and report.total.retention is None


def test_an_answer_taken_back_to_not_answered_is_not_counted(org: Core) -> None:
    """GIVEN Maple's first week answered agenda shared: yes, home practice reviewed: no
    WHEN the facilitator takes both back to not answered (None)
    THEN the report counts neither: agenda 1 of 1, home practice with no answer at all"""
    maple = next(s for s in org.series.list_series() if s.title == "Maple circle")
    first = org.series.sessions_of(maple.id or 0)[0].id or 0
    assert org.fidelity.get(first).agenda_shared is True
    org.fidelity.set_checklist(first, agenda_shared=None, home_practice_reviewed=None)
    rows = list(csv.DictReader(io.StringIO(org_report_csv(_report(org)))))
    assert rows[0]["circle"] == "Maple circle"
    assert rows[0]["checklist_agenda_shared"] == "1 of 1"
    assert rows[0]["checklist_home_practice_reviewed"] == ""
