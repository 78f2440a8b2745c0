"""Sessions and their agendas: create, edit, reorder, duplicate, delete and undo a delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session as DbSession
from sqlmodel import col, func, select

from attune_desktop.core import validation as v
from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import N_, _
from attune_desktop.core.models import (
    Practice,
    Segment,
    SegmentKind,
    Series,
    Session,
    SessionStatus,
    utcnow,
)
from attune_desktop.core.services import snapshots
from attune_desktop.core.services.base import ChangeKind, Service, Validator, clean_changes, require
from attune_desktop.core.services.queries import ordered_segments
from attune_desktop.core.services.received import is_received_week, refuse_received_week
from attune_desktop.core.services.snapshots import Snapshot


def _attendance(value: object) -> int | None:
    if value is None or value == "":
        return None
    return v.whole_number(value, "attendance", low=0, high=500, unit="people")


def _optional_id(value: object) -> int | None:
    if value is None:
        return None
    return v.whole_number(value, "id", low=1, high=2**62)


SESSION_FIELDS: dict[str, Validator] = {
    "title": lambda x: v.required_text(x, "title"),
    "date": lambda x: v.optional_date(x, "date"),
    "start_time": lambda x: v.clock_time(x, "start_time"),
    "venue": lambda x: v.clean_text(x, "venue", max_len=v.SHORT_TEXT_MAX),
    "target_minutes": lambda x: v.session_minutes(x, "target_minutes"),
    "status": lambda x: v.choice(x, "status", SessionStatus),
    "attendance": _attendance,
    "prep_notes": lambda x: v.notes(x, "prep_notes"),
    "series_id": _optional_id,
    "week": lambda x: None if x is None else v.whole_number(x, "week", low=1, high=52),
    "is_template": bool,
}

SEGMENT_FIELDS: dict[str, Validator] = {
    "kind": lambda x: v.choice(x, "kind", SegmentKind),
    "title": lambda x: v.required_text(x, "title"),
    "planned_minutes": lambda x: v.minutes(x, "planned_minutes"),
    "notes": lambda x: v.notes(x, "notes"),
    "materials": lambda x: v.notes(x, "materials", max_len=5_000),
    "fixed": bool,
    "share_script": bool,  # the script may go to the organisation's database
    "practice_id": _optional_id,
}

DEFAULT_SEGMENT_TITLES: dict[str, tuple[str, int]] = {
    SegmentKind.WELCOME: (N_("Welcome"), 10),
    SegmentKind.CHECK_IN: (N_("How are we arriving?"), 10),
    SegmentKind.TEACHING: (N_("Teaching"), 20),
    SegmentKind.DISCUSSION: (N_("Talking together"), 20),
    SegmentKind.PRACTICE: (N_("Practice together"), 5),
    SegmentKind.BREAK: (N_("Break"), 15),
    SegmentKind.CLOSING: (N_("Closing"), 10),
    SegmentKind.OTHER: (N_("Activity"), 10),
}


def take_out_session(db: DbSession, session_id: int) -> tuple[Snapshot, Session]:
    """Delete a session (not a received template's week) with everything it owns: the snapshot
    undo puts back, and the session as it was."""
    session = require(db.get(Session, session_id), "session", session_id)
    refuse_received_week(db, session_id)
    snap = snapshots.take(snapshots.session_rows(db, session_id))
    db.delete(session)
    return snap, session


@dataclass(frozen=True)
class SessionTitle:
    """A session as a list shows it: cheap to read for thousands (no ORM object each)."""

    id: int
    title: str
    date: dt.date | None


class SessionService(Service):
    """Every read and write of sessions and segments."""

    # --- sessions -------------------------------------------------------------------------

    def list_sessions(
        self, *, series_id: int | None = None, templates: bool | None = False
    ) -> list[Session]:
        """Sessions of a series (by week and date) or all; templates only, none, or both."""
        with self._db.session() as db:
            query = select(Session)
            if series_id is not None:
                query = query.where(Session.series_id == series_id)
            if templates is not None:
                query = query.where(Session.is_template == templates)
            query = query.order_by(
                col(Session.date).is_(None), col(Session.date), col(Session.week), col(Session.id)
            )
            return list(db.exec(query))

    def list_session_titles(self, *, templates: bool = False) -> list[SessionTitle]:
        """Every session's id, title and date in list order (`list_sessions`' order)."""
        with self._db.session() as db:
            query = (
                select(col(Session.id), col(Session.title), col(Session.date))
                .where(Session.is_template == templates)
                .order_by(
                    col(Session.date).is_(None),
                    col(Session.date),
                    col(Session.week),
                    col(Session.id),
                )
            )
            return [SessionTitle(ident or 0, title, date) for ident, title, date in db.exec(query)]

    def get_session(self, session_id: int) -> Session:
        with self._db.session() as db:
            return require(db.get(Session, session_id), "session", session_id)

    def create_session(self, title: str, **fields: Any) -> Session:
        clean = clean_changes({"title": title, **fields}, SESSION_FIELDS)
        with self._db.session() as db:
            _require_series(db, clean)
            session = Session(**clean)
            db.add(session)
            db.flush()
            assert session.id is not None
            new_id = session.id
        self._announce("session", ChangeKind.CREATED, (new_id,), session.series_id)
        return session

    def update_session(self, session_id: int, **changes: Any) -> Session:
        clean = clean_changes(changes, SESSION_FIELDS)
        with self._db.session() as db:
            _require_series(db, clean)
            session = require(db.get(Session, session_id), "session", session_id)
            refuse_received_week(db, session_id)
            for name, value in clean.items():
                setattr(session, name, value)
            session.updated_at = utcnow()
            db.add(session)
        self._announce("session", ChangeKind.UPDATED, (session_id,), session.series_id)
        return session

    def delete_session(self, session_id: int) -> Snapshot:
        """Delete a session with everything it owns; the snapshot lets undo put it back."""
        with self._db.session() as db:
            snap, session = take_out_session(db, session_id)
        self._announce("session", ChangeKind.DELETED, (session_id,), session.series_id)
        return snap

    def restore_session(self, snap: Snapshot) -> Session:
        with self._db.session() as db:
            snapshots.put_back(db, snap)
            session = require(db.get(Session, snap.root_id), "session", snap.root_id)
        self._announce("session", ChangeKind.CREATED, (snap.root_id,), session.series_id)
        return session

    def duplicate_session(
        self,
        session_id: int,
        *,
        title: str | None = None,
        as_template: bool = False,
        series_id: int | None = None,
    ) -> Session:
        """A copy with the same agenda, planned again (no actual times, no attendance)."""
        with self._db.session() as db:
            source = require(db.get(Session, session_id), "session", session_id)
            copy = Session(
                title=v.required_text(title) if title else _copy_title(source.title, as_template),
                start_time=source.start_time,
                venue=source.venue,
                target_minutes=source.target_minutes,
                prep_notes=source.prep_notes,
                is_template=as_template,
                series_id=None
                if as_template or source.is_template
                else (series_id or source.series_id),
                date=None if as_template else source.date,
            )
            db.add(copy)
            db.flush()
            assert copy.id is not None
            for segment in ordered_segments(db, session_id):
                data = segment.model_dump(
                    exclude={"id", "uid", "session_id", "actual_start", "actual_end"}
                )
                db.add(Segment(session_id=copy.id, **data))
            new_id = copy.id
        self._announce("session", ChangeKind.CREATED, (new_id,), copy.series_id)
        return copy

    def templates(self) -> list[Session]:
        return self.list_sessions(templates=True)

    def is_received(self, session_id: int) -> bool:
        """True for a week of a curriculum template received from the organisation: read-only
        here (duplicate it to change a copy)."""
        with self._db.session() as db:
            return is_received_week(db, session_id)

    def start_from_template(self, template_id: int, **fields: Any) -> Session:
        """A new planned session whose agenda is a copy of the template's."""
        clean = clean_changes(fields, SESSION_FIELDS)
        session = self.duplicate_session(template_id, title=clean.pop("title", None))
        if clean or session.is_template:
            session = self.update_session(session.id or 0, is_template=False, **clean)
        return session

    # --- segments -------------------------------------------------------------------------

    def segments(self, session_id: int) -> list[Segment]:
        with self._db.session() as db:
            return ordered_segments(db, session_id)

    def get_segment(self, segment_id: int) -> Segment:
        with self._db.session() as db:
            return require(db.get(Segment, segment_id), "segment", segment_id)

    def add_segment(
        self, session_id: int, *, kind: str = "other", position: int | None = None, **fields: Any
    ) -> Segment:
        """Add a segment (at the end unless a position is given); defaults follow the kind."""
        kind = v.choice(kind, "kind", SegmentKind)
        title, default_minutes = DEFAULT_SEGMENT_TITLES[kind]
        fields.setdefault("title", _(title))  # in the facilitator's language, as written
        fields.setdefault("planned_minutes", default_minutes)
        fields.setdefault("fixed", kind in (SegmentKind.BREAK, SegmentKind.CLOSING))
        clean = clean_changes({"kind": kind, **fields}, SEGMENT_FIELDS)
        with self._db.session() as db:
            require(db.get(Session, session_id), "session", session_id)
            if clean.get("practice_id") is not None:
                require(db.get(Practice, clean["practice_id"]), "practice", clean["practice_id"])
            refuse_received_week(db, session_id)
            segment = self._insert(
                db, session_id, Segment(session_id=session_id, **clean), position
            )
            new_id = segment.id or 0
        self._announce("segment", ChangeKind.CREATED, (new_id,), session_id)
        return segment

    def add_practice_segment(
        self, session_id: int, practice_id: int, position: int | None = None
    ) -> Segment:
        """A practice segment that takes the practice's name, length, script and pacing."""
        with self._db.session() as db:
            practice = require(db.get(Practice, practice_id), "practice", practice_id)
        script = practice.script
        if practice.pacing:
            script = _("Pacing: {pacing}\n\n{script}").format(pacing=practice.pacing, script=script)
        if practice.care_notes:
            script = _("{script}\n\nCare: {care_notes}").format(
                script=script, care_notes=practice.care_notes
            )
        return self.add_segment(
            session_id,
            kind=SegmentKind.PRACTICE,
            position=position,
            title=practice.name,
            planned_minutes=min(max(practice.default_minutes, 1), v.MAX_MINUTES),
            notes=script[: v.NOTES_MAX],
            practice_id=practice_id,
        )

    def update_segment(self, segment_id: int, **changes: Any) -> Segment:
        clean = clean_changes(changes, SEGMENT_FIELDS)
        with self._db.session() as db:
            segment = require(db.get(Segment, segment_id), "segment", segment_id)
            refuse_received_week(db, segment.session_id)
            if clean.get("practice_id") is not None:  # else the foreign key fails at commit
                require(db.get(Practice, clean["practice_id"]), "practice", clean["practice_id"])
            for name, value in clean.items():
                setattr(segment, name, value)
            db.add(segment)
        self._announce("segment", ChangeKind.UPDATED, (segment_id,), segment.session_id)
        return segment

    def delete_segment(self, segment_id: int) -> Snapshot:
        with self._db.session() as db:
            segment = require(db.get(Segment, segment_id), "segment", segment_id)
            refuse_received_week(db, segment.session_id)
            snap = snapshots.take([segment])
            session_id = segment.session_id
            db.delete(segment)
            db.flush()
            self._renumber(db, session_id)
        self._announce("segment", ChangeKind.DELETED, (segment_id,), session_id)
        return snap

    def restore_segment(self, snap: Snapshot) -> Segment:
        """Put a deleted segment back where it was."""
        data = dict(snap.rows[0][1])
        with self._db.session() as db:
            position = int(data.pop("position", 0))
            segment = self._insert(db, int(data["session_id"]), Segment(**data), position)
            session_id = segment.session_id
        self._announce("segment", ChangeKind.CREATED, (snap.root_id,), session_id)
        return segment

    def duplicate_segment(self, segment_id: int) -> Segment:
        source = self.get_segment(segment_id)
        data = source.model_dump(
            exclude={"id", "uid", "session_id", "position", "actual_start", "actual_end", "kind"}
        )
        return self.add_segment(
            source.session_id, kind=source.kind, position=source.position + 1, **data
        )

    def move_segment(self, session_id: int, from_index: int, to_index: int) -> None:
        """Move one segment to a new place in the agenda (indexes are agenda positions)."""
        with self._db.session() as db:
            refuse_received_week(db, session_id)
            ordered = ordered_segments(db, session_id)
            if not (0 <= from_index < len(ordered) and 0 <= to_index < len(ordered)):
                raise ValidationError("position", _("That segment cannot move there."))
            moving = ordered.pop(from_index)
            ordered.insert(to_index, moving)
            for index, segment in enumerate(ordered):
                segment.position = index
                db.add(segment)
        self._announce("segment", ChangeKind.UPDATED, (), session_id)

    def reorder_segments(self, session_id: int, ordered_ids: Sequence[int]) -> None:
        with self._db.session() as db:
            refuse_received_week(db, session_id)
            current = {s.id or 0: s for s in ordered_segments(db, session_id)}
            if sorted(current) != sorted(ordered_ids):
                raise ValidationError("position", _("The new order must name every segment once."))
            for index, ident in enumerate(ordered_ids):
                current[ident].position = index
                db.add(current[ident])
        self._announce("segment", ChangeKind.UPDATED, (), session_id)

    # --- helpers --------------------------------------------------------------------------

    def _insert(
        self, db: DbSession, session_id: int, segment: Segment, position: int | None
    ) -> Segment:
        ordered = ordered_segments(db, session_id)
        if len(ordered) >= 200:
            raise ValidationError("position", _("A session can hold at most 200 segments."))
        index = len(ordered) if position is None else max(0, min(position, len(ordered)))
        ordered.insert(index, segment)
        for number, row in enumerate(ordered):
            row.position = number
            db.add(row)
        db.flush()
        return segment

    def _renumber(self, db: DbSession, session_id: int) -> None:
        for index, segment in enumerate(ordered_segments(db, session_id)):
            if segment.position != index:
                segment.position = index
                db.add(segment)

    def planned_minutes(self, session_ids: Sequence[int]) -> dict[int, int]:
        """Sum of planned segment minutes per session, in one query."""
        if not session_ids:
            return {}
        with self._db.session() as db:
            query = (
                select(Segment.session_id, func.sum(Segment.planned_minutes))
                .where(col(Segment.session_id).in_(list(session_ids)))
                .group_by(col(Segment.session_id))
            )
            return {int(ident): int(total or 0) for ident, total in db.exec(query)}

    def count(self) -> int:
        with self._db.session() as db:
            return int(db.exec(select(func.count()).select_from(Session)).one())


def _require_series(db: DbSession, clean: dict[str, Any]) -> None:
    """A session's series must exist (else the foreign key fails only at commit)."""
    if clean.get("series_id") is not None:
        require(db.get(Series, clean["series_id"]), "series", clean["series_id"])


def _copy_title(title: str, as_template: bool) -> str:
    suffix = _(" (template)") if as_template else _(" (copy)")
    return (title[: v.TITLE_MAX - len(suffix)] + suffix).strip()
