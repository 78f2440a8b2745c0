"""An open round's answers in memory: one per client, never past the cap, on disk once."""

from __future__ import annotations

import datetime as dt

import pytest

from attune_desktop.core.checkin_live import DEFAULT_CAP, AlreadyAnsweredError, CapReachedError
from attune_desktop.core.config import AppPaths
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.models import Family, RoundMoment
from attune_desktop.core.services.checkins import CheckInService, RoundClosedError
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database
from tests.core.faults_helpers import rows


@pytest.fixture
def checkins(db: Database) -> CheckInService:
    return CheckInService(db)


@pytest.fixture
def session_id(sessions: SessionService) -> int:
    return sessions.create_session("Arriving").id or 0


def _on_disk(paths: AppPaths) -> list[int]:
    """The counts stored, read by a connection of their own (the file's, or the server's)."""
    query = "SELECT count FROM checkincount ORDER BY option_key"
    return [int(c) for (c,) in rows(paths.database_url, query)]


def test_answers_stay_in_memory_until_the_round_closes(
    checkins: CheckInService, session_id: int, paths: AppPaths
) -> None:
    round_id = checkins.open_round(session_id, "opening", "weather").id or 0
    # WHEN three answers and a paper tally arrive
    for option in ("sunny", "rainy", "sunny"):
        checkins.record_answer(round_id, option)
    checkins.set_tally(round_id, {"cloudy": 2}, add=True)
    # THEN the facilitator's count moves, and the file holds only zeros
    assert checkins.answered(round_id) == 5
    assert _on_disk(paths) == [0, 0, 0, 0, 0]
    # WHEN it closes, THEN the counts are written once
    checkins.close_round(round_id)
    assert _on_disk(paths) == [2, 1, 0, 0, 2]  # cloudy, rainy, stormy, sun_cloud, sunny


def test_one_client_answers_once_and_is_forgotten_at_close(
    checkins: CheckInService, session_id: int
) -> None:
    round_id = checkins.open_round(session_id, "opening", "weather").id or 0
    checkins.record_answer(round_id, "sunny", client=b"phone-a")
    with pytest.raises(AlreadyAnsweredError):
        checkins.record_answer(round_id, "rainy", client=b"phone-a")
    checkins.record_answer(round_id, "rainy", client=b"phone-b")
    checkins.record_answer(round_id, "rainy")  # the kiosk, a shared device
    checkins.record_answer(round_id, "rainy")
    assert checkins.has_answered(round_id, b"phone-a")
    assert checkins.counts_of(round_id)["rainy"] == 3
    checkins.close_round(round_id)
    assert not checkins.has_answered(round_id, b"phone-a")
    with pytest.raises(RoundClosedError):
        checkins.record_answer(round_id, "sunny", client=b"phone-c")


def test_the_cap_holds_for_every_channel(checkins: CheckInService, session_id: int) -> None:
    round_id = checkins.open_round(session_id, "opening", "weather", max_answers=3).id or 0
    checkins.record_answer(round_id, "sunny", client=b"a")
    checkins.record_answer(round_id, "sunny")
    checkins.set_tally(round_id, {"rainy": 1}, add=True)
    with pytest.raises(CapReachedError):
        checkins.record_answer(round_id, "sunny", client=b"b")
    with pytest.raises(CapReachedError):
        checkins.set_tally(round_id, {"rainy": 2}, add=True)
    assert checkins.answered(round_id) == 3
    assert checkins.cap(round_id) == 3


def test_the_cap_starts_at_the_head_count_else_the_circle(
    db: Database, checkins: CheckInService, series: SeriesService, session_id: int
) -> None:
    assert checkins.default_cap(session_id) == DEFAULT_CAP
    plan = series.create_series("Circle", dt.date(2026, 1, 5), weeks=2)
    week = series.sessions_of(plan.id or 0)[0].id or 0
    with db.session() as s:
        for label in ("Ana", "Bo", "Cy"):
            s.add(Family(label=label, series_id=plan.id))
    assert checkins.default_cap(week) == 3
    series.set_attendance(week, 9)
    assert checkins.default_cap(week) == 9
    with pytest.raises(ValidationError, match="from 1 to 999"):
        checkins.open_round(week, "opening", "weather", max_answers=0)


def test_a_round_open_at_a_restart_is_listed_and_starts_empty(
    db: Database, checkins: CheckInService, session_id: int
) -> None:
    round_id = checkins.open_round(session_id, "opening", "weather").id or 0
    checkins.record_answer(round_id, "sunny")
    # WHEN the app starts again (a new service on the same file: memory is gone)
    again = CheckInService(db)
    assert [item.round.id for item in again.interrupted_rounds()] == [round_id]
    assert again.answered(round_id) == 0
    again.record_answer(round_id, "rainy")
    again.acknowledge_interrupted()
    assert again.interrupted_rounds() == []


def test_a_restore_waits_while_a_round_holds_answers_in_memory(
    checkins: CheckInService, session_id: int
) -> None:
    assert checkins.open_round_problem() is None
    round_id = checkins.open_round(session_id, "opening", "weather").id or 0
    assert "Close the round first" in (checkins.open_round_problem() or "")
    checkins.close_round(round_id)
    assert checkins.open_round_problem() is None


def test_the_next_moment_follows_the_rounds_already_taken(
    checkins: CheckInService, session_id: int
) -> None:
    assert checkins.next_moment(session_id) is RoundMoment.OPENING
    checkins.close_round(checkins.open_round(session_id, "opening", "weather").id or 0)
    assert checkins.next_moment(session_id) is RoundMoment.CLOSING
    checkins.close_round(checkins.open_round(session_id, "closing", "weather").id or 0)
    assert checkins.next_moment(session_id) is RoundMoment.AFTER_PRACTICE


def test_paper_rounds_after_a_session_replace_and_undo_together(
    checkins: CheckInService, session_id: int
) -> None:
    first = checkins.record_paper_rounds(
        session_id, {"opening": {"calm": 3}, "closing": {"calm": 4}}, scale_key="regulation4"
    )
    second = checkins.record_paper_rounds(
        session_id, {"opening": {"calm": 5}}, scale_key="regulation4"
    )
    assert [r.moment for r in checkins.rounds(session_id)] == ["opening", "closing"]
    assert checkins.counts_of(second.round_ids[0])["calm"] == 5
    checkins.undo_paper_rounds(second)
    assert checkins.counts_of(first.round_ids[0])["calm"] == 3
    # AND a tally for a moment whose round is still open is refused, nothing lost
    open_id = checkins.open_round(session_id, "named", "regulation4", "Later").id or 0
    checkins.record_answer(open_id, "calm")
    with pytest.raises(RoundClosedError):
        checkins.record_paper_rounds(session_id, {"named": {"calm": 1}}, scale_key="regulation4")
    assert checkins.answered(open_id) == 1
