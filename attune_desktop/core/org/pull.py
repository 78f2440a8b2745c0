"""An organiser's home receives every laptop's published circles, for the organisation report.

The report reads the app's own tables (Series, Session, CheckInRound, CheckInCount), so an
organiser's sync copies into its home each series other laptops published or changed since
the last pull (`org.series.published_at`, re-read with an overlap: the upserts make a second
copy harmless), and removes the ones the organisation no longer has. A pulled circle is marked
`received` in `OrgSyncState` (kind "circle"): it is never published back, and it holds only
what laptops publish (no notes, no scripts, no families).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Final

from sqlalchemy import Connection, insert, text
from sqlmodel import Session as DbSession
from sqlmodel import col, delete, select

from attune_desktop.core import models
from attune_desktop.core.models import CheckInCount, CheckInRound, OrgSyncState, Series, Session

KIND: Final = "circle"
MARK_UID: Final = "pull-mark"  # OrgSyncState row holding the last pull's server time
CHUNK: Final = 5000  # uids a lookup names at once (SQLite allows 32,766 parameters)
OVERLAP: Final = dt.timedelta(minutes=10)  # a laptop's transaction may commit after its now()
SERIES_FIELDS: Final = (
    "title", "venue", "facilitators", "weekday", "start_time", "first_date", "weeks",
    "skip_dates", "time_zone", "session_minutes", "site", "curriculum",
)  # fmt: skip
SESSION_FIELDS: Final = (
    "week", "title", "date", "start_time", "venue", "target_minutes", "status", "attendance",
    "actual_start", "actual_end", "cancel_reason",
)  # fmt: skip


def _known(model: Any, row: Any, names: Sequence[str]) -> dict[str, Any]:
    """The fields this version's model has (labels added by later work are kept when present)."""
    return {name: row[name] for name in names if name in model.model_fields}


def pull_circles(conn: Connection, local: DbSession) -> int:
    """Copy what changed since the last pull; returns how many series were copied or removed."""
    mark_row = local.get(OrgSyncState, MARK_UID)
    since = dt.datetime.fromisoformat(mark_row.fingerprint) - OVERLAP if mark_row else None
    now = conn.execute(text("SELECT now()")).scalar_one()
    theirs = set(
        conn.execute(text("SELECT uid FROM org.series WHERE owner <> current_user")).scalars()
    )
    held = set(
        local.exec(
            select(OrgSyncState.uid).where(OrgSyncState.kind == KIND, col(OrgSyncState.received))
        )
    )
    gone = sorted(held - theirs)
    _remove(local, gone)
    query = "SELECT * FROM org.series WHERE owner <> current_user"
    rows = conn.execute(
        text(query + (" AND published_at >= :since" if since else "")),
        {"since": since} if since else {},
    ).mappings()
    changed = [dict(r) for r in rows]
    uids = [r["uid"] for r in changed]
    _remove(local, uids)
    if changed:
        _copy(conn, local, changed)
    mark = mark_row or OrgSyncState(uid=MARK_UID, kind="mark")
    mark.fingerprint = now.isoformat()
    local.add(mark)
    return len(changed) + len(gone)


def _remove(local: DbSession, uids: Sequence[str]) -> None:
    if not uids:
        return
    local.exec(delete(Series).where(col(Series.uid).in_(uids)))  # sessions etc. cascade
    local.exec(delete(OrgSyncState).where(col(OrgSyncState.uid).in_(uids)))
    local.flush()


def _insert(local: DbSession, model: Any, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert many rows at once (one statement, no model object a row: building 30,000 of
    them took most of a first pull); the model's defaults fill what a row leaves out. Returns
    the new ids by uid."""
    if not rows:
        return {}
    base = model.model_construct().model_dump(exclude={"id", "uid"})
    local.connection().execute(insert(model), [base | r for r in rows])
    ids: dict[str, int] = {}
    uids = [r["uid"] for r in rows]
    for start in range(0, len(uids), CHUNK):
        part = uids[start : start + CHUNK]
        ids.update(local.exec(select(model.uid, model.id).where(col(model.uid).in_(part))).all())
    return ids


def _copy(conn: Connection, local: DbSession, series_rows: list[dict[str, Any]]) -> None:
    uids = [r["uid"] for r in series_rows]
    series = [{"uid": r["uid"]} | _known(Series, r, SERIES_FIELDS) for r in series_rows]
    series_ids = _insert(local, Series, series)
    local.connection().execute(
        insert(OrgSyncState),
        [{"uid": u, "kind": KIND, "fingerprint": "", "version": 0, "received": True} for u in uids],
    )
    sessions = conn.execute(
        text("SELECT * FROM org.session WHERE series_uid = ANY(:u) ORDER BY date, week"),
        {"u": uids},
    ).mappings()
    made = [
        {"uid": s["uid"], "series_id": series_ids[s["series_uid"]]}
        | _known(Session, s, SESSION_FIELDS)
        for s in sessions
    ]
    session_ids = _insert(local, Session, made)
    _copy_rounds(conn, local, session_ids)
    _copy_fidelity(conn, local, session_ids)


def _copy_fidelity(conn: Connection, local: DbSession, session_ids: dict[str, int]) -> None:
    model = getattr(models, "SessionFidelity", None)
    if model is None:
        return
    facts = conn.execute(
        text("SELECT * FROM org.session_fidelity WHERE session_uid = ANY(:s)"),
        {"s": list(session_ids)},
    ).mappings()
    rows = [
        model(
            session_id=session_ids[f["session_uid"]],
            **{k: v for k, v in f.items() if k in model.model_fields},
        ).model_dump()
        for f in facts
    ]
    if rows:
        local.connection().execute(insert(model), rows)


def _copy_rounds(conn: Connection, local: DbSession, session_ids: dict[str, int]) -> None:
    rounds = conn.execute(
        text("SELECT * FROM org.checkin_round WHERE session_uid = ANY(:s)"),
        {"s": list(session_ids)},
    ).mappings()
    names = ("uid", "moment", "name", "scale_key", "min_responses", "position")
    made = [
        {n: r[n] for n in names} | {"session_id": session_ids[r["session_uid"]], "status": "closed"}
        for r in rounds
    ]
    round_ids = _insert(local, CheckInRound, made)
    counts: Iterable[Any] = conn.execute(
        text(
            "SELECT round_uid, option_key, count FROM org.checkin_count WHERE round_uid = ANY(:r)"
        ),
        {"r": list(round_ids)},
    )
    rows = [
        {"round_id": round_ids[round_uid], "option_key": key, "count": count}
        for round_uid, key, count in counts
    ]
    if rows:
        local.connection().execute(insert(CheckInCount), rows)
