"""The planned-vs-actual summary, as the facilitator prints it after a session."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from pypdf import PdfReader

from attune_desktop.app import Core
from attune_desktop.printing.jobs import make_pdf
from tests.clocks import FakeClock

A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)


def pdf_text(path: Path) -> str:
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(raw.split())


def test_the_summary_prints_over_and_under_per_segment_and_the_series_overruns(
    core: Core, tmp_path: Path
) -> None:
    # GIVEN the sample series, whose first weeks were delivered, and a week run today where
    # the first segment ran 3 minutes over and the rest was cut short
    mono, wall = FakeClock(100.0), FakeClock(1_780_000_000.0)
    core.runs.clock, core.runs.wall_clock = mono, wall
    series = next(s for s in core.series.list_series() if s.title == "Attunement basics")
    target = next(
        s for s in core.sessions.list_sessions(series_id=series.id) if s.status == "planned"
    )
    sid = target.id or 0
    if target.date is not None:  # run on its own day: a day still to come runs only as rehearsal
        wall.now = dt.datetime.combine(target.date, dt.time(18, 0)).timestamp()
    segments = core.sessions.segments(sid)
    core.sessions.update_segment(segments[0].id or 0, notes="PRIVATE-NOTE-9Q")
    run = core.runs.prepare(sid)
    run.start()
    for clock in (mono, wall):
        clock.now += (segments[0].planned_minutes + 3) * 60
    run.next()
    run.end()
    # WHEN the summary is saved as a PDF, on Letter paper
    out = make_pdf(core, "run-summary", tmp_path / "summary.pdf", session=sid, paper="letter")
    # THEN it is one Letter page with each segment, its difference, the total and the series
    reader = PdfReader(out)
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert sizes == {LETTER_POINTS}
    text = pdf_text(out)
    assert target.title in text
    assert segments[0].title in text
    assert "+3 min" in text
    assert "not reached" in text
    assert "Total" in text
    assert "Across the series" in text and "ran over in" in text
    # AND nothing private is on it
    assert "PRIVATE-NOTE-9Q" not in text
    # AND A4 works the same way
    a4 = make_pdf(core, "run-summary", tmp_path / "a4.pdf", session=sid)
    assert {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(a4).pages
    } == {A4_POINTS}


def test_a_session_never_run_says_so_rather_than_a_made_up_time(
    empty_core: Core, tmp_path: Path
) -> None:
    # GIVEN a planned session that has never been run
    session = empty_core.sessions.create_session("Week 5: calm first")
    sid = session.id or 0
    empty_core.sessions.add_segment(sid, kind="welcome", planned_minutes=10)
    # WHEN its planned-vs-actual sheet is printed
    out = make_pdf(empty_core, "run-summary", tmp_path / "summary.pdf", session=sid)
    # THEN it says it has not been run, not that it took 0 minutes
    text = pdf_text(out)
    assert "not run yet" in text
    assert "took 0 min" not in text
