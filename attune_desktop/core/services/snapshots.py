"""Deleted rows kept in memory so a delete can be undone exactly (same ids, same order)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, select

from attune_desktop.core import models

FAMILY_LINK = "family-link"

_TABLES: dict[str, type[SQLModel]] = {
    "series": models.Series,
    "session": models.Session,
    "segment": models.Segment,
    "practice": models.Practice,
    "checkinscale": models.CheckInScale,
    "checkinround": models.CheckInRound,
    "checkincount": models.CheckInCount,
    "followupnote": models.FollowUpNote,
    "family": models.Family,
    "routine": models.Routine,
    "step": models.Step,
}


@dataclass(frozen=True)
class Snapshot:
    """Rows in parent-before-child order, as they were just before a delete."""

    rows: tuple[tuple[str, dict[str, Any]], ...]

    @property
    def root_id(self) -> int:
        first = self.rows[0][1]
        return int(first.get("id") or 0)


def take(rows: Sequence[SQLModel]) -> Snapshot:
    return Snapshot(tuple((type(row).__tablename__, row.model_dump()) for row in rows))  # type: ignore[misc]


def put_back(db: DbSession, snap: Snapshot) -> None:
    for table, data in snap.rows:
        if table == FAMILY_LINK:
            family = db.get(models.Family, data["id"])
            if family is not None:
                family.series_id = data["series_id"]
                db.add(family)
            continue
        db.add(_TABLES[table](**data))
        db.flush()


def replace_back(
    db: DbSession, model: type[SQLModel], added_ids: Sequence[int], removed: Sequence[Snapshot]
) -> None:
    """Undo an edit that added rows of `model` in place of others: delete the added rows,
    then put back the snapshots of the ones they replaced (a paper tally, a re-plan)."""
    for ident in added_ids:
        row = db.get(model, ident)
        if row is not None:
            db.delete(row)
    db.flush()
    for snap in removed:
        put_back(db, snap)


def session_rows(db: DbSession, session_id: int) -> list[Any]:
    """A session and everything it owns, parents first."""
    rows: list[Any] = []
    session = db.get(models.Session, session_id)
    if session is None:
        return rows
    rows.append(session)
    # Each in id order, so an undo puts rows back the same way on SQLite and PostgreSQL.
    segments = select(models.Segment).where(models.Segment.session_id == session_id)
    rows += db.exec(segments.order_by(col(models.Segment.id)))
    notes = select(models.FollowUpNote).where(models.FollowUpNote.session_id == session_id)
    rows += db.exec(notes.order_by(col(models.FollowUpNote.id)))
    owned = select(models.CheckInRound).where(models.CheckInRound.session_id == session_id)
    rounds = list(db.exec(owned.order_by(col(models.CheckInRound.id))))
    rows += rounds
    for round_ in rounds:
        rows += db.exec(
            select(models.CheckInCount).where(models.CheckInCount.round_id == round_.id)
        )
    return rows


def series_snapshot(db: DbSession, series: models.Series) -> Snapshot:
    """A series, its sessions with all they own, and which families attended it."""
    rows: list[tuple[str, dict[str, Any]]] = [("series", series.model_dump())]
    sessions = db.exec(
        select(models.Session)
        .where(models.Session.series_id == series.id)
        .order_by(col(models.Session.id))
    )
    for session in sessions:
        rows += take(session_rows(db, session.id or 0)).rows
    families = db.exec(select(models.Family).where(models.Family.series_id == series.id))
    rows += [(FAMILY_LINK, {"id": f.id, "series_id": f.series_id}) for f in families]
    return Snapshot(tuple(rows))
