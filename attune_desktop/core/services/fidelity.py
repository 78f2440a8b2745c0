"""Fidelity as a by-product of running a session: what of the plan was delivered, when it
started and ended against the booked time, and the facilitator's short end-of-run checklist.

Everything here is a fact about the session (counts, minutes, three ticks), never about a
person, so it may travel to the organisation's database and into its report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from sqlmodel import Session as DbSession

from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import Segment, SegmentKind, Session, SessionFidelity
from attune_desktop.core.services.base import ChangeKind, Service, require

# The checklist, in the order it is asked, with the words it is asked in.
CHECKLIST: Final[tuple[tuple[str, str], ...]] = (
    ("agenda_shared", N_("Agenda shared with the group")),
    ("home_practice_reviewed", N_("Home practice reviewed")),
    ("every_parent_had_a_turn", N_("Every parent had a turn")),
)
CHECKLIST_FIELDS: Final = tuple(name for name, _label in CHECKLIST)


def is_practice(segment: Segment) -> bool:
    return segment.practice_id is not None or segment.kind == SegmentKind.PRACTICE.value


def _offset(actual: dt.datetime | None, booked: dt.datetime | None) -> int | None:
    if actual is None or booked is None:
        return None
    if actual.tzinfo is None:
        actual = actual.replace(tzinfo=dt.UTC)
    return round((actual - booked).total_seconds() / 60)


def record_run(
    db: DbSession,
    session: Session,
    segments: Sequence[tuple[Segment, bool]],
    booked: tuple[dt.datetime, dt.datetime] | None,
) -> SessionFidelity:
    """Write what a finished run delivered (segments with their skipped flag, in run order).

    A segment counts as delivered when the run reached it and did not skip it. The checklist
    already ticked is kept: running again replaces the run's facts, not the facilitator's.
    """
    row = db.get(SessionFidelity, session.id) or SessionFidelity(session_id=session.id or 0)
    delivered = [seg for seg, skipped in segments if not skipped and seg.actual_start is not None]
    row.segments_planned = len(segments)
    row.segments_delivered = len(delivered)
    row.practices_planned = sum(1 for seg, _skipped in segments if is_practice(seg))
    row.practices_delivered = sum(1 for seg in delivered if is_practice(seg))
    start, end = booked if booked is not None else (None, None)
    row.start_offset_minutes = _offset(session.actual_start, start)
    row.end_offset_minutes = _offset(session.actual_end, end)
    db.add(row)
    return row


class FidelityService(Service):
    """Reads a session's fidelity facts and keeps the facilitator's checklist."""

    def get(self, session_id: int) -> SessionFidelity:
        """The session's facts; a session never run has an all-empty record (not stored)."""
        with self._db.session() as db:
            require(db.get(Session, session_id), "session", session_id)
            found = db.get(SessionFidelity, session_id)
            return found or SessionFidelity(session_id=session_id)

    def set_checklist(self, session_id: int, **ticks: bool | None) -> dict[str, bool | None]:
        """Tick (True), untick (False) or clear (None) checklist items; returns the old ticks."""
        unknown = set(ticks) - set(CHECKLIST_FIELDS)
        if unknown:
            raise ValidationError(
                "checklist",
                _("{unknown!r} is not on the checklist.").format(unknown=sorted(unknown)[0]),
            )
        for name, value in ticks.items():
            if value is not None and not isinstance(value, bool):
                raise ValidationError(name, _("A checklist item is ticked, unticked or left open."))
        with self._db.session() as db:
            session = require(db.get(Session, session_id), "session", session_id)
            row = db.get(SessionFidelity, session_id) or SessionFidelity(session_id=session_id)
            old = {name: getattr(row, name) for name in CHECKLIST_FIELDS}
            for name, value in ticks.items():
                setattr(row, name, value)
            db.add(row)
            series_id = session.series_id
        self._announce("session", ChangeKind.UPDATED, (session_id,), series_id)
        return old
