"""Follow-up notes: jotted in one session, back in the next one's preparation, never shared."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from attune_desktop.core.errors import ValidationError
from attune_desktop.core.report import build_report, report_csv
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.core.services.followups import FollowUpService
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database

NOTE = "Check back in about the big game"


@pytest.fixture
def followups(db: Database) -> FollowUpService:
    return FollowUpService(db)


@pytest.fixture
def term(series: SeriesService) -> list[int]:
    made = series.create_series("Circle", dt.date(2026, 3, 3), weeks=4)
    return [s.id or 0 for s in series.sessions_of(made.id or 0)]


def test_a_note_comes_back_in_the_next_sessions_preparation(
    followups: FollowUpService, term: list[int]
) -> None:
    # GIVEN a note jotted during week 1
    followups.add_note(term[0], NOTE)
    # WHEN week 2 is prepared, THEN the note is there, saying where it came from
    carried = followups.for_preparation(term[1])
    assert [c.note.text for c in carried] == [NOTE]
    assert carried[0].from_week == 1
    # AND week 1 itself lists it as written there, not carried
    assert followups.for_preparation(term[0]) == []
    assert [n.text for n in followups.notes_for_session(term[0])] == [NOTE]


def test_a_note_keeps_coming_back_until_ticked_done(
    followups: FollowUpService, term: list[int]
) -> None:
    note = followups.add_note(term[0], NOTE)
    assert [c.note.text for c in followups.for_preparation(term[2])] == [NOTE]
    followups.update_note(note.id or 0, done=True)
    assert followups.for_preparation(term[2]) == []


def test_an_empty_note_is_refused(followups: FollowUpService, term: list[int]) -> None:
    with pytest.raises(ValidationError, match="empty note"):
        followups.add_note(term[0], "   ")
    assert followups.notes_for_session(term[0]) == []


def test_delete_and_restore(followups: FollowUpService, term: list[int]) -> None:
    note = followups.add_note(term[0], NOTE)
    snap = followups.delete_note(note.id or 0)
    assert followups.notes_for_session(term[0]) == []
    followups.restore_note(snap)
    assert [n.id for n in followups.notes_for_session(term[0])] == [note.id]


def test_notes_never_reach_exports_or_reports(
    db: Database,
    followups: FollowUpService,
    series: SeriesService,
    sessions: SessionService,
    term: list[int],
    tmp_path: Path,
) -> None:
    # GIVEN a follow-up note in week 1 of a series
    followups.add_note(term[0], NOTE)
    series_id = series.get_session(term[0]).series_id or 0
    # WHEN the series is shared, put in a calendar and reported on
    bundle = series.export_bundle(series_id, tmp_path / "b.json").read_text(encoding="utf-8")
    ics = series.export_ics(series_id, tmp_path / "c.ics").read_bytes().decode("utf-8")
    report = build_report(series, sessions, CheckInService(db), series_id)
    csv_text = report_csv(report)
    # THEN the note is in none of them
    for text in (bundle, ics, csv_text, json.dumps(report.summary_lines())):
        assert "big game" not in text
