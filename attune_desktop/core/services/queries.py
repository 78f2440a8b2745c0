"""The session and segment reads more than one owner needs, written once.

`SeriesService`, `SessionService`, `RunService`, the bundle export/import and the starter
content all read a series' sessions in week order and a session's segments in running order;
they call these instead of each writing the query again. Plain SQLModel, nothing specific to
SQLite (that stays in `core/storage`).
"""

from __future__ import annotations

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop.core.models import Segment, Session


def sessions_by_week(db: DbSession, series_id: int) -> list[Session]:
    """A series' sessions by week (unnumbered last), then date, then id."""
    query = (
        select(Session)
        .where(Session.series_id == series_id)
        .order_by(
            col(Session.week).is_(None), col(Session.week), col(Session.date), col(Session.id)
        )
    )
    return list(db.exec(query))


def ordered_segments(db: DbSession, session_id: int) -> list[Segment]:
    """A session's segments in running order (position, then id)."""
    query = (
        select(Segment)
        .where(Segment.session_id == session_id)
        .order_by(col(Segment.position), col(Segment.id))
    )
    return list(db.exec(query))
