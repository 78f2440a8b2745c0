"""The shared session and segment reads: one order, whoever asks (series, sessions, bundle)."""

from __future__ import annotations

import datetime as dt

from attune_desktop.core.services.queries import ordered_segments, sessions_by_week
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database


def test_a_series_reads_by_week_with_unnumbered_sessions_last(
    db: Database, series: SeriesService, sessions: SessionService
) -> None:
    """GIVEN a three-week series and an extra session with no week number
    WHEN its sessions are read THEN they come by week, the unnumbered one last."""
    plan = series.create_series("Circle", dt.date(2026, 3, 3), weeks=3)
    extra = sessions.create_session("Extra", series_id=plan.id, date=dt.date(2026, 3, 1))
    with db.session() as session:
        found = sessions_by_week(session, plan.id or 0)
    assert [s.week for s in found] == [1, 2, 3, None]
    assert found[-1].id == extra.id
    assert [s.id for s in found] == [s.id for s in series.sessions_of(plan.id or 0)]


def test_segments_read_in_running_order(db: Database, sessions: SessionService) -> None:
    """GIVEN segments added at the end and one put first WHEN they are read THEN they come
    in running order, as the agenda shows them."""
    session = sessions.create_session("Week 1")
    ident = session.id or 0
    sessions.add_segment(ident, kind="welcome", title="Hello")
    sessions.add_segment(ident, kind="closing", title="Goodbye")
    sessions.add_segment(ident, kind="practice", title="Breathe", position=1)
    with db.session() as s:
        titles = [segment.title for segment in ordered_segments(s, ident)]
    assert titles == ["Hello", "Breathe", "Goodbye"]
    assert titles == [segment.title for segment in sessions.segments(ident)]
